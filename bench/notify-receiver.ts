/**
 * The agencies' side of bench/notify: one node:http server standing for
 * the five recipients (`/r/<code>`), which checks each body's signature
 * against that recipient's secret, notes when each notice first arrived,
 * and answers 200 — and the ceiling, a bare client posting the same signed
 * bodies to it with fetch (undici, keep-alive) at a given concurrency.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from '../src/modules/notify/body.js';
import type { BenchNotice } from './notify-data.js';

export interface Receiver {
  baseUrl: string;
  /** notice id → Date.now() when it first arrived */
  arrived: Map<number, number>;
  /** every request, repeats included */
  requests: number;
  badSignatures: number;
  /** forget what arrived (between phases) */
  reset(): void;
  /** resolves once `n` distinct notices have arrived since the last reset */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(secrets: () => Map<string, string>): Promise<Receiver> {
  let waiting: { n: number; resolve: () => void } | null = null;
  const r: Omit<Receiver, 'baseUrl' | 'close'> & { server?: http.Server } = {
    arrived: new Map(),
    requests: 0,
    badSignatures: 0,
    reset() {
      r.arrived = new Map();
      r.requests = 0;
      r.badSignatures = 0;
    },
    waitFor(n) {
      if (r.arrived.size >= n) return Promise.resolve();
      return new Promise((resolve) => {
        waiting = { n, resolve };
      });
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      r.requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const code = /^\/r\/([a-z]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const secret = secrets().get(code);
      const header = req.headers[SIGNATURE_HEADER];
      if (!secret || !verifyWebhook(secret, typeof header === 'string' ? header : undefined, body, Math.floor(at / 1000))) {
        r.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const id = (JSON.parse(body) as { notice: number }).notice;
      if (!r.arrived.has(id)) r.arrived.set(id, at);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (waiting && r.arrived.size >= waiting.n) {
        const w = waiting;
        waiting = null;
        w.resolve();
      }
    });
  });
  // more sockets than any concurrency the bench uses; keep-alive longer than a phase's pauses
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as Receiver;
}

/** One signed POST, as send.ts makes it (same headers), without any database around it. */
async function post(baseUrl: string, secret: string, n: BenchNotice): Promise<void> {
  const res = await fetch(`${baseUrl}/r/${n.recipient}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhook(secret, Math.floor(Date.now() / 1000), n.json),
      'idempotency-key': `notice-${n.id}`,
      'user-agent': 'Huzheng notify',
    },
    body: n.json,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`receiver answered ${res.status}`);
}

/** The ceiling: `concurrency` loops posting the notices in order, each waiting for its answer before the next. */
export async function bareClient(baseUrl: string, secrets: Map<string, string>, notices: BenchNotice[], concurrency: number): Promise<void> {
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < notices.length; i = next++) {
      const n = notices[i]!;
      await post(baseUrl, secrets.get(n.recipient)!, n);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/** The ceiling of the paced phase: each batch posted at once, when its time comes. */
export async function barePaced(baseUrl: string, secrets: Map<string, string>, batches: BenchNotice[][], everyMs: number): Promise<Map<number, number>> {
  const sentAt = new Map<number, number>();
  const t0 = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < batches.length; i++) {
    const wait = t0 + i * everyMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (const n of batches[i]!) {
      sentAt.set(n.id, Date.now());
      inFlight.push(post(baseUrl, secrets.get(n.recipient)!, n));
    }
  }
  await Promise.all(inFlight);
  return sentAt;
}
