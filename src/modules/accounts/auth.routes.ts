import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailSchema, passwordSchema, sessionInfoSchema, signInSchema } from '../../contracts/accounts.ts';
import { problemSchema } from '../../contracts/common.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/dates.ts';
import { clearSessionCookie, requireUser, SESSION_COOKIE, sessionCookieOptions } from '../../server/plugins/auth.ts';
import { LockedOutError } from './accounts.errors.ts';
import * as repo from './accounts.repository.ts';
import type { Mailer } from './mail.ts';
import type { Oidc } from './oidc.ts';
import { signIn, signInWithOidc, signOut, signOutEverywhere, type SessionSettings } from './sessions.service.ts';
import { acceptInvitation, completePasswordReset, presentUser, requestPasswordReset } from './users.service.ts';

const OIDC_COOKIE = 'lexpact_oidc';

export interface AuthRouteDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  sessionSettings: SessionSettings;
  authRateLimitPerMinute: number;
  oidc: Oidc | null;
}

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps) {
  const { db, clock, sessionSettings } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Stricter than the global limit: these answer to anyone and guard passwords.
  const strict = { rateLimit: { max: deps.authRateLimitPerMinute, timeWindow: '1 minute' } };

  api.get(
    '/auth/session',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in, and the CSRF token for writes',
        response: { 200: sessionInfoSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      const user = actor.kind === 'user' ? await repo.findUserById(db, actor.userId) : undefined;
      return {
        user: user ? presentUser(user) : null,
        csrfToken: request.sessionCsrfToken,
        singleSignOn: deps.oidc !== null,
      };
    },
  );

  api.post(
    '/auth/sign-in',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: signInSchema,
        response: { 200: sessionInfoSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      try {
        const { token, session, user } = await signIn({
          db,
          clock,
          email: request.body.email,
          password: request.body.password,
          settings: sessionSettings,
          context: request.auditContext,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request, sessionSettings.maxHours * 3600));
        return { user: presentUser(user), csrfToken: session.csrfToken, singleSignOn: deps.oidc !== null };
      } catch (error) {
        if (error instanceof LockedOutError) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  );

  api.post(
    '/auth/sign-out',
    {
      config: { policy: 'account.self' },
      schema: { tags: ['accounts'], summary: 'End this session', response: { 204: z.null().describe('Signed out') } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      if (actor.sessionId) await signOut({ db, clock, sessionId: actor.sessionId, context: request.auditContext });
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/sign-out-everywhere',
    {
      config: { policy: 'account.self' },
      schema: {
        tags: ['accounts'],
        summary: 'End every session of this account, on every device',
        response: { 200: z.object({ sessionsEnded: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const sessionsEnded = await signOutEverywhere({ db, clock, userId: actor.userId, context: request.auditContext });
      clearSessionCookie(request, reply);
      return { sessionsEnded };
    },
  );

  api.post(
    '/auth/password-reset',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Mail a password reset link (the answer is the same whether the address is known or not)',
        body: z.object({ email: emailSchema }),
        response: { 202: z.object({ status: z.literal('accepted') }), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await requestPasswordReset({
        db,
        clock,
        mailer: deps.mailer,
        publicUrl: deps.publicUrl,
        context: request.auditContext,
        email: request.body.email,
      });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  api.post(
    '/auth/password-reset/complete',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Choose a new password through a reset link; ends every session',
        body: z.object({ token: z.string().min(1).max(200), password: passwordSchema }),
        response: { 204: z.null(), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await completePasswordReset({
        db,
        clock,
        context: request.auditContext,
        token: request.body.token,
        password: request.body.password,
      });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/invitation/accept',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Accept an invitation by choosing a password',
        body: z.object({ token: z.string().min(1).max(200), password: passwordSchema }),
        response: { 204: z.null(), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await acceptInvitation({
        db,
        clock,
        context: request.auditContext,
        token: request.body.token,
        password: request.body.password,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/oidc/start',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in through the organization (OpenID Connect): redirects to the provider',
        response: { 404: problemSchema },
      },
    },
    async (request, reply) => {
      if (!deps.oidc)
        return reply.code(404).send({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'Single sign-on is not configured.',
          code: 'auth.oidc_not_configured',
          errors: [],
        });
      const { url, pending } = await deps.oidc.start();
      reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), {
        path: '/api/v1/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 600,
      });
      return reply.redirect(url);
    },
  );

  api.get(
    '/auth/oidc/callback',
    {
      config: { policy: 'auth.public', ...strict },
      schema: {
        tags: ['accounts'],
        summary: 'Return from the OpenID Connect provider: signs in the invited or active user with that email',
      },
    },
    async (request, reply) => {
      const fail = (reason: string) => reply.redirect(`/sign-in?error=${reason}`);
      if (!deps.oidc) return fail('oidc_not_configured');
      let pending: { verifier: string; state: string; nonce: string };
      try {
        pending = JSON.parse(request.cookies[OIDC_COOKIE] ?? '');
      } catch {
        return fail('oidc_failed');
      }
      reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/auth/oidc' });
      let email: string | null;
      try {
        email = await deps.oidc.finish(new URL(request.url, deps.publicUrl), pending);
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
        return fail('oidc_failed');
      }
      const created = await signInWithOidc({
        db,
        clock,
        email,
        settings: sessionSettings,
        context: request.auditContext,
        userAgent: request.headers['user-agent'] ?? null,
        clientAddress: request.ip,
      });
      if (!created) return fail('oidc_no_account');
      reply.setCookie(SESSION_COOKIE, created.token, sessionCookieOptions(request, sessionSettings.maxHours * 3600));
      return reply.redirect('/');
    },
  );
}
