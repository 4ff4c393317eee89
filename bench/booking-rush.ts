/**
 * bench/booking-rush: thousands of clients open one hot date at once
 * (arrival-rate load with autocannon), against the real booking step.
 * Reports accepted, rejected, overbooked (must be 0), p50/p99 latency and
 * requests/s, and checks for overbooking after each round; beside it, in
 * the same run, a bare Fastify form handler under the same arrival rate and
 * flat out, and the raw booking transaction (SQLite, no HTTP) run back to
 * back with room for every transaction, so each one it times really books.
 * The closing line's verdict is computed from these figures. Temporary
 * SQLite files (/tmp/huzheng-rush-*) are removed at the end.
 *
 *   npx tsx bench/booking-rush.ts [clients=2000] [requests=4000] [rate=200]
 *
 * The server runs in its own process; autocannon runs here.
 */
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { generateIdNumber } from '../src/platform/identity/index.js';

const CLIENTS = Number(process.argv[2] ?? 2000);
const REQUESTS = Number(process.argv[3] ?? 4000);
const RATE = Number(process.argv[4] ?? 200);
const HOT_DAY = '2026-12-12';
const SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
const here = path.dirname(fileURLToPath(import.meta.url));

function start(mode: 'app' | 'bare'): Promise<{ port: number; file: string | null; kill: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'booking-server.ts'), [mode], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('message', (m) =>
      resolve({
        ...(m as { port: number; file: string | null }),
        kill: async () => {
          child.kill();
          await exited;
        },
      }),
    );
    child.once('error', reject);
  });
}

/** A SQLite file and its WAL companions. */
function removeSqlite(file: string | null) {
  if (!file) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

let seed = 1;
const rand = () => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};

/** A different couple each request: the one-per-day rule must not be what turns them away. */
function body(csrf: string): string {
  const slot = SLOTS[Math.floor(rand() * SLOTS.length)]!;
  return new URLSearchParams({
    _csrf: csrf,
    day: HOT_DAY,
    starts: slot,
    slots: '1',
    name: '搶號測試',
    idNumber: generateIdNumber(rand),
    birthDate: '1990-01-01',
    phone: '0912-345-678',
    partnerName: '另一半',
    partnerIdNumber: generateIdNumber(rand),
  }).toString();
}

async function rush(port: number, urlPath: string, cookie: string, csrf: string, opts: { rate?: number; amount?: number; connections?: number } = {}) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections ?? CLIENTS,
    amount: opts.amount ?? REQUESTS,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: urlPath,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        setupRequest: (req) => ({ ...req, body: body(csrf) }),
      },
    ],
  });
  const by = (code: string) => Number((result.statusCodeStats as Record<string, { count: number }>)[code]?.count ?? 0);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    accepted: by('303'),
    rejected: by('409'),
    other: result.non2xx - by('303') - by('409'),
    errors: result.errors + result.timeouts,
  };
}

/**
 * The ceiling: the booking transaction straight on SQLite (WAL, synchronous
 * FULL), one writer, no HTTP. Every slot has room for every transaction, so
 * each one really books (the UPDATE and 3 INSERTs all write): a refusal
 * writes nothing and would flatter the figure.
 */
function rawDatabase(n: number) {
  const file = `/tmp/huzheng-rush-raw-${process.pid}.sqlite`;
  removeSqlite(file);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('DROP TABLE IF EXISTS slot; DROP TABLE IF EXISTS booking; DROP TABLE IF EXISTS person');
  db.exec('CREATE TABLE slot (id INTEGER PRIMARY KEY, capacity INT, booked INT CHECK (booked <= capacity))');
  db.exec('CREATE TABLE booking (id INTEGER PRIMARY KEY, slot_id INT, code TEXT UNIQUE, id_hash TEXT, created_at TEXT)');
  db.exec('CREATE TABLE person (booking_id INT, id_hash TEXT, day TEXT, active INT)');
  db.exec('CREATE UNIQUE INDEX person_day ON person (id_hash, day) WHERE active = 1');
  const perSlot = Math.ceil(n / SLOTS.length);
  for (let i = 0; i < SLOTS.length; i++) db.prepare('INSERT INTO slot VALUES (?, ?, 0)').run(i + 1, perSlot);
  const take = db.prepare('UPDATE slot SET booked = booked + 1 WHERE id = ? AND booked < capacity');
  const insert = db.prepare('INSERT INTO booking (slot_id, code, id_hash, created_at) VALUES (?, ?, ?, ?)');
  const person = db.prepare('INSERT INTO person VALUES (?, ?, ?, 1)');
  const tx = db.transaction((slot: number, i: number) => {
    if (take.run(slot).changes !== 1) return false;
    const id = insert.run(slot, `C${i}`, `h${i}`, new Date().toISOString()).lastInsertRowid;
    person.run(id, `h${i}`, HOT_DAY);
    person.run(id, `p${i}`, HOT_DAY);
    return true;
  });
  const t0 = performance.now();
  let ok = 0;
  for (let i = 0; i < n; i++) if (tx.immediate((i % SLOTS.length) + 1, i)) ok++;
  const ms = performance.now() - t0;
  db.close();
  removeSqlite(file);
  if (ok !== n) throw new Error(`raw transaction: ${ok} of ${n} booked; the ceiling must time transactions that book`);
  return { txPerSec: Math.round((ok / ms) * 1000), booked: ok };
}

