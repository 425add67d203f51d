import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { donors } from '../programme/programme.table.ts';
import {
  apiTokens,
  oneTimeTokens,
  organizations,
  outbox,
  sessions,
  signInAttempts,
  users,
  type UserRow,
} from './accounts.table.ts';

export const findUserByEmail = async (db: Db, email: string): Promise<UserRow | undefined> =>
  (
    await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
  )[0];

export const findUserById = async (db: Db, id: string): Promise<UserRow | undefined> =>
  (await db.select().from(users).where(eq(users.id, id)))[0];

export async function listUsers(
  db: Db,
  filter: { status?: string | undefined; role?: string | undefined; q?: string | undefined; includeDeleted: boolean },
) {
  const conditions: SQL[] = [];
  if (!filter.includeDeleted) conditions.push(isNull(users.deletedAt));
  if (filter.status) conditions.push(eq(users.status, filter.status));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q)
    conditions.push(
      sql`(lower(${users.email}) like ${`%${filter.q.toLowerCase()}%`} or lower(${users.displayName}) like ${`%${filter.q.toLowerCase()}%`})`,
    );
  return db
    .select()
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.displayName));
}

/** A donor record of the programme, not deleted: what a donor user may be linked to. */
export const donorExists = async (db: Db, id: string): Promise<boolean> =>
  (
    await db
      .select({ id: donors.id })
      .from(donors)
      .where(and(eq(donors.id, id), isNull(donors.deletedAt)))
  ).length > 0;

export const countUsers = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

export async function listOrganizations(db: Db, includeDeleted = false) {
  return db
    .select()
    .from(organizations)
    .where(includeDeleted ? undefined : isNull(organizations.deletedAt))
    .orderBy(asc(organizations.name));
}

export const findOrganization = async (db: Db, id: string) =>
  (await db.select().from(organizations).where(eq(organizations.id, id)))[0];

export const findSessionByTokenHash = async (db: Db, tokenHash: string) =>
  (await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)))[0];

export async function listActiveSessions(db: Db, userId: string, now: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(asc(sessions.createdAt));
}

export async function revokeSessions(db: Db, userId: string, now: string, exceptSessionId?: string) {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(sql`${sessions.id} <> ${exceptSessionId}`);
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
}

export const findApiTokenByHash = async (db: Db, tokenHash: string) =>
  (await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)))[0];

export async function listApiTokens(db: Db, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiTokensOf(db: Db, userId: string, now: string) {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export const findOneTimeToken = async (db: Db, tokenHash: string) =>
  (await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, tokenHash)))[0];

/** A new link makes the older unused links of the same purpose useless. */
export async function expireOneTimeTokens(db: Db, userId: string, purpose: string, now: string) {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}

export async function recentFailedSignIns(db: Db, email: string, since: string) {
  return db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, 'false'), gt(signInAttempts.at, since)))
    .orderBy(asc(signInAttempts.at));
}

export async function listOutbox(db: Db, limit: number) {
  return db
    .select()
    .from(outbox)
    .orderBy(sql`${outbox.createdAt} desc`)
    .limit(limit);
}
