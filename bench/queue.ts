/**
 * bench/queue: N live subscribers on one office; issue and call tickets;
 * report call→delivered latency p50/p99 and tickets/s, beside a bare
 * Fastify SSE fan-out of the same bytes measured the same way in the same run.
 *
 *   npx tsx bench/queue.ts [subscribers=5000] [calls=60] [tickets=300] [--pg] [--prof]
 *
 * --pg    also two app processes on one throwaway PostgreSQL database, each
 *         with its own LISTEN/NOTIFY bus: the subscribers on process 2, the
 *         clerk calling on process 1
 * --prof  the app processes run with --cpu-prof (profiles in /tmp/huzheng-queue-prof)
 *
 * The servers run in their own processes; this process holds the subscribers
 * and measures, so the two do not share one core's event loop.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const N = Number(args[0] ?? 5000);
const CALLS = Number(args[1] ?? 60);
const TICKETS = Number(args[2] ?? 300);
const PROF_DIR = '/tmp/huzheng-queue-prof';
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = path.dirname(fileURLToPath(import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface Server {
  port: number;
  kill: () => Promise<void>;
}

const children = new Set<import('node:child_process').ChildProcess>();
// a bench stopped half-way leaves no server behind
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});

function startServer(mode: string, extra: string[] = []): Promise<Server> {
  const prof = flags.has('--prof') && mode !== 'bare' ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR] : [];
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'queue-server.ts'), [mode, ...extra], { execArgv: ['--import', 'tsx', ...prof], stdio: 'inherit' });
    children.add(child);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.once('message', (m) =>
      resolve({
        port: (m as { port: number }).port,
        kill: () => {
          child.kill('SIGTERM');
          return exited;
        },
      }),
    );
    child.once('error', reject);
  });
}

/** Resolves once `count()` reaches n; checked on every delivery instead of spinning. */
function counter() {
  let value = 0;
  let waiter: { n: number; resolve: () => void } | null = null;
  return {
    add() {
      value++;
      if (waiter && value >= waiter.n) {
        const w = waiter;
        waiter = null;
        w.resolve();
      }
    },
    get: () => value,
    /** Fails after a minute without reaching n, so a lost connection stops the bench instead of hanging it. */
    reach: (n: number) =>
      value >= n
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`stalled at ${value} of ${n}`)), 60_000);
            waiter = {
              n,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            };
          }),
  };
}

/** Opens n SSE connections; calls onEvent(name, data, receivedAt) for each event after the first state. */
async function subscribe(port: number, urlPath: string, n: number, onEvent: (name: string, data: string, at: number) => void) {
  const reqs: http.ClientRequest[] = [];
  const ready = counter();
  for (let i = 0; i < n; i++) {
    // in steps of 500, as boards come up over a morning, not as one burst past the listen backlog
    if (i > 0 && i % 500 === 0) await ready.reach(i);
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: new http.Agent({ keepAlive: false }) }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buf += chunk;
        let idx = buf.indexOf('\n\n');
        // indexOf, not regular expressions: with thousands of pages this process must keep up with the server
        let start = 0;
        while (idx !== -1) {
          const frame = buf.slice(start, idx);
          start = idx + 2;
          const name = frame.startsWith('event: ') ? frame.slice(7, frame.indexOf('\n')) : frame.slice(frame.indexOf('event: ') + 7, frame.indexOf('\ndata: '));
          const data = frame.slice(frame.indexOf('data: ') + 6);
          if (name === 'state') ready.add();
          else onEvent(name, data, at);
          idx = buf.indexOf('\n\n', start);
        }
        buf = buf.slice(start);
      });
    });
    req.on('error', (err) => console.error(`subscriber ${i}: ${err.message}`));
    reqs.push(req);
  }
  await ready.reach(n);
  return () => {
    for (const r of reqs) r.destroy();
  };
}

function request(port: number, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; cookies: string[]; location?: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, agent, headers: { ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        data += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!), location: res.headers.location }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function benchBare(sample: string) {
  const server = await startServer('bare');
  const pending = new Map<number, number>();
  const latencies: number[] = [];
  const delivered = counter();
  const close = await subscribe(server.port, '/events', N, (_n, data, at) => {
    const id = Number(data.slice(6, data.indexOf(',')));
    const t0 = pending.get(id);
    if (t0 !== undefined) latencies.push(at - t0);
    delivered.add();
  });
  // the same bytes as the app's "called" event (quotes swapped so JSON escaping adds none)
  const filler = sample.replaceAll('"', "'");
  for (let i = 0; i < CALLS; i++) {
    pending.set(i, performance.now());
    await request(server.port, 'POST', '/publish', JSON.stringify({ id: i, filler }), { 'content-type': 'application/json' });
    await delivered.reach((i + 1) * N);
  }
  const t0 = performance.now();
  for (let i = 0; i < TICKETS; i++) await request(server.port, 'POST', '/publish', JSON.stringify({ id: -1, filler }), { 'content-type': 'application/json' });
  const rate = TICKETS / ((performance.now() - t0) / 1000);
  close();
  await server.kill();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rate, deliveries: latencies.length };
}

