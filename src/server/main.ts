import { join } from 'node:path';
import { systemClock } from './auth/actor';
import { loadSessionSecret } from './auth/session-secret';
import { loadConfig } from './config';
import { DEMO_AGENTS } from './demo/demo-data';
import { seedDemo } from './demo/seed-demo';
import { buildApp } from './http/app';
import { loadNoticeTemplate } from './privacy/notice';
import { startRetentionJob } from './privacy/retention-job';
import { openDatabase } from './store/open-database';

/** Starts the endpoint: configuration, database (migrated), demo data, HTTP. Wiring only. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  const notice = loadNoticeTemplate(config.noticeFile); // a wrong notice file stops the start, with its line
  const seeded = config.seedDemo ? await seedDemo(db, config.demoPassword, systemClock) : false;
  const app = await buildApp({
    db,
    clock: systemClock,
    sessionDays: config.sessionDays,
    sessionSecret: loadSessionSecret(config),
    accessTokenMinutes: config.accessTokenMinutes,
    trustProxy: config.trustProxy,
    distDir: config.distDir,
    logger: config.logLevel !== 'silent',
    privacy: {
      retentionYears: config.retentionYears,
      closedCaseDeviceDays: config.closedCaseDeviceDays,
      lockMinutes: config.lockMinutes,
      notice,
    },
  });
  app.log.level = config.logLevel;
  const retention = startRetentionJob({
    db,
    clock: systemClock,
    retentionYears: config.retentionYears,
    everyHours: config.retentionCheckHours,
    onRun: (report) => {
      if (report.caseIds.length > 0) {
        app.log.info({ cases: report.caseIds.length, closedBefore: report.cutoff }, 'retention purge');
      }
    },
    onError: (error) => app.log.error({ err: error }, 'retention purge failed'),
  });
  const address = await app.listen({ port: config.port, host: config.host });

  const storage = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `PGlite embarqué dans ${join(config.dataDir, 'pglite')}`;
  const lines = [
    '',
    `Raccroche est démarré : ${address.replace('127.0.0.1', 'localhost')}`,
    `Base de données : ${storage}${seeded ? ' — données de démonstration chargées' : ''}`,
  ];
  if (config.seedDemo) {
    lines.push('Comptes de démonstration (mot de passe : ' + config.demoPassword + ') :');
    for (const agent of DEMO_AGENTS) lines.push(`  ${agent.email.padEnd(34)} ${agent.displayName} — ${agent.role}`);
  }
  lines.push('Arrêt : Ctrl+C', '');
  console.log(lines.join('\n'));

  const stop = async () => {
    retention.stop();
    await retention.running;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
