import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every write, sign-in and failed sign-in. A trigger in the migration refuses UPDATE and DELETE,
 * so no code path of the application can edit or remove a record.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Who acted, as shown: the user's email, `cli`, `system` or `anonymous`. */
    actorLabel: text('actor_label').notNull(),
    /** e.g. `user.create`, `user.update`, `user.delete`, `user.restore`, `session.sign_in`, `session.sign_in_failed`, `status.import`. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    clientAddress: text('client_address'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_log_actor_idx').on(t.actorUserId, t.id),
    index('audit_log_at_idx').on(t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
