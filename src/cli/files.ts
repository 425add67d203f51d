import type { Command } from 'commander';
import { systemClock } from '../lib/dates.ts';
import { requireChoice, withDatabase } from './context.ts';
import { formatTable } from './table.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerFilesCommands(program: Command) {
  const files = program.command('files').description('the stored originals of library documents (folder or S3 bucket)');

  files
    .command('gc')
    .description(
      'remove originals that no document refers to and that are older than an hour (left by an interrupted import)',
    )
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { dryRun?: boolean; format: string }) => {
      const [{ fileStoreFor }, { sweepOrphanedOriginals }, { loadConfig }] = await Promise.all([
        import('../modules/library/storage/file-store-config.ts'),
        import('../modules/library/storage/file-sweep.ts'),
        import('../server/config.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
      await withDatabase(
        async ({ db }) => {
          const report = await sweepOrphanedOriginals({
            db,
            files: fileStoreFor(loadConfig().library),
            clock: systemClock,
            dryRun: options.dryRun ?? false,
          });
          if (format === 'json') {
            const { dryRun, removed, bytes, keptRecent, referenced } = report;
            console.log(
              JSON.stringify({ dryRun, count: removed.length, bytes, removed, keptRecent, referenced }, null, 2),
            );
            return;
          }
          console.log(
            `${plural(report.removed.length, 'unreferenced original')} (${report.bytes} bytes) ${report.dryRun ? 'would be removed' : 'removed'}; ` +
              `${report.keptRecent} unreferenced but younger than an hour kept, ${report.referenced} in use`,
          );
          if (report.removed.length > 0)
            console.log(
              formatTable(
                ['key', 'bytes', 'modified'],
                report.removed.map((file) => [file.key, file.size, file.modifiedAt.toISOString()]),
              ),
            );
        },
        { seed: false },
      );
    });
}
