import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { today } from '../lib/dates.ts';
import type { ImportReport } from '../modules/status/status.import.ts';
import { UsageError, requireDateOption, requireChoice, withDatabase } from './context.ts';

function printReport(report: ImportReport, format: 'text' | 'json') {
  if (format === 'json') {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const verb = report.dryRun ? 'would be' : 'was';
  const headline: Record<ImportReport['outcome'], string> = {
    applied: `snapshot ${report.snapshotId} (as of ${report.asOf}) ${verb} imported`,
    unchanged: `snapshot ${report.snapshotId} (as of ${report.asOf}) is already imported: nothing changed`,
    superseded: `snapshot ${report.snapshotId} (as of ${report.asOf}) is older than what is recorded: nothing changed`,
  };
  console.log(headline[report.outcome]);
  console.log(
    report.complete
      ? `  the depositary's complete list${report.files.length > 1 ? 's' : ''} as of ${report.asOf}: participants not named are not parties`
      : `  partial data: these actions are added, and a participant not named stays unknown (use --complete for a whole list)`,
  );
  for (const file of report.files) {
    console.log(
      `  ${file.file} → ${file.instrumentId}: ${file.rows} actions, ${file.outcome.replace('_', ' ')}${file.newerSnapshot ? ` (newer: ${file.newerSnapshot})` : ''}`,
    );
  }
  const c = report.counts;
  console.log(
    `  added ${c.added}, corrected ${c.corrected}, flagged for review ${c.flagged}, reappeared ${c.reappeared}, unchanged ${c.unchanged}`,
  );
  for (const change of report.changes.slice(0, 50)) {
    console.log(
      `  ${change.change.padEnd(19)} ${change.instrumentId} ${change.participantId} ${change.actionKey} ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`,
    );
  }
  if (report.changes.length > 50)
    console.log(`  … and ${report.changes.length - 50} more changes (use --format json for all)`);
}

interface ImportOptions {
  asOf?: string;
  dryRun?: boolean;
  format: string;
  source?: string;
  complete?: boolean;
}

export function registerImportCommands(program: Command) {
  const command = program.command('import').description('import treaty actions from depositaries (all-or-nothing)');

  command
    .command('untc <folder>')
    .description('a folder of UN Treaty Collection status CSVs named by treaty number (XVIII-11.csv …)')
    .option('--as-of <date>', 'snapshot date (default: the date in the folder name, e.g. untc-2015-03-14)')
    .option('--dry-run', 'validate and report what would change, write nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(async (folder: string, options: ImportOptions) => {
      const [{ readSnapshotFolder }, { CLI_CONTEXT }, { importSnapshot }] = await Promise.all([
        import('../db/seed.ts'),
        import('../modules/audit/audit.service.ts'),
        import('../modules/status/status.import.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
      const path = resolve(folder);
      if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${folder} is not a folder`);
      const { files, asOfFromName } = readSnapshotFolder(path);
      const asOf = requireDateOption(options.asOf, '--as-of') ?? asOfFromName;
      if (!asOf)
        throw new UsageError(
          `the folder name "${basename(path)}" holds no date: give the snapshot date with --as-of YYYY-MM-DD`,
        );
      if (files.length === 0) throw new UsageError(`${folder} holds no .csv files`);
      await withDatabase(async ({ db }) => {
        printReport(
          await importSnapshot({
            db,
            format: 'untc',
            files,
            asOf,
            snapshotId: `untc-${asOf}`,
            dryRun: options.dryRun ?? false,
            audit: CLI_CONTEXT,
          }),
          format,
        );
      });
    });

  command
    .command('actions <file>')
    .description(
      'a generic CSV of actions (instrument_id, participant, action, date, effective_date, note, notification_ref) for depositaries other than the UN',
    )
    .option('--as-of <date>', 'date of the list the file was taken from (default: today)')
    .option('--source <name>', 'name of the source, e.g. icao; used in the snapshot id', 'actions')
    .option(
      '--complete',
      "the file is the depositary's complete list for its instruments as of --as-of (default: partial, it only adds actions)",
    )
    .option('--dry-run', 'validate and report what would change, write nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(async (file: string, options: ImportOptions) => {
      const [{ CLI_CONTEXT }, { importSnapshot }] = await Promise.all([
        import('../modules/audit/audit.service.ts'),
        import('../modules/status/status.import.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
      const path = resolve(file);
      if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${file} is not a file`);
      const asOf = requireDateOption(options.asOf, '--as-of') ?? today();
      const source = (options.source ?? 'actions').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
      await withDatabase(async ({ db }) => {
        const content = readFileSync(path);
        // The content hash keeps two different lists of one source and day apart; the same file gives the same id.
        const snapshotId = `${source}-${asOf}-${createHash('sha256').update(content).digest('hex').slice(0, 8)}`;
        printReport(
          await importSnapshot({
            db,
            format: 'actions',
            files: [{ name: basename(path), content }],
            asOf,
            snapshotId,
            complete: options.complete ?? false,
            dryRun: options.dryRun ?? false,
            audit: CLI_CONTEXT,
          }),
          format,
        );
      });
    });
}
