import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS } from '../../../test/databases.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { placeBooking } from './book.js';
import * as repo from './repo.js';

const at = (iso: string) => new Date(`${iso}+08:00`);

function ids(seed: number) {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`[${kind}] staff at several counters booking the last seat`, () => {
    const now = at('2026-11-25T10:00:00');
    let app: Awaited<ReturnType<typeof demoApp>>;
    let serviceId: number;
    beforeAll(async () => {
      app = await demoApp(kind, { clock: () => now });
      const office = await app.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      serviceId = (await repo.serviceByCode(app.database.db, office.id, 'registration'))!.id;
    });
    afterAll(async () => app?.dispose());

    it('40 parallel staff bookings for the last seat: exactly one books, 39 are told it is full', async () => {
      const deps = { database: app.database, vault: app.services.vault, clock: () => now, events: app.services.events, baseUrl: 'http://t' };
      const rand = ids(17);
      // capacity 2: an online booking takes one seat first, the counters race for the other
      await placeBooking(deps, { serviceId, day: '2026-11-27', starts: '09:00', applicant: { name: '先到', idNumber: generateIdNumber(rand), birthDate: '1990-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' });
      const staff = await Promise.all(
        ['clerk.zhubei', 'supervisor.zhubei', 'director.zhubei', 'county'].map(async (u) => {
          const a = new Agent(app.app);
          await a.signIn(u, DEMO_PASSWORD);
          return { a, csrf: csrfOf((await a.get('/staff/booking/new/registration?office=zhubei&day=2026-11-27')).body) };
        }),
      );
      const results = await Promise.all(
        Array.from({ length: 40 }, (_v, i) => {
          const s = staff[i % staff.length]!;
          return s.a.post('/staff/booking/new/registration?office=zhubei', { _csrf: s.csrf, day: '2026-11-27', starts: '09:00', channel: i % 2 ? 'phone' : 'counter', name: `來電${i}`, idNumber: generateIdNumber(rand), birthDate: '1990-01-01', phone: '0912-000-000' });
        }),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 303)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(39);
      const slot = await app.database.db.selectFrom('booking_slot').selectAll().where('booking_service_id', '=', serviceId).where('day', '=', '2026-11-27').where('starts', '=', '09:00').executeTakeFirstOrThrow();
      const held = await app.database.db.selectFrom('booking_seat').select((eb) => eb.fn.countAll<number>().as('n')).where('slot_id', '=', slot.id).executeTakeFirstOrThrow();
      expect([slot.booked, slot.capacity, Number(held.n)]).toEqual([2, 2, 2]);
      const live = await app.database.db.selectFrom('booking').select('channel').where('day', '=', '2026-11-27').where('status', '=', 'booked').execute();
      expect(live).toHaveLength(2);
      expect(await app.database.db.selectFrom('audit_log').select('id').where('action', '=', 'booking.intake.create').execute()).toHaveLength(1);
    }, 120_000);
  });
}
