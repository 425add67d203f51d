import type { Command } from 'commander';
import { UsageError, withDatabase } from './context.ts';

export function registerDbCommands(program: Command) {
  const db = program.command('db').description('database maintenance');

  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      await withDatabase(async () => console.log('migrations applied'), { seed: false });
    });

  db.command('seed')
    .description(
      'load the shipped reference data (instruments, participants, newest UNTC snapshot) into an empty database',
    )
    .action(async () => {
      const [{ isSeeded, seedDatabase }, { CLI_CONTEXT }, { fileStoreFor }, { loadConfig }] = await Promise.all([
        import('../db/seed.ts'),
        import('../modules/audit/audit.service.ts'),
        import('../modules/library/storage/file-store-config.ts'),
        import('../server/config.ts'),
      ]);
      await withDatabase(
        async ({ db: handle }) => {
          if (await isSeeded(handle))
            throw new UsageError(
              'the database already holds reference data; run "lexpact db reset --yes" first to start again',
            );
          const result = await seedDatabase({
            db: handle,
            context: CLI_CONTEXT,
            files: fileStoreFor(loadConfig().library),
          });
          console.log(
            `loaded ${result.instruments} instruments, ${result.participants} participants, snapshot ${result.snapshot.snapshotId} (${result.snapshot.counts.added} actions), ${result.library?.imported.length ?? 0} library documents`,
          );
        },
        { seed: false },
      );
    });

  db.command('reset')
    .description('empty every table (asks for --yes)')
    .option('--yes', 'confirm that all data will be deleted')
    .action(async (options: { yes?: boolean }) => {
      const { resetDatabase } = await import('../db/seed.ts');
      if (!options.yes) throw new UsageError('this deletes every record; run again with --yes to confirm');
      await withDatabase(
        async ({ db: handle }) => {
          await resetDatabase(handle);
          console.log('database emptied; "lexpact db seed" loads the reference data again');
        },
        { seed: false },
      );
    });
}
