import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from '../../db/columns.ts';
import { organizations, users } from '../accounts/accounts.table.ts';
import { instruments } from '../instruments/instruments.table.ts';
import { libraryDocuments } from '../library/library.table.ts';
import { participants } from '../participants/participants.table.ts';

const deletedAt = () => timestamp('deleted_at', { withTimezone: true, mode: 'string' });
const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'number' });

/** US dollars per unit of a currency from a date until the next rate; administrators keep it (no network). */
export const currencyRates = pgTable(
  'currency_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    currency: text('currency').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    usdPerUnit: numeric('usd_per_unit', { precision: 18, scale: 8, mode: 'number' }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('currency_rates_currency_date_idx').on(t.currency, t.validFrom),
    check('currency_rates_positive', sql`${t.usdPerUnit} > 0`),
  ],
);

/** A state (a participant) or an organisation that funds the programme. */
export const donors = pgTable(
  'donors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    participantId: text('participant_id').references(() => participants.id),
    name: text('name'),
    ...timestamps,
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex('donors_participant_idx')
      .on(t.participantId)
      .where(sql`${t.deletedAt} is null`),
    check(
      'donors_kind_check',
      sql`(${t.kind} = 'state' and ${t.participantId} is not null) or (${t.kind} = 'organization' and ${t.name} is not null)`,
    ),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    scope: text('scope').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'`),
    countries: text('countries')
      .array()
      .notNull()
      .default(sql`'{}'`),
    budgetAmount: money('budget_amount'),
    budgetCurrency: text('budget_currency'),
    ...timestamps,
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex('projects_code_idx')
      .on(sql`lower(${t.code})`)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** Money in or out, typed as IATI types it; the dollar amount is fixed at the rate of its date when recorded. */
export const transactions = pgTable(
  'transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    donorId: uuid('donor_id').references(() => donors.id),
    projectId: uuid('project_id').references(() => projects.id),
    date: date('date', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    usdRate: numeric('usd_rate', { precision: 18, scale: 8, mode: 'number' }).notNull(),
    usdAmount: money('usd_amount').notNull(),
    earmarking: text('earmarking').notNull(),
    earmarkTheme: text('earmark_theme'),
    earmarkRegion: text('earmark_region'),
    description: text('description'),
    ...timestamps,
    deletedAt: deletedAt(),
  },
  (t) => [
    index('transactions_project_idx').on(t.projectId, t.date),
    index('transactions_donor_idx').on(t.donorId, t.date),
    check('transactions_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code'),
    title: text('title').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    online: boolean('online').notNull().default(false),
    venueCity: text('venue_city'),
    venueCountry: text('venue_country').references(() => participants.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    partners: text('partners')
      .array()
      .notNull()
      .default(sql`'{}'`),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    instruments: text('instruments')
      .array()
      .notNull()
      .default(sql`'{}'`),
    projectId: uuid('project_id').references(() => projects.id),
    donorIds: uuid('donor_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'`),
    participantsTotal: integer('participants_total'),
    participantsWomen: integer('participants_women'),
    participantsMen: integer('participants_men'),
    /** Participants per profession: judges, prosecutors, investigators, central_authority, drafters, other. */
    professions: jsonb('professions').$type<Record<string, number>>(),
    institutions: text('institutions')
      .array()
      .notNull()
      .default(sql`'{}'`),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    ...timestamps,
    deletedAt: deletedAt(),
  },
  (t) => [
    index('activities_dates_idx').on(t.startDate, t.endDate),
    // "Runs during this window" as one indexed test: the matrix and the overlap check ask it.
    index('activities_period_idx').using('gist', sql`daterange(${t.startDate}, ${t.endDate}, '[]')`),
    index('activities_organization_idx').on(t.organizationId),
    uniqueIndex('activities_code_idx')
      .on(t.organizationId, t.code)
      .where(sql`${t.deletedAt} is null and ${t.code} is not null`),
    check('activities_dates_check', sql`${t.endDate} >= ${t.startDate}`),
    check(
      'activities_counts_check',
      sql`${t.participantsWomen} >= 0 and ${t.participantsMen} >= 0 and ${t.participantsWomen} + ${t.participantsMen} <= ${t.participantsTotal}`,
    ),
  ],
);

/** Beneficiary countries, one row each, so that the matrix and the indicators read them by index. */
export const activityCountries = pgTable(
  'activity_countries',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    /** Copies of the activity's dates, so that "this country, this window" is one index range. */
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.participantId] }),
    index('activity_countries_country_idx').on(t.participantId, t.startDate),
  ],
);

/** Library documents attached to an activity: its agenda, report, materials. */
export const activityDocuments = pgTable(
  'activity_documents',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => libraryDocuments.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.documentId, t.role] })],
);

/**
 * Two organisations' activities found close to each other, whose programme officers were mailed about it:
 * each pair is remembered once (the smaller id first) so that later edits do not mail them again.
 */
export const activityOverlapNotices = pgTable(
  'activity_overlap_notices',
  {
    firstActivityId: uuid('first_activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    secondActivityId: uuid('second_activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    notifiedAt: timestamp('notified_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firstActivityId, t.secondActivityId] }),
    index('activity_overlap_notices_second_idx').on(t.secondActivityId),
    check('activity_overlap_notices_order_check', sql`${t.firstActivityId} < ${t.secondActivityId}`),
  ],
);

/** A change in a country that assistance contributed to: joining an instrument, or a law drafted or adopted. */
export const outcomes = pgTable(
  'outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    instrumentId: text('instrument_id').references(() => instruments.id),
    documentId: uuid('document_id').references(() => libraryDocuments.id),
    stage: text('stage'),
    date: date('date', { mode: 'string' }).notNull(),
    description: text('description'),
    ...timestamps,
    deletedAt: deletedAt(),
  },
  (t) => [index('outcomes_participant_idx').on(t.participantId, t.date)],
);

export const outcomeContributions = pgTable(
  'outcome_contributions',
  {
    outcomeId: uuid('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    note: text('note').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.outcomeId, t.activityId] }),
    index('outcome_contributions_activity_idx').on(t.activityId),
  ],
);

/** Results framework: a project's indicators with baseline and target, and the actual value per period. */
export const projectIndicators = pgTable('project_indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  projectId: uuid('project_id')
    .notNull()
    .references(() => projects.id),
  name: text('name').notNull(),
  unit: text('unit'),
  baseline: numeric('baseline', { mode: 'number' }),
  target: numeric('target', { mode: 'number' }),
  /** Period (2013, 2013-Q2 or 2013-06) → actual value. */
  values: jsonb('values')
    .$type<{ period: string; value: number }[]>()
    .notNull()
    .default(sql`'[]'`),
  ...timestamps,
  deletedAt: deletedAt(),
});

/** A spreadsheet's column → field mapping, saved to reuse on the next import of the same layout. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** Field → column header. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    keyField: text('key_field').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('import_mappings_name_idx').on(t.organizationId, t.name)],
);
