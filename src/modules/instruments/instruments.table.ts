import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { langCheck, langColumn, timestamps } from '../../db/columns.ts';

/** Conventions, protocols and amendments. `id` is the public slug (e.g. `icsft-1999`). */
export const instruments = pgTable('instruments', {
  id: text('id').primaryKey(),
  sortOrder: integer('sort_order').notNull(),
  untcNo: text('untc_no'),
  adoptedDate: date('adopted_date', { mode: 'string' }).notNull(),
  adoptedPlace: text('adopted_place'),
  entryIntoForceDate: date('entry_into_force_date', { mode: 'string' }),
  depositary: text('depositary').notNull(),
  depositaryCodes: text('depositary_codes').array().notNull(),
  eifInstrumentsRequired: integer('eif_instruments_required'),
  /** Days after the last required deposit; null when the rule is not a number of days. */
  eifDaysAfter: integer('eif_days_after'),
  eifDaysAfterLaterJoiners: integer('eif_days_after_later_joiners'),
  /** `days_after` or `first_day_of_second_month` (ICAO 2010 and 2014 instruments). */
  eifRuleKind: text('eif_rule_kind').notNull(),
  eifRuleEn: text('eif_rule_en').notNull(),
  family: text('family').notNull(),
  parentId: text('parent_id'),
  relationToParent: text('relation_to_parent'),
  /** Smallest of the 12/16/18/19 sets of universal instruments that counts this one. */
  ctSetFirstCounted: integer('ct_set_first_counted'),
  notes: text('notes'),
  ...timestamps,
});

export const instrumentTranslations = pgTable(
  'instrument_translations',
  {
    instrumentId: text('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    lang: langColumn(),
    title: text('title'),
    shortName: text('short_name'),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.lang] }), langCheck('instrument_translations', t.lang)],
);

export type InstrumentRow = typeof instruments.$inferSelect;
