import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenSchema, languageSchema, passwordSchema, sessionSchema, userSchema } from '../../contracts/accounts.ts';
import { problemSchema } from '../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import { isoTimestamp, type Clock } from '../../lib/dates.ts';
import { requireUser } from '../../server/plugins/auth.ts';
import * as repo from './accounts.repository.ts';
import { endOwnSession, signOutEverywhere } from './sessions.service.ts';
import { createApiToken, listOwnTokens, MAX_TOKEN_DAYS, revokeApiToken } from './tokens.service.ts';
import { changeOwnPassword, presentUser, updateOwnProfile } from './users.service.ts';

const idParam = z.object({ id: z.string().uuid('must be an id (UUID)').describe('Id (UUID)') });

/** A signed-in user's own account: profile, language, password, sessions and API tokens. */
export async function accountRoutes(app: FastifyInstance, { db, clock }: { db: Db; clock: Clock }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const self = { policy: 'account.self' as const };

  api.get(
    '/account',
    {
      config: self,
      schema: { tags: ['accounts'], summary: 'My account', response: { 200: userSchema, 401: problemSchema } },
    },
    async (request) => {
      const user = await repo.findUserById(db, requireUser(request).userId);
      return presentUser(user!);
    },
  );

  api.patch(
    '/account',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'Change my display name or preferred language',
        body: z.object({
          displayName: z.string().trim().min(1).max(200).optional(),
          preferredLanguage: languageSchema.optional(),
        }),
        response: { 200: userSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) =>
      updateOwnProfile({
        db,
        clock,
        context: request.auditContext,
        userId: requireUser(request).userId,
        changes: request.body,
      }),
  );

  api.post(
    '/account/password',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'Change my password; ends my other sessions',
        body: z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }),
        response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      await changeOwnPassword({
        db,
        clock,
        context: request.auditContext,
        userId: actor.userId,
        sessionId: actor.sessionId,
        ...request.body,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/account/sessions',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'My active sessions',
        response: { 200: z.object({ items: z.array(sessionSchema) }), 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const rows = await repo.listActiveSessions(db, actor.userId, clock.now().toISOString());
      return {
        items: rows.map((s) => ({
          id: s.id,
          createdAt: isoTimestamp(s.createdAt),
          lastSeenAt: isoTimestamp(s.lastSeenAt),
          expiresAt: isoTimestamp(s.expiresAt),
          userAgent: s.userAgent,
          clientAddress: s.clientAddress,
          method: s.method,
          current: s.id === actor.sessionId,
        })),
      };
    },
  );

  api.delete(
    '/account/sessions/:id',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'End one of my sessions',
        params: idParam,
        response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request).userId;
      await endOwnSession({ db, clock, context: request.auditContext, userId, sessionId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/account/sessions/end-others',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'End all my sessions except this one',
        response: { 200: z.object({ sessionsEnded: z.number() }), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return {
        sessionsEnded: await signOutEverywhere({
          db,
          clock,
          userId: actor.userId,
          context: request.auditContext,
          ...(actor.sessionId ? { keepSessionId: actor.sessionId } : {}),
        }),
      };
    },
  );

  api.get(
    '/account/tokens',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'My API tokens (never the secret)',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), 401: problemSchema },
      },
    },
    async (request) => ({ items: await listOwnTokens({ db, clock, userId: requireUser(request).userId }) }),
  );

  api.post(
    '/account/tokens',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token: the secret is shown in this answer only',
        body: z.object({
          name: z.string().trim().min(1).max(100).describe('What the token is for'),
          scope: z.enum(['read', 'read-write']).default('read'),
          expiresInDays: z
            .number()
            .int()
            .min(1)
            .max(MAX_TOKEN_DAYS)
            .default(90)
            .describe(`Validity in days (1-${MAX_TOKEN_DAYS})`),
        }),
        response: {
          201: apiTokenSchema.extend({
            token: z.string().describe('The secret: send as "Authorization: Bearer <token>"'),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const created = await createApiToken({
        db,
        clock,
        context: request.auditContext,
        userId: requireUser(request).userId,
        ...request.body,
      });
      return reply.code(201).send(created);
    },
  );

  api.delete(
    '/account/tokens/:id',
    {
      config: self,
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one of my API tokens',
        params: idParam,
        response: { 204: z.null(), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeApiToken({
        db,
        clock,
        context: request.auditContext,
        userId: requireUser(request).userId,
        tokenId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
}
