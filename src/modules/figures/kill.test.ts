import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createThrowawayPostgres, DATABASE_KINDS, type DatabaseKind, describeOn } from '../../../test/databases.js';
import {
  type BookingSpec,
  bookingRow,
  type DemoIds,
  demoIds,
  insertCase,
  insertPetition,
  insertResponse,
  insertRows,
  lostIdRow,
  type OfficeCode,
  seeded,
  searchRow,
  type TicketSpec,
  ROOT,
  ticketRow,
} from '../../../test/figures-rows.js';
import type { RebuildWorkerInput } from '../../../test/figures-rebuild-worker.js';
import type { RaceTarget } from '../../../test/sqlite-processes.js';
import { type Database, openPostgres, openSqlite } from '../../db/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDemo } from '../../demo/seed.js';
import { addDays, eachDay } from '../../platform/calendar/index.js';
import { rebuild } from './rollup.js';

/**
 * `figures rebuild` is a month per transaction, so it may be stopped and
 * run again. Here a separate process runs it over six months of a few
 * thousand raw rows and is killed (SIGKILL) twice part-way; then rebuild
 * runs in this process, and the roll-up tables must equal those of a clean
 * rebuild on an identical copy of the database taken before the kills.
 * Before the kills the roll-up is stale on purpose (rows changed after an
 * earlier rebuild, and rows of an office that does not exist), so a run
 * that skipped a month would show.
 */
const NOW = new Date('2026-11-01T04:00:00Z');
const FROM = '2026-05-01';
const TO = '2026-10-31';
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WORKER = 'test/figures-rebuild-worker.ts';

interface Store {
  target: RaceTarget;
  open(): Database;
  /** an identical copy; the store must be closed */
  copy(): Promise<Store>;
  drop(): Promise<void>;
}

