import type { Command } from 'commander';
import { ACTIVITY_TYPES, type ActivityType } from '../contracts/programme.ts';
import { LANGUAGES, type Language } from '../contracts/languages.ts';
import { today } from '../lib/dates.ts';
import type { Sheet } from '../lib/spreadsheet.ts';
import { UsageError, requireChoice, requireDateOption, withDatabase } from './context.ts';
import { formatTable, printNotes, writeCsv } from './table.ts';

const SETS = ['12', '16', '18', '19', 'all'] as const;

/** A table or CSV on standard output; what its ratification figures leave out goes with it. */
function output(sheet: Sheet, format: 'table' | 'csv') {
  if (format === 'csv') return writeCsv(sheet);
  console.log(formatTable(sheet.header, sheet.rows));
  printNotes(sheet.notes ?? []);
}

interface Options {
  from?: string;
  to?: string;
  asOf?: string;
  types?: string;
  set: string;
  region?: string;
  country?: string;
  format: string;
  lang: string;
}

const period = (options: Options) => {
  const from = requireDateOption(options.from, '--from')!;
  const to = requireDateOption(options.to, '--to')!;
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  return { from, to };
};

export function registerIndicatorCommands(program: Command) {
  program
    .command('indicators')
    .description(
      "the programme's indicators for a period: activities, countries assisted, participants, officials trained, new ratifications, laws",
    )
    .requiredOption('--from <date>', 'first day of the period')
    .requiredOption('--to <date>', 'last day of the period')
    .option('--region <m49>', 'UN M49 region of the beneficiary countries')
    .option('--country <iso3>', 'one beneficiary country')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'language of names and notes', 'en')
    .action(async (options: Options) => {
      const [{ indicators }, { indicatorsSheet }, { loadDataset }] = await Promise.all([
        import('../modules/programme/indicators.ts'),
        import('../modules/programme/indicators.sheets.ts'),
        import('../modules/status/status.dataset.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['table', 'json', 'csv'] as const);
      const lang = requireChoice(options.lang, '--lang', LANGUAGES) as Language;
      const scope = { ...period(options), region: options.region, country: options.country?.toUpperCase() };
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = await indicators(db, dataset, scope, lang);
        if (format === 'json') return console.log(JSON.stringify(result, null, 2));
        output(indicatorsSheet(dataset, result, lang), format);
      });
    });

  program
    .command('cohort')
    .description(
      'of the countries assisted in a window, how many became party to an instrument after their first assistance',
    )
    .requiredOption('--from <date>', 'start of the assistance window')
    .requiredOption('--to <date>', 'end of the assistance window')
    .option(
      '--types <list>',
      `activity types that count, comma-separated (${ACTIVITY_TYPES.join(', ')}); all when omitted`,
    )
    .option('--set <set>', 'instrument set: 12, 16, 18, 19 or all', '19')
    .option('--as-of <date>', 'count treaty actions up to this date (default: today)')
    .option('--region <m49>', 'UN M49 region of the countries')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'language of names and notes', 'en')
    .action(async (options: Options) => {
      const [{ cohort }, { cohortSheet }, { loadDataset }] = await Promise.all([
        import('../modules/programme/indicators.ts'),
        import('../modules/programme/indicators.sheets.ts'),
        import('../modules/status/status.dataset.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['table', 'json', 'csv'] as const);
      const lang = requireChoice(options.lang, '--lang', LANGUAGES) as Language;
      const set = requireChoice(options.set, '--set', SETS);
      const types = (options.types ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = types.filter((t) => !(ACTIVITY_TYPES as readonly string[]).includes(t));
      if (unknown.length) throw new UsageError(`--types: ${unknown.join(', ')} is not an activity type`);
      const query = {
        ...period(options),
        types: types as ActivityType[],
        set: set === 'all' ? ('all' as const) : (Number(set) as 12 | 16 | 18 | 19),
        asOf: requireDateOption(options.asOf, '--as-of') ?? today(),
        region: options.region,
      };
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = await cohort(db, dataset, query, lang);
        if (format === 'json') return console.log(JSON.stringify(result, null, 2));
        if (format === 'table') {
          console.log(
            result.becameParty === null
              ? `of the ${result.assisted} countries assisted, how many became party is unknown`
              : `of the ${result.assisted} countries assisted, ${result.becameParty} became party to an instrument after their first assistance (over ${result.ratificationData.instrumentsCounted.length} instruments with complete depositary lists)\n`,
          );
        }
        output(cohortSheet(dataset, result, lang), format);
      });
    });
}
