import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../lib/dates.ts';
import type { ColumnMapping } from '../modules/programme/activities.import.ts';
import { UsageError, requireChoice, withDatabase } from './context.ts';

export function registerProgrammeCommands(program: Command) {
  const activities = program.command('activities').description("the assistance programme's activities");

  activities
    .command('import <file>')
    .description(
      'import activities from a CSV or XLSX file; rows whose code matches an activity of the same organizer update it; all-or-nothing',
    )
    .option('--organization <name>', 'organizer of the rows that name none')
    .option(
      '--mapping <file-or-name>',
      'column mapping: a JSON file (field → column header) or the name of a saved mapping',
    )
    .option('--dry-run', 'check everything, change nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (file: string, options: { organization?: string; mapping?: string; dryRun?: boolean; format: string }) => {
        const [
          { and, eq, isNull, sql },
          { CLI_CONTEXT },
          { organizations },
          { COMMAND_LINE_ACTOR },
          { importActivities },
          { importMappings },
          { loadConfig },
        ] = await Promise.all([
          import('drizzle-orm'),
          import('../modules/audit/audit.service.ts'),
          import('../modules/accounts/accounts.table.ts'),
          import('../modules/library/library.documents.ts'),
          import('../modules/programme/activities.import.ts'),
          import('../modules/programme/programme.table.ts'),
          import('../server/config.ts'),
        ]);
        const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
        const path = resolve(file);
        if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${file} is not a file`);
        await withDatabase(async ({ db }) => {
          let organizationId: string | null = null;
          if (options.organization) {
            const [org] = await db
              .select({ id: organizations.id })
              .from(organizations)
              .where(
                and(
                  sql`lower(${organizations.name}) = lower(${options.organization})`,
                  isNull(organizations.deletedAt),
                ),
              );
            if (!org) throw new UsageError(`--organization: no organization is called "${options.organization}"`);
            organizationId = org.id;
          }
          let mapping: ColumnMapping = {};
          if (options.mapping && existsSync(resolve(options.mapping))) {
            try {
              mapping = JSON.parse(readFileSync(resolve(options.mapping), 'utf8')) as ColumnMapping;
            } catch {
              throw new UsageError(`--mapping: ${options.mapping} is not JSON`);
            }
          } else if (options.mapping) {
            const [saved] = await db.select().from(importMappings).where(eq(importMappings.name, options.mapping));
            if (!saved)
              throw new UsageError(`--mapping: ${options.mapping} is neither a file nor the name of a saved mapping`);
            mapping = saved.mapping as ColumnMapping;
          }
          const report = await importActivities({ db, clock: systemClock }, COMMAND_LINE_ACTOR, CLI_CONTEXT, {
            bytes: new Uint8Array(readFileSync(path)),
            filename: basename(path),
            maxExtractedBytes: loadConfig().library.maxExtractedBytes,
            mapping,
            dryRun: options.dryRun ?? false,
            organizationId,
          });
          if (format === 'json') return console.log(JSON.stringify(report, null, 2));
          const verb = report.dryRun ? 'would be ' : '';
          console.log(
            `${report.created} ${verb}created, ${report.updated} ${verb}updated, ${report.unchanged} unchanged`,
          );
        });
      },
    );
}