interface Seat {
  starts: string;
  capacity: number;
  booked: number;
}

/** Seats and live bookings on the hot day, as the server holds them now. */
async function seatCheck(port: number) {
  const seats = (await (await fetch(`http://127.0.0.1:${port}/bench/seats`)).json()) as Seat[];
  const bookings = (await (await fetch(`http://127.0.0.1:${port}/bench/bookings`)).json()) as { starts: string; status: string }[];
  const capacity = seats.reduce((n, s) => n + s.capacity, 0);
  const held = bookings.filter((b) => b.status === 'booked').length;
  const counted = seats.reduce((n, s) => n + s.booked, 0);
  const overbooked = seats.reduce((n, s) => n + Math.max(0, bookings.filter((b) => b.starts === s.starts && b.status === 'booked').length - s.capacity), 0);
  return { capacity, held, counted, overbooked };
}

const app = await start('app');
const page = await fetch(`http://127.0.0.1:${app.port}/o/zhubei/booking/marriage-holiday/details?day=${HOT_DAY}&starts=09:00`);
const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
console.log(`booking rush: ${CLIENTS} clients, ${REQUESTS} requests at ${RATE}/s on ${HOT_DAY}, ${os.cpus().length} CPU cores (os.cpus().length)`);
const CONFIRM = '/o/zhubei/booking/marriage-holiday/confirm';
const huzheng = await rush(app.port, CONFIRM, cookie, csrf, { rate: RATE });
const afterRush = await seatCheck(app.port);
// the most it can take: no arrival rate, 100 connections; whatever places the rush left are fought over again
const huzhengMax = await rush(app.port, CONFIRM, cookie, csrf, { amount: 3000, connections: 100 });
const afterMax = await seatCheck(app.port);
await app.kill();
removeSqlite(app.file);

const bare = await start('bare');
const ceiling = await rush(bare.port, '/book', '', '', { rate: RATE });
const ceilingMax = await rush(bare.port, '/book', '', '', { amount: 3000, connections: 100 });
await bare.kill();
const raw = rawDatabase(REQUESTS);

const row = (r: Awaited<ReturnType<typeof rush>>) => ({ 'req/s': r.rps, 'p50 ms': r.p50, 'p99 ms': r.p99, accepted: r.accepted, rejected: r.rejected, other: r.other, errors: r.errors });
console.table({
  [`huzheng, rush at ${RATE}/s`]: row(huzheng),
  [`bare fastify, rush at ${RATE}/s`]: row(ceiling),
  'huzheng, flat out (100 conn)': row(huzhengMax),
  'bare fastify, flat out (100 conn)': row(ceilingMax),
});
const seatLine = (label: string, c: Awaited<ReturnType<typeof seatCheck>>) => `${label}: places ${c.capacity}, bookings held ${c.held}, seats counted ${c.counted}, overbooked ${c.overbooked}`;
console.log(seatLine('after the rush', afterRush));
console.log(seatLine('after flat out', afterMax));
console.log(`raw SQLite booking transaction (BEGIN IMMEDIATE, conditional UPDATE, 3 INSERTs, synchronous FULL), ${raw.booked} transactions that each booked: ${raw.txPerSec} tx/s`);

// The conclusion follows from the figures. Flat out, almost every request is
// refused as full once the places are gone, so Huzheng's flat-out rate is
// mostly refusals; a booking transaction writes more than a refusal, so the
// comparison favours the database only when the raw rate is well above it.
const share = ((huzhengMax.rps / ceilingMax.rps) * 100).toFixed(1);
const headroom = huzhengMax.rps > 0 ? raw.txPerSec / huzhengMax.rps : Number.POSITIVE_INFINITY;
const verdict =
  headroom >= 2
    ? `the raw transaction runs ${headroom.toFixed(1)}× Huzheng's flat-out rate, so the database is not the limit here: the time goes to HTTP, parsing and the app's own work`
    : headroom >= 1
      ? `the raw transaction runs only ${headroom.toFixed(1)}× Huzheng's flat-out rate: the database is close to being the limit`
      : `the raw transaction runs slower (${headroom.toFixed(2)}×) than Huzheng flat out: the database is the limit`;
console.log(`flat out: Huzheng ${huzhengMax.rps} req/s (${huzhengMax.accepted} booked, ${huzhengMax.rejected} full) = ${share}% of bare Fastify (${ceilingMax.rps} req/s); ${verdict}`);
if ([afterRush, afterMax].some((c) => c.overbooked > 0 || c.held > c.capacity || c.counted !== c.held)) {
  console.error('OVERBOOKED (or seats and bookings disagree)');
  process.exitCode = 1;
}
