import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { insertRows, type Db } from '../../db/client.ts';
import { auditLog } from './audit.table.ts';

/** Who is acting and from where, carried from the request (or the CLI) into every audit record. */
export interface AuditContext {
  actorUserId: string | null;
  actorLabel: string;
  requestId: string | null;
  clientAddress: string | null;
}

export const CLI_CONTEXT: AuditContext = { actorUserId: null, actorLabel: 'cli', requestId: null, clientAddress: null };
export const SYSTEM_CONTEXT: AuditContext = {
  actorUserId: null,
  actorLabel: 'system',
  requestId: null,
  clientAddress: null,
};

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit record; call it with the transaction of the change it records. */
export async function recordAudit(db: Db, context: AuditContext, entry: AuditEntry, at: string): Promise<void> {
  await recordAudits(db, context, [entry], at);
}

/** Many entries of one request (a bulk import) in one statement. */
export async function recordAudits(db: Db, context: AuditContext, entries: AuditEntry[], at: string): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(
    db,
    auditLog,
    entries.map((entry) => ({
      at,
      actorUserId: context.actorUserId,
      actorLabel: context.actorLabel,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : redact(entry.before),
      after: entry.after === undefined ? null : redact(entry.after),
      requestId: context.requestId,
      clientAddress: context.clientAddress,
    })),
  );
}

const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash', 'csrfToken', 'password']);

/** Secrets never reach the audit trail, even hashed. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_FIELDS.has(key))
        .map(([key, v]) => [key, redact(v)]),
    );
  }
  return value;
}

export interface AuditFilter {
  actorUserId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** Audit records, newest first, paginated by id. */
export async function listAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.from) conditions.push(gte(auditLog.at, `${filter.from}T00:00:00Z`));
  if (filter.to) conditions.push(lte(auditLog.at, `${filter.to}T23:59:59.999Z`));
  if (filter.before !== undefined) conditions.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
