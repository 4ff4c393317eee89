import { throwawayConfig } from '../test/config.js';
/**
 * Child process for bench/booking-rush.ts: the real app (mode "app") on a
 * fresh SQLite file with the demo county and one hot Saturday opened for
 * marriage registration, clock pinned to the morning bookings open; or a
 * bare Fastify form handler (mode "bare") as the HTTP ceiling.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { buildApp, ROOT } from '../src/app.js';
import { openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { officeScope, writeSetting } from '../src/platform/settings.js';

const mode = process.argv[2] ?? 'app';
export const HOT_DAY = '2026-12-12';
const NOW = new Date('2026-12-01T01:00:00Z'); // Tuesday 09:00 in Taipei

async function app() {
  const file = `/tmp/huzheng-rush-${randomBytes(4).toString('hex')}.sqlite`;
  const database = openSqlite(file);
  await migrateToLatest(database);
  await seedDemo(database, ROOT, NOW);
  const office = await database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const svc = await database.db.selectFrom('booking_service').select('id').where('office_id', '=', office.id).where('code', '=', 'marriage-holiday').executeTakeFirstOrThrow();
  // the hot Saturday: 6 half-hour slots of 50 couples, 300 places in all
  await database.db.updateTable('booking_opening').set({ capacity: 50, hot: 1 }).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute();
  // the proof of work is a browser's job; this measures the capacity path behind it
  await writeSetting(database.db, officeScope(office.id), 'booking', { antiBot: 'off' }, null);
  const offset = NOW.getTime() - Date.now();
  const config = throwawayConfig({ SQLITE_FILE: file, NODE_ENV: 'production', BOOKING_PER_IP_PER_MINUTE: '100000000', BOOKING_PER_ID_PER_HOUR: '100000000' });
  const { app } = await buildApp({ config, database, logger: false, clock: () => new Date(Date.now() + offset) });
  app.get('/bench/seats', async () => database.db.selectFrom('booking_slot').select(['starts', 'capacity', 'booked']).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute());
  app.get('/bench/bookings', async () => database.db.selectFrom('booking').select(['starts', 'status']).where('booking_service_id', '=', svc.id).where('day', '=', HOT_DAY).execute());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port, file };
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
