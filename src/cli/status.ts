import type { Command } from 'commander';
import { LANGUAGES, type Language } from '../contracts/languages.ts';
import { sheetToCsv } from '../lib/spreadsheet.ts';
import { today } from '../lib/dates.ts';
import { loadDataset } from '../modules/status/status.dataset.ts';
import { BASES, compareDates, countryStatus, nameIn, partiesAsOf, statusMatrix, toSetChoice, type Basis } from '../modules/status/status.service.ts';
import { UsageError, requireChoice, requireDateOption, withDatabase } from './context.ts';
import { formatTable } from './table.ts';

const SETS = ['12', '16', '18', '19', 'all'] as const;

interface QueryOptions { asOf?: string; basis: string; format: string; lang: string; set: string; from?: string; to?: string; region?: string }

const common = (options: QueryOptions) => ({
  asOf: requireDateOption(options.asOf, '--as-of') ?? today(),
  basis: requireChoice(options.basis, '--basis', BASES) as Basis,
  lang: requireChoice(options.lang, '--lang', LANGUAGES) as Language,
});

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export function registerStatusCommands(program: Command) {
  program.command('parties <instrument>')
    .description('parties to an instrument as of a date')
    .option('--as-of <date>', 'date of the status (default: today)')
    .option('--basis <basis>', 'deposit or in-force', 'deposit')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--lang <lang>', 'language of names (ar, zh, en, fr, ru, es)', 'en')
    .action(async (instrumentId: string, options: QueryOptions) => {
      const { asOf, basis, lang } = common(options);
      const format = requireChoice(options.format, '--format', ['table', 'json', 'csv'] as const);
      await withDatabase(async ({ db }) => {
        const result = partiesAsOf({ dataset: await loadDataset(db), instrumentId, asOf, basis, lang });
        if (format === 'json') return print(result);
        const header = ['participant', 'name', 'action', 'date', 'in_force_from'];
        const rows = result.parties.map((p) => [p.participant, p.name, p.action, p.date, p.inForceFrom]);
        if (format === 'csv') return process.stdout.write(sheetToCsv({ name: 'parties', header, rows }));
        if (!result.hasData) return console.log(`${result.instrument}: no status data loaded (its depositary's list has not been imported)`);
        console.log(`${result.instrument} as of ${asOf} (${basis} basis): ${result.count} parties, ${result.signatoryCount} signatories\n`);
        console.log(formatTable(header, rows));
      });
    });

  program.command('country <code>')
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
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = countryStatus({ dataset, code, asOf, set, basis, lang });
        if (format === 'json') return print(result);
        console.log(`${result.name} (${result.participant}) as of ${asOf}, set ${set}: party to ${result.partyCount} of ${result.instrumentCount - result.instrumentsWithoutData.length} instruments with data\n`);
        console.log(formatTable(['instrument', 'status', 'signature', 'consent', 'in_force_from'], result.instruments.map((i) => [
          i.instrument, i.status.replace('_', ' '), i.signature?.date, i.consent ? `${i.consent.type} ${i.consent.date}` : '', i.inForceFrom,
        ])));
        console.log(`\ngaps: ${result.gaps.join(', ') || 'none'}`);
        if (result.instrumentsWithoutData.length) console.log(`no data loaded: ${result.instrumentsWithoutData.join(', ')}`);
      });
    });

  program.command('compare')
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
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        const result = compareDates({ dataset, from, to, set, basis });
        if (format === 'json') return print(result);
        const header = ['instrument', 'name', `parties_${from}`, `parties_${to}`, 'new_parties'];
        const rows = result.instruments.map((i) => {
          const instrument = dataset.instrumentsById.get(i.instrument)!;
          return [i.instrument, nameIn(instrument.shortNames, lang), i.partiesAtFrom ?? 'no data', i.partiesAtTo ?? 'no data', i.newParties ?? 'no data'];
        });
        if (format === 'csv') return process.stdout.write(sheetToCsv({ name: 'compare', header, rows }));
        console.log(formatTable(header, rows));
        for (const [label, all] of [[from, result.partyToAllAtFrom], [to, result.partyToAllAtTo]] as const) {
          console.log(all.complete
            ? `party to all instruments of the set on ${label}: ${all.count}`
            : `party to all instruments of the set on ${label}: unknown (no data for ${all.instrumentsWithoutData.length} instruments); party to all ${result.instruments.length - all.instrumentsWithoutData.length} with data: ${all.countOverInstrumentsWithData ?? 'n/a'}`);
        }
      });
    });

  program.command('matrix')
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
      await withDatabase(async ({ db }) => {
        const dataset = await loadDataset(db);
        if (options.region && !dataset.regions.some((r) => r.m49 === options.region)) throw new UsageError(`--region: no region has the M49 code "${options.region}"`);
        const result = statusMatrix({ dataset, asOf, set, basis, region: options.region, lang });
        if (format === 'json') return print(result);
        process.stdout.write(sheetToCsv({
          name: 'matrix',
          header: ['participant', 'name', ...result.instruments.map((i) => i.id), 'party_count'],
          rows: result.rows.map((r) => [r.participant, r.name, ...r.cells.map((c) => (c === null ? 'no data' : c.status === 'none' ? '' : `${{ party: 'P', signatory: 'S', withdrawn: 'W' }[c.status]} ${c.date}`)), r.partyCount]),
        }));
      });
    });
}
