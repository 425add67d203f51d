import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditRecordSchema,
  emailSchema,
  languageSchema,
  organizationSchema,
  outboxMailSchema,
  roleSchema,
  userSchema,
} from '../../contracts/accounts.ts';
import { problemSchema } from '../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { isIsoDate, isoTimestamp, type Clock } from '../../lib/dates.ts';
import { notFound } from '../../lib/errors.ts';
import { listAudit, type AuditContext } from '../audit/audit.service.ts';
import * as repo from './accounts.repository.ts';
import type { Mailer } from './mail.ts';
import { createOrganization, listOrganizations, setOrganizationDeleted } from './organizations.service.ts';
import { deleteUser, inviteUser, presentUser, resendInvitation, restoreUser, updateUser } from './users.service.ts';
import { coded } from '../../contracts/reasons.ts';

const idParam = z.object({ id: z.string().uuid('must be an id (UUID)').describe('Id (UUID)') });
const optionalDate = (description: string) =>
  z
    .string()
    .refine(isIsoDate, coded('invalid_date', 'must be a real date written as YYYY-MM-DD'))
    .optional()
    .describe(description);

/** Administration: users, invitations, roles, organisations, the outbox and the audit trail. */
export async function adminRoutes(
  app: FastifyInstance,
  { db, clock, mailer, publicUrl }: { db: Db; clock: Clock; mailer: Mailer; publicUrl: string },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const manage = { policy: 'users.manage' as const };
  const denied = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

  api.get(
    '/admin/users',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Users, deleted ones hidden unless asked for',
        querystring: z.object({
          status: z.enum(['invited', 'active', 'disabled']).optional(),
          role: roleSchema.optional(),
          q: z.string().max(200).optional().describe('Part of the name or email'),
          includeDeleted: z.enum(['true', 'false']).default('false').describe('Also list deleted users'),
        }),
        response: { 200: z.object({ items: z.array(userSchema) }), ...denied },
      },
    },
    async (request) => ({
      items: (
        await repo.listUsers(db, { ...request.query, includeDeleted: request.query.includeDeleted === 'true' })
      ).map(presentUser),
    }),
  );

  api.post(
    '/admin/users',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Invite a user: creates the account and mails a one-time link',
        body: z.object({
          email: emailSchema,
          displayName: z.string().trim().min(1).max(200),
          role: roleSchema,
          participantId: z
            .string()
            .trim()
            .length(3)
            .nullable()
            .optional()
            .describe('ISO3 of the country (member-state officials, state donors)'),
          organizationId: z
            .string()
            .uuid()
            .nullable()
            .optional()
            .describe('Organization (partners, programme officers, donors)'),
          donorId: z
            .string()
            .uuid()
            .nullable()
            .optional()
            .describe(
              'Donor record a donor user reads the funding of (GET /programme/donors); without it, it reads none',
            ),
          preferredLanguage: languageSchema.optional(),
        }),
        response: { 201: userSchema, 409: problemSchema, ...denied },
      },
    },
    async (request, reply) => {
      const { user } = await inviteUser({
        db,
        clock,
        mailer,
        publicUrl,
        context: request.auditContext,
        input: request.body,
      });
      return reply.code(201).send(user);
    },
  );

  api.get(
    '/admin/users/:id',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'One user, deleted or not',
        params: idParam,
        response: { 200: userSchema, 404: problemSchema, ...denied },
      },
    },
    async (request) => {
      const user = await repo.findUserById(db, request.params.id);
      if (!user) throw notFound('accounts.user_not_found', 'There is no such user.');
      return presentUser(user);
    },
  );

  api.patch(
    '/admin/users/:id',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Change a user: name, role and scope, status (active/disabled), language',
        params: idParam,
        body: z.object({
          displayName: z.string().trim().min(1).max(200).optional(),
          role: roleSchema.optional(),
          participantId: z.string().trim().length(3).nullable().optional(),
          organizationId: z.string().uuid().nullable().optional(),
          donorId: z
            .string()
            .uuid()
            .nullable()
            .optional()
            .describe('Donor record of a donor user; dropped when the role changes to another'),
          status: z.enum(['active', 'disabled']).optional(),
          preferredLanguage: languageSchema.optional(),
        }),
        response: { 200: userSchema, 404: problemSchema, ...denied },
      },
    },
    async (request) =>
      updateUser({ db, clock, context: request.auditContext, userId: request.params.id, changes: request.body }),
  );

  api.delete(
    '/admin/users/:id',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Delete a user (soft: restorable)',
        params: idParam,
        response: { 200: userSchema, 404: problemSchema, ...denied },
      },
    },
    async (request) => deleteUser({ db, clock, context: request.auditContext, userId: request.params.id }),
  );

  api.post(
    '/admin/users/:id/restore',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Restore a deleted user',
        params: idParam,
        response: { 200: userSchema, 404: problemSchema, ...denied },
      },
    },
    async (request) => restoreUser({ db, clock, context: request.auditContext, userId: request.params.id }),
  );

  api.post(
    '/admin/users/:id/invitation',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Send the invitation again (the previous link stops working)',
        params: idParam,
        response: { 204: z.null(), 404: problemSchema, ...denied },
      },
    },
    async (request, reply) => {
      await resendInvitation({
        db,
        clock,
        mailer,
        publicUrl,
        context: request.auditContext,
        userId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/admin/organizations',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Organisations',
        querystring: z.object({ includeDeleted: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(organizationSchema) }), ...denied },
      },
    },
    async (request) => ({
      items: await listOrganizations({ db, includeDeleted: request.query.includeDeleted === 'true' }),
    }),
  );

  api.post(
    '/admin/organizations',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Add an organization',
        body: z.object({
          name: z.string().trim().min(2).max(200),
          kind: z.enum(['un', 'partner', 'donor', 'government', 'other']),
        }),
        response: { 201: organizationSchema, ...denied },
      },
    },
    async (request, reply) => {
      const created = await createOrganization({ db, clock, context: request.auditContext, input: request.body });
      return reply.code(201).send(created);
    },
  );

  const setDeleted = (deleted: boolean) => async (request: { params: { id: string }; auditContext: AuditContext }) =>
    setOrganizationDeleted({ db, clock, context: request.auditContext, organizationId: request.params.id, deleted });

  api.delete(
    '/admin/organizations/:id',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Delete an organization (soft: restorable)',
        params: idParam,
        response: { 200: organizationSchema, 404: problemSchema, ...denied },
      },
    },
    setDeleted(true),
  );

  api.post(
    '/admin/organizations/:id/restore',
    {
      config: manage,
      schema: {
        tags: ['administration'],
        summary: 'Restore a deleted organization',
        params: idParam,
        response: { 200: organizationSchema, 404: problemSchema, ...denied },
      },
    },
    setDeleted(false),
  );

  api.get(
    '/admin/outbox',
    {
      config: { policy: 'outbox.read' },
      schema: {
        tags: ['administration'],
        summary: 'Mail queued or sent, newest first (with no SMTP configured, mail waits here)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(outboxMailSchema) }), ...denied },
      },
    },
    async (request) => ({
      items: (await repo.listOutbox(db, request.query.limit)).map((m) => ({
        ...m,
        createdAt: isoTimestamp(m.createdAt),
        sentAt: isoTimestamp(m.sentAt),
      })),
    }),
  );

  api.get(
    '/admin/audit',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags: ['administration'],
        summary: 'The audit trail, newest first, filtered; with entityType and entityId, the history of one record',
        querystring: z.object({
          actor: z.string().uuid().optional().describe('User id of the actor'),
          action: z.string().max(100).optional(),
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          from: optionalDate('From this day (UTC)'),
          to: optionalDate('Up to this day (UTC)'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
        }),
        response: {
          200: z.object({ items: z.array(auditRecordSchema), nextCursor: z.string().nullable() }),
          ...denied,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listAudit(db, {
        actorUserId: q.actor,
        action: q.action,
        entityType: q.entityType,
        entityId: q.entityId,
        from: q.from,
        to: q.to,
        before: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
        nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
      };
    },
  );
}
