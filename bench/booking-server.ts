/**
 * Child process for bench/booking-rush.ts: the real app (mode "app") on the
 * database the parent prepared (a SQLite file or a throwaway PostgreSQL
 * database, given as SQLITE_FILE or DATABASE_URL), clock pinned to the
 * morning bookings open; or a bare Fastify form handler (mode "bare") as the
 * HTTP ceiling.
 *
 * Several "app" processes may share one database (the parent's local
 * balancer): the one started with BENCH_SEED=1 migrates and seeds the demo
 * county with one hot Saturday opened for marriage registration, the others
 * only serve. The parent hands every process the same PERSONAL_DATA_KEY and
 * SESSION_SECRET, so a session made on one is good on all; only a process
 * with RUN_WORKER=true runs the jobs worker, as in production.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { type KyselyPlugin, sql } from 'kysely';
import { buildApp, ROOT } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { createEventBus } from '../src/platform/events/index.js';
import { JobWorker } from '../src/platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../src/platform/mail/index.js';
import { officeScope, writeSetting } from '../src/platform/settings.js';

const mode = process.argv[2] ?? 'app';
export const HOT_DAY = '2026-12-12';
const NOW = new Date('2026-12-01T01:00:00Z'); // Tuesday 09:00 in Taipei

// --cpu-prof writes its profile only on a normal exit
process.on('SIGTERM', () => process.exit(0));

/** Counts the statements the app sends (BEGIN/COMMIT of a SQLite write transaction are raw and not counted). */
function counting(database: Database): { database: Database; count: () => number; trace: () => string[] } {
  let n = 0;
  // BENCH_TRACE=1 keeps the kinds and tables of the last statements, to see what one request sends
  const traced: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++;
      if (process.env.BENCH_TRACE === '1') {
        const node = args.node as { kind: string; from?: { froms?: { table?: { identifier?: { name?: string } } }[] }; into?: { table?: { identifier?: { name?: string } } }; table?: { table?: { identifier?: { name?: string } } } };
        const table = node.from?.froms?.[0]?.table?.identifier?.name ?? node.into?.table?.identifier?.name ?? node.table?.table?.identifier?.name ?? '';
        traced.push(`${node.kind} ${table}`);
        if (traced.length > 200) traced.shift();
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { database: { ...database, db: database.db.withPlugin(plugin) }, count: () => n, trace: () => traced.splice(0) };
}

async function seed(database: Database) {
  await migrateToLatest(database);
  await seedDemo(database, ROOT, NOW);
  const office = await database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const svc = await database.db.selectFrom('booking_service').select('id').where('office_id', '=', office.id).where('code', '=', 'marriage-holiday').executeTakeFirstOrThrow();
  // the hot Saturday: 6 half-hour slots of 50 couples, 300 places in all
  await database.db.updateTable('booking_opening').set({ capacity: 50, hot: 1 }).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute();
  // the proof of work is a browser's job; this measures the capacity path behind it
  await writeSetting(database.db, officeScope(office.id), 'booking', { antiBot: 'off' }, null);
}

async function app() {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    BOOKING_PER_IP_PER_MINUTE: '100000000',
    BOOKING_PER_ID_PER_HOUR: '100000000',
    PUBLIC_BASE_URL: 'http://huzheng.test',
    DATA_DIR: path.join(os.tmpdir(), `huzheng-rush-data-${process.pid}`),
    ...Object.fromEntries(['SQLITE_FILE', 'DATABASE_URL', 'PERSONAL_DATA_KEY', 'SESSION_SECRET', 'RUN_WORKER', 'WEB_CONCURRENCY'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
  });
  const opened = openDatabase(config.database);
  if (process.env.BENCH_SEED === '1') await seed(opened);
  const { database, count, trace } = counting(opened);
  const office = await database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const svc = await database.db.selectFrom('booking_service').select('id').where('office_id', '=', office.id).where('code', '=', 'marriage-holiday').executeTakeFirstOrThrow();
  const offset = NOW.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const events = await createEventBus(database);
  const { app, jobHandlers } = await buildApp({ config, database, events, logger: false, clock });
  if (config.runWorker) {
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox') });
    new JobWorker(opened, { handlers: { [MAIL_JOB]: mailJobHandler(mailer), ...jobHandlers() }, retentionDays: config.jobRetentionDays }).start();
  }
  app.get('/bench/seats', async () => database.db.selectFrom('booking_slot').select(['starts', 'capacity', 'booked']).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute());
  app.get('/bench/bookings', async () => database.db.selectFrom('booking').select(['starts', 'status']).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute());
  app.get('/bench/queries', async () => ({ count: count() }));
  app.get('/bench/trace', async () => trace());
  // fills the hot day's seats so the next request is refused as full (the trace of a refusal)
  app.get('/bench/fill', async () => {
    await database.db.updateTable('booking_slot').set({ booked: sql`capacity` }).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute();
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, file: config.database.kind === 'sqlite' ? config.database.file : null };
}

async function bare() {
  const app = Fastify();
  await app.register(formbody);
  let taken = 0;
  // the same shape of answer: parse the form, decide, redirect or refuse
  app.post('/book', async (req, reply) => {
    const body = req.body as Record<string, string>;
    if (!body.idNumber) return reply.code(422).send('missing');
    if (taken >= 300) return reply.code(409).type('text/html').send('<p>full</p>');
    taken++;
    return reply.redirect('/b/x', 303);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, file: null };
}

const out = mode === 'bare' ? await bare() : await app();
process.send?.(out);
