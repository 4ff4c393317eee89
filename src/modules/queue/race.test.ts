import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { QueueRaceInput, QueueRaceResult } from '../../../test/queue-race-worker.js';
import { type RaceTarget, race, tempSqliteFile } from '../../../test/sqlite-processes.js';
import { ROOT } from '../../app.js';
import type { Database } from '../../db/index.js';
import { seedDemo } from '../../demo/seed.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { createMemoryBus } from '../../platform/events/index.js';
import { officeScope, writeSetting } from '../../platform/settings.js';
import * as counter from './counter.js';
import type { QueueDeps } from './deps.js';
import { type Channel, issueTicket } from './issue.js';
import { recordPeakFlip } from './peak.js';
import { queueSettingsSchema } from './settings.js';
import { buildSnapshot } from './snapshot.js';

/**
 * Rushes that really race: separate connections (a pool of 20 on PostgreSQL,
 * threads with their own connection to one WAL file on SQLite) and separate
 * processes, on both databases. One connection shared by every request
 * cannot race, so it proves nothing here.
 */
const WORKER = 'test/queue-race-worker.ts';
const at = (day: string, hhmm = '10:00') => new Date(`${day}T${hhmm}:00+08:00`);
/** 40 requests, phone and kiosk alternating */
const CHANNELS: Channel[] = Array.from({ length: 40 }, (_v, i) => (i % 2 === 0 ? 'phone' : 'kiosk'));

