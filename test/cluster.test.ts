/**
 * WEB_CONCURRENCY=2: the real built server (dist/main.js) as an operator
 * starts it, on a SQLite file and on PostgreSQL. Which process answered is
 * read from the structured log (pino puts the pid on every line, and Fastify
 * logs each incoming request): nothing in a response tells.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../src/app.js';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { DEMO_PASSWORD } from '../src/modules/staff/index.js';
import { toTaipeiIsoDate } from '../src/platform/calendar/index.js';
import { csrfOf } from './app.js';
import { createThrowawayPostgres, DATABASE_KINDS, describeOn } from './databases.js';

interface LogLine {
  pid?: number;
  msg?: string;
  req?: { url?: string };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

async function waitFor(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One request on its own connection: the cluster hands out connections, not requests. */
function request(port: number, method: 'GET' | 'POST', url: string, opts: { cookie?: string; form?: Record<string, string> } = {}) {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.cookie ? { cookie: opts.cookie } : {}) };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookies: res.headers['set-cookie'] ?? [] }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** A live-page subscription (Server-Sent Events) and everything it has received. */
function subscribe(port: number, url: string) {
  let text = '';
  const req = http.get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d: string) => (text += d));
  });
  req.on('error', () => {});
  return { text: () => text, close: () => req.destroy() };
}

