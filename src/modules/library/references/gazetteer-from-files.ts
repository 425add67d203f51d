import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Gazetteer } from './extract-references.ts';
import { addNameVariants } from './name-variants.ts';

type Row = Record<string, string | undefined>;

const readRows = (path: string): Row[] =>
  parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Row[];

function collect(target: Map<string, Set<string>>, id: string | undefined, ...names: (string | undefined)[]): void {
  if (!id) return;
  let set = target.get(id);
  if (!set) target.set(id, (set = new Set()));
  for (const name of names) {
    const trimmed = name?.trim();
    if (trimmed) set.add(trimmed);
  }
}

const toGroups = (map: Map<string, Set<string>>) => [...map].map(([id, names]) => ({ id, names: [...names] }));

/**
 * The gazetteer from the reference CSV files of `data/`: instrument titles and short names in the
 * six languages (instruments.csv, instrument-titles.csv), participant names in the six languages
 * (participants.csv) and their aliases (participant-aliases.csv), with the common short forms of
 * `addNameVariants` added.
 */
export function loadGazetteerFromFiles(dataDir: string): Gazetteer {
  const instruments = new Map<string, Set<string>>();
  for (const row of readRows(join(dataDir, 'instruments.csv'))) {
    collect(instruments, row.id, row.title_en, row.title_fr, row.title_zh, row.short_name_en);
  }
  for (const row of readRows(join(dataDir, 'instrument-titles.csv'))) {
    collect(instruments, row.instrument_id, row.title, row.short_name);
  }
  const countries = new Map<string, Set<string>>();
  for (const row of readRows(join(dataDir, 'participants.csv'))) {
    collect(countries, row.id, row.name_en, row.name_fr, row.name_es, row.name_ru, row.name_ar, row.name_zh);
  }
  for (const row of readRows(join(dataDir, 'participant-aliases.csv'))) {
    collect(countries, row.participant_id, row.alias);
  }
  return addNameVariants({ instruments: toGroups(instruments), countries: toGroups(countries) });
}
