import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/client.ts';
import { systemClock, type Clock } from '../lib/dates.ts';
import { createDatasetCache, type DatasetCache } from '../modules/status/status.dataset.ts';
import { statusRoutes } from '../modules/status/status.routes.ts';
import { instrumentsRoutes } from '../modules/instruments/instruments.routes.ts';
import { participantsRoutes } from '../modules/participants/participants.routes.ts';
import { registerErrorHandling, sendProblem } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerRateLimits } from './plugins/rate-limit.ts';
import { DEFAULT_SECURITY, type LibraryConfig, type ProgrammeConfig, type SecurityConfig } from './config.ts';
import { libraryRoutes } from '../modules/library/library.routes.ts';
import { fundingRoutes } from '../modules/programme/funding.routes.ts';
import { importRoutes } from '../modules/programme/import.routes.ts';
import { DEFAULT_OVERLAP_WINDOW_DAYS } from '../modules/programme/overlaps.ts';
import { programmeRoutes } from '../modules/programme/programme.routes.ts';
import type { FileStore } from '../modules/library/storage/file-store.ts';
import { fileStoreFor } from '../modules/library/storage/file-store-config.ts';
import { DEFAULT_EXTRACTION_LIMITS } from '../modules/library/extract/limits.ts';
import { postgresSearchIndex } from '../modules/library/search/postgres-search.ts';
import { authRoutes } from '../modules/accounts/auth.routes.ts';
import { accountRoutes } from '../modules/accounts/account.routes.ts';
import { adminRoutes } from '../modules/accounts/admin.routes.ts';
import { createMailer, type Mailer } from '../modules/accounts/mail.ts';
import { createOidc } from '../modules/accounts/oidc.ts';

export const API_PREFIX = '/api/v1';
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface AppDeps {
  database: DatabaseHandle;
  clock?: Clock;
  /** Built web app to serve; omitted or missing folder = API only. */
  webDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** How often instances look for imports made elsewhere (ms). */
  datasetCheckIntervalMs?: number;
  security?: SecurityConfig;
  /** Replaces the SMTP/outbox mailer (tests). */
  mailer?: Mailer;
  /** Where library originals go (`fileStore` wins over `s3` and `filesDir`), how large they may be and how much text is read from them; default: a folder under the system's temporary folder, 50 MB, DEFAULT_EXTRACTION_LIMITS. */
  library?: Partial<LibraryConfig> & { fileStore?: FileStore };
  programme?: Partial<ProgrammeConfig>;
}

