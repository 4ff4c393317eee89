import { throwawayConfig } from '../test/config.js';
/**
 * Child process for bench/queue.ts:
 *   app            the real app on a fresh SQLite file with the demo county
 *   app-pg <url>   the real app on a PostgreSQL database with its own
 *                  LISTEN/NOTIFY bus (one of several processes); the
 *                  first one started with "seed" migrates and seeds it
 *   bare           a bare Fastify SSE fan-out, the ceiling
 * The app's clock is pinned to a Tuesday 10:00. SIGTERM exits cleanly, so
 * a child started with --cpu-prof writes its profile.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp, ROOT } from '../src/app.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { createPostgresBus, type EventBus } from '../src/platform/events/index.js';

const [mode = 'app', url, seed] = process.argv.slice(2);
const PINNED = new Date('2026-11-24T02:00:00Z');

async function app(database: Database, env: Record<string, string>, events?: EventBus) {
  const offset = PINNED.getTime() - Date.now();
  const config = throwawayConfig({ ...env, NODE_ENV: 'production' });
  const { app } = await buildApp({ config, database, logger: false, clock: () => new Date(Date.now() + offset), ...(events ? { events } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

async function sqliteApp() {
  const file = `/tmp/huzheng-bench-${randomBytes(4).toString('hex')}.sqlite`;
  const database = openSqlite(file);
  await migrateToLatest(database);
  await seedDemo(database, ROOT, PINNED);
  return app(database, { SQLITE_FILE: file });
}

async function postgresApp(pgUrl: string, seedIt: boolean) {
  const database = openPostgres(pgUrl, 10);
  if (seedIt) {
    await migrateToLatest(database);
    await seedDemo(database, ROOT, PINNED);
  }
  return app(database, { DATABASE_URL: pgUrl }, await createPostgresBus(pgUrl));
}

async function bare() {
  const app = Fastify();
  const clients = new Set<import('node:http').ServerResponse>();
  app.get('/events', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    reply.raw.write('event: state\ndata: {}\n\n');
    clients.add(reply.raw);
    req.raw.on('close', () => clients.delete(reply.raw));
  });
  // the plainest fan-out: serialise once, write the string to every client
  app.post('/publish', async (req) => {
    const frame = `event: change\ndata: ${JSON.stringify(req.body)}\n\n`;
    for (const c of clients) c.write(frame);
    return { clients: clients.size };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

process.on('SIGTERM', () => process.exit(0));
const port = mode === 'bare' ? await bare() : mode === 'app-pg' && url ? await postgresApp(url, seed === 'seed') : await sqliteApp();
process.send?.({ port });