async function admin(text: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function sqliteStore(file: string): Store {
  return {
    target: { kind: 'sqlite', file },
    open: () => openSqlite(file),
    async copy() {
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-fig-copy-'));
      const to = path.join(dir, 'copy.sqlite');
      copyFileSync(file, to);
      return sqliteStore(to);
    },
    async drop() {
      rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

function postgresStore(url: string): Store {
  const name = url.slice(url.lastIndexOf('/') + 1);
  return {
    target: { kind: 'postgres', url },
    open: () => openPostgres(url, 4),
    async copy() {
      const copy = `${name}_copy`;
      await admin(`CREATE DATABASE ${copy} TEMPLATE ${name}`);
      return postgresStore(url.replace(/\/[^/]*$/, `/${copy}`));
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function newStore(kind: DatabaseKind): Promise<Store> {
  if (kind === 'sqlite') return sqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'hz-fig-kill-')), 'kill.sqlite'));
  return postgresStore((await createThrowawayPostgres()).url);
}

/** Six months of rows over both offices (the demo's year of questionnaires comes on top). */
async function seedBulk(database: Database, ids: DemoIds) {
  const g = seeded(20260501);
  const offices: OfficeCode[] = ['zhubei', 'jianshi'];
  const days = eachDay(FROM, TO);
  const tickets: TicketSpec[] = [];
  for (const office of offices) {
    for (const day of days) {
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === 0) continue;
      for (let i = g.int(0, 30); i > 0; i--) {
        const status = g.pick(['done', 'done', 'done', 'no_show', 'cancelled'] as const);
        tickets.push({
          office,
          day,
          at: `${String(g.int(8, 16)).padStart(2, '0')}:${String(g.int(0, 59)).padStart(2, '0')}`,
          service: g.pick(['registration', 'id-card', 'transcript']),
          channel: g.pick(['kiosk', 'phone', 'booking', 'counter']),
          status,
          waitMs: status === 'cancelled' ? null : g.int(0, 40 * 60_000),
          serveMs: status === 'done' ? g.int(60_000, 20 * 60_000) : null,
          transfers: g.rand() < 0.1 ? 1 : 0,
        });
      }
    }
  }
  await insertRows(
    database.db,
    'ticket',
    tickets.map((t) => ticketRow(ids, t)),
  );
  const bookings: BookingSpec[] = Array.from({ length: 800 }, () => {
    const day = g.pick(days);
    return { office: g.pick(offices), day, status: g.pick(['booked', 'served', 'cancelled', 'no_show', 'checked_in', 'applied'] as const), byStaff: g.rand() < 0.3, createdAt: `${addDays(day, -g.int(0, 20))}T0${g.int(0, 9)}:00:00.000Z` };
  });
  await insertRows(
    database.db,
    'booking',
    bookings.map((b) => bookingRow(ids, b)),
  );
  for (let i = 0; i < 250; i++) {
    const received = g.pick(days);
    const limit = g.int(1, 10);
    const closed = g.rand() < 0.8 ? `${addDays(received, g.int(0, 20))}T${String(g.int(0, 23)).padStart(2, '0')}:30:00.000Z` : null;
    await insertCase(database.db, ids, {
      office: g.pick(offices),
      guide: g.pick(['birth', 'marriage', 'move-in']),
      receivedOn: received,
      dueOn: addDays(received, limit + 2),
      limitDays: limit,
      notices: g.int(0, 2),
      closedAt: closed,
      updatedAt: closed ?? `${received}T03:00:00.000Z`,
      pauses: g.rand() < 0.2 ? [[addDays(received, 1), addDays(received, 3)]] : [],
    });
  }
  for (let i = 0; i < 250; i++) {
    const received = g.pick(days);
    const replied = g.rand() < 0.8 ? addDays(received, g.int(0, 12)) : null;
    await insertPetition(database.db, ids, { office: g.pick(offices), receivedOn: received, dueOn: addDays(received, 8), repliedOn: replied, rating: replied && g.rand() < 0.5 ? g.int(1, 5) : null, updatedAt: NOW.toISOString() });
  }
  for (let i = 0; i < 100; i++) {
    const day = g.pick(days);
    await insertResponse(database.db, ids, { office: g.pick(offices), day, createdAt: `${day}T05:00:00.000Z`, scores: [g.int(1, 5), g.int(1, 5), g.int(1, 5), g.int(1, 5), g.int(1, 5)] });
  }
  await insertRows(
    database.db,
    'lost_id_report',
    Array.from({ length: 150 }, () => lostIdRow(ids, { office: g.pick(offices), reportedAt: `${g.pick(days)}T${String(g.int(0, 23)).padStart(2, '0')}:10:00.000Z`, channel: g.pick(['web', 'phone'] as const) })),
  );
  await insertRows(
    database.db,
    'search_log',
    Array.from({ length: 400 }, () => searchRow(`${g.pick(days)}T${String(g.int(0, 23)).padStart(2, '0')}:20:00.000Z`, g.int(0, 3))),
  );
  return tickets.length;
}

type Rows = Record<string, { data: unknown; computed_at: string }>;
async function rollupRows(database: Database): Promise<{ days: Rows; months: Rows }> {
  const days = await database.db.selectFrom('figure_day').selectAll().execute();
  const months = await database.db.selectFrom('figure_month').selectAll().execute();
  return {
    days: Object.fromEntries(days.map((r) => [`${r.office_id}|${r.day}`, { data: JSON.parse(r.data), computed_at: r.computed_at }])),
    months: Object.fromEntries(months.map((r) => [`${r.office_id}|${r.month}`, { data: JSON.parse(r.data), computed_at: r.computed_at }])),
  };
}
const dataOnly = (rows: Rows) => Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.data]));

