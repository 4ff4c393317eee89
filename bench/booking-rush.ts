/**
 * bench/booking-rush: thousands of clients open one hot date at once
 * (arrival-rate load with autocannon), against the real booking step.
 * Reports accepted, rejected, overbooked (must be 0), p50/p99 latency and
 * requests/s, and checks for overbooking after each round; beside it, in
 * the same run, a bare Fastify form handler (as many processes, same
 * arrival rate and flat out), and the raw booking transaction (SQLite, no
 * HTTP) run back to back with room for every transaction, so each one it
 * times really books. Temporary SQLite files (/tmp/huzheng-rush-*) and
 * throwaway PostgreSQL databases (hz_test_*) are removed at the end.
 *
 *   npx tsx bench/booking-rush.ts [clients=2000] [requests=4000] [rate=200] [--pg] [--sqlite] [--procs 1,2,4] [--cpu-prof DIR]
 *
 * --pg runs the product on a throwaway PostgreSQL database (127.0.0.1:5432,
 * TEST_PG_ADMIN_URL), --sqlite (the default) on a SQLite file; both flags:
 * both. --procs N (or a list) runs N server processes on N ports sharing the
 * database, only the first running the jobs worker, with autocannon's
 * connections spread over them. --cpu-prof writes each app process's CPU
 * profile into DIR (summarise with bench/lib/cpu-profile.ts).
 *
 * The servers run in their own processes; autocannon runs here.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { generateIdNumber } from '../src/platform/identity/index.js';
import { type DbKind, removeSqlite, type RushResult, rush, startCluster, startServer } from './lib/booking-cluster.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { pg: { type: 'boolean' }, sqlite: { type: 'boolean' }, procs: { type: 'string', default: '1' }, 'cpu-prof': { type: 'string' } },
});
const CLIENTS = Number(positionals[0] ?? 2000);
const REQUESTS = Number(positionals[1] ?? 4000);
const RATE = Number(positionals[2] ?? 200);
const KINDS: DbKind[] = [...(flags.sqlite || !flags.pg ? (['sqlite'] as const) : []), ...(flags.pg ? (['postgres'] as const) : [])];
const PROCS = flags.procs.split(',').map((p) => Math.max(1, Number(p)));
const PROF = flags['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof']] : [];
const FLAT_OUT = 3000;
const HOT_DAY = '2026-12-12';
const SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
const CONFIRM = '/o/zhubei/booking/marriage-holiday/confirm';

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

/** Seats and live bookings on the hot day, as the database holds them now. */
async function seatCheck(port: number) {
  const seats = (await (await fetch(`http://127.0.0.1:${port}/bench/seats`)).json()) as Seat[];
  const bookings = (await (await fetch(`http://127.0.0.1:${port}/bench/bookings`)).json()) as { starts: string; status: string }[];
  const capacity = seats.reduce((n, s) => n + s.capacity, 0);
  const held = bookings.filter((b) => b.status === 'booked').length;
  const counted = seats.reduce((n, s) => n + s.booked, 0);
  const overbooked = seats.reduce((n, s) => n + Math.max(0, bookings.filter((b) => b.starts === s.starts && b.status === 'booked').length - s.capacity), 0);
  return { capacity, held, counted, overbooked, sound: overbooked === 0 && held <= capacity && counted === held };
}

const queries = async (port: number) => ((await (await fetch(`http://127.0.0.1:${port}/bench/queries`)).json()) as { count: number }).count;

