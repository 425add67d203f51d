import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_EXTRACTION_LIMITS } from '../modules/library/extract/limits.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LEXPACT_DATA_DIR: z.string().min(1).default('./.lexpact'),
  LEXPACT_DATABASE_URL: z.string().url().optional(),
  LEXPACT_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LEXPACT_SEED: z.enum(['auto', 'off']).default('auto'),
  LEXPACT_PUBLIC_URL: z.string().url().optional(),
  LEXPACT_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LEXPACT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  LEXPACT_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LEXPACT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LEXPACT_AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LEXPACT_SMTP_URL: z.string().url().optional(),
  LEXPACT_MAIL_FROM: z.string().min(3).default('Lexpact <no-reply@localhost>'),
  LEXPACT_FILES_DIR: z.string().min(1).optional(),
  LEXPACT_MAX_UPLOAD_MB: z.coerce.number().min(1).max(2048).default(50),
  LEXPACT_MAX_EXTRACTED_MB: z.coerce
    .number()
    .min(1)
    .max(4096)
    .default(DEFAULT_EXTRACTION_LIMITS.maxExtractedBytes / 1_048_576),
  LEXPACT_MAX_TEXT_CHARS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(500_000_000)
    .default(DEFAULT_EXTRACTION_LIMITS.maxTextChars),
  LEXPACT_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    )
    .optional(),
  LEXPACT_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
  LEXPACT_S3_REGION: z.string().min(1).default('us-east-1'),
  LEXPACT_S3_PREFIX: z.string().default(''),
  LEXPACT_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  LEXPACT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  LEXPACT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LEXPACT_OVERLAP_WINDOW_DAYS: z.coerce.number().int().min(0).max(180).default(14),
  LEXPACT_OIDC_ISSUER: z.string().url().optional(),
  LEXPACT_OIDC_CLIENT_ID: z.string().min(1).optional(),
  LEXPACT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database (and later stored files). */
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** `auto` loads the shipped reference data into an empty database on start. */
  seed: 'auto' | 'off';
  security: SecurityConfig;
  library: LibraryConfig;
  programme: ProgrammeConfig;
}

export interface ProgrammeConfig {
  /** Days before and after an activity within which another organisation's activity is flagged as close. */
  overlapWindowDays: number;
}

export interface LibraryConfig {
  /** Folder the original files of library documents are kept in, unless `s3` is set. */
  filesDir: string;
  maxUploadBytes: number;
  /** Most bytes unpacked from one archive-based file (DOCX), all its parts together. */
  maxExtractedBytes: number;
  /** Longest extracted text kept for one file, in characters. */
  maxTextChars: number;
  /** S3-compatible bucket for the originals instead of the folder; absent keys = the SDK's default credential chain. */
  s3: S3Config | null;
}

