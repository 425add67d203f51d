import { eq } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/client.ts';
import { isoTimestamp, type Clock } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import * as repo from './accounts.repository.ts';
import { organizations } from './accounts.table.ts';

type OrganizationKind = 'un' | 'partner' | 'donor' | 'government' | 'other';

/** What the API shows of an organisation. */
export const presentOrganization = (row: typeof organizations.$inferSelect) => ({
  id: row.id,
  name: row.name,
  kind: row.kind as OrganizationKind,
  createdAt: isoTimestamp(row.createdAt),
  deletedAt: isoTimestamp(row.deletedAt),
});

/** Organisations, deleted ones only when asked for, by name. */
export async function listOrganizations({ db, includeDeleted }: { db: Db; includeDeleted: boolean }) {
  return (await repo.listOrganizations(db, includeDeleted)).map(presentOrganization);
}

/** The organisations a form offers to choose from: those not deleted, by name. */
export async function organizationChoices({ db }: { db: Db }) {
  return (await repo.listOrganizations(db)).map(({ id, name }) => ({ id, name }));
}

/** Adds an organisation, audited. */
export async function createOrganization({
  db,
  clock,
  context,
  input,
}: {
  db: Db;
  clock: Clock;
  context: AuditContext;
  input: { name: string; kind: OrganizationKind };
}) {
  const now = clock.now().toISOString();
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(organizations)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning();
    const created = presentOrganization(row!);
    await recordAudit(
      tx,
      context,
      {
        action: 'organization.create',
        entityType: 'organization',
        entityId: row!.id,
        after: created,
      },
      now,
    );
    return created;
  });
}

/** Deletes (softly) or restores an organisation; one already in the asked state is not found. */
export async function setOrganizationDeleted({
  db,
  clock,
  context,
  organizationId,
  deleted,
}: {
  db: Db;
  clock: Clock;
  context: AuditContext;
  organizationId: string;
  deleted: boolean;
}) {
  const now = clock.now().toISOString();
  return inTransaction(db, async (tx) => {
    const before = await repo.findOrganization(tx, organizationId);
    if (!before || (before.deletedAt !== null) === deleted) {
      throw notFound('accounts.organization_not_found', 'There is no such organization.');
    }
    const [after] = await tx
      .update(organizations)
      .set({ deletedAt: deleted ? now : null, updatedAt: now })
      .where(eq(organizations.id, before.id))
      .returning();
    await recordAudit(
      tx,
      context,
      {
        action: deleted ? 'organization.delete' : 'organization.restore',
        entityType: 'organization',
        entityId: before.id,
        before: presentOrganization(before),
        after: presentOrganization(after!),
      },
      now,
    );
    return presentOrganization(after!);
  });
}