function merge(results: QueueRaceResult[]): QueueRaceResult {
  const outcomes: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
  return { outcomes, labels: results.flatMap((r) => r.labels) };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] queue races`, () => {
    let database: Database & { dispose(): Promise<void> };
    let target: RaceTarget;
    let office: number;
    let svc: Record<string, number>;
    let counters: Record<number, number>;
    let clerk: StaffPrincipal;

    beforeAll(async () => {
      const seedAt = at('2026-11-23', '08:00');
      if (kind === 'sqlite') {
        const file = await tempSqliteFile((d) => seedDemo(d, ROOT, seedAt));
        database = file;
        target = file.target;
      } else {
        // freshDatabase gives PostgreSQL a pool of 20: 40 requests really run side by side
        database = await demoDatabase(kind, seedAt);
        target = { kind: 'postgres', url: database.url! };
      }
      office = (await database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow()).id;
      svc = Object.fromEntries((await database.db.selectFrom('service').select(['id', 'code']).where('office_id', '=', office).execute()).map((s) => [s.code, s.id]));
      counters = Object.fromEntries((await database.db.selectFrom('counter').select(['id', 'number']).where('office_id', '=', office).execute()).map((c) => [c.number, c.id]));
      const s = await database.db.selectFrom('staff').selectAll().where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      clerk = { id: s.id, username: s.username, displayName: s.display_name, role: 'clerk', countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    });
    afterAll(async () => database?.dispose());

    const setCaps = (value: unknown) => writeSetting(database.db, officeScope(office), 'queue', value, null, at('2026-11-23'));

    /** Exactly 10 given (numbers 1–10: a refused request uses no number), at most 5 by phone, 30 told why. */
    async function expectCapsHeld(r: QueueRaceResult, code: string, prefix: string, day: string) {
      const phone = r.outcomes['issued:phone'] ?? 0;
      const kiosk = r.outcomes['issued:kiosk'] ?? 0;
      expect(phone + kiosk).toBe(10);
      expect(phone).toBeLessThanOrEqual(5);
      expect((r.outcomes['queue.err.cap'] ?? 0) + (r.outcomes['queue.err.remoteCap'] ?? 0)).toBe(30);
      expect(Object.keys(r.outcomes).filter((k) => !['issued:phone', 'issued:kiosk', 'queue.err.cap', 'queue.err.remoteCap'].includes(k))).toEqual([]);
      expect([...r.labels].sort()).toEqual(Array.from({ length: 10 }, (_v, i) => `${prefix}${String(i + 1).padStart(3, '0')}`));
      const rows = await database.db.selectFrom('ticket').select(['channel']).where('service_id', '=', svc[code]!).where('day', '=', day).execute();
      expect(rows).toHaveLength(10);
      expect(rows.filter((t) => t.channel === 'phone')).toHaveLength(phone);
      const held = await database.db.selectFrom('queue_issued').selectAll().where('service_id', '=', svc[code]!).where('day', '=', day).executeTakeFirstOrThrow();
      expect([held.issued, held.phone_issued, held.cap, held.phone_cap]).toEqual([10, phone, 10, 5]);
    }

    it('40 ticket requests at once from separate connections: daily cap 10 gives exactly 10, phone cap 5 at most 5', async () => {
      await setCaps({ dailyCap: { registration: 10 }, remoteCap: { registration: 5 } });
      const day = '2026-11-24';
      let result: QueueRaceResult;
      if (kind === 'postgres') {
        const deps: QueueDeps = { database, events: createMemoryBus(), clock: () => at(day) };
        const outcomes: QueueRaceResult = { outcomes: {}, labels: [] };
        await Promise.all(
          CHANNELS.map((channel) =>
            issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel }).then(
              (t) => {
                outcomes.outcomes[`issued:${channel}`] = (outcomes.outcomes[`issued:${channel}`] ?? 0) + 1;
                outcomes.labels.push(t.label);
              },
              (err: { messageKey?: string }) => {
                const k = err.messageKey ?? String(err);
                outcomes.outcomes[k] = (outcomes.outcomes[k] ?? 0) + 1;
              },
            ),
          ),
        );
        result = outcomes;
      } else {
        // 8 threads, each its own connection to the WAL file, 5 requests each
        const inputs: QueueRaceInput[] = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => ({
          mode: 'issue',
          target,
          nowIso: at(day).toISOString(),
          officeId: office,
          serviceId: svc.registration!,
          channels: CHANNELS.slice(t * 5, t * 5 + 5),
        }));
        result = merge(await race<QueueRaceResult>(WORKER, inputs, 'thread'));
      }
      await expectCapsHeld(result, 'registration', 'A', day);
    }, 60_000);

    it('40 ticket requests from 4 separate processes: exactly 10 given, at most 5 by phone', async () => {
      await setCaps({ dailyCap: { 'id-card': 10 }, remoteCap: { 'id-card': 5 } });
      const day = '2026-11-25';
      const inputs: QueueRaceInput[] = [0, 1, 2, 3].map((p) => ({
        mode: 'issue',
        target,
        nowIso: at(day).toISOString(),
        officeId: office,
        serviceId: svc['id-card']!,
        channels: CHANNELS.slice(p * 10, p * 10 + 10),
      }));
      await expectCapsHeld(merge(await race<QueueRaceResult>(WORKER, inputs, 'process')), 'id-card', 'B', day);
    }, 90_000);

    it('the database itself refuses a count past the cap (CHECK constraint)', async () => {
      const row = { office_id: office, service_id: svc.transcript!, day: '2026-11-24', issued: 3, phone_issued: 1, cap: 3, phone_cap: 1 };
      await database.db.insertInto('queue_issued').values(row).execute();
      await expect(database.db.updateTable('queue_issued').set({ issued: 4 }).where('service_id', '=', row.service_id).where('day', '=', row.day).execute()).rejects.toThrow(/check|constraint/i);
      await expect(database.db.updateTable('queue_issued').set({ phone_issued: 2 }).where('service_id', '=', row.service_id).where('day', '=', row.day).execute()).rejects.toThrow(/check|constraint/i);
      const after = await database.db.selectFrom('queue_issued').selectAll().where('service_id', '=', row.service_id).where('day', '=', row.day).executeTakeFirstOrThrow();
      expect([after.issued, after.phone_issued]).toEqual([3, 1]);
    });

    /** 30 waiting tickets, 6 counters serving that line open; returns the labels issued. */
    async function lineOf30(day: string) {
      await setCaps({});
      const deps: QueueDeps = { database, events: createMemoryBus(), clock: () => at(day, '09:00') };
      const labels: string[] = [];
      for (let i = 0; i < 30; i++) labels.push((await issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: i % 5 === 0, channel: 'kiosk' })).label);
      // counters 1 and 3–7 serve household registration (2 and 8 do not)
      for (const n of [1, 3, 4, 5, 6, 7]) await counter.openCounter(deps, clerk, counters[n]!);
      return labels;
    }

    async function expectEachCalledOnce(results: QueueRaceResult[], issued: string[], day: string) {
      const r = merge(results);
      expect(r.outcomes).toEqual({ called: 30 });
      expect([...r.labels].sort()).toEqual([...issued].sort());
      const calls = await database.db
        .selectFrom('ticket_event')
        .innerJoin('ticket', 'ticket.id', 'ticket_event.ticket_id')
        .select(['ticket.label', 'ticket.status'])
        .where('ticket.day', '=', day)
        .where('ticket.office_id', '=', office)
        .where('ticket_event.kind', '=', 'called')
        .execute();
      expect(calls).toHaveLength(30);
      expect(new Set(calls.map((c) => c.label)).size).toBe(30);
      expect(calls.every((c) => c.status === 'done')).toBe(true);
    }

    const callers = (day: string, groups: number[][]): QueueRaceInput[] =>
      groups.map((ns) => ({ mode: 'call', target, nowIso: at(day, '10:00').toISOString(), staff: clerk, counterIds: ns.map((n) => counters[n]!) }));

    it('6 counters calling next at once from separate connections never share a ticket', async () => {
      const day = '2026-11-26';
      const issued = await lineOf30(day);
      // one thread (and connection) per counter
      await expectEachCalledOnce(await race<QueueRaceResult>(WORKER, callers(day, [[1], [3], [4], [5], [6], [7]]), 'thread'), issued, day);
    }, 60_000);

    it('8 "call next" for one counter at once (tabs, double clicks) from separate connections: one ticket, 7 told it is busy', async () => {
      const day = '2026-11-30';
      await setCaps({});
      const deps: QueueDeps = { database, events: createMemoryBus(), clock: () => at(day, '09:00') };
      for (let i = 0; i < 8; i++) await issueTicket(deps, { officeId: office, serviceId: svc.transcript!, priority: false, channel: 'kiosk' });
      // counter 2 (謄得快) serves transcripts only: nothing else waits for it
      await counter.openCounter(deps, clerk, counters[2]!);
      let r: QueueRaceResult;
      if (kind === 'postgres') {
        // 8 clicks through the pool of 20: each on its own connection, interleaved query by query
        const ctx = { deps: { ...deps, clock: () => at(day) }, staff: clerk, counterId: counters[2]! };
        const got = await Promise.all(Array.from({ length: 8 }, () => counter.callNext(ctx).then((t) => ({ t }), (err: { messageKey?: string }) => ({ err: err.messageKey ?? String(err) }))));
        r = { outcomes: {}, labels: [] };
        for (const g of got) {
          const k = 't' in g ? 'called' : g.err;
          r.outcomes[k] = (r.outcomes[k] ?? 0) + 1;
          if ('t' in g && g.t) r.labels.push(g.t.label);
        }
      } else {
        const input: QueueRaceInput = { mode: 'call', target, nowIso: at(day).toISOString(), staff: clerk, counterIds: [counters[2]!], once: true };
        r = merge(await race<QueueRaceResult>(WORKER, Array.from({ length: 8 }, () => input), 'thread'));
      }
      expect(r.outcomes).toEqual({ called: 1, 'queue.err.busy': 7 });
      expect(r.labels).toEqual(['C001']);
      const held = await database.db.selectFrom('ticket').select(['label', 'status']).where('counter_id', '=', counters[2]!).where('day', '=', day).execute();
      expect(held).toEqual([{ label: 'C001', status: 'called' }]);
    }, 60_000);

    it.skipIf(kind !== 'postgres')('8 changes at once over the peak threshold record one alert, announced once', async () => {
      // (SQLite: BEGIN IMMEDIATE serialises these; on PostgreSQL the pool of 20 runs them side by side)
      const day = '2026-12-01';
      const now = at(day, '10:00');
      const deps: QueueDeps = { database, events: createMemoryBus(), clock: () => now };
      await setCaps({});
      for (let i = 0; i < 3; i++) await issueTicket(deps, { officeId: office, serviceId: svc.nationality!, priority: false, channel: 'kiosk' });
      const settings = queueSettingsSchema.parse({ peak: { waiting: 2, oldestMinutes: 600 } });
      const snap = await buildSnapshot(database.db, office, day, now);
      const flips = await Promise.all(Array.from({ length: 8 }, () => recordPeakFlip(deps, snap, settings)));
      expect(flips.filter((f) => f === 'alert')).toHaveLength(1);
      expect(flips.filter((f) => f === null)).toHaveLength(7);
      const alerts = await database.db.selectFrom('peak_event').select('kind').where('office_id', '=', office).where('at', '>=', at(day, '00:00').toISOString()).execute();
      expect(alerts).toEqual([{ kind: 'alert' }]);
    });

    it('6 counters calling next from 4 separate processes never share a ticket', async () => {
      const day = '2026-11-27';
      const issued = await lineOf30(day);
      await expectEachCalledOnce(await race<QueueRaceResult>(WORKER, callers(day, [[1, 3], [4, 5], [6], [7]]), 'process'), issued, day);
    }, 90_000);
  });
}
