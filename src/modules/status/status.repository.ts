import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { snapshotFiles, snapshots, statusChanges, statusDataVersion, treatyActions } from './status.table.ts';

export type NewTreatyAction = typeof treatyActions.$inferInsert;
export type NewStatusChange = typeof statusChanges.$inferInsert;

const CHUNK = 500;

/** The newest snapshot of a format that covered each instrument, with the checksum it had. */
export async function latestSnapshotPerInstrument(db: Db, format: string) {
  const rows = await db
    .select({
      instrumentId: snapshotFiles.instrumentId,
      asOf: snapshots.asOf,
      sha256: snapshotFiles.sha256,
      snapshotId: snapshots.id,
      complete: snapshotFiles.complete,
    })
    .from(snapshotFiles)
    .innerJoin(snapshots, eq(snapshots.id, snapshotFiles.snapshotId))
    .where(and(eq(snapshots.format, format), sql`${snapshotFiles.outcome} <> 'superseded'`));
  const latest = new Map<string, { asOf: string; sha256: string; snapshotId: string; complete: boolean }>();
  for (const row of rows) {
    const current = latest.get(row.instrumentId);
    if (!current || row.asOf > current.asOf) latest.set(row.instrumentId, row);
  }
  return latest;
}

export async function findSnapshot(db: Db, id: string) {
  const [row] = await db.select().from(snapshots).where(eq(snapshots.id, id));
  return row;
}

/** Snapshot id → format (`untc` or `actions`), without their file lists. */
export async function snapshotFormats(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: snapshots.id, format: snapshots.format }).from(snapshots);
  return new Map(rows.map((row) => [row.id, row.format]));
}

export async function listSnapshots(db: Db) {
  const rows = await db.select().from(snapshots).orderBy(desc(snapshots.asOf), desc(snapshots.importedAt));
  const files = await db.select().from(snapshotFiles);
  return rows.map((row) => ({ ...row, files: files.filter((f) => f.snapshotId === row.id) }));
}

export async function actionsOfInstruments(db: Db, instrumentIds: string[]) {
  if (instrumentIds.length === 0) return [];
  return db.select().from(treatyActions).where(inArray(treatyActions.instrumentId, instrumentIds));
}

export async function allActions(db: Db) {
  return db.select().from(treatyActions);
}

export async function insertActions(db: Db, rows: NewTreatyAction[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(treatyActions).values(rows.slice(i, i + CHUNK));
}

export async function insertChanges(db: Db, rows: NewStatusChange[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(statusChanges).values(rows.slice(i, i + CHUNK));
}

export async function updateAction(db: Db, id: number, values: Partial<NewTreatyAction>) {
  await db.update(treatyActions).set(values).where(eq(treatyActions.id, id));
}

export async function markSeen(db: Db, ids: number[], snapshotId: string, now: string) {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .update(treatyActions)
      .set({ lastSnapshotId: snapshotId, updatedAt: now })
      .where(inArray(treatyActions.id, ids.slice(i, i + CHUNK)));
  }
}

export async function upsertSnapshot(db: Db, row: typeof snapshots.$inferInsert) {
  await db
    .insert(snapshots)
    .values(row)
    .onConflictDoUpdate({ target: snapshots.id, set: { summary: row.summary, importedAt: row.importedAt } });
}

export async function upsertSnapshotFiles(db: Db, rows: (typeof snapshotFiles.$inferInsert)[]) {
  for (const row of rows) {
    await db
      .insert(snapshotFiles)
      .values(row)
      .onConflictDoUpdate({
        target: [snapshotFiles.snapshotId, snapshotFiles.instrumentId],
        set: {
          sha256: row.sha256,
          rowCount: row.rowCount,
          outcome: row.outcome,
          fileName: row.fileName,
          complete: row.complete ?? false,
        },
      });
  }
}

/** Tells every server instance that status data changed. */
export async function bumpDataVersion(db: Db) {
  await db
    .insert(statusDataVersion)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: statusDataVersion.id, set: { version: sql`${statusDataVersion.version} + 1` } });
}

export async function readDataVersion(db: Db): Promise<number> {
  const [row] = await db.select().from(statusDataVersion).where(eq(statusDataVersion.id, 1));
  return row?.version ?? 0;
}

/** Change log, newest first, paginated by the id of the last row seen. */
export async function listChanges(
  db: Db,
  filter: {
    instrumentId?: string | undefined;
    participantId?: string | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  const conditions: SQL[] = [];
  if (filter.instrumentId) conditions.push(eq(statusChanges.instrumentId, filter.instrumentId));
  if (filter.participantId) conditions.push(eq(statusChanges.participantId, filter.participantId));
  if (filter.before !== undefined) conditions.push(lt(statusChanges.id, filter.before));
  return db
    .select({ change: statusChanges, asOf: snapshots.asOf })
    .from(statusChanges)
    .innerJoin(snapshots, eq(snapshots.id, statusChanges.snapshotId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(statusChanges.id))
    .limit(filter.limit);
}
