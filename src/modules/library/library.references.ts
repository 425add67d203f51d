import { sql } from 'drizzle-orm';
import type { References } from '../../contracts/library.ts';
import { ANALYSIS_IN_PLACE_BELOW, analyseOnWorker, REFERENCE_LISTS, referencesOfTexts } from './library.analysis.ts';
import { insertRows, rowsOf, type Db } from '../../db/client.ts';
import { libraryReferences } from './library.table.ts';
import { buildMatcher, type Gazetteer, type ReferenceMatcher } from './references/extract-references.ts';
import { addNameVariants } from './references/name-variants.ts';

/** Instrument titles and short names, participant names and aliases, as the database holds them. */
export async function gazetteerFromDb(db: Db): Promise<Gazetteer> {
  const instrumentRows = rowsOf<{ id: string; names: string[] }>(
    await db.execute(sql`
    select instrument_id as id, array_remove(array_agg(title order by lang) || array_agg(short_name order by lang), null) as names
    from instrument_translations group by instrument_id order by instrument_id`),
  );
  const countryRows = rowsOf<{ id: string; names: string[] }>(
    await db.execute(sql`
    select participant_id as id, array_agg(name order by name) as names from (
      select participant_id, name from participant_translations
      union select participant_id, alias from participant_aliases) n
    group by participant_id order by participant_id`),
  );
  return { instruments: instrumentRows, countries: countryRows };
}

/**
 * The names are read at every refresh, as reference data can change between two imports, but the
 * matcher built from them (which compiles every name, on this thread or a worker's) is rebuilt only
 * when they differ from the last ones.
 */
let current: { json: string; key: number; gazetteer: Gazetteer; matcher: ReferenceMatcher | null } | null = null;

async function referenceGazetteer(db: Db): Promise<NonNullable<typeof current>> {
  const names = await gazetteerFromDb(db);
  const json = JSON.stringify(names);
  if (current?.json !== json)
    current = { json, key: (current?.key ?? 0) + 1, gazetteer: addNameVariants(names), matcher: null };
  return current;
}

export async function referenceMatcher(db: Db): Promise<ReferenceMatcher> {
  const names = await referenceGazetteer(db);
  names.matcher ??= buildMatcher(names.gazetteer);
  return names.matcher;
}

const KIND_VALUE: Record<(typeof REFERENCE_LISTS)[number], string> = {
  symbols: 'symbol',
  resolutions: 'resolution',
  instruments: 'instrument',
  countries: 'country',
};

export const emptyReferences = (): References => ({ symbols: [], resolutions: [], instruments: [], countries: [] });

/** Finds the references in each document's texts and replaces the stored ones, for many documents at once. */
export async function storeReferences(db: Db, textsByDocument: Map<string, string[]>): Promise<void> {
  if (textsByDocument.size === 0) return;
  const documents = [...textsByDocument];
  let found: References[];
  if (documents.length >= ANALYSIS_IN_PLACE_BELOW) {
    const { key, gazetteer } = await referenceGazetteer(db);
    found = await analyseOnWorker({
      task: 'references',
      gazetteerKey: key,
      gazetteer,
      texts: documents.map(([, texts]) => texts),
    });
  } else {
    const matcher = await referenceMatcher(db);
    found = documents.map(([, texts]) => referencesOfTexts(matcher, texts));
  }
  const rows = documents.flatMap(([documentId], k) =>
    REFERENCE_LISTS.flatMap((kind) => found[k]![kind].map((value) => ({ documentId, kind: KIND_VALUE[kind], value }))),
  );
  const ids = sql.join(
    [...textsByDocument.keys()].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await db.execute(sql`delete from library_references where document_id in (${ids})`);
  await insertRows(db, libraryReferences, rows);
}

export async function loadReferences(db: Db, documentId: string): Promise<References> {
  const rows = rowsOf<{ kind: string; value: string }>(
    await db.execute(sql`
    select kind, value from library_references where document_id = ${documentId} order by kind, value`),
  );
  const references = emptyReferences();
  for (const row of rows) {
    const kind = REFERENCE_LISTS.find((k) => KIND_VALUE[k] === row.kind);
    if (kind) references[kind].push(row.value);
  }
  return references;
}

export const REFERENCE_KINDS = ['symbol', 'resolution', 'instrument', 'country'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
