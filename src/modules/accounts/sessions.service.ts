import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/client.ts';
import type { Clock } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { invalidCredentials, LockedOutError } from './accounts.errors.ts';
import * as repo from './accounts.repository.ts';
import { sessions, signInAttempts, users, type SessionRow, type UserRow } from './accounts.table.ts';
import { hashToken, randomToken, verifyPassword } from './secrets.ts';

export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15 };

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When an account is locked: after LOCKOUT.failures failures within LOCKOUT.windowMinutes, further
 * attempts are refused for LOCKOUT.lockMinutes from the last of those failures. Returns the end of
 * the lock, or null.
 */
export function lockedUntil(failureTimes: string[], now: number): number | null {
  const times = failureTimes.map((t) => Date.parse(t)).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = LOCKOUT.failures - 1; i < times.length; i++) {
    if (times[i]! - times[i - LOCKOUT.failures + 1]! <= minutes(LOCKOUT.windowMinutes)) {
      until = Math.max(until ?? 0, times[i]! + minutes(LOCKOUT.lockMinutes));
    }
  }
  return until !== null && until > now ? until : null;
}

export interface NewSession {
  token: string;
  session: SessionRow;
  user: UserRow;
}

export async function createSession({
  db,
  clock,
  user,
  settings,
  method,
  userAgent,
  clientAddress,
}: {
  db: Db;
  clock: Clock;
  user: UserRow;
  settings: SessionSettings;
  method: 'password' | 'oidc';
  userAgent: string | null;
  clientAddress: string | null;
}): Promise<NewSession> {
  const now = clock.now().getTime();
  const token = randomToken();
  const [session] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken: randomToken(),
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + settings.maxHours * 3_600_000),
      userAgent: userAgent?.slice(0, 300) ?? null,
      clientAddress,
      method,
    })
    .returning();
  await db
    .update(users)
    .set({ lastSignInAt: iso(now) })
    .where(eq(users.id, user.id));
  return { token, session: session!, user };
}

/**
 * Checks an email and password. Unknown address, wrong password, disabled or deleted account all give
 * the same answer; a locked account gets 429 with the time to wait. Every attempt is recorded and audited.
 */
export async function signIn({
  db,
  clock,
  email,
  password,
  settings,
  context,
  userAgent,
}: {
  db: Db;
  clock: Clock;
  email: string;
  password: string;
  settings: SessionSettings;
  context: AuditContext;
  userAgent: string | null;
}): Promise<NewSession> {
  const key = email.trim().toLowerCase();
  const now = clock.now().getTime();
  const since = iso(now - minutes(LOCKOUT.windowMinutes + LOCKOUT.lockMinutes));
  const user = await repo.findUserByEmail(db, key);
  const lockEnd = lockedUntil(
    (await repo.recentFailedSignIns(db, key, since)).map((r) => r.at),
    now,
  );
  if (lockEnd !== null) {
    await recordAudit(
      db,
      context,
      {
        action: 'session.sign_in_refused_locked',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { email: key },
      },
      iso(now),
    );
    throw new LockedOutError(Math.ceil((lockEnd - now) / 1000));
  }

  const usable = user && user.status === 'active' && !user.deletedAt;
  const passwordOk = await verifyPassword(usable ? user.passwordHash : null, password);
  if (!usable || !passwordOk) {
    await inTransaction(db, async (tx) => {
      await tx
        .insert(signInAttempts)
        .values({ email: key, at: iso(now), succeeded: 'false', clientAddress: context.clientAddress });
      await recordAudit(
        tx,
        context,
        { action: 'session.sign_in_failed', entityType: 'user', entityId: user?.id ?? null, after: { email: key } },
        iso(now),
      );
      const failures = (await repo.recentFailedSignIns(tx, key, since)).map((r) => r.at);
      if (lockedUntil(failures, now) !== null) {
        await recordAudit(
          tx,
          context,
          {
            action: 'user.locked_out',
            entityType: 'user',
            entityId: user?.id ?? null,
            after: { email: key, minutes: LOCKOUT.lockMinutes },
          },
          iso(now),
        );
      }
    });
    throw invalidCredentials();
  }

  return inTransaction(db, async (tx) => {
    await tx
      .insert(signInAttempts)
      .values({ email: key, at: iso(now), succeeded: 'true', clientAddress: context.clientAddress });
    const created = await createSession({
      db: tx,
      clock,
      user,
      settings,
      method: 'password',
      userAgent,
      clientAddress: context.clientAddress,
    });
    await recordAudit(
      tx,
      { ...context, actorUserId: user.id, actorLabel: user.email },
      {
        action: 'session.sign_in',
        entityType: 'session',
        entityId: created.session.id,
        after: { userId: user.id, method: 'password' },
      },
      iso(now),
    );
    return created;
  });
}