/** Runs the worker; once it prints `done <month>`, kills it with SIGKILL after `delayMs`. */
function runAndKill(target: RaceTarget, month: string, delayMs: number): Promise<{ out: string; err: string; code: number | null; signal: NodeJS.Signals | null }> {
  const input: RebuildWorkerInput = { target, from: FROM, to: TO, nowIso: NOW.toISOString() };
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(input)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let armed = false;
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (!armed && out.includes(`done ${month}\n`)) {
      armed = true;
      if (delayMs === 0) child.kill('SIGKILL');
      else setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ out, err, code, signal }));
  });
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] a rebuild killed part-way`, () => {
    let store: Store;
    let copy: Store;
    let reference: { days: Rows; months: Rows };
    let stale: { days: Rows; months: Rows };
    let tickets = 0;

    beforeAll(async () => {
      store = await newStore(kind);
      const database = store.open();
      try {
        await migrateToLatest(database);
        await seedDemo(database, ROOT, NOW);
        const ids = await demoIds(database.db);
        tickets = await seedBulk(database, ids);
        // a roll-up that has gone stale: built, then raw rows changed under it, and rows of an office that does not exist
        await rebuild(database, FROM, TO, new Date('2026-10-01T00:00:00Z'));
        await database.db.deleteFrom('ticket').where(sql<boolean>`id % 7 = 0`).execute();
        await database.db.updateTable('petition').set({ rating: 1 }).where('rating', 'is', null).where('replied_on', 'is not', null).execute();
        await database.db.insertInto('figure_day').values({ office_id: 9999, day: '2026-06-14', data: '{"q.tickets":999}', computed_at: '2026-06-15T00:00:00.000Z' }).execute();
        await database.db.insertInto('figure_month').values({ office_id: 9999, month: '2026-06', data: '{"q.tickets":999}', computed_at: '2026-06-15T00:00:00.000Z' }).execute();
        stale = await rollupRows(database);
      } finally {
        await database.close();
      }
      copy = await store.copy();
      const clean = copy.open();
      try {
        await rebuild(clean, FROM, TO, NOW);
        reference = await rollupRows(clean);
      } finally {
        await clean.close();
      }
    }, 240_000);
    afterAll(async () => {
      await copy?.drop();
      await store?.drop();
    });

    it('has a few thousand rows and a stale roll-up to start from', () => {
      expect(tickets).toBeGreaterThan(2000);
      expect(Object.keys(reference.days).length).toBeGreaterThan(300);
      // the rows of an office that has nothing to count are gone after a clean rebuild, its month row too
      expect(stale.days['9999|2026-06-14']).toBeDefined();
      expect(stale.months['9999|2026-06']).toBeDefined();
      expect(reference.days['9999|2026-06-14']).toBeUndefined();
      expect(reference.months['9999|2026-06']).toBeUndefined();
      expect(dataOnly(stale.months)).not.toEqual(dataOnly(reference.months));
    });

    it('is killed twice part-way, then a rebuild here gives the rows of a clean rebuild of the copy', async () => {
      const first = await runAndKill(store.target, '2026-05', 0);
      expect(first.err).toBe('');
      expect(first.signal).toBe('SIGKILL');
      expect(first.out).toContain('done 2026-05\n');
      expect(first.out).not.toContain('finished');
      // a second run, killed a moment after July committed: likely inside August's transaction
      const second = await runAndKill(store.target, '2026-07', 3);
      expect(second.signal).toBe('SIGKILL');
      expect(second.out).not.toContain('finished');

      const database = store.open();
      try {
        const partial = await rollupRows(database);
        const month = (rows: Rows, m: string) => Object.fromEntries(Object.entries(rows).filter(([k]) => k.endsWith(`|${m}`)));
        // what committed is whole and right; October, never reached, is still the stale one
        expect(month(partial.months, '2026-05')).toEqual(month(reference.months, '2026-05'));
        expect(dataOnly(month(partial.months, '2026-10'))).toEqual(dataOnly(month(stale.months, '2026-10')));
        expect(dataOnly(month(partial.months, '2026-10'))).not.toEqual(dataOnly(month(reference.months, '2026-10')));
        if (kind === 'sqlite') expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db)).rows).toEqual([{ integrity_check: 'ok' }]);

        await rebuild(database, FROM, TO, NOW);
        const after = await rollupRows(database);
        expect(after.days).toEqual(reference.days);
        expect(after.months).toEqual(reference.months);
      } finally {
        await database.close();
      }
    }, 240_000);

    it('gives identical rows when run twice (idempotent)', async () => {
      const database = store.open();
      try {
        await rebuild(database, FROM, TO, NOW);
        expect(await rollupRows(database)).toEqual(reference);
        // another clock changes only computed_at
        await rebuild(database, FROM, TO, new Date('2026-11-02T00:00:00Z'));
        const again = await rollupRows(database);
        expect(dataOnly(again.days)).toEqual(dataOnly(reference.days));
        expect(dataOnly(again.months)).toEqual(dataOnly(reference.months));
        expect(new Set(Object.values(again.days).map((r) => r.computed_at))).toEqual(new Set(['2026-11-02T00:00:00.000Z']));
      } finally {
        await database.close();
      }
    }, 120_000);
  });
}
