import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/client.ts';
import { type Clock, systemClock } from '../../lib/dates.ts';
import { AppError, type FieldProblem } from '../../lib/errors.ts';
import { buildAliasIndex } from '../participants/participants.service.ts';
import { listAliases } from '../participants/participants.repository.ts';
import { listInstruments } from '../instruments/instruments.repository.ts';
import {
  parseActionsFile,
  parseUntcFile,
  type ParseContext,
  type ParsedAction,
  type ParsedFile,
} from './status.parse.ts';
import * as repo from './status.repository.ts';
import { recordAudit, SYSTEM_CONTEXT, type AuditContext } from '../audit/audit.service.ts';
import type { TreatyActionRow } from './status.table.ts';

export type ImportFormat = 'untc' | 'actions';

export interface ImportFile {
  name: string;
  content: Buffer;
}

export interface ImportChange {
  instrumentId: string;
  participantId: string;
  actionKey: string;
  change: 'added' | 'corrected' | 'missing_from_source' | 'reappeared';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ImportReport {
  snapshotId: string;
  format: ImportFormat;
  asOf: string;
  dryRun: boolean;
  /** Whether the files are the depositary's complete lists as of `asOf` (always for UNTC), or only some actions. */
  complete: boolean;
  /** `applied` when something was written, `unchanged` when the data were already there, `superseded` when only older than what is recorded. */
  outcome: 'applied' | 'unchanged' | 'superseded';
  files: {
    file: string;
    instrumentId: string;
    rows: number;
    outcome: 'baseline' | 'applied' | 'unchanged' | 'superseded';
    newerSnapshot?: string;
  }[];
  counts: { added: number; corrected: number; flagged: number; reappeared: number; unchanged: number };
  changes: ImportChange[];
}

/** Thrown when any row is invalid: nothing is written, and every problem is listed. */
export class ImportRejectedError extends AppError {
  constructor(problems: FieldProblem[]) {
    super({
      status: 422,
      code: 'import.rejected',
      message: `import rejected: ${problems.length} problem(s) found, nothing was written`,
      problems,
    });
  }
}

class DryRunRollback extends Error {}

interface PendingUpdate {
  id: number;
  values: Partial<repo.NewTreatyAction>;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Imports a snapshot all-or-nothing. Every file is parsed and validated first; then, inside one
 * transaction, each instrument's actions are compared with what is recorded by (participant, action)
 * and the differences are written with provenance. Re-importing the same snapshot changes nothing;
 * an older snapshot than one already recorded changes nothing; an action that a newer UNTC list no
 * longer shows is flagged for review, never deleted.
 */
export async function importSnapshot({
  db,
  format,
  files,
  asOf,
  snapshotId,
  dryRun = false,
  clock = systemClock,
  audit = SYSTEM_CONTEXT,
  complete: claimedComplete = false,
}: {
  db: Db;
  format: ImportFormat;
  files: ImportFile[];
  asOf: string;
  snapshotId: string;
  dryRun?: boolean;
  clock?: Clock;
  /**
   * A generic actions file is the depositary's complete list as of `asOf` (`--complete`), not just some
   * of its actions. A UNTC status table always is.
   */
  complete?: boolean;
  /** Who imports: recorded in the audit trail with what the import changed. */
  audit?: AuditContext;
}): Promise<ImportReport> {
  if (files.length === 0) throw new ImportRejectedError([{ reason: 'no files to import' }]);
  const complete = format === 'untc' || claimedComplete;
  const instruments = await listInstruments(db);
  const context: ParseContext = { instruments, aliases: buildAliasIndex(await listAliases(db)), asOf };

  const parsed: ParsedFile[] = files.map(({ name, content }) =>
    format === 'untc'
      ? parseUntcFile({ file: name, content, context })
      : parseActionsFile({ file: name, content, context }),
  );
  const problems = parsed.flatMap((p) => p.problems);
  const seenInstruments = new Map<string, string>();
  for (const file of parsed) {
    if (!file.instrumentId) continue;
    const other = seenInstruments.get(file.instrumentId);
    if (other) problems.push({ file: file.file, reason: `${file.instrumentId} is already covered by ${other}` });
    seenInstruments.set(file.instrumentId, file.file);
  }
  if (problems.length > 0) throw new ImportRejectedError(problems);

  // Group actions and checksums by instrument (a generic file may cover several instruments).
  const groups = new Map<string, { file: string; sha256: string; actions: ParsedAction[] }>();
  parsed.forEach((file, index) => {
    const checksum = sha256(files[index]!.content);
    const ids = file.instrumentId ? [file.instrumentId] : [...new Set(file.actions.map((a) => a.instrumentId))];
    for (const id of ids) {
      // Several generic files may cover one instrument: their actions are imported together.
      const group = groups.get(id);
      if (group) {
        group.file = `${group.file}, ${file.file}`;
        group.sha256 = createHash('sha256').update(group.sha256).update(checksum).digest('hex');
      } else {
        groups.set(id, { file: file.file, sha256: checksum, actions: [] });
      }
    }
    for (const action of file.actions) groups.get(action.instrumentId)!.actions.push(action);
  });

  const report: ImportReport = {
    snapshotId,
    format,
    asOf,
    dryRun,
    complete,
    outcome: 'unchanged',
    files: [],
    counts: { added: 0, corrected: 0, flagged: 0, reappeared: 0, unchanged: 0 },
    changes: [],
  };
  const now = clock.now().toISOString();

  try {
    await inTransaction(db, async (tx) => {
      // One import at a time, across every server instance and CLI run: the second waits, then sees the first's rows.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lexpact.status.import'))`);
      const latest = await repo.latestSnapshotPerInstrument(tx, format);
      const existing = await repo.actionsOfInstruments(tx, [...groups.keys()]);
      const snapshotFormats = await repo.snapshotFormats(tx);
      const inserts: repo.NewTreatyAction[] = [];
      const seenIds: number[] = [];
      const updates: PendingUpdate[] = [];
      const fileRows: Parameters<typeof repo.upsertSnapshotFiles>[1] = [];

      for (const [instrumentId, group] of groups) {
        const prior = latest.get(instrumentId);
        const fileReport: ImportReport['files'][number] = {
          file: group.file,
          instrumentId,
          rows: group.actions.length,
          outcome: 'applied',
        };
        report.files.push(fileReport);
        if (prior && prior.asOf > asOf) {
          fileReport.outcome = 'superseded';
          fileReport.newerSnapshot = prior.snapshotId;
        } else if (prior && prior.asOf === asOf && prior.sha256 === group.sha256) {
          // The same list again changes no action; saying now that it is complete (or no longer) still counts.
          fileReport.outcome = prior.complete === complete ? 'unchanged' : 'applied';
          report.counts.unchanged += group.actions.length;
        } else {
          const isBaseline = !prior && format === 'untc' && !existing.some((a) => a.instrumentId === instrumentId);
          if (isBaseline) fileReport.outcome = 'baseline';
          diffInstrument({
            instrumentId,
            actions: group.actions,
            existing: existing.filter((a) => a.instrumentId === instrumentId),
            flagMissing: format === 'untc',
            isUntcSnapshot: (id) => snapshotFormats.get(id) === 'untc',
            snapshotId,
            now,
            recordChanges: !isBaseline,
            inserts,
            updates,
            seenIds,
            report,
          });
        }
        fileRows.push({
          snapshotId,
          instrumentId,
          fileName: group.file,
          sha256: group.sha256,
          rowCount: group.actions.length,
          outcome: fileReport.outcome === 'baseline' ? 'applied' : fileReport.outcome,
          complete,
        });
      }

      const wroteSomething = report.files.some((f) => f.outcome === 'applied' || f.outcome === 'baseline');
      report.outcome = wroteSomething
        ? 'applied'
        : report.files.every((f) => f.outcome === 'superseded')
          ? 'superseded'
          : 'unchanged';
      const alreadyRecorded = await repo.findSnapshot(tx, snapshotId);
      if (!wroteSomething && alreadyRecorded) return;

      await repo.upsertSnapshot(tx, {
        id: snapshotId,
        format,
        asOf,
        importedAt: now,
        summary: { outcome: report.outcome, counts: report.counts },
      });
      await repo.upsertSnapshotFiles(tx, fileRows);
      await repo.insertActions(tx, inserts);
      await repo.markSeen(tx, seenIds, snapshotId, now);
      for (const update of updates) await repo.updateAction(tx, update.id, update.values);
      await repo.insertChanges(
        tx,
        report.changes.map((c) => ({ ...c, snapshotId, detectedAt: now })),
      );
      if (wroteSomething) await repo.bumpDataVersion(tx);
      await recordAudit(
        tx,
        audit,
        {
          action: 'status.import',
          entityType: 'snapshot',
          entityId: snapshotId,
          after: {
            outcome: report.outcome,
            asOf,
            format,
            complete,
            counts: report.counts,
            files: report.files.map((f) => ({ file: f.file, instrumentId: f.instrumentId, outcome: f.outcome })),
          },
        },
        now,
      );
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;
}

const comparable = (a: { type: string; date: string; effectiveDate: string | null; text: string | null }) => ({
  type: a.type,
  date: a.date,
  effectiveDate: a.effectiveDate,
  text: a.text,
});

function diffInstrument({
  instrumentId,
  actions,
  existing,
  flagMissing,
  isUntcSnapshot,
  snapshotId,
  now,
  recordChanges,
  inserts,
  updates,
  seenIds,
  report,
}: {
  instrumentId: string;
  actions: ParsedAction[];
  existing: TreatyActionRow[];
  flagMissing: boolean;
  isUntcSnapshot: (id: string) => boolean;
  snapshotId: string;
  now: string;
  recordChanges: boolean;
  inserts: repo.NewTreatyAction[];
  updates: PendingUpdate[];
  seenIds: number[];
  report: ImportReport;
}) {
  const byKey = new Map(existing.map((a) => [`${a.participantId}|${a.actionKey}`, a]));
  const seenKeys = new Set<string>();
  const record = (change: ImportChange) => {
    if (recordChanges) report.changes.push(change);
  };

  for (const action of actions) {
    const key = `${action.participantId}|${action.actionKey}`;
    seenKeys.add(key);
    const current = byKey.get(key);
    const values = comparable(action);
    if (!current) {
      inserts.push({
        instrumentId,
        participantId: action.participantId,
        actionKey: action.actionKey,
        type: action.type,
        date: action.date,
        effectiveDate: action.effectiveDate,
        text: action.text,
        notificationRef: action.notificationRef,
        rawValue: action.rawValue,
        firstSnapshotId: snapshotId,
        lastSnapshotId: snapshotId,
        reviewStatus: 'current',
        updatedAt: now,
      });
      report.counts.added++;
      record({
        instrumentId,
        participantId: action.participantId,
        actionKey: action.actionKey,
        change: 'added',
        before: null,
        after: values,
      });
      continue;
    }
    const before = comparable(current);
    const corrected = JSON.stringify(before) !== JSON.stringify(values);
    const reappeared = current.reviewStatus !== 'current';
    if (!corrected && !reappeared) {
      seenIds.push(current.id);
      report.counts.unchanged++;
      continue;
    }
    updates.push({
      id: current.id,
      values: {
        ...values,
        rawValue: action.rawValue,
        notificationRef: action.notificationRef ?? current.notificationRef,
        reviewStatus: 'current',
        lastSnapshotId: snapshotId,
        updatedAt: now,
      },
    });
    if (corrected) {
      report.counts.corrected++;
      record({
        instrumentId,
        participantId: action.participantId,
        actionKey: action.actionKey,
        change: 'corrected',
        before,
        after: values,
      });
    }
    if (reappeared) {
      report.counts.reappeared++;
      record({
        instrumentId,
        participantId: action.participantId,
        actionKey: action.actionKey,
        change: 'reappeared',
        before: null,
        after: values,
      });
    }
  }

  if (!flagMissing) return;
  for (const current of existing) {
    const key = `${current.participantId}|${current.actionKey}`;
    if (seenKeys.has(key) || current.reviewStatus !== 'current' || !isUntcSnapshot(current.firstSnapshotId)) continue;
    updates.push({ id: current.id, values: { reviewStatus: 'missing_from_source', updatedAt: now } });
    report.counts.flagged++;
    record({
      instrumentId,
      participantId: current.participantId,
      actionKey: current.actionKey,
      change: 'missing_from_source',
      before: comparable(current),
      after: null,
    });
  }
}
