import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Database } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { createMemoryBus } from '../../platform/events/index.js';
import { writeSetting, officeScope } from '../../platform/settings.js';
import * as counter from './counter.js';
import type { QueueDeps } from './deps.js';
import { issueTicket } from './issue.js';
import { buildSnapshot, estimateWaitMinutes } from './snapshot.js';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] queue`, () => {
    let database: Database & { dispose(): Promise<void> };
    let now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in Taipei
    let deps: QueueDeps;
    let office: number;
    let svc: Record<string, number>;
    let counters: Record<number, number>;
    let clerk: StaffPrincipal;
    const events: unknown[] = [];

    beforeAll(async () => {
      database = await demoDatabase(kind);
      const bus = createMemoryBus();
      deps = { database, events: bus, clock: () => now };
      const o = await database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      office = o.id;
      bus.subscribe(`queue:${office}`, (p) => events.push(p));
      svc = Object.fromEntries((await database.db.selectFrom('service').select(['id', 'code']).where('office_id', '=', office).execute()).map((s) => [s.code, s.id]));
      counters = Object.fromEntries((await database.db.selectFrom('counter').select(['id', 'number']).where('office_id', '=', office).execute()).map((c) => [c.number, c.id]));
      const s = await database.db.selectFrom('staff').selectAll().where('username', '=', 'clerk.jianshi').executeTakeFirstOrThrow();
      clerk = { id: s.id, username: s.username, displayName: s.display_name, role: 'clerk', countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    });
    afterAll(async () => database?.dispose());

    const at = (hhmm: string, day = '2026-11-24') => new Date(`${day}T${hhmm}:00+08:00`);

    it('issues numbered tickets per service and day, priority tickets with their own letter', async () => {
      now = at('09:00');
      const a1 = await issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'kiosk' });
      const a2 = await issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'phone' });
      const c1 = await issueTicket(deps, { officeId: office, serviceId: svc.transcript!, priority: false, channel: 'kiosk' });
      const p1 = await issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: true, channel: 'kiosk' });
      expect([a1.label, a2.label, c1.label, p1.label]).toEqual(['A001', 'A002', 'C001', 'P001']);
      expect(a1.code).not.toBe(a2.code);
      const next = await issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'kiosk' });
      expect(next.label).toBe('A003');
      const snap = await buildSnapshot(database.db, office, '2026-11-24', now);
      expect(snap.lines.find((l) => l.code === 'registration')?.waiting).toBe(4);
      // one announcement per ticket
      expect(events).toHaveLength(5);
    });

    it('refuses tickets outside hours, on a holiday and past the daily cap', async () => {
      now = at('07:59');
      await expect(issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'kiosk' })).rejects.toMatchObject({ messageKey: 'queue.err.closed' });
      now = at('17:00');
      await expect(issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'kiosk' })).rejects.toMatchObject({ messageKey: 'queue.err.closed' });
      now = at('10:00', '2026-12-25'); // 行憲紀念日, a Friday
      await expect(issueTicket(deps, { officeId: office, serviceId: svc.registration!, priority: false, channel: 'kiosk' })).rejects.toMatchObject({ messageKey: 'queue.err.closed' });
      now = at('10:00');
      await writeSetting(database.db, officeScope(office), 'queue', { dailyCap: { 'citizen-cert': 2 }, remoteCap: { nationality: 1 } }, null);
      await issueTicket(deps, { officeId: office, serviceId: svc['citizen-cert']!, priority: false, channel: 'kiosk' });
      await issueTicket(deps, { officeId: office, serviceId: svc['citizen-cert']!, priority: false, channel: 'phone' });
      await expect(issueTicket(deps, { officeId: office, serviceId: svc['citizen-cert']!, priority: false, channel: 'kiosk' })).rejects.toMatchObject({ messageKey: 'queue.err.cap' });
      await issueTicket(deps, { officeId: office, serviceId: svc.nationality!, priority: false, channel: 'phone' });
      await expect(issueTicket(deps, { officeId: office, serviceId: svc.nationality!, priority: false, channel: 'phone' })).rejects.toMatchObject({ messageKey: 'queue.err.remoteCap' });
      const walkUp = await issueTicket(deps, { officeId: office, serviceId: svc.nationality!, priority: false, channel: 'kiosk' });
      expect(walkUp.label).toBe('D002');
    });

    it('walks a ticket through call, recall (not too soon), start and finish, recording each step', async () => {
      const ctx = { deps, staff: clerk, counterId: counters[2]! };
      await expect(counter.callNext(ctx)).rejects.toMatchObject({ messageKey: 'queue.err.counterClosed' });
      await counter.openCounter(deps, clerk, counters[2]!);
      now = at('10:05');
      const t = await counter.callNext(ctx);
      // A001 and P001 both waited since 09:00; the 15-minute weight puts the priority ticket first
      expect(t?.label).toBe('P001');
      await expect(counter.callNext(ctx)).rejects.toMatchObject({ messageKey: 'queue.err.busy' });
      await expect(counter.transition(ctx, 'recall')).rejects.toMatchObject({ messageKey: 'queue.err.recallTooSoon' });
      now = new Date(now.getTime() + 31_000);
      await counter.transition(ctx, 'recall');
      await expect(counter.transition(ctx, 'park')).resolves.toBeTruthy();
      await expect(counter.transition(ctx, 'finish')).rejects.toMatchObject({ messageKey: 'queue.err.noCurrent' });
      await counter.resume(ctx, t!.id);
      now = new Date(now.getTime() + 4 * 60_000);
      await counter.transition(ctx, 'finish');
      const row = await database.db.selectFrom('ticket').selectAll().where('id', '=', t!.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('done');
      expect(row.waited_ms).toBe(65 * 60_000);
      expect(row.recall_count).toBe(1);
      const kinds = (await database.db.selectFrom('ticket_event').select('kind').where('ticket_id', '=', t!.id).orderBy('id').execute()).map((e) => e.kind);
      expect(kinds).toEqual(['issued', 'called', 'recalled', 'parked', 'resumed', 'finished']);
    });

    it('then takes the longest waiting, and the 博愛 counter always takes priority first', async () => {
      const c2 = { deps, staff: clerk, counterId: counters[2]! };
      const next = await counter.callNext(c2);
      expect(next?.label).toBe('A001');
      await counter.transition(c2, 'no_show');
      await counter.openCounter(deps, clerk, counters[1]!);
      const p = await issueTicket(deps, { officeId: office, serviceId: svc.transcript!, priority: true, channel: 'kiosk' });
      const c1 = { deps, staff: clerk, counterId: counters[1]! };
      expect((await counter.callNext(c1))?.label).toBe(p.label);
      await counter.transition(c1, 'finish');
    });

    it('transfers a ticket to another counter keeping its place', async () => {
      const c2 = { deps, staff: clerk, counterId: counters[2]! };
      const c3 = { deps, staff: clerk, counterId: counters[3]! };
      const t = await counter.callNext(c2);
      expect(t?.label).toBe('A002');
      await counter.transfer(c2, { counterId: counters[3]! });
      // counter 2 cannot take it back; counter 3 gets it first although later tickets wait
      const other = await counter.callNext(c2);
      expect(other?.label).not.toBe('A002');
      await counter.transition(c2, 'finish');
      await counter.openCounter(deps, clerk, counters[3]!);
      expect((await counter.callNext(c3))?.label).toBe('A002');
      const row = await database.db.selectFrom('ticket').selectAll().where('id', '=', t!.id).executeTakeFirstOrThrow();
      expect(row.transfer_count).toBe(1);
      expect(row.queue_at).toBe(row.issued_at);
      await counter.transition(c3, 'finish');
    });

    it('estimates the wait from recent service times and open counters', async () => {
      const snap = await buildSnapshot(database.db, office, '2026-11-24', now);
      const line = snap.lines.find((l) => l.code === 'registration')!;
      expect(line.counters).toBe(3);
      expect(estimateWaitMinutes({ ...line, recentServiceMs: 6 * 60_000, counters: 2 }, 5, 6)).toBe(15);
      expect(estimateWaitMinutes({ ...line, recentServiceMs: null, counters: 1 }, 3, 6)).toBe(20);
      expect(estimateWaitMinutes({ ...line, counters: 0 }, 3, 6)).toBeNull();
    });
    // counters racing for the next ticket: race.test.ts, from separate connections and processes
  });
}
