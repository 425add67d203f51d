import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, TEST_DB_KIND } from '../../test/helpers/db.ts';
import { openPglite, openPostgres, rowsOf, type DatabaseHandle } from './client.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** A copy of the migrations that stops before `tag`, to hold a database as it was before that migration. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lexpact-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0011: a project names its organisation by id', () => {
  let handle: DatabaseHandle;
  let drop = async () => {};
  const folder = migrationsBefore('0011_project_organization');

  beforeAll(async () => {
    if (TEST_DB_KIND === 'postgres') {
      const created = await createPostgresDatabase();
      handle = await openPostgres(created.url);
      drop = created.drop;
      await migratePg(handle.db as never, { migrationsFolder: folder });
    } else {
      handle = await openPglite();
      await migratePglite(handle.db as never, { migrationsFolder: folder });
    }
  });
  afterAll(async () => {
    await handle?.close();
    await drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('matches each name to an organisation regardless of case, and makes one of a name no organisation carries', async () => {
    const db = handle.db;
    await db.execute(sql`insert into organizations (name, kind) values ('UNODC', 'un')`);
    await db.execute(sql`insert into projects (code, title, scope, start_date, organization) values
      ('P1', 'One', 'global', '2013-01-01', 'unodc'), ('P2', 'Two', 'global', '2013-01-01', 'Partner Institute'), ('P3', 'Three', 'global', '2013-01-01', 'partner institute')`);
    await handle.migrate();
    const rows = rowsOf<{ code: string; name: string; kind: string }>(
      await db.execute(
        sql`select p.code, o.name, o.kind from projects p join organizations o on o.id = p.organization_id order by p.code`,
      ),
    );
    expect(rows).toEqual([
      { code: 'P1', name: 'UNODC', kind: 'un' },
      { code: 'P2', name: 'Partner Institute', kind: 'other' },
      { code: 'P3', name: 'Partner Institute', kind: 'other' },
    ]);
    expect(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from organizations`))[0]!.n).toBe(2);
  });
});
