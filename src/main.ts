#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, ROOT } from './app.js';
import { clusterRole, isJobsProcess, linkTo, runPrimary } from './cluster.js';
import { ConfigError, loadConfig } from './config.js';
import { type Database, openDatabase, sql } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { calendarService } from './modules/calendar/index.js';
import { configFileCli } from './modules/config-file/cli.js';
import { figuresCli } from './modules/figures/cli.js';
import { scheduleRollup } from './modules/figures/index.js';
import { scheduleLinkCheck } from './modules/link-check/index.js';
import { scheduleNotifyPurge } from './modules/notify/index.js';
import { POPULATION_USAGE, populationCli } from './modules/population/import/cli.js';
import { schedulePopulationFetch } from './modules/population/import/part.js';
import { ADDRESSES_USAGE, addressesCli } from './modules/house-numbers/import/cli.js';
import { setupService } from './modules/setup/index.js';
import { createUserCli, resetPasswordCli } from './cli/users.js';
import { createEventBus } from './platform/events/index.js';
import { JobWorker } from './platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from './platform/mail/index.js';

const USAGE = `Huzheng — household registration office platform

Usage: huzheng <command> [options]      (from a checkout: npm run cli -- <command>)

  start                          serve the site (migrates; seeds the demo on an empty SQLite database)
  migrate                        apply database migrations
  seed-demo                      fill an empty database with the demo county
  user add --username U --role R [--office CODE] [--name N] [--email E]
                                 add a staff account; the password is read from HUZHENG_PASSWORD
  user reset-password --username U
                                 set a new password (HUZHENG_PASSWORD); must be changed at next sign-in
  calendar import FILE.csv       import the government office calendar (UTF-8 or Big5)
  config export FILE.ods         the county's configuration (offices, hours, counters, services, guides) as one file
  config import FILE.ods [--dry-run]
                                 check the whole file, then apply it all or nothing (--dry-run: list what would change)
  figures rebuild [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                 recompute the daily and monthly roll-ups from the raw tables (all days when no dates)
  figures update                 recompute the days whose raw rows changed since the last run (what the job does)
${POPULATION_USAGE}
${ADDRESSES_USAGE}
  backup FILE                    consistent copy of the SQLite database (PostgreSQL: use pg_dump)
`;

async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: { migrate: boolean } = { migrate: true }): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    if (opts.migrate) await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** No staff account yet: a one-time token for /setup, on the console only (never the structured log, never a URL). */
function printSetupToken(publicBaseUrl: string, setupToken: string): void {
  console.log(
    `\nNo staff account exists yet. Open ${publicBaseUrl}/setup and enter this one-time set-up token:\n\n    ${setupToken}\n\n` +
      'It creates the first system administrator; a restart prints a new one. Or, on this server:\n' +
      '    HUZHENG_PASSWORD=… npm run cli -- user add --username NAME --role system_admin\n',
  );
}

const demoLine = (where: string) => `Demo: staff sign in at ${where}/staff/login (accounts and password in README.md, "Demo staff logins").`;