export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface SecurityConfig {
  /** Address people reach the app at, for links in mails (default http://localhost:PORT). */
  publicUrl: string;
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto for client address and HTTPS. */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Anonymous API calls per minute from one client address (pages, their files and probes are not counted). */
  rateLimitPerMinute: number;
  /** API calls per minute of one signed-in user or API token owner, wherever they come from. */
  accountRateLimitPerMinute: number;
  /** Sign-in, password reset and invitation acceptance, per client address. */
  authRateLimitPerMinute: number;
  /** smtp(s)://user:password@host:port; absent = mails go to the outbox table and the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
}

export const DEFAULT_SECURITY: SecurityConfig = {
  publicUrl: 'http://localhost:3000',
  trustProxy: false,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  rateLimitPerMinute: 3000,
  accountRateLimitPerMinute: 1200,
  authRateLimitPerMinute: 10,
  smtpUrl: undefined,
  mailFrom: 'Lexpact <no-reply@localhost>',
  oidc: null,
};

/** Reads the configuration from environment variables only, and says which variable is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${details}`);
  }
  const c = parsed.data;
  const oidcParts = [c.LEXPACT_OIDC_ISSUER, c.LEXPACT_OIDC_CLIENT_ID, c.LEXPACT_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new Error(
      'invalid configuration: single sign-on needs LEXPACT_OIDC_ISSUER, LEXPACT_OIDC_CLIENT_ID and LEXPACT_OIDC_CLIENT_SECRET together',
    );
  }
  if (Boolean(c.LEXPACT_S3_ACCESS_KEY_ID) !== Boolean(c.LEXPACT_S3_SECRET_ACCESS_KEY)) {
    throw new Error(
      'invalid configuration: S3 credentials need LEXPACT_S3_ACCESS_KEY_ID and LEXPACT_S3_SECRET_ACCESS_KEY together (or neither, for the default AWS credential chain)',
    );
  }
  // Without a bucket the originals would silently stay in the local folder: a half S3 set-up is refused.
  const strayS3 = Object.keys(env).filter(
    (name) => name.startsWith('LEXPACT_S3_') && name !== 'LEXPACT_S3_BUCKET' && Boolean(env[name]),
  );
  if (!c.LEXPACT_S3_BUCKET && strayS3.length > 0) {
    throw new Error(
      `invalid configuration: ${strayS3.sort().join(', ')} ${strayS3.length === 1 ? 'is' : 'are'} set but LEXPACT_S3_BUCKET is not`,
    );
  }
  const s3: S3Config | null = c.LEXPACT_S3_BUCKET
    ? {
        bucket: c.LEXPACT_S3_BUCKET,
        region: c.LEXPACT_S3_REGION,
        prefix: c.LEXPACT_S3_PREFIX,
        forcePathStyle: c.LEXPACT_S3_FORCE_PATH_STYLE
          ? c.LEXPACT_S3_FORCE_PATH_STYLE === 'true'
          : c.LEXPACT_S3_ENDPOINT !== undefined,
        ...(c.LEXPACT_S3_ENDPOINT ? { endpoint: c.LEXPACT_S3_ENDPOINT } : {}),
        ...(c.LEXPACT_S3_ACCESS_KEY_ID
          ? { accessKeyId: c.LEXPACT_S3_ACCESS_KEY_ID, secretAccessKey: c.LEXPACT_S3_SECRET_ACCESS_KEY! }
          : {}),
      }
    : null;
  return {
    programme: { overlapWindowDays: c.LEXPACT_OVERLAP_WINDOW_DAYS },
    library: {
      filesDir: resolve(c.LEXPACT_FILES_DIR ?? `${c.LEXPACT_DATA_DIR}/files`),
      maxUploadBytes: Math.round(c.LEXPACT_MAX_UPLOAD_MB * 1_048_576),
      maxExtractedBytes: Math.round(c.LEXPACT_MAX_EXTRACTED_MB * 1_048_576),
      maxTextChars: c.LEXPACT_MAX_TEXT_CHARS,
      s3,
    },
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.LEXPACT_DATA_DIR),
    databaseUrl: c.LEXPACT_DATABASE_URL,
    logLevel: c.LEXPACT_LOG_LEVEL,
    seed: c.LEXPACT_SEED,
    security: {
      publicUrl: (c.LEXPACT_PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
      trustProxy: c.LEXPACT_TRUST_PROXY === 'true',
      sessionIdleMinutes: c.LEXPACT_SESSION_IDLE_MINUTES,
      sessionMaxHours: c.LEXPACT_SESSION_MAX_HOURS,
      rateLimitPerMinute: c.LEXPACT_RATE_LIMIT_PER_MINUTE,
      accountRateLimitPerMinute: c.LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
      authRateLimitPerMinute: c.LEXPACT_AUTH_RATE_LIMIT_PER_MINUTE,
      smtpUrl: c.LEXPACT_SMTP_URL,
      mailFrom: c.LEXPACT_MAIL_FROM,
      oidc: c.LEXPACT_OIDC_ISSUER
        ? {
            issuer: c.LEXPACT_OIDC_ISSUER,
            clientId: c.LEXPACT_OIDC_CLIENT_ID!,
            clientSecret: c.LEXPACT_OIDC_CLIENT_SECRET!,
          }
        : null,
    },
  };
}

/** The database location as the data CLI commands and the server both read it. */
export const databaseDir = (config: Config) => resolve(config.dataDir, 'db');
