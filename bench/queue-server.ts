import { throwawayConfig } from '../test/config.js';
/**
 * Child process for bench/queue.ts: either the real app (mode "app") on a
 * fresh SQLite file with the demo county, clock pinned to a Tuesday 10:00,
 * or a bare Fastify SSE fan-out (mode "bare") as the ceiling.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp, ROOT } from '../src/app.js';
import { openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';

const mode = process.argv[2] ?? 'app';

async function app() {
  const file = `/tmp/huzheng-bench-${randomBytes(4).toString('hex')}.sqlite`;
  const database = openSqlite(file);
  await migrateToLatest(database);
  await seedDemo(database, ROOT);
  const offset = new Date('2026-11-24T02:00:00Z').getTime() - Date.now();
  const config = throwawayConfig({ SQLITE_FILE: file, NODE_ENV: 'production' });
  const { app } = await buildApp({ config, database, logger: false, clock: () => new Date(Date.now() + offset) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
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
  // the same work per event as the app's hub: serialise once, write to every client
  app.post('/publish', async (req) => {
    const frame = `event: change\ndata: ${JSON.stringify(req.body)}\n\n`;
    for (const c of clients) c.write(frame);
    return { clients: clients.size };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

const port = mode === 'bare' ? await bare() : await app();
process.send?.({ port });