/** A staff member signed in through the login form, cookies kept. */
async function staffSession(port: number, username: string) {
  const jar = new Map<string, string>();
  const keep = (cookies: string[]) => {
    for (const c of cookies) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const get = async (url: string) => {
    const r = await request(port, 'GET', url, { cookie: cookie() });
    keep(r.cookies);
    return r;
  };
  const post = async (url: string, form: Record<string, string>) => {
    const r = await request(port, 'POST', url, { cookie: cookie(), form });
    keep(r.cookies);
    return r;
  };
  const login = await get('/staff/login');
  const signedIn = await post('/staff/login', { _csrf: csrfOf(login.body), username, password: DEMO_PASSWORD });
  expect(signedIn.status).toBe(303);
  return { get, post };
}

/** The demo county, without history (fast), with the keys the server is given. */
async function seeded(kind: 'sqlite' | 'postgres', dir: string, personalDataKey: string) {
  if (kind === 'sqlite') {
    const file = path.join(dir, 'huzheng.sqlite');
    const database = openSqlite(file);
    await migrateToLatest(database);
    await seedDemo(database, ROOT, new Date(), { history: false, personalDataKey });
    return { database, env: {}, drop: async () => {} };
  }
  const pg = await createThrowawayPostgres();
  const database = openPostgres(pg.url);
  await migrateToLatest(database);
  await seedDemo(database, ROOT, new Date(), { history: false, personalDataKey });
  return { database, env: { DATABASE_URL: pg.url }, drop: pg.drop };
}

/** A waiting ticket for a service counter 1 of 竹北 serves, put straight in (the kiosk issues only in office hours). */
async function waitingTicket(database: Database, counterId: number) {
  const db = database.db;
  const counter = await db.selectFrom('counter').select('office_id').where('id', '=', counterId).executeTakeFirstOrThrow();
  const served = await db.selectFrom('counter_service').select('service_id').where('counter_id', '=', counterId).executeTakeFirstOrThrow();
  // the server runs on the machine's real clock, also under test:later (which moves only this process's Date)
  const real = new Date(performance.timeOrigin + performance.now());
  const now = real.toISOString();
  await db
    .insertInto('ticket')
    .values({
      office_id: counter.office_id,
      service_id: served.service_id,
      day: toTaipeiIsoDate(real),
      prefix: 'Z',
      number: 901,
      label: 'Z901',
      priority: 0,
      channel: 'kiosk',
      status: 'waiting',
      code: randomBytes(9).toString('base64url'),
      counter_id: null,
      staff_id: null,
      issued_at: now,
      queue_at: now,
      called_at: null,
      last_called_at: null,
      target_counter_id: null,
      started_at: null,
      finished_at: null,
      recall_count: 0,
      transfer_count: 0,
      waited_ms: null,
      served_ms: null,
      booking_id: null,
    })
    .execute();
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: ROOT });
}, 60_000);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`WEB_CONCURRENCY=2 on ${kind}`, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'huzheng-cluster-'));
    const personalDataKey = randomBytes(32).toString('base64');
    const lines: LogLine[] = [];
    const consoleLines: string[] = [];
    let port = 0;
    let primary: ReturnType<typeof spawn>;
    let exited: Promise<number | null>;
    let data: Awaited<ReturnType<typeof seeded>>;
    const logged = (msg: string) => lines.filter((l) => l.msg === msg);
    const requestPids = (url: string) => new Set(lines.filter((l) => l.msg === 'incoming request' && l.req?.url === url).map((l) => l.pid));

    beforeAll(async () => {
      data = await seeded(kind, dir, personalDataKey);
      port = await freePort();
      primary = spawn(process.execPath, ['dist/main.js', 'start'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          WEB_CONCURRENCY: '2',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: dir,
          PERSONAL_DATA_KEY: personalDataKey,
          SESSION_SECRET: randomBytes(32).toString('base64url'),
          RATE_LIMIT_PER_MINUTE: '1000000',
          LOG_LEVEL: 'info',
          ...data.env,
        },
      });
      exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
      createInterface({ input: primary.stdout! }).on('line', (line) => {
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          consoleLines.push(line);
        }
      });
      const ready = () => new Set(lines.filter((l) => l.msg?.startsWith(`Huzheng ready on http://127.0.0.1:${port} `)).map((l) => l.pid));
      await waitFor(() => ready().size === 2, 'two web processes', 120_000);
    }, 180_000);

    afterAll(async () => {
      if (primary && primary.exitCode === null) {
        primary.kill('SIGKILL');
        await exited;
      }
      await data?.database.close();
      await data?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves from two worker processes, the primary serving nothing, and prints the console lines once', async () => {
      for (let i = 0; i < 8; i++) expect((await request(port, 'GET', '/o/zhubei')).status).toBe(200);
      const pids = requestPids('/o/zhubei');
      expect(pids.size).toBe(2);
      expect(pids.has(primary.pid)).toBe(false);
      expect(consoleLines.filter((l) => l.startsWith('Demo: staff sign in')).length).toBe(kind === 'sqlite' ? 1 : 0);
    });

    it('runs the jobs worker in exactly one process', () => {
      const started = logged('jobs worker started');
      expect(started).toHaveLength(1);
      expect(requestPids('/o/zhubei').has(started[0]!.pid)).toBe(true);
    });

    it('delivers a call to every live queue page, whichever process holds it', async () => {
      const streams = Array.from({ length: 4 }, () => subscribe(port, '/o/zhubei/queue/events'));
      // an open stream would hold its process's shutdown
      try {
        await waitFor(() => streams.every((s) => s.text().includes('event: state')), 'the boards to open');
        // the boards are spread over both processes, so a change made in one must cross to the other
        expect(requestPids('/o/zhubei/queue/events').size).toBe(2);
        const clerk = await staffSession(port, 'clerk.zhubei');
        const picker = await clerk.get('/staff/queue?office=zhubei');
        expect((await clerk.post('/staff/queue/counters/1/open', { _csrf: csrfOf(picker.body) })).status).toBe(303);
        await waitingTicket(data.database, 1);
        expect((await clerk.post('/staff/queue/counters/1/call', { _csrf: csrfOf(picker.body) })).status).toBe(303);
        // a board that never gets the call fails the count below, not this wait
        await waitFor(() => streams.every((s) => s.text().includes('"label":"Z901"')), 'the call on every board', 10_000).catch(() => {});
        const calls = streams.map((s) => s.text().match(/"kind":"called"[^\n]*"label":"Z901"|"label":"Z901"[^\n]*"kind":"called"/g)?.length ?? 0);
        expect(calls).toEqual([1, 1, 1, 1]);
      } finally {
        for (const s of streams) s.close();
      }
    });

    it('stops every process on SIGTERM, each through its own shutdown', async () => {
      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(new Set(logged('shutting down').map((l) => l.pid)).size).toBe(2);
    });
  });
}
