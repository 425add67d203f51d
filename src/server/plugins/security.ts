import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The headers helmet would set, computed once: they do not depend on the request (no CSP nonces), and
 * running helmet's middleware chain on every request cost two thirds of the throughput of a simple route.
 */
function securityHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  helmet(options)({} as never, response as never, () => undefined);
  return headers;
}

/**
 * Security headers with a strict Content-Security-Policy (scripts only from this origin, no framing).
 * Styles allow 'unsafe-inline' because the component library sets CSS variables in
 * style attributes; scripts do not.
 */
export function registerSecurity(app: FastifyInstance) {
  const headers = securityHeaders({
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
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
}
