import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/client.ts';
import { isoTimestamp, type Clock } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import * as repo from './accounts.repository.ts';
import { apiTokens, type UserRow } from './accounts.table.ts';
import { hashToken, randomToken } from './secrets.ts';

export const TOKEN_PREFIX = 'lxp_';
export const MAX_TOKEN_DAYS = 365;

const presentToken = (row: typeof apiTokens.$inferSelect, now: string) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scope: row.scope as 'read' | 'read-write',
  createdAt: isoTimestamp(row.createdAt),
  expiresAt: isoTimestamp(row.expiresAt),
  lastUsedAt: isoTimestamp(row.lastUsedAt),
  revokedAt: isoTimestamp(row.revokedAt),
  active: !row.revokedAt && Date.parse(row.expiresAt) > Date.parse(now),
});

/** Creates a token for machine clients; the secret is returned this once and only its hash is kept. */
export async function createApiToken({
  db,
  clock,
  context,
  userId,
  name,
  scope,
  expiresInDays,
}: {
  db: Db;
  clock: Clock;
  context: AuditContext;
  userId: string;
  name: string;
  scope: 'read' | 'read-write';
  expiresInDays: number;
}) {
  const token = randomToken(TOKEN_PREFIX);
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId,
        name: name.trim(),
        scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000).toISOString(),
      })
      .returning();
    await recordAudit(
      tx,
      context,
      {
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row!.id,
        after: presentToken(row!, now.toISOString()),
      },
      now.toISOString(),
    );
    return { token, ...presentToken(row!, now.toISOString()) };
  });
}

export async function listOwnTokens({ db, clock, userId }: { db: Db; clock: Clock; userId: string }) {
  const now = clock.now().toISOString();
  return (await repo.listApiTokens(db, userId)).map((row) => presentToken(row, now));
}

export async function revokeApiToken({
  db,
  clock,
  context,
  userId,
  tokenId,
}: {
  db: Db;
  clock: Clock;
  context: AuditContext;
  userId: string;
  tokenId: string;
}) {
  const now = clock.now().toISOString();
  await inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('accounts.token_not_found', 'There is no such active token of yours.');
    await recordAudit(tx, context, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId }, now);
  });
}

/** The user behind a bearer token, if the token exists, has not expired, is not revoked and the user may sign in. */
export async function resolveApiToken({
  db,
  clock,
  token,
}: {
  db: Db;
  clock: Clock;
  token: string;
}): Promise<{ user: UserRow; scope: 'read' | 'read-write' } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await repo.findApiTokenByHash(db, hashToken(token));
  const now = clock.now().toISOString();
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  const user = await repo.findUserById(db, row.userId);
  if (!user || user.status !== 'active' || user.deletedAt) return null;
  if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { user, scope: row.scope as 'read' | 'read-write' };
}
