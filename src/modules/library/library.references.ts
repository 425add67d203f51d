import { sql } from 'drizzle-orm';
import type { References } from '../../contracts/library.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { buildMatcher, type Gazetteer, type ReferenceMatcher } from './references/extract-references.ts';
import { addNameVariants } from './references/name-variants.ts';

/** Instrument titles and short names, participant names and aliases, as the database holds them. */
export async function gazetteerFromDb(db: Db): Promise<Gazetteer> {
  const instrumentRows = rowsOf<{ id: string; names: string[] }>(await db.execute(sql`
    select instrument_id as id, array_remove(array_agg(title) || array_agg(short_name), null) as names
    from instrument_translations group by instrument_id`));
  const countryRows = rowsOf<{ id: string; names: string[] }>(await db.execute(sql`
    select participant_id as id, array_agg(name) as names from (
      select participant_id, name from participant_translations
      union select participant_id, alias from participant_aliases) n
    group by participant_id`));
  return { instruments: instrumentRows, countries: countryRows };
}

// Building the matcher compiles every name once; the names change only with reference data.
const matchers = new WeakMap<object, Promise<ReferenceMatcher>>();

export function referenceMatcher(db: Db): Promise<ReferenceMatcher> {
  let matcher = matchers.get(db);
  if (!matcher) {
    matcher = gazetteerFromDb(db).then(addNameVariants).then(buildMatcher);
    matchers.set(db, matcher);
    matcher.catch(() => matchers.delete(db));
  }
  return matcher;
}

const KINDS = ['symbols', 'resolutions', 'instruments', 'countries'] as const;
const KIND_VALUE: Record<(typeof KINDS)[number], string> = { symbols: 'symbol', resolutions: 'resolution', instruments: 'instrument', countries: 'country' };

export const emptyReferences = (): References => ({ symbols: [], resolutions: [], instruments: [], countries: [] });

/** Finds the references in each document's texts and replaces the stored ones, for many documents at once. */
export async function storeReferences(db: Db, textsByDocument: Map<string, string[]>): Promise<void> {
  if (textsByDocument.size === 0) return;
  const matcher = await referenceMatcher(db);
  const rows: { document_id: string; kind: string; value: string }[] = [];
  for (const [documentId, texts] of textsByDocument) {
    const found = emptyReferences();
    for (const text of texts) {
      const references = matcher.extract(text);
      for (const kind of KINDS) found[kind].push(...references[kind]);
    }
    for (const kind of KINDS) for (const value of new Set(found[kind])) rows.push({ document_id: documentId, kind: KIND_VALUE[kind], value });
  }
  const ids = sql.join([...textsByDocument.keys()].map((id) => sql`${id}::uuid`), sql`, `);
  await db.execute(sql`delete from library_references where document_id in (${ids})`);
  if (rows.length === 0) return;
  // One JSON parameter rather than three per reference: a batch can hold thousands.
  await db.execute(sql`insert into library_references (document_id, kind, value)
    select document_id, kind, value from json_to_recordset(${JSON.stringify(rows)}::json) as r(document_id uuid, kind text, value text)`);
}

export async function loadReferences(db: Db, documentId: string): Promise<References> {
  const rows = rowsOf<{ kind: string; value: string }>(await db.execute(sql`
    select kind, value from library_references where document_id = ${documentId} order by kind, value`));
  const references = emptyReferences();
  for (const row of rows) {
    const kind = KINDS.find((k) => KIND_VALUE[k] === row.kind);
    if (kind) references[kind].push(row.value);
  }
  return references;
}

export const REFERENCE_KINDS = ['symbol', 'resolution', 'instrument', 'country'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
