import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import type { Clock } from '../../src/lib/dates.ts';
import { SYSTEM_CONTEXT } from '../../src/modules/audit/audit.service.ts';
import { organizations, users, type Role } from '../../src/modules/accounts/accounts.table.ts';
import { createSession } from '../../src/modules/accounts/sessions.service.ts';
import { hashPassword } from '../../src/modules/accounts/secrets.ts';
import { createApiToken } from '../../src/modules/accounts/tokens.service.ts';
import { DEFAULT_SECURITY, type SecurityConfig } from '../../src/server/config.ts';

/** A clock the test moves forward, for session expiry and lockout windows. */
export function mutableClock(iso: string): Clock & { advanceMinutes(n: number): void; set(iso: string): void } {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    advanceMinutes: (n) => void (now += n * 60_000),
    set: (value) => void (now = Date.parse(value)),
  };
}

/** Security settings for tests: generous rate limits so that suites can sign in many times. */
export const TEST_SECURITY: SecurityConfig = {
  ...DEFAULT_SECURITY,
  rateLimitPerMinute: 100_000,
  accountRateLimitPerMinute: 100_000,
  authRateLimitPerMinute: 100_000,
};

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: string | null = null;

export async function createOrganization(db: Db, name: string, kind = 'partner') {
  const [row] = await db.insert(organizations).values({ name, kind }).returning();
  return row!;
}

/** An active user with TEST_PASSWORD (hashed once per run: argon2 is slow on purpose). */
export async function createUser(
  db: Db,
  {
    email,
    role,
    participantId = null,
    organizationId = null,
    donorId = null,
    status = 'active',
    preferredLanguage = 'en',
  }: {
    email: string;
    role: Role;
    participantId?: string | null;
    organizationId?: string | null;
    donorId?: string | null;
    status?: 'active' | 'invited' | 'disabled';
    preferredLanguage?: string;
  },
) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const [row] = await db
    .insert(users)
    .values({
      email,
      displayName: email.split('@')[0]!,
      role,
      participantId,
      organizationId,
      donorId,
      status,
      passwordHash: status === 'invited' ? null : cachedHash,
      preferredLanguage,
    })
    .returning();
  return row!;
}

/** Cookie and CSRF headers of a fresh session for the user, as a browser would send them. */
export async function sessionHeaders(
  db: Db,
  clock: Clock,
  user: Awaited<ReturnType<typeof createUser>>,
  write = false,
) {
  const { token, session } = await createSession({
    db,
    clock,
    user,
    settings: { idleMinutes: DEFAULT_SECURITY.sessionIdleMinutes, maxHours: DEFAULT_SECURITY.sessionMaxHours },
    method: 'password',
    userAgent: 'test',
    clientAddress: null,
  });
  return { cookie: `lexpact_session=${token}`, ...(write ? { 'x-csrf-token': session.csrfToken } : {}) };
}

export async function tokenHeaders(
  db: Db,
  clock: Clock,
  user: Awaited<ReturnType<typeof createUser>>,
  scope: 'read' | 'read-write',
) {
  const { token } = await createApiToken({
    db,
    clock,
    context: SYSTEM_CONTEXT,
    userId: user.id,
    name: 'test',
    scope,
    expiresInDays: 30,
  });
  return { authorization: `Bearer ${token}` };
}

/** Signs in through the API and returns the cookie and CSRF headers. */
export async function signInThroughApi(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  const cookie = response.cookies.find((c) => c.name === 'lexpact_session');
  return {
    response,
    headers: cookie
      ? {
          cookie: `lexpact_session=${cookie.value}`,
          'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken,
        }
      : null,
  };
}
