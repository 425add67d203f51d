import type { Command } from 'commander';
import { LANGUAGES, type Language } from '../contracts/languages.ts';
import { today } from '../lib/dates.ts';
import {
  BASES,
  compareDates,
  countryStatus,
  nameIn,
  partiesAsOf,
  statusMatrix,
  toSetChoice,
  type Basis,
} from '../modules/status/status.service.ts';
import { UsageError, requireChoice, requireDateOption, withDatabase } from './context.ts';
import { formatTable, printNotes, writeCsv } from './table.ts';

const SETS = ['12', '16', '18', '19', 'all'] as const;

interface QueryOptions {
  asOf?: string;
  basis: string;
  format: string;
  lang: string;
  set: string;
  from?: string;
  to?: string;
  region?: string;
}

const common = (options: QueryOptions) => ({
  asOf: requireDateOption(options.asOf, '--as-of') ?? today(),
  basis: requireChoice(options.basis, '--basis', BASES) as Basis,
  lang: requireChoice(options.lang, '--lang', LANGUAGES) as Language,
});

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export function registerStatusCommands(program: Command) {
  program
    .command('parties <instrument>')
    .description('parties to an instrument as of a date')
    .option('--as-of <date>', 'date of the status (default: today)')
    .option('--basis <basis>', 'deposit or in-force', 'deposit')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'language of names (ar, zh, en, fr, ru, es)', 'en')
    .action(async (instrumentId: string, options: QueryOptions) => {
      const { asOf, basis, lang } = common(options);
      const format = requireChoice(options.format, '--format', ['table', 'json', 'csv'] as const);
      const [{ loadDataset }, sheets] = await Promise.all([
        import('../modules/status/status.dataset.ts'),
        import('../modules/status/status.sheets.ts'),
      ]);
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db, { instrumentIds: [instrumentId] });
        const result = partiesAsOf({ dataset, instrumentId, asOf, basis, lang });
        if (format === 'json') return print(result);
        const sheet = sheets.partiesSheet(dataset, result, lang);
        if (format === 'csv') return writeCsv(sheet);
        if (!result.hasData)
          return console.log(
            `${result.instrument}: no status data loaded (its depositary's list has not been imported)`,
          );
        const atLeast = result.complete ? '' : 'at least ';
        console.log(
          `${result.instrument} as of ${asOf} (${basis} basis): ${atLeast}${result.count} parties, ${atLeast}${result.signatoryCount} signatories\n`,
        );
        console.log(
          formatTable(
            ['participant', 'name', 'action', 'date', 'in_force_from'],
            result.parties.map((p) => [p.participant, p.name, p.action, p.date, p.inForceFrom]),
          ),
        );
        printNotes(sheet.notes ?? []);
      });
    });

  program
    .command('country <code>')
    .description("a country's status for every instrument of a set, and its gaps")
    .option('--as-of <date>', 'date of the status (default: today)')
    .option('--set <set>', 'instrument set: 12, 16, 18, 19 or all', '19')
    .option('--basis <basis>', 'deposit or in-force', 'deposit')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'language of names', 'en')
    .action(async (code: string, options: QueryOptions) => {
      const { asOf, basis, lang } = common(options);
      const set = toSetChoice(requireChoice(options.set, '--set', SETS));
      const format = requireChoice(options.format, '--format', ['table', 'json'] as const);
      const [{ loadDataset }, sheets] = await Promise.all([
        import('../modules/status/status.dataset.ts'),
        import('../modules/status/status.sheets.ts'),
      ]);
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = countryStatus({ dataset, code, asOf, set, basis, lang });
        if (format === 'json') return print(result);
        console.log(
          `${result.name} (${result.participant}) as of ${asOf}, set ${set}: party to ${result.partyCount} of ${result.instrumentCount - result.instrumentsWithoutData.length} instruments with data${result.unknown.length ? ` (unknown for ${result.unknown.length}: partial data)` : ''}\n`,
        );
        console.log(
          formatTable(
            ['instrument', 'status', 'signature', 'consent', 'in_force_from'],
            result.instruments.map((i) => [
              i.instrument,
              i.status.replace('_', ' '),
              i.signature?.date,
              i.consent ? `${i.consent.type} ${i.consent.date}` : '',
              i.inForceFrom,
            ]),
          ),
        );
        console.log(`\ngaps: ${result.gaps.join(', ') || 'none'}`);
        if (result.unknown.length)
          console.log(`unknown (partial depositary data, no consent recorded): ${result.unknown.join(', ')}`);
        if (result.instrumentsWithoutData.length)
          console.log(`no data loaded: ${result.instrumentsWithoutData.join(', ')}`);
        printNotes(
          sheets.dataNotes(
            dataset,
            result.instruments.filter((i) => i.hasData),
            lang,
          ),
        );
      });
    });

  program
    .command('compare')
    .description('parties at one date and new parties by another, per instrument (the annual report table)')
    .requiredOption('--from <date>', 'first date')
    .option('--to <date>', 'second date (default: today)')
    .option('--set <set>', 'instrument set: 12, 16, 18, 19 or all', '19')
    .option('--basis <basis>', 'deposit or in-force', 'deposit')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'language of names', 'en')
    .action(async (options: QueryOptions) => {
      const { basis, lang } = common(options);
      const from = requireDateOption(options.from, '--from')!;
      const to = requireDateOption(options.to, '--to') ?? today();
      if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const set = toSetChoice(requireChoice(options.set, '--set', SETS));
      const format = requireChoice(options.format, '--format', ['table', 'json', 'csv'] as const);
      const [{ loadDataset }, sheets] = await Promise.all([
        import('../modules/status/status.dataset.ts'),
        import('../modules/status/status.sheets.ts'),
      ]);
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = compareDates({ dataset, from, to, set, basis });
        if (format === 'json') return print(result);
        const sheet = sheets.compareSheet(dataset, result, lang);
        if (format === 'csv') return writeCsv(sheet);
        const counted = (i: (typeof result.instruments)[number], n: number | null) =>
          n === null ? 'no data' : i.complete ? n : `≥ ${n}`;
        console.log(
          formatTable(
            ['instrument', 'name', `parties_${from}`, `parties_${to}`, 'new_parties'],
            result.instruments.map((i) => {
              const instrument = dataset.instrumentsById.get(i.instrument)!;
              return [
                i.instrument,
                nameIn(instrument.shortNames, lang),
                counted(i, i.partiesAtFrom),
                counted(i, i.partiesAtTo),
                counted(i, i.newParties),
              ];
            }),
          ),
        );
        for (const [label, all] of [
          [from, result.partyToAllAtFrom],
          [to, result.partyToAllAtTo],
        ] as const) {
          console.log(
            all.complete
              ? `party to all instruments of the set on ${label}: ${all.count}`
              : `party to all instruments of the set on ${label}: unknown (no data for ${all.instrumentsWithoutData.length}, partial data for ${all.instrumentsWithPartialData.length} instruments); party to all ${result.instruments.length - all.instrumentsWithoutData.length - all.instrumentsWithPartialData.length} with complete data: ${all.countOverInstrumentsWithData ?? 'n/a'}`,
          );
        }
        printNotes(sheet.notes ?? []);
      });
    });

  program
    .command('matrix')
    .description('participants × instruments as of a date')
    .option('--as-of <date>', 'date of the status (default: today)')
    .option('--set <set>', 'instrument set: 12, 16, 18, 19 or all', '19')
    .option('--basis <basis>', 'deposit or in-force', 'deposit')
    .option('--region <m49>', 'UN M49 region, sub-region or intermediate region code')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--lang <lang>', 'language of names', 'en')
    .action(async (options: QueryOptions) => {
      const { asOf, basis, lang } = common(options);
      const set = toSetChoice(requireChoice(options.set, '--set', SETS));
      const format = requireChoice(options.format, '--format', ['csv', 'json'] as const);
      const [{ loadDataset }, sheets] = await Promise.all([
        import('../modules/status/status.dataset.ts'),
        import('../modules/status/status.sheets.ts'),
      ]);
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        if (options.region && !dataset.regions.some((r) => r.m49 === options.region))
          throw new UsageError(`--region: no region has the M49 code "${options.region}"`);
        const result = statusMatrix({ dataset, asOf, set, basis, region: options.region, lang });
        if (format === 'json') return print(result);
        writeCsv(sheets.matrixSheet(dataset, result, lang));
      });
    });
}
