import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from environment variables, with safe defaults
 * (see the README's table).
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  SESSION_DAYS: z.coerce.number().int().positive().max(365).default(30),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_PASSWORD: z.string().min(8).default('Raccroche-demo-2026'),
  DIST_DIR: z.string().default('./dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded database (and later the endpoint's own secrets) live. */
  dataDir: string;
  databaseUrl: string | undefined;
  sessionDays: number;
  seedDemo: boolean;
  demoPassword: string;
  distDir: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    sessionDays: e.SESSION_DAYS,
    seedDemo: e.SEED_DEMO === 'true',
    demoPassword: e.DEMO_PASSWORD,
    distDir: resolve(e.DIST_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