const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Staff sign-in and an open counter on the server at `port`, plus a kiosk to issue from. */
async function desk(port: number) {
  const login = await request(port, 'GET', '/staff/login');
  let cookie = login.cookies.join('; ');
  const signed = await request(port, 'POST', '/staff/login', `_csrf=${encodeURIComponent(csrf(login.body))}&username=clerk.zhubei&password=Huzheng-demo-2026`, { cookie });
  cookie = signed.cookies.find((c) => c.startsWith('hz_sid=')) ?? cookie;
  const pick = await request(port, 'GET', '/staff/queue', undefined, { cookie });
  const token = csrf(pick.body);
  const counterId = /\/staff\/queue\/counters\/(\d+)\/open/.exec(pick.body)![1]!;
  await request(port, 'POST', `/staff/queue/counters/${counterId}/open`, `_csrf=${encodeURIComponent(token)}`, { cookie });
  const kiosk = await request(port, 'GET', '/o/zhubei/kiosk');
  const kioskCookie = kiosk.cookies.join('; ');
  const kioskToken = csrf(kiosk.body);
  const serviceId = /name="serviceId" value="(\d+)"/.exec(kiosk.body)![1]!;
  const issue = () => request(port, 'POST', '/o/zhubei/kiosk/ticket', `_csrf=${encodeURIComponent(kioskToken)}&serviceId=${serviceId}&priority=0`, { cookie: kioskCookie });
  const form = `_csrf=${encodeURIComponent(token)}`;
  return {
    issue,
    call: () => request(port, 'POST', `/staff/queue/counters/${counterId}/call`, form, { cookie }),
    finish: () => request(port, 'POST', `/staff/queue/counters/${counterId}/finish`, form, { cookie }),
  };
}

/** Calls on `callPort`, N boards listening on `boardPort` (the same server, or another process). */
async function benchApp(callPort: number, boardPort: number, withTickets: boolean) {
  const d = await desk(callPort);
  for (let i = 0; i < CALLS; i++) await d.issue();
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const called = counter();
  let sample = '';
  const close = await subscribe(boardPort, '/o/zhubei/queue/events', N, (_n, data, at) => {
    if (!data.startsWith('{"kind":"called"')) return;
    sample ||= data;
    const at0 = data.indexOf('"label":"') + 9;
    const t0 = pending.get(data.slice(at0, data.indexOf('"', at0)));
    if (t0 !== undefined) latencies.push(at - t0);
    called.add();
  });
  for (let i = 0; i < CALLS; i++) {
    pending.set(`A${String(i + 1).padStart(3, '0')}`, performance.now());
    const r = await d.call();
    if (r.status !== 303) throw new Error(`call answered ${r.status}`);
    await called.reach((i + 1) * N);
    await d.finish();
  }
  let rate = Number.NaN;
  if (withTickets) {
    const t0 = performance.now();
    for (let i = 0; i < TICKETS; i++) {
      const r = await d.issue();
      if (r.status !== 303) throw new Error(`issue answered ${r.status}`);
    }
    rate = TICKETS / ((performance.now() - t0) / 1000);
  }
  close();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rate, deliveries: latencies.length, sample };
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Two app processes on one throwaway PostgreSQL database: calls on the first, boards on the second. */
async function benchPostgres() {
  const name = `hz_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  try {
    const one = await startServer('app-pg', [url, 'seed']);
    const two = await startServer('app-pg', [url]);
    try {
      return await benchApp(one.port, two.port, false);
    } finally {
      await Promise.all([one.kill(), two.kill()]);
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

console.log(`bench/queue — ${N} SSE subscribers on one office, ${CALLS} calls, ${TICKETS} tickets issued (one at a time, each fanned out to all)`);
console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
const appServer = await startServer('app');
const appR = await benchApp(appServer.port, appServer.port, true);
await appServer.kill();
const bare = await benchBare(appR.sample);
console.log(`ceiling  bare Fastify SSE fan-out : publish→delivered p50 ${fmt(bare.p50)}  p99 ${fmt(bare.p99)}  publishes/s ${bare.rate.toFixed(0)}  (${bare.deliveries} deliveries, ${Buffer.byteLength(appR.sample)} B events)`);
console.log(`huzheng  call→delivered          : p50 ${fmt(appR.p50)}  p99 ${fmt(appR.p99)}  tickets/s ${appR.rate.toFixed(0)}  (${appR.deliveries} deliveries)`);
console.log(`ratio    latency p50 ${(appR.p50 / bare.p50).toFixed(2)}×, p99 ${(appR.p99 / bare.p99).toFixed(2)}×; throughput ${(appR.rate / bare.rate).toFixed(2)}× of the bare fan-out`);
if (flags.has('--pg')) {
  const two = await benchPostgres();
  console.log(`huzheng  2 processes, PostgreSQL : call on 1 → delivered on 2 p50 ${fmt(two.p50)}  p99 ${fmt(two.p99)}  (${two.deliveries} deliveries; one process on SQLite: p50 ${fmt(appR.p50)}  p99 ${fmt(appR.p99)})`);
  console.log(`ratio    2 processes p99 ${(two.p99 / bare.p99).toFixed(2)}× of the bare fan-out, ${(two.p99 / appR.p99).toFixed(2)}× of one process`);
}
if (flags.has('--prof')) console.log(`cpu profiles of the app processes: ${PROF_DIR}`);
process.exit(0);