/**
 * Signs in, through the organisation's OpenID Connect provider, the invited or active user with that
 * email; null, audited as a failed sign-in, when there is none.
 */
export async function signInWithOidc({
  db,
  clock,
  email,
  settings,
  context,
  userAgent,
  clientAddress,
}: {
  db: Db;
  clock: Clock;
  email: string | null;
  settings: SessionSettings;
  context: AuditContext;
  userAgent: string | null;
  clientAddress: string | null;
}): Promise<NewSession | null> {
  const user = email ? await repo.findUserByEmail(db, email) : undefined;
  const now = clock.now().toISOString();
  if (!user || user.deletedAt || user.status === 'disabled') {
    await recordAudit(
      db,
      context,
      {
        action: 'session.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { email, method: 'oidc' },
      },
      now,
    );
    return null;
  }
  const asUser = { ...context, actorUserId: user.id, actorLabel: user.email };
  return inTransaction(db, async (tx) => {
    // An invited user who signs in through the organisation has accepted the invitation.
    if (user.status === 'invited') {
      await tx.update(users).set({ status: 'active', updatedAt: now }).where(eq(users.id, user.id));
      await recordAudit(
        tx,
        asUser,
        {
          action: 'user.accept_invitation',
          entityType: 'user',
          entityId: user.id,
          after: { method: 'oidc' },
        },
        now,
      );
    }
    const session = await createSession({ db: tx, clock, user, settings, method: 'oidc', userAgent, clientAddress });
    await recordAudit(
      tx,
      asUser,
      {
        action: 'session.sign_in',
        entityType: 'session',
        entityId: session.session.id,
        after: { userId: user.id, method: 'oidc' },
      },
      now,
    );
    return session;
  });
}

/**
 * The session and user behind a cookie token, if the session is neither revoked, past its absolute
 * lifetime, idle for too long, nor its user disabled or deleted. Refreshes the idle clock at most once a minute.
 */
export async function resolveSession({
  db,
  clock,
  token,
  settings,
}: {
  db: Db;
  clock: Clock;
  token: string;
  settings: SessionSettings;
}): Promise<{ session: SessionRow; user: UserRow } | null> {
  const session = await repo.findSessionByTokenHash(db, hashToken(token));
  if (!session || session.revokedAt) return null;
  const now = clock.now().getTime();
  if (Date.parse(session.expiresAt) <= now) return null;
  if (Date.parse(session.lastSeenAt) + minutes(settings.idleMinutes) <= now) return null;
  const user = await repo.findUserById(db, session.userId);
  if (!user || user.status !== 'active' || user.deletedAt) return null;
  if (now - Date.parse(session.lastSeenAt) > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: iso(now) })
      .where(eq(sessions.id, session.id));
  }
  return { session, user };
}

export async function signOut({
  db,
  clock,
  sessionId,
  context,
}: {
  db: Db;
  clock: Clock;
  sessionId: string;
  context: AuditContext;
}) {
  const now = clock.now().toISOString();
  await inTransaction(db, async (tx) => {
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
    await recordAudit(tx, context, { action: 'session.sign_out', entityType: 'session', entityId: sessionId }, now);
  });
}

/** Ends one active session of a user's own; another user's session, or an ended one, is not found. */
export async function endOwnSession({
  db,
  clock,
  context,
  userId,
  sessionId,
}: {
  db: Db;
  clock: Clock;
  context: AuditContext;
  userId: string;
  sessionId: string;
}) {
  const now = clock.now().toISOString();
  await inTransaction(db, async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!ended) throw notFound('accounts.session_not_found', 'There is no such active session of yours.');
    await recordAudit(tx, context, { action: 'session.sign_out', entityType: 'session', entityId: ended.id }, now);
  });
}

/** Ends every session of a user (sign out everywhere), optionally keeping the current one. */
export async function signOutEverywhere({
  db,
  clock,
  userId,
  context,
  keepSessionId,
}: {
  db: Db;
  clock: Clock;
  userId: string;
  context: AuditContext;
  keepSessionId?: string;
}) {
  const now = clock.now().toISOString();
  return inTransaction(db, async (tx) => {
    const revoked = await repo.revokeSessions(tx, userId, now, keepSessionId);
    await recordAudit(
      tx,
      context,
      {
        action: 'session.sign_out_everywhere',
        entityType: 'user',
        entityId: userId,
        after: { sessionsEnded: revoked.length },
      },
      now,
    );
    return revoked.length;
  });
}
