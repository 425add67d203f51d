import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';

/**
 * Security headers with a strict Content-Security-Policy (scripts only from this origin, no framing)
 * and rate limits. Styles allow 'unsafe-inline' because the component library sets CSS variables in
 * style attributes; scripts do not.
 */
export async function registerSecurity(app: FastifyInstance, { rateLimitPerMinute }: { rateLimitPerMinute: number }) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(fastifyRateLimit, {
    max: rateLimitPerMinute,
    timeWindow: '1 minute',
    // Thrown, so the error handler answers with problem details; the plugin has already set Retry-After.
    errorResponseBuilder: (_request, context) => Object.assign(new Error(`Too many requests: try again in ${Math.ceil(context.ttl / 1000)} seconds.`), { statusCode: 429, code: 'RATE_LIMITED' }),
  });
}
