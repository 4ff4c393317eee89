/**
 * bench/queue: N live subscribers on one office; issue and call tickets;
 * report call→delivered latency p50/p99 and tickets/s, beside a bare
 * Fastify SSE fan-out measured the same way in the same run.
 *
 *   npx tsx bench/queue.ts [subscribers=5000] [calls=60] [tickets=300]
 *
 * The server runs in its own process; this process holds the subscribers
 * and measures, so the two do not share one core's event loop.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const N = Number(process.argv[2] ?? 5000);
const CALLS = Number(process.argv[3] ?? 60);
const TICKETS = Number(process.argv[4] ?? 300);
const here = path.dirname(fileURLToPath(import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function startServer(mode: 'app' | 'bare'): Promise<{ port: number; kill: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'queue-server.ts'), [mode], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (m) => resolve({ port: (m as { port: number }).port, kill: () => child.kill() }));
    child.once('error', reject);
  });
}

/** Opens n SSE connections; calls onEvent(name, data, receivedAt) for each event. */
async function subscribe(port: number, urlPath: string, n: number, onEvent: (name: string, data: string, at: number) => void) {
  const reqs: http.ClientRequest[] = [];
  let ready = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < n; i++) {
      const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: new http.Agent({ keepAlive: false }) }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buf += chunk;
          let idx = buf.indexOf('\n\n');
          while (idx !== -1) {
            const frame = buf.slice(0, idx);
            buf = buf.slice(idx + 2);
            const name = /^event: (.+)$/m.exec(frame)?.[1] ?? 'message';
            const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
            if (name === 'state') {
              ready++;
              if (ready === n) resolve();
            } else onEvent(name, data, at);
            idx = buf.indexOf('\n\n');
          }
        });
      });
      reqs.push(req);
    }
  });
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

async function benchBare() {
  const server = await startServer('bare');
  const pending = new Map<number, number>();
  const latencies: number[] = [];
  const close = await subscribe(server.port, '/events', N, (_n, data, at) => {
    const id = Number(/"id":(\d+)/.exec(data)?.[1]);
    const t0 = pending.get(id);
    if (t0 !== undefined) latencies.push(at - t0);
  });
  // a payload the size of the app's change event
  const filler = 'x'.repeat(1500);
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    pending.set(i, t0);
    await request(server.port, 'POST', '/publish', JSON.stringify({ id: i, filler }), { 'content-type': 'application/json' });
    while (latencies.length < (i + 1) * N) await new Promise((r) => setImmediate(r));
  }
  const t0 = performance.now();
  for (let i = 0; i < TICKETS; i++) await request(server.port, 'POST', '/publish', JSON.stringify({ id: -1, filler }), { 'content-type': 'application/json' });
  const rate = TICKETS / ((performance.now() - t0) / 1000);
  close();
  server.kill();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rate, deliveries: latencies.length };
}

async function benchApp() {
  const server = await startServer('app');
  const { port } = server;
  // staff sign-in, open a counter
  const login = await request(port, 'GET', '/staff/login');
  let cookie = login.cookies.join('; ');
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const signed = await request(port, 'POST', '/staff/login', `_csrf=${encodeURIComponent(csrf(login.body))}&username=clerk.zhubei&password=Huzheng-demo-2026`, { cookie });
  cookie = signed.cookies.find((c) => c.startsWith('hz_sid=')) ?? cookie;
  const pick = await request(port, 'GET', '/staff/queue', undefined, { cookie });
  const token = csrf(pick.body);
  const counterId = /\/staff\/queue\/counters\/(\d+)\/open/.exec(pick.body)![1]!;
  await request(port, 'POST', `/staff/queue/counters/${counterId}/open`, `_csrf=${encodeURIComponent(token)}`, { cookie });
  // kiosk form for issuing
  const kiosk = await request(port, 'GET', '/o/zhubei/kiosk');
  const kioskCookie = kiosk.cookies.join('; ');
  const kioskToken = csrf(kiosk.body);
  const serviceId = /name="serviceId" value="(\d+)"/.exec(kiosk.body)![1]!;
  const issue = () => request(port, 'POST', '/o/zhubei/kiosk/ticket', `_csrf=${encodeURIComponent(kioskToken)}&serviceId=${serviceId}&priority=0`, { cookie: kioskCookie });
  for (let i = 0; i < CALLS; i++) await issue();

  const pending = new Map<string, number>();
  const latencies: number[] = [];
  let events = 0;
  const close = await subscribe(port, '/o/zhubei/queue/events', N, (_n, data, at) => {
    events++;
    if (!data.startsWith('{"kind":"called"')) return;
    const label = /"label":"([A-Z]\d{3})"/.exec(data)?.[1];
    const t0 = label ? pending.get(label) : undefined;
    if (t0 !== undefined) latencies.push(at - t0);
  });
  for (let i = 0; i < CALLS; i++) {
    const label = `A${String(i + 1).padStart(3, '0')}`;
    const before = latencies.length;
    pending.set(label, performance.now());
    const r = await request(port, 'POST', `/staff/queue/counters/${counterId}/call`, `_csrf=${encodeURIComponent(token)}`, { cookie });
    if (r.status !== 303) throw new Error(`call answered ${r.status}`);
    while (latencies.length < before + N) await new Promise((r2) => setImmediate(r2));
    await request(port, 'POST', `/staff/queue/counters/${counterId}/finish`, `_csrf=${encodeURIComponent(token)}`, { cookie });
  }
  const t0 = performance.now();
  for (let i = 0; i < TICKETS; i++) {
    const r = await issue();
    if (r.status !== 303) throw new Error(`issue answered ${r.status}`);
  }
  const rate = TICKETS / ((performance.now() - t0) / 1000);
  close();
  server.kill();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rate, deliveries: latencies.length, events };
}

console.log(`bench/queue — ${N} SSE subscribers on one office, ${CALLS} calls, ${TICKETS} tickets issued (one at a time, each fanned out to all)`);
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
const bare = await benchBare();
console.log(`ceiling  bare Fastify SSE fan-out : publish→delivered p50 ${fmt(bare.p50)}  p99 ${fmt(bare.p99)}  publishes/s ${bare.rate.toFixed(0)}  (${bare.deliveries} deliveries)`);
const appR = await benchApp();
console.log(`huzheng  call→delivered          : p50 ${fmt(appR.p50)}  p99 ${fmt(appR.p99)}  tickets/s ${appR.rate.toFixed(0)}  (${appR.deliveries} deliveries)`);
console.log(`ratio    latency p50 ${(appR.p50 / bare.p50).toFixed(2)}×, p99 ${(appR.p99 / bare.p99).toFixed(2)}×; throughput ${(appR.rate / bare.rate).toFixed(2)}× of the bare fan-out`);
process.exit(0);
