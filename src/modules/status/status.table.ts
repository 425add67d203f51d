import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { instruments } from '../instruments/instruments.table.ts';
import { participants } from '../participants/participants.table.ts';

/** A dated capture of a depositary's status list, or one generic actions file. */
export const snapshots = pgTable('snapshots', {
  id: text('id').primaryKey(),
  /** `untc` (UN Treaty Collection status pages) or `actions` (generic CSV from another depositary). */
  format: text('format').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }).notNull(),
  /** What the import did: counts of added, corrected, flagged and unchanged actions. */
  summary: jsonb('summary').notNull(),
});

/** Which instruments a snapshot covered, with the checksum of each file. */
export const snapshotFiles = pgTable(
  'snapshot_files',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id, { onDelete: 'cascade' }),
    instrumentId: text('instrument_id')
      .notNull()
      .references(() => instruments.id),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    /** `applied`, `unchanged`, or `superseded` (older than what a newer snapshot already recorded). */
    outcome: text('outcome').notNull(),
    /**
     * The file is the depositary's complete list for the instrument as of the snapshot date (every UNTC
     * status table is), not just some of its actions: only then is a participant it does not name "not party".
     */
    complete: boolean('complete').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.instrumentId] })],
);

/**
 * One treaty action. `actionKey` identifies it across snapshots: `signature`, `consent` and
 * `withdrawal` occur once per participant and instrument; statements are keyed by type, date and text.
 */
export const treatyActions = pgTable(
  'treaty_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instrumentId: text('instrument_id')
      .notNull()
      .references(() => instruments.id),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    actionKey: text('action_key').notNull(),
    /** signature, succession_to_signature, ratification, acceptance, approval, accession, succession, withdrawal, declaration, reservation, objection */
    type: text('type').notNull(),
    /** Date of deposit or notification, as the depositary shows it. */
    date: date('date', { mode: 'string' }).notNull(),
    /** Date from which the action takes effect when it differs (succession, withdrawal). */
    effectiveDate: date('effective_date', { mode: 'string' }),
    text: text('text'),
    notificationRef: text('notification_ref'),
    rawValue: text('raw_value'),
    /** Snapshot that first recorded the action, and the newest that still showed it. */
    firstSnapshotId: text('first_snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    lastSnapshotId: text('last_snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    /** `current`, or `missing_from_source` when a newer snapshot no longer shows it: flagged, never deleted. */
    reviewStatus: text('review_status').notNull().default('current'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('treaty_actions_key_idx').on(t.instrumentId, t.participantId, t.actionKey),
    index('treaty_actions_participant_idx').on(t.participantId),
  ],
);

/** What an import changed compared with what was recorded before: the public change log. */
export const statusChanges = pgTable(
  'status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    detectedAt: timestamp('detected_at', { withTimezone: true, mode: 'string' }).notNull(),
    instrumentId: text('instrument_id')
      .notNull()
      .references(() => instruments.id),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    actionKey: text('action_key').notNull(),
    /** `added`, `corrected`, `missing_from_source` or `reappeared`. */
    change: text('change').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('status_changes_instrument_idx').on(t.instrumentId, t.id),
    index('status_changes_participant_idx').on(t.participantId, t.id),
  ],
);

/** A single row whose `version` grows with every import, so server instances know when to reload. */
export const statusDataVersion = pgTable('status_data_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});

export type TreatyActionRow = typeof treatyActions.$inferSelect;
export type StatusChangeRow = typeof statusChanges.$inferSelect;