async function start(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  // WEB_CONCURRENCY > 1: the primary migrates, seeds and prints once, then forks the web processes (src/cluster.ts)
  const role = clusterRole(config.webConcurrency);
  const database = openDatabase(config.database);
  const applied = role === 'worker' ? [] : await migrateToLatest(database);
  const seed = config.demo === 'true' || (config.demo === 'auto' && config.database.kind === 'sqlite');
  if (role !== 'worker' && seed && (await isEmpty(database))) await seedDemo(database, ROOT, new Date(), { history: true, personalDataKey: config.personalDataKey });
  // a person at a terminal reads lines; a log collector (production, or output piped away) gets JSON
  const prettyLogs = process.stdout.isTTY === true && config.env !== 'production';
  if (role === 'primary') {
    const setupToken = await setupService.mintSetupToken(database, new Date());
    await database.close();
    if (setupToken) printSetupToken(config.publicBaseUrl, setupToken);
    const onListening = (where: string) => (seed && !setupToken ? console.log(demoLine(where)) : undefined);
    runPrimary({ workers: config.webConcurrency, logLevel: config.logLevel, prettyLogs, onListening });
    return;
  }
  const events = await createEventBus(database);
  const { app, jobHandlers } = await buildApp({ config, database, events, prettyLogs });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox') });
  const worker =
    config.runWorker && isJobsProcess()
      ? new JobWorker(database, {
          handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...jobHandlers() },
          // sent mail is scrubbed at once; what failed is kept this long, then scrubbed (docs/operations.md)
          retentionDays: config.jobRetentionDays,
          onError: (err) => app.log.error({ err }, 'job failed'),
        })
      : null;
  // the roll-up chain: its first run (one per five-minute slot across processes) queues the next
  if (worker) await scheduleRollup(database, new Date());
  // the daily purge of delivered notices' personal data (its first run queues the next)
  if (worker) await scheduleNotifyPurge(database, new Date());
  if (worker) await scheduleLinkCheck(database, new Date());
  // the daily fetch of the Ministry's population files, when POPULATION_FETCH_URLS is set
  if (worker) await schedulePopulationFetch({ database, clock: () => new Date(), config });
  worker?.start();
  if (worker) app.log.info('jobs worker started');
  await app.listen({ port: config.port, host: config.host });
  // a cluster worker leaves the token and the demo line to the primary: they print once
  const setupToken = role === 'single' ? await setupService.mintSetupToken(database, new Date()) : null;
  if (setupToken) printSetupToken(config.publicBaseUrl, setupToken);
  const bound = app.server.address();
  const where = bound && typeof bound === 'object' ? linkTo(bound) : `port ${config.port}`;
  app.log.info(
    { migrations: applied.length, database: database.dialect, startupMs: Math.round(performance.now() - t0) },
    `Huzheng ready on ${where} (links in e-mails: ${config.publicBaseUrl})`,
  );
  if (role === 'single' && seed && !setupToken) console.log(demoLine(where));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    mailer.close();
    await events.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await start();
      return -1;
    case 'migrate':
      return withDatabase(async (db) => {
        console.log('applied:', (await migrateToLatest(db)).join(', ') || 'nothing (up to date)');
        return 0;
      }, { migrate: false });
    case 'seed-demo':
      return withDatabase(async (db) => {
        if (!(await isEmpty(db))) {
          console.error('The database already has data: the demo is only seeded into an empty one.');
          return 1;
        }
        await seedDemo(db, ROOT, new Date(), { history: true, personalDataKey: loadConfig().personalDataKey });
        console.log('Demo county seeded.');
        return 0;
      });
    case 'user': {
      const [sub, ...args] = rest;
      const { values } = parseArgs({
        args,
        options: { username: { type: 'string' }, role: { type: 'string' }, office: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
      });
      const password = process.env.HUZHENG_PASSWORD;
      if (sub === 'add') return withDatabase((db) => createUserCli(db, values, password));
      if (sub === 'reset-password') return withDatabase((db) => resetPasswordCli(db, values, password));
      break;
    }
    case 'calendar': {
      const [sub, file] = rest;
      if (sub !== 'import' || !file) break;
      if (!existsSync(file)) {
        console.error(`No such file: ${file}`);
        return 1;
      }
      return withDatabase(async (db) => {
        const r = await calendarService.importGovCalendar(db, readFileSync(file), {
          filename: path.basename(file),
          actor: null,
          ip: null,
          now: new Date(),
        });
        console.log(`Imported ${r.year}: ${r.days} days, ${r.daysOff} days off (${r.encoding}).`);
        return 0;
      });
    }
    case 'config': {
      const [sub, file, ...flags] = rest;
      if ((sub !== 'export' && sub !== 'import') || !file) break;
      return withDatabase((db) => configFileCli(db, sub, file, flags.includes('--dry-run')));
    }
    case 'population':
      return withDatabase((db) => populationCli(rest, { database: db }));
    case 'addresses':
      return withDatabase((db) => addressesCli(rest, { database: db }));
    case 'figures': {
      const [sub, ...args] = rest;
      if (sub !== 'rebuild' && sub !== 'update') break;
      const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
      return withDatabase((db) => figuresCli(db, sub, values));
    }
    case 'backup': {
      const [dest] = rest;
      if (!dest) break;
      return withDatabase(async (db) => {
        if (db.dialect !== 'sqlite') {
          console.error('On PostgreSQL use pg_dump (see docs/operations.md).');
          return 1;
        }
        if (existsSync(dest)) {
          console.error(`${dest} exists: choose a new file name.`);
          return 1;
        }
        // VACUUM INTO writes a consistent snapshot while the server keeps running.
        await sql`VACUUM INTO ${path.resolve(dest)}`.execute(db.db);
        console.log(`Backup written to ${path.resolve(dest)}`);
        return 0;
      });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
