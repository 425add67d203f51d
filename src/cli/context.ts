import type { DatabaseHandle } from '../db/client.ts';
import { DatabaseInUseError } from '../db/lock.ts';
import { type AppError, isAppError } from '../lib/errors.ts';
import { isIsoDate } from '../lib/dates.ts';

/** Thrown for a usage mistake: printed as is, exit code 2. */
export class UsageError extends Error {}

/** Enough for the pages a command reads or writes; PostgreSQL's 128MB default would add 117 MiB to each command's memory. */
const COMMAND_SHARED_BUFFERS = '16MB';

/**
 * Opens the database the server would use (same LEXPACT_DATA_DIR / LEXPACT_DATABASE_URL), migrated and,
 * unless told otherwise, seeded like `npm start` does on first run.
 */
export async function withDatabase<T>(
  run: (database: DatabaseHandle) => Promise<T>,
  { seed = true }: { seed?: boolean } = {},
): Promise<T> {
  // Imported here, not at the top: registering the commands (and `--help`) must not load the database drivers.
  const [{ openDatabase }, { databaseDir, loadConfig }, { hasOutdatedEntries }] = await Promise.all([
    import('../db/client.ts'),
    import('../server/config.ts'),
    import('../modules/library/search/outdated.ts'),
  ]);
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: databaseDir(config),
    embedded: { sharedBuffers: COMMAND_SHARED_BUFFERS },
  });
  try {
    await database.migrate();
    if (seed && config.seed === 'auto') {
      const { isSeeded } = await import('../db/seeded.ts');
      if (!(await isSeeded(database.db))) {
        const [{ seedDatabase }, { fileStoreFor }] = await Promise.all([
          import('../db/seed.ts'),
          import('../modules/library/storage/file-store-config.ts'),
        ]);
        await seedDatabase({ db: database.db, files: fileStoreFor(config.library) });
      }
    }
    if (await hasOutdatedEntries(database.db)) {
      const { postgresSearchIndex } = await import('../modules/library/search/postgres-search.ts');
      const reindexed = await postgresSearchIndex.reindexOutdated(database.db);
      if (reindexed > 0)
        console.error(`rebuilt the search entries of ${reindexed} library documents indexed by an earlier version`);
    }
    return await run(database);
  } finally {
    await database.close();
  }
}

export function requireDateOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${option}: "${value}" is not a real date written as YYYY-MM-DD`);
  return value;
}

export function requireChoice<T extends string>(value: string, option: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option}: "${value}" is not one of ${choices.join(', ')}`);
  return value as T;
}

/** Prints an error the way a person can act on it and sets the exit code; never a stack trace for known errors. */
export function reportError(error: unknown): void {
  // A database held by another process is a usage matter too: the person stops it or switches to PostgreSQL.
  if (error instanceof UsageError || error instanceof DatabaseInUseError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  // Something named on the command line does not exist (an instrument, a country, a document): a wrong value, and its
  // message already carries the nearest valid ids.
  if (isAppError(error) && error.status === 404) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  if (isAppError(error)) {
    console.error(`error: ${(error as AppError).message}`);
    for (const problem of error.problems) {
      const where = [problem.file, problem.line !== undefined ? `line ${problem.line}` : undefined, problem.field]
        .filter(Boolean)
        .join(', ');
      console.error(`  - ${where ? `${where}: ` : ''}${problem.reason}`);
    }
    process.exitCode = 1;
    return;
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
