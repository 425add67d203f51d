import { check, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { LANGUAGES } from '../contracts/languages.ts';

/** Creation and update timestamps shared by every table. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};

/** Language column of a `<entity>_translations` table, limited to the six UN languages. */
export const langColumn = () => text('lang').notNull();

export const langCheck = (tableName: string, column: { name: string } | unknown) =>
  check(`${tableName}_lang_check`, sql`${column} in (${sql.raw(LANGUAGES.map((l) => `'${l}'`).join(', '))})`);
