import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.ts';
import type { Db } from './client.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as {
  entries: { idx: number; tag: string }[];
};

const EXPECTED_TABLES = [
  'instrument_translations',
  'instruments',
  'participant_aliases',
  'participant_translations',
  'participants',
  'region_translations',
  'regions',
  'snapshot_files',
  'snapshots',
  'status_changes',
  'status_data_version',
  'treaty_actions',
  'api_tokens',
  'audit_log',
  'one_time_tokens',
  'organizations',
  'outbox',
  'sessions',
  'sign_in_attempts',
  'users',
  'library_document_titles',
  'library_documents',
  'library_events',
  'library_expressions',
  'library_files',
  'library_instrument_links',
  'library_references',
  'library_search',
  'library_search_p0',
  'library_search_p1',
  'library_search_p2',
  'library_search_p3',
  'activities',
  'activity_countries',
  'activity_documents',
  'activity_overlap_notices',
  'currency_rates',
  'donors',
  'import_mappings',
  'outcome_contributions',
  'outcomes',
  'project_indicators',
  'projects',
  'transactions',
];

async function rows<T>(db: Db, query: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(query))) as unknown as { rows: T[] };
  return result.rows;
}

describe('database migrations', () => {
  let database: TestDb;

  beforeAll(async () => {
    // createTestDb starts from an empty database and applies every migration.
    database = await createTestDb();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('are listed in the journal, one SQL file each, in order', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.map((f) => f.replace(/\.sql$/, ''))).toEqual(journal.entries.map((e) => e.tag));
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i));
  });

  it('all apply to an empty database and are recorded as applied', async () => {
    const applied = await rows<{ n: number }>(
      database.db,
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0]!.n)).toBe(journal.entries.length);
  });

  it('create every table the application uses', async () => {
    const tables = await rows<{ table_name: string }>(
      database.db,
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual([...EXPECTED_TABLES].sort());
  });

  it('create the unique key that identifies an action across snapshots', async () => {
    const indexes = await rows<{ indexname: string; indexdef: string }>(
      database.db,
      "select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'treaty_actions'",
    );
    const key = indexes.find((i) => i.indexname === 'treaty_actions_key_idx');
    expect(key?.indexdef).toMatch(/UNIQUE INDEX .*\(instrument_id, participant_id, action_key\)/);
  });

  it('limit translations to the six UN languages', async () => {
    await database.db.execute(sql.raw("insert into regions (m49, level) values ('999', 'region')"));
    await expect(
      database.db.execute(
        sql.raw("insert into region_translations (region_m49, lang, name) values ('999', 'de', 'Testregion')"),
      ),
    ).rejects.toThrow();
    await database.db.execute(
      sql.raw("insert into region_translations (region_m49, lang, name) values ('999', 'fr', 'Région test')"),
    );
    await database.db.execute(sql.raw("delete from regions where m49 = '999'"));
  });

  it('can run again on a migrated database without changing anything', async () => {
    await database.migrate();
    const applied = await rows<{ n: number }>(
      database.db,
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0]!.n)).toBe(journal.entries.length);
    const tables = await rows<{ table_name: string }>(
      database.db,
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    expect(tables).toHaveLength(EXPECTED_TABLES.length);
  });
});
