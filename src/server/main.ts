import path from 'node:path';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connect';
import { ensureAdmin, seedDemoBankIfEmpty } from './db/demo/seed';
import { migrateToLatest } from './db/migrations';
import { purgeExpiredSessions } from './modules/auth/auth.service';
import { scheduleComplaintEscalation } from './modules/complaints/escalation';
import { restoreValueIndexes } from './modules/customer-value/recompute';
import { scheduleValueRuns } from './modules/customer-value/schedule';
import { scheduleScreenings } from './modules/exit/schedule';
import { failInterruptedJobs } from './modules/imports/imports.service';
import { createSmtpMailer } from './modules/mail/mailer';

async function main() {
  const config = loadConfig();
  const database = connect(config.databaseUrl, { poolSize: config.dbPoolSize });
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock: () => new Date(),
    ...(config.smtpUrl ? { mailer: createSmtpMailer(config.smtpUrl, config.mailFrom) } : {}),
  };
  const applied = await migrateToLatest(database.db, database.dialect);
  const app = await buildApp(deps, {
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    secureCookies: config.secureCookies,
    webRoot: path.resolve(config.webRoot),
  });
  if (applied.length > 0) app.log.info({ applied }, 'database migrated');
  if (deps.mailer) app.log.info({ from: deps.mailer.from }, 'e-mail to contact persons is on');
  if (config.demo) {
    const seeded = await seedDemoBankIfEmpty(deps, {
      password: config.demoPassword,
      log: (m) => app.log.info(m),
    });
    if (seeded) app.log.info(seeded, 'demo bank created');
  }
  if (config.adminPassword) await ensureAdmin(deps, config.adminPassword);
  await purgeExpiredSessions(deps);
  await restoreValueIndexes(deps);
  const interrupted = await failInterruptedJobs(deps);
  if (interrupted > 0)
    app.log.warn({ interrupted }, 'import jobs interrupted by the last stop marked failed');
  const purge = setInterval(
    () => purgeExpiredSessions(deps).catch((err) => app.log.error({ err })),
    3_600_000,
  );
  purge.unref();
  const stopValueRuns = scheduleValueRuns(deps, (err) =>
    app.log.error({ err }, 'scheduled value run failed'),
  );
  const stopEscalation = scheduleComplaintEscalation(deps, (err) =>
    app.log.error({ err }, 'complaint escalation failed'),
  );

  const stopScreenings = scheduleScreenings(deps, (err) =>
    app.log.error({ err }, 'nightly exit screening failed'),
  );

  const shutdown = async () => {
    stopValueRuns();
    stopScreenings();
    stopEscalation();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(
    `\nRM Workbench is running at ${address}  (${database.dialect})` +
      (config.demo ? `\nDemo users: rm1, lead1, risk1, admin — password: ${config.demoPassword}\n` : '\n'),
  );
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
