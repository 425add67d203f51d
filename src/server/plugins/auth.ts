import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/dates.ts';
import type { AuditContext } from '../../modules/audit/audit.service.ts';
import { csrfFailed, forbidden, invalidToken, unauthenticated } from '../../modules/accounts/accounts.errors.ts';
import { ANONYMOUS, authorize, isPolicyName, type Actor, type PolicyName } from '../../modules/accounts/policy.ts';
import { resolveSession, type SessionSettings } from '../../modules/accounts/sessions.service.ts';
import { resolveApiToken } from '../../modules/accounts/tokens.service.ts';
import { safeEqual } from '../../modules/accounts/secrets.ts';
import type { Role } from '../../modules/accounts/accounts.table.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy that decides who may call the route (src/modules/accounts/policy.ts). */
    policy?: PolicyName;
  }
  interface FastifyInstance {
    /** Every /api/v1 route with its policy, for the permission matrix test. */
    apiRoutes: { method: string; url: string; policy: PolicyName }[];
  }
  interface FastifyRequest {
    actor: Actor;
    /** CSRF token of the cookie session, when signed in through the browser. */
    sessionCsrfToken: string | null;
    auditContext: AuditContext;
  }
}

export const SESSION_COOKIE = 'lexpact_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  };
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/**
 * Works out who is calling (API token, session cookie or nobody), then asks the policy module about
 * the route's policy before validation or the handler run. Every /api/v1 route must name a policy:
 * registering one without fails at start-up.
 */
export async function registerAuth(
  app: FastifyInstance,
  {
    db,
    clock,
    sessionSettings,
    apiPrefix,
    exempt = [],
    limitRequest,
  }: {
    db: Db;
    clock: Clock;
    sessionSettings: SessionSettings;
    apiPrefix: string;
    exempt?: string[];
    /** Counts the request against its caller's budget once known, before anything else is refused (src/server/plugins/rate-limit.ts). */
    limitRequest?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
) {
  await app.register(fastifyCookie);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionCsrfToken', null);
  app.decorateRequest('auditContext', null as never);

  const apiRoutes: { method: string; url: string; policy: PolicyName }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(apiPrefix) || exempt.some((prefix) => route.url.startsWith(prefix))) return;
    const policy = (route.config as { policy?: unknown } | undefined)?.policy;
    if (!isPolicyName(policy))
      throw new Error(
        `route ${String(route.method)} ${route.url} has no policy: set config.policy to one of src/modules/accounts/policy.ts`,
      );
    for (const method of [route.method].flat())
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, policy });
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.sessionCsrfToken = null;
    const authorization = request.headers.authorization;
    let tokenRefused = false;
    if (authorization?.startsWith('Bearer ')) {
      const resolved = await resolveApiToken({ db, clock, token: authorization.slice(7).trim() });
      if (resolved) request.actor = actorOf(resolved.user, 'token', null, resolved.scope);
      else tokenRefused = true;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const resolved = await resolveSession({ db, clock, token, settings: sessionSettings });
        if (resolved) {
          request.actor = actorOf(resolved.user, 'session', resolved.session.id, null);
          request.sessionCsrfToken = resolved.session.csrfToken;
        } else {
          clearSessionCookie(request, reply);
        }
      }
    }
    request.auditContext = {
      actorUserId: request.actor.kind === 'user' ? request.actor.userId : null,
      actorLabel: request.actor.kind === 'user' ? request.actor.email : 'anonymous',
      requestId: request.id,
      clientAddress: request.ip,
    };
    // Refused tokens count against the address too, or guessing them would be free.
    await limitRequest?.(request, reply);
    if (tokenRefused) throw invalidToken();

    const policy = request.routeOptions.config?.policy;
    if (!policy) return;
    const decision = authorize(request.actor, policy, request.method);
    if (decision === 'unauthenticated') throw unauthenticated();
    if (decision === 'forbidden') throw forbidden();
    // A cookie is sent by the browser on its own; a write must also prove it comes from our pages.
    if (request.actor.kind === 'user' && request.actor.via === 'session' && UNSAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !request.sessionCsrfToken || !safeEqual(header, request.sessionCsrfToken))
        throw csrfFailed();
    }
  });
}

function actorOf(
  user: {
    id: string;
    email: string;
    role: string;
    participantId: string | null;
    organizationId: string | null;
    donorId: string | null;
  },
  via: 'session' | 'token',
  sessionId: string | null,
  tokenScope: 'read' | 'read-write' | null,
): Actor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    role: user.role as Role,
    participantId: user.participantId,
    organizationId: user.organizationId,
    donorId: user.role === 'donor' ? user.donorId : null,
    via,
    sessionId,
    tokenScope,
  };
}

/** The signed-in user of a request whose policy already required one. */
export function requireUser(request: FastifyRequest) {
  if (request.actor.kind !== 'user') throw unauthenticated();
  return request.actor;
}