/** Statements one confirm sends, measured on a single request to a quiet server. */
async function statementsPerRequest(port: number, cookie: string, csrf: string): Promise<{ count: number; status: number }> {
  const before = await queries(port);
  const res = await fetch(`http://127.0.0.1:${port}${CONFIRM}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: body(csrf) });
  await res.arrayBuffer();
  return { count: (await queries(port)) - before, status: res.status };
}

interface Round {
  db: DbKind;
  procs: number;
  atRate: RushResult;
  flatOut: RushResult;
  overbooked: number;
  sound: boolean;
  statements: string;
}

async function productRound(db: DbKind, procs: number): Promise<Round> {
  const cluster = await startCluster(db, procs, PROF);
  try {
    const ports = cluster.servers.map((s) => s.port);
    const first = ports[0]!;
    const page = await fetch(`http://127.0.0.1:${first}/o/zhubei/booking/marriage-holiday/details?day=${HOT_DAY}&starts=09:00`);
    const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const one = await statementsPerRequest(first, cookie, csrf);
    const opts = { ports, path: CONFIRM, cookie, body: () => body(csrf) };
    const atRate = await rush({ ...opts, connections: CLIENTS, amount: REQUESTS, rate: RATE });
    const afterRush = await seatCheck(first);
    // the most it can take: no arrival rate, 100 connections; whatever places the rush left are fought over again
    const flatOut = await rush({ ...opts, connections: 100, amount: FLAT_OUT });
    const afterMax = await seatCheck(first);
    const full = await statementsPerRequest(first, cookie, csrf);
    return {
      db,
      procs,
      atRate,
      flatOut,
      overbooked: afterRush.overbooked + afterMax.overbooked,
      sound: afterRush.sound && afterMax.sound,
      statements: `${one.count} (${one.status}) / ${full.count} (${full.status})`,
    };
  } finally {
    await cluster.close();
  }
}

async function bareRound(procs: number) {
  const servers = await Promise.all(Array.from({ length: procs }, () => startServer('bare')));
  try {
    const opts = { ports: servers.map((s) => s.port), path: '/book', cookie: '', body: () => body('') };
    const atRate = await rush({ ...opts, connections: CLIENTS, amount: REQUESTS, rate: RATE });
    const flatOut = await rush({ ...opts, connections: 100, amount: FLAT_OUT });
    return { atRate, flatOut };
  } finally {
    await Promise.all(servers.map((s) => s.kill()));
  }
}

console.log(`booking rush: ${CLIENTS} clients, ${REQUESTS} requests at ${RATE}/s then ${FLAT_OUT} flat out (100 connections) on ${HOT_DAY}; ${KINDS.join(', ')} × ${PROCS.join(', ')} process(es); ${os.cpus().length} CPU cores`);
// the ceilings first, then each product row as soon as it is measured (a long matrix shows its progress)
const bare = new Map<number, Awaited<ReturnType<typeof bareRound>>>();
for (const procs of PROCS) bare.set(procs, await bareRound(procs));
const raw = rawDatabase(REQUESTS);
const rounds: Round[] = [];
const rowOf = (r: Round) => {
  const b = bare.get(r.procs)!;
  return {
    database: r.db,
    procs: r.procs,
    accepted: r.atRate.accepted + r.flatOut.accepted,
    rejected: r.atRate.rejected + r.flatOut.rejected,
    'other/err': r.atRate.other + r.flatOut.other + r.atRate.errors + r.flatOut.errors,
    overbooked: r.overbooked,
    [`p50 @${RATE}/s`]: r.atRate.p50,
    [`p99 @${RATE}/s`]: r.atRate.p99,
    'flat req/s': r.flatOut.rps,
    'bare p50/p99': `${b.atRate.p50}/${b.atRate.p99}`,
    'bare flat req/s': b.flatOut.rps,
    'flat % of bare': Number(((r.flatOut.rps / b.flatOut.rps) * 100).toFixed(1)),
    'stmts book/full': r.statements,
  };
};
for (const db of KINDS) {
  for (const procs of PROCS) {
    const r = await productRound(db, procs);
    rounds.push(r);
    console.log(JSON.stringify(rowOf(r)));
  }
}
console.table(rounds.map(rowOf));
console.log(`raw SQLite booking transaction (BEGIN IMMEDIATE, conditional UPDATE, 3 INSERTs, synchronous FULL), ${raw.booked} transactions that each booked: ${raw.txPerSec} tx/s`);
console.log('flat out: almost every request is refused as full once the places are gone, so the flat-out rate is mostly refusals; "stmts" = SQL statements of one booking that books / one refused as full (BEGIN/COMMIT not counted)');
if (rounds.some((r) => r.overbooked > 0 || !r.sound)) {
  console.error('OVERBOOKED (or seats and bookings disagree)');
  process.exitCode = 1;
}
