import { openDatabase } from '../db/client.ts';
import { DatabaseInUseError } from '../db/lock.ts';
import { isSeeded, seedDatabase } from '../db/seed.ts';
import { fileStoreFor } from '../modules/library/storage/file-store-config.ts';
import { sweepOrphanedOriginals } from '../modules/library/storage/file-sweep.ts';
import { systemClock } from '../lib/dates.ts';
import { postgresSearchIndex } from '../modules/library/search/postgres-search.ts';
import { buildApp, DEFAULT_WEB_DIR } from './app.ts';
import { databaseDir, loadConfig } from './config.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: databaseDir(config) }).catch(
  (error: unknown) => {
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(2);
  },
);
await database.migrate();
const files = fileStoreFor(config.library);
if (config.seed === 'auto' && !(await isSeeded(database.db))) await seedDatabase({ db: database.db, files });

const app = await buildApp({
  database,
  webDir: DEFAULT_WEB_DIR,
  logger: { level: config.logLevel },
  security: config.security,
  library: { ...config.library, fileStore: files },
  programme: config.programme,
});

const close = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void close('SIGINT'));
process.once('SIGTERM', () => void close('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Lexpact is serving on http://localhost:${config.port} (${database.kind === 'pglite' ? `embedded database in ${databaseDir(config)}` : 'PostgreSQL'})`,
);

// Search entries built by an earlier version of the indexing are rebuilt while the server already
// serves: they stay searchable meanwhile, and each batch is its own transaction, so a stop loses nothing.
postgresSearchIndex.reindexOutdated(database.db).then(
  (rebuilt) =>
    rebuilt > 0 &&
    app.log.info(`rebuilt the search entries of ${rebuilt} library documents indexed by an earlier version`),
  (error: unknown) =>
    app.log.error({ err: error }, 'rebuilding outdated search entries failed; it is tried again on the next start'),
);

// Originals left by an import that was killed, swept while the server already serves; a file younger
// than an hour is kept, as it may belong to an import still running.
sweepOrphanedOriginals({ db: database.db, files, clock: systemClock }).then(
  ({ removed, bytes }) =>
    app.log.info(
      { removed: removed.length, bytes },
      `removed ${removed.length} unreferenced original file${removed.length === 1 ? '' : 's'} (${bytes} bytes)`,
    ),
  (error: unknown) =>
    app.log.error({ err: error }, 'sweeping unreferenced original files failed; it is tried again on the next start'),
);