/** One-time secrets travel in some URLs (invitation and reset links, the sign-on callback): never log them. */
export const redactSecrets = (url: string) => url.replace(/([?&](?:token|code|state)=)[^&#]*/g, '$1[redacted]');

function withRedactedUrls(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  return {
    ...(typeof logger === 'object' ? logger : {}),
    serializers: {
      req: (request: { method: string; url: string; host?: string; ip?: string }) => ({
        method: request.method,
        url: redactSecrets(request.url),
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
  } as FastifyServerOptions['logger'];
}

/** Builds the application without listening: tests call it with a test database and a fixed clock. */
export async function buildApp({
  database,
  clock = systemClock,
  webDir = null,
  logger = false,
  datasetCheckIntervalMs = 1000,
  security = DEFAULT_SECURITY,
  mailer,
  library = {},
  programme = {},
}: AppDeps): Promise<FastifyInstance & { datasetCache: DatasetCache }> {
  const app = Fastify({
    logger: withRedactedUrls(logger),
    bodyLimit: 1_048_576,
    trustProxy: security.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const cache = createDatasetCache({ db: database.db, checkIntervalMs: datasetCheckIntervalMs });
  const sessionSettings = { idleMinutes: security.sessionIdleMinutes, maxHours: security.sessionMaxHours };
  const mail = mailer ?? createMailer({ smtpUrl: security.smtpUrl, from: security.mailFrom, log: app.log });
  const oidc = security.oidc
    ? createOidc({ ...security.oidc, redirectUri: `${security.publicUrl}${API_PREFIX}/auth/oidc/callback` })
    : null;

  registerSecurity(app);
  const limitRequest = await registerRateLimits(app, {
    perAddressPerMinute: security.rateLimitPerMinute,
    perAccountPerMinute: security.accountRateLimitPerMinute,
    apiPrefix: API_PREFIX,
  });
  await registerAuth(app, {
    db: database.db,
    clock,
    sessionSettings,
    apiPrefix: API_PREFIX,
    exempt: [`${API_PREFIX}/docs`],
    limitRequest,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lexpact API',
        version: '1',
        description:
          'Treaty status register of the universal instruments against terrorism, UNTOC and its Protocols, and UNCAC. Errors are RFC 9457 problem details.',
      },
      tags: [
        { name: 'instruments', description: 'The instrument catalogue' },
        { name: 'participants', description: 'States and organizations, regions, name variants' },
        { name: 'status', description: 'Parties, signatories, gaps and changes as of any date' },
        { name: 'accounts', description: 'Signing in and out, password reset, invitations, my account, API tokens' },
        {
          name: 'library',
          description:
            'Legislation, case law, UN documents and tools: search, versions, files, cross-references, exports',
        },
        { name: 'administration', description: 'Users, roles, organizations, outbox, audit trail (administrators)' },
        { name: 'system', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs` });
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true }, config: { policy: 'public.read' } }, async () =>
    app.swagger(),
  );

  await app.register(
    async (api) => {
      await instrumentsRoutes(api, { cache });
      await participantsRoutes(api, { cache, db: database.db });
      await statusRoutes(api, { cache, db: database.db, clock });
      await authRoutes(api, {
        db: database.db,
        clock,
        mailer: mail,
        publicUrl: security.publicUrl,
        sessionSettings,
        authRateLimitPerMinute: security.authRateLimitPerMinute,
        oidc,
      });
      await accountRoutes(api, { db: database.db, clock });
      await adminRoutes(api, { db: database.db, clock, mailer: mail, publicUrl: security.publicUrl });
      await libraryRoutes(api, {
        db: database.db,
        clock,
        search: postgresSearchIndex,
        publicUrl: security.publicUrl,
        files:
          library.fileStore ??
          fileStoreFor({
            filesDir: library.filesDir ?? join(tmpdir(), `lexpact-files-${process.pid}`),
            s3: library.s3 ?? null,
          }),
        maxUploadBytes: library.maxUploadBytes ?? 50 * 1_048_576,
        extraction: {
          maxExtractedBytes: library.maxExtractedBytes ?? DEFAULT_EXTRACTION_LIMITS.maxExtractedBytes,
          maxTextChars: library.maxTextChars ?? DEFAULT_EXTRACTION_LIMITS.maxTextChars,
        },
      });
      await programmeRoutes(api, {
        db: database.db,
        clock,
        cache,
        overlapWindowDays: programme.overlapWindowDays ?? DEFAULT_OVERLAP_WINDOW_DAYS,
        mailer: mail,
        publicUrl: security.publicUrl,
      });
      await fundingRoutes(api, { db: database.db, clock });
      await importRoutes(api, {
        db: database.db,
        clock,
        maxExtractedBytes: library.maxExtractedBytes ?? DEFAULT_EXTRACTION_LIMITS.maxExtractedBytes,
      });
    },
    { prefix: API_PREFIX },
  );

  app.get('/healthz', { schema: { tags: ['system'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['system'], summary: 'The database answers' } }, async (_request, reply) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.kind };
    } catch {
      return sendProblem(reply, {
        status: 503,
        code: 'server.database_unavailable',
        detail: 'The database does not answer.',
      });
    }
  });

  const webRoot = webDir && existsSync(join(webDir, 'index.html')) ? webDir : null;
  if (webRoot) {
    // Files are looked up on each request (wildcard), so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      cacheControl: false,
      // Built assets carry a content hash in their name and never change; index.html must always be fresh.
      setHeaders: (res, filePath) =>
        res.header(
          'cache-control',
          filePath.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').sendFile('index.html', webRoot),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A missing file (it has an extension) is a 404, never the app's HTML in place of a script.
    if (
      path.startsWith('/api/') ||
      !webRoot ||
      !['GET', 'HEAD'].includes(request.method) ||
      /\.[a-z0-9]+$/i.test(path)
    ) {
      return sendProblem(reply, {
        status: 404,
        code: 'http.not_found',
        detail: `${request.method} ${path} does not exist`,
      });
    }
    // Client-side routes (/instruments/icsft-1999, /countries/NER …) all load the single-page app.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html', webRoot);
  });

  app.decorate('datasetCache', cache);
  return app as unknown as FastifyInstance & { datasetCache: DatasetCache };
}
