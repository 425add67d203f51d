import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import { RTL_LANGUAGES } from '../../contracts/languages.ts';
import { AppError } from '../../lib/errors.ts';
import { translate } from '../../lib/locales.ts';
import { requestLanguage } from './locale.ts';

export const RATE_LIMITED = 'http.rate_limited';
const WINDOW_MS = 60_000;

const rateLimited = (seconds: number) =>
  new AppError({ status: 429, code: RATE_LIMITED, message: `Too many requests: try again in ${seconds} seconds.` });

export interface RequestLimits {
  /** Anonymous API calls per minute, per client address. */
  perAddressPerMinute: number;
  /** API calls per minute of one signed-in user, through sessions and tokens together. */
  perAccountPerMinute: number;
  apiPrefix: string;
}

/**
 * Registers the rate-limit plugin for the routes that set their own, stricter limit per address
 * (sign-in, password reset), and returns the limiter of every other API call. The limiter must run
 * once the caller is known (see registerAuth): people behind one office address each have their own
 * budget, and only anonymous calls share the address's.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  { perAddressPerMinute, perAccountPerMinute, apiPrefix }: RequestLimits,
) {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => rateLimited(Math.ceil(context.ttl / 1000)),
  });
  const byAccount = app.createRateLimit({
    max: perAccountPerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => (request.actor.kind === 'user' ? `account:${request.actor.userId}` : 'account:none'),
  });
  const byAddress = app.createRateLimit({
    max: perAddressPerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `address:${normalizeIP(request.ip)}`,
  });
  // The web app, its files, the API documentation pages and the probes cost little and must keep
  // answering: a load balancer that sees 429 on /healthz takes the server out.
  const counted = (url: string) => url.startsWith(`${apiPrefix}/`) && !url.startsWith(`${apiPrefix}/docs`);

  return async function limitRequest(request: FastifyRequest, reply: FastifyReply) {
    if (!counted(request.url) || request.routeOptions.config?.rateLimit) return;
    const result = await (request.actor.kind === 'user' ? byAccount : byAddress)(request);
    if (result.isAllowed) return;
    reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', result.remaining)
      .header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw rateLimited(result.ttlInSeconds);
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page navigation (a link to an export, a reload) wants a page people can read, not problem JSON. */
export const wantsPage = (request: FastifyRequest) => /\btext\/html\b/.test(request.headers.accept ?? '');

/** The 429 page in the language of the request, for a browser; Retry-After is already set. */
export function sendRateLimitPage(request: FastifyRequest, reply: FastifyReply) {
  const lang = requestLanguage(request, (request.query as { lang?: unknown } | undefined)?.lang as string | undefined);
  const seconds = Math.max(1, Number(reply.getHeader('retry-after')) || 60);
  const text = (key: string) => escapeHtml(translate(lang, 'common', key, { seconds }));
  const title = text('tooManyRequests.title');
  const page = `<!doctype html>
<html lang="${lang}" dir="${RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${title}</h1>
<p>${text('tooManyRequests.message')}</p>
<p><a href="/?lang=${lang}">${text('tooManyRequests.home')}</a></p>
</body>
</html>
`;
  return reply.code(429).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
}
