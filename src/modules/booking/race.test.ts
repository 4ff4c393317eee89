import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { placeBooking } from './book.js';
import * as repo from './repo.js';

const run = promisify(execFile);
const at = (iso: string) => new Date(`${iso}+08:00`);

function ids(seed: number) {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

/** Seats given must equal live bookings holding them, and never pass capacity. */
async function seatsAgree(app: Awaited<ReturnType<typeof demoApp>>, serviceId: number, day: string, starts: string) {
  const slot = await app.database.db.selectFrom('booking_slot').selectAll().where('booking_service_id', '=', serviceId).where('day', '=', day).where('starts', '=', starts).executeTakeFirstOrThrow();
  const held = await app.database.db.selectFrom('booking_seat').select((eb) => eb.fn.countAll<number>().as('n')).where('slot_id', '=', slot.id).executeTakeFirstOrThrow();
  expect(slot.booked).toBeLessThanOrEqual(slot.capacity);
  expect(Number(held.n)).toBe(slot.booked);
  return slot;
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] a rush for the last seat`, () => {
    const now = at('2026-11-25T10:00:00');
    let app: Awaited<ReturnType<typeof demoApp>>;
    let serviceId: number;
    beforeAll(async () => {
      app = await demoApp(kind, { clock: () => now, env: { BOOKING_PER_IP_PER_MINUTE: '1000', BOOKING_PER_ID_PER_HOUR: '1000' } });
      const office = await app.database.db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      serviceId = (await repo.serviceByCode(app.database.db, office.id, 'registration'))!.id;
    });
    afterAll(async () => app?.dispose());

    it('100 parallel requests for the last seat: exactly one books, 99 are told it is full', async () => {
      const deps = { database: app.database, vault: app.services.vault, clock: () => now, events: app.services.events, baseUrl: 'http://t' };
      const rand = ids(11);
      // capacity 2: one seat goes first, the race is for the other
      await placeBooking(deps, { serviceId, day: '2026-11-27', starts: '09:00', applicant: { name: '先到', idNumber: generateIdNumber(rand), birthDate: '1990-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' });
      const agent = new Agent(app.app);
      const page = await agent.get('/o/zhubei/booking/registration/details?day=2026-11-27&starts=09:00');
      const csrf = csrfOf(page.body);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_v, i) =>
          agent.post(
            '/o/zhubei/booking/registration/confirm',
            { _csrf: csrf, day: '2026-11-27', starts: '09:00', slots: '1', name: `民眾${i}`, idNumber: generateIdNumber(rand), birthDate: '1990-01-01', phone: '0912-000-000' },
            {},
            `10.0.${Math.floor(i / 250)}.${i % 250}`,
          ),
        ),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 303)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(99);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.body.includes('這個時段剛剛額滿了'))).toBe(true);
      const slot = await seatsAgree(app, serviceId, '2026-11-27', '09:00');
      expect(slot.booked).toBe(2);
    });

    it.skipIf(kind !== 'postgres')('100 requests from 4 separate processes for the last seat: exactly one books', async () => {
      const deps = { database: app.database, vault: app.services.vault, clock: () => now, events: app.services.events, baseUrl: 'http://t' };
      await placeBooking(deps, { serviceId, day: '2026-11-27', starts: '10:00', applicant: { name: '先到', idNumber: generateIdNumber(ids(23)), birthDate: '1990-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' });
      const url = app.database.url!;
      const outs = await Promise.all(
        [0, 1, 2, 3].map((p) =>
          run(process.execPath, ['--import', 'tsx', 'test/booking-race-worker.ts', url, app.config.personalDataKey, String(serviceId), '2026-11-27', '10:00', '25', String(1000 + p * 97), now.toISOString()], { timeout: 150_000 }),
        ),
      );
      const total: Record<string, number> = {};
      for (const o of outs) for (const [k, v] of Object.entries((JSON.parse(o.stdout) as { outcomes: Record<string, number> }).outcomes)) total[k] = (total[k] ?? 0) + v;
      expect(total.booked).toBe(1);
      expect(total['booking.err.full']).toBe(99);
      await seatsAgree(app, serviceId, '2026-11-27', '10:00');
    }, 200_000); // 4 cold tsx processes on a shared 2-core machine: minutes under load, not seconds
  });
}
