import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LEXPACT_DATA_DIR: z.string().min(1).default('./.lexpact'),
  LEXPACT_DATABASE_URL: z.string().url().optional(),
  LEXPACT_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LEXPACT_SEED: z.enum(['auto', 'off']).default('auto'),
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
}

/** Reads the configuration from environment variables only, and says which variable is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${details}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT, host: c.HOST, dataDir: resolve(c.LEXPACT_DATA_DIR), databaseUrl: c.LEXPACT_DATABASE_URL, logLevel: c.LEXPACT_LOG_LEVEL, seed: c.LEXPACT_SEED,
  };
}

/** The database location as the data CLI commands and the server both read it. */
export const databaseDir = (config: Config) => resolve(config.dataDir, 'db');
