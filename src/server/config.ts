import { resolve } from 'node:path';
import { z } from 'zod';
import { passwordPolicyProblems } from '../domain/password-policy';
import { DEFAULT_NOTICE_FILE } from './privacy/notice';
import {
  DEFAULT_CLOSED_CASE_DEVICE_DAYS,
  DEFAULT_LOCK_MINUTES,
  DEFAULT_RETENTION_YEARS,
} from './privacy/privacy-settings';

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
  ACCESS_TOKEN_MINUTES: z.coerce.number().int().positive().max(60).default(15),
  SESSION_SECRET: z
    .string()
    .min(32, { error: 'at least 32 characters (for example: openssl rand -base64 32)' })
    .optional()
    .or(z.literal('')),
  TRUST_PROXY: z.string().default('false'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_PASSWORD: z
    .string()
    .default('Raccroche-demo-2026')
    .superRefine((password, context) => {
      for (const problem of passwordPolicyProblems(password)) context.addIssue({ code: 'custom', message: problem });
    }),
  DIST_DIR: z.string().default('./dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(30).default(DEFAULT_RETENTION_YEARS),
  RETENTION_CHECK_HOURS: z.coerce.number().positive().max(168).default(24),
  NOTICE_FILE: z.string().optional(),
  CLOSED_CASE_DEVICE_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_CLOSED_CASE_DEVICE_DAYS),
  LOCK_MINUTES: z.coerce.number().int().min(1).max(240).default(DEFAULT_LOCK_MINUTES),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded database and the generated session secret live. */
  dataDir: string;
  databaseUrl: string | undefined;
  sessionDays: number;
  accessTokenMinutes: number;
  /** The key of access tokens when given; otherwise generated in dataDir (auth/session-secret.ts). */
  sessionSecret: string | undefined;
  /** Fastify's trustProxy: false, true, or the proxies' addresses (client address and TLS from X-Forwarded-*). */
  trustProxy: boolean | string;
  seedDemo: boolean;
  demoPassword: string;
  distDir: string;
  logLevel: string;
  /** Years a closed case keeps its personal data before the purge anonymises it. */
  retentionYears: number;
  /** Hours between two runs of the retention purge (the first runs at start). */
  retentionCheckHours: number;
  /** The information notice's markdown file. */
  noticeFile: string;
  /** Days a closed case stays on devices after its closing. */
  closedCaseDeviceDays: number;
  /** Minutes without use before the app locks. */
  lockMinutes: number;
}

/** 'true': any proxy; 'false' or empty: none; otherwise the proxies' addresses or ranges, comma-separated. */
function trustProxy(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value;
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
    accessTokenMinutes: e.ACCESS_TOKEN_MINUTES,
    sessionSecret: e.SESSION_SECRET || undefined,
    trustProxy: trustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO === 'true',
    demoPassword: e.DEMO_PASSWORD,
    distDir: resolve(e.DIST_DIR),
    logLevel: e.LOG_LEVEL,
    retentionYears: e.RETENTION_YEARS,
    retentionCheckHours: e.RETENTION_CHECK_HOURS,
    noticeFile: e.NOTICE_FILE ? resolve(e.NOTICE_FILE) : DEFAULT_NOTICE_FILE,
    closedCaseDeviceDays: e.CLOSED_CASE_DEVICE_DAYS,
    lockMinutes: e.LOCK_MINUTES,
  };
}
