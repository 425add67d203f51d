import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { langCheck, langColumn, timestamps } from '../../db/columns.ts';

/** UN M49 geographic regions: world, regions, sub-regions and intermediate regions. */
export const regions = pgTable('regions', {
  m49: text('m49').primaryKey(),
  parentM49: text('parent_m49'),
  level: text('level').notNull(),
});

export const regionTranslations = pgTable(
  'region_translations',
  {
    regionM49: text('region_m49')
      .notNull()
      .references(() => regions.m49, { onDelete: 'cascade' }),
    lang: langColumn(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionM49, t.lang] }), langCheck('region_translations', t.lang)],
);

/** States and organisations that can take treaty action. `id` is the ISO 3166-1 alpha-3 code, or `EUU`. */
export const participants = pgTable(
  'participants',
  {
    id: text('id').primaryKey(),
    iso3: text('iso3'),
    iso2: text('iso2'),
    m49: text('m49'),
    kind: text('kind').notNull(),
    regionM49: text('region_m49').references(() => regions.m49),
    subregionM49: text('subregion_m49').references(() => regions.m49),
    intermediateRegionM49: text('intermediate_region_m49').references(() => regions.m49),
    ...timestamps,
  },
  (t) => [index('participants_region_idx').on(t.regionM49)],
);

export const participantTranslations = pgTable(
  'participant_translations',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    lang: langColumn(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.lang] }), langCheck('participant_translations', t.lang)],
);

/**
 * Every name variant a depositary may use for a participant. `key` is the normalised form
 * (case, accents, punctuation folded) so that look-ups never guess beyond this table.
 */
export const participantAliases = pgTable(
  'participant_aliases',
  {
    key: text('key').primaryKey(),
    alias: text('alias').notNull(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    note: text('note'),
  },
  (t) => [index('participant_aliases_participant_idx').on(t.participantId)],
);

export type ParticipantRow = typeof participants.$inferSelect;
export type RegionRow = typeof regions.$inferSelect;
