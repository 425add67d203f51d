import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from '../../db/columns.ts';
import { participants } from '../participants/participants.table.ts';
// A cycle with programme.table.ts (which names users and organisations): both sides only reach the
// other's columns inside the lazy `references` callbacks, after both modules have loaded.
import { donors } from '../programme/programme.table.ts';
import type { ROLES } from '../../contracts/accounts.ts';

/** Organisations users can belong to: UN offices, partners, donors. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** `un`, `partner`, `donor`, `government` or `other`. */
  kind: text('kind').notNull(),
  ...timestamps,
  deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
});

export { ROLES } from '../../contracts/accounts.ts';
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    status: text('status').notNull(),
    role: text('role').notNull(),
    /** Country a member-state official (or a state donor) acts for. */
    participantId: text('participant_id').references(() => participants.id),
    /** Organisation a partner, programme officer or donor belongs to. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** The donor record (programme) whose contributions bound what a donor user reads; none: it reads nothing. */
    donorId: uuid('donor_id').references(() => donors.id),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'string' }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    check('users_status_check', sql`${t.status} in ('invited', 'active', 'disabled')`),
    check(
      'users_role_check',
      sql`${t.role} in ('administrator', 'programme_officer', 'partner', 'donor', 'member_state_official')`,
    ),
    check('users_language_check', sql`${t.preferredLanguage} in ('ar', 'zh', 'en', 'fr', 'ru', 'es')`),
  ],
);

/** Signed-in browser sessions: the cookie holds a random token, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Synchroniser token that cookie-authenticated writes must echo in the X-CSRF-Token header. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    userAgent: text('user_agent'),
    clientAddress: text('client_address'),
    /** `password` or `oidc`. */
    method: text('method').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_idx').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Tokens for machine clients: shown once, stored hashed, scoped, expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in a list. */
    prefix: text('prefix').notNull(),
    /** `read` or `read-write`. */
    scope: text('scope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/** One-time links: invitations and password resets. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `invitation` or `password_reset`. */
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_idx').on(t.tokenHash)],
);

/** Sign-in attempts by (normalised) email, known account or not, for the lockout rule. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    succeeded: text('succeeded').notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.email, t.at)],
);

/** Mail that could not be sent because no SMTP server is configured, or a copy of what was sent. */
export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
  /** `queued` (no SMTP configured), `sent` or `failed`. */
  status: text('status').notNull(),
  error: text('error'),
});

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
