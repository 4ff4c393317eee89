/**
 * Child process for bench/pages.ts. Mode "app": the real app on a database
 * already seeded by the parent (a SQLite file or a PostgreSQL URL), on its
 * own port. Mode "bare": bare Fastify answering each benched URL with the
 * bytes and content type the app gave for it (read from a JSON file).
 * HZ_BENCH_COUNT_QUERIES=1: the app also answers /bench/queries with the
 * number of database queries run since the last call, so the parent can
 * count round trips per page.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { throwawayConfig } from '../test/config.js';
import { buildApp } from '../src/app.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';

const [mode = 'app', target = ''] = process.argv.slice(2);
export const BENCH_NOW = new Date('2026-12-01T02:00:00Z'); // a Tuesday, 10:00 in Taipei

let queries = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    queries++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

async function app() {
  const opened: Database = target.startsWith('postgres') ? openPostgres(target, 10) : openSqlite(target);
  const database: Database = process.env.HZ_BENCH_COUNT_QUERIES ? { ...opened, db: opened.db.withPlugin(counter) } : opened;
  const config = throwawayConfig(target.startsWith('postgres') ? { DATABASE_URL: target } : { SQLITE_FILE: target });
  const offset = BENCH_NOW.getTime() - Date.now();
  const { app } = await buildApp({ config, database, logger: false, clock: () => new Date(Date.now() + offset) });
  app.get('/bench/queries', async () => {
    const n = queries;
    queries = 0;
    return { queries: n };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // --cpu-prof writes its profile only on a normal exit
  process.on('SIGTERM', () => {
    app.close().finally(() => process.exit(0));
  });
  return { port: (app.server.address() as AddressInfo).port };
}

interface Canned {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function bare() {
  const pages = JSON.parse(readFileSync(target, 'utf8')) as Canned[];
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const app = Fastify();
  // one catch-all route: the product also routes before it answers, but the ceiling is a plain send of the same bytes
  app.get('/*', async (req, reply) => {
    const page = byUrl.get(req.url);
    if (!page) return reply.code(404).send('not benched');
    return reply.code(page.status).headers(page.headers).send(page.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as AddressInfo).port };
}

process.send?.(mode === 'bare' ? await bare() : await app());
