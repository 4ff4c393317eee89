import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from './app.js';

/**
 * Every public form under random input: never a 5xx, never a stack trace,
 * every rejection explained in the page, nothing typed as a password
 * echoed back, and nothing half-written stored.
 */
const SLOT = { day: '2026-11-25', starts: '09:00' };
const PERSON = ['name', 'idNumber', 'birthDate', 'phone', 'email'];
const FORMS: { page: string; action: string; fields: string[]; ok: number[]; fixed?: Record<string, string> }[] = [
  { page: '/cases/lookup', action: '/cases/lookup', fields: ['number', 'idNumber', 'birthDate'], ok: [200, 404, 422] },
  { page: '/lost-id', action: '/lost-id', fields: ['idNumber', 'name', 'birthDate', 'address', 'contact', 'password', 'passwordConfirm'], ok: [200, 409, 422] },
  { page: '/lost-id/status', action: '/lost-id/status', fields: ['idNumber', 'birthDate'], ok: [200, 422] },
  { page: '/lost-id/revoke', action: '/lost-id/revoke', fields: ['idNumber', 'birthDate', 'password'], ok: [200, 404, 422] },
  { page: '/o/zhubei/queue', action: '/o/zhubei/queue/take', fields: ['serviceId'], ok: [303, 409, 422] },
  { page: '/o/zhubei/kiosk', action: '/o/zhubei/kiosk/ticket', fields: ['serviceId', 'priority'], ok: [303, 409, 422] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/check', fields: PERSON, fixed: SLOT, ok: [200, 422] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/confirm', fields: PERSON, fixed: SLOT, ok: [303, 409, 422, 429] },
  { page: '/o/zhubei/booking/registration/details?day=2026-11-25&starts=09:00', action: '/o/zhubei/booking/registration/check', fields: [...PERSON, 'day', 'starts'], ok: [200, 303, 422] },
  { page: '/o/zhubei/booking/home-visit/details', action: '/o/zhubei/booking/home-visit/confirm', fields: [...PERSON, 'address', 'village', 'reason', 'preferredDays', 'note'], ok: [303, 409, 422, 429] },
  { page: '/o/zhubei/booking/director/details?day=2026-11-25&starts=14:00', action: '/o/zhubei/booking/director/check', fields: [...PERSON, 'topic'], fixed: { day: '2026-11-25', starts: '14:00' }, ok: [200, 422] },
  { page: '/o/zhubei/mailbox', action: '/o/zhubei/mailbox', fields: ['to', 'subject', 'category', 'body', 'name', 'email', 'phone', 'wantsReply', 'language'], ok: [200, 422] },
  { page: '/petitions/status', action: '/petitions/status', fields: ['number', 'password'], ok: [404, 422] },
  { page: '/o/zhubei/survey', action: '/o/zhubei/survey', fields: ['courtesy', 'speed', 'clarity', 'wait', 'facilities', 'heard', 'other', 'gender', 'age', 'identity'], fixed: { channel: 'web' }, ok: [200, 422] },
  { page: '/faq/5', action: '/faq/5/helpful', fields: ['answer'], ok: [303] },
  { page: '/booking/manage', action: '/booking/manage', fields: ['code', 'idNumber'], ok: [404, 422] },
  { page: '/o/zhubei/kiosk/booking', action: '/o/zhubei/kiosk/booking', fields: ['code'], ok: [404, 409, 422] },
];

const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', 'A123456789', 'A123456788', 'ａ１２３４５６７８９', '69/05/06', '1980-02-30', '<script>alert(1)</script>', "' OR 1=1 --", '1', '-1', '9999999999'),
);

describe('public forms under random input', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    t = await demoApp('sqlite', { clock: () => new Date('2026-11-24T02:00:00Z') });
  });
  afterAll(async () => t?.dispose());

  for (const form of FORMS) {
    it(`${form.action} explains every rejection and never fails`, async () => {
      const a = new Agent(t.app);
      const token = csrfOf((await a.get(form.page)).body);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.record(Object.fromEntries(form.fields.map((f) => [f, value]))), async (body) => {
          n++;
          const res = await a.post(form.action, { _csrf: token, ...(body as Record<string, string>), ...form.fixed }, {}, `10.1.${Math.floor(n / 200)}.${n % 200}`);
          expect(form.ok).toContain(res.statusCode);
          expect(res.body).not.toMatch(/at .*\.ts:\d+|Error:/);
          if (res.statusCode === 422) expect(res.body).toMatch(/class="(field-message|kiosk-error)"/);
          const b = body as Record<string, string>;
          const pw = b.password;
          const elsewhere = Object.entries(b).some(([k, v]) => k !== 'password' && k !== 'passwordConfirm' && v === pw);
          if (pw && pw.length > 3 && !elsewhere && res.statusCode !== 303) expect(res.body).not.toContain(`value="${pw}"`);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('stored nothing half-written: every lost-ID row is complete and every case has its first event', async () => {
    const rows = await t.database.db.selectFrom('lost_id_report').selectAll().execute();
    for (const r of rows) expect(r.id_enc && r.name_enc && r.address_enc && r.revoke_hash).toBeTruthy();
    const tickets = await t.database.db.selectFrom('ticket').select('id').execute();
    const issued = await t.database.db.selectFrom('ticket_event').select('ticket_id').where('kind', '=', 'issued').execute();
    expect(issued.length).toBe(tickets.length);
    // every booking that holds a time holds its seat and its person-day, and the seat counts agree
    const bookings = await t.database.db.selectFrom('booking').selectAll().execute();
    for (const b of bookings.filter((x) => x.status === 'booked' && x.day)) {
      expect(await t.database.db.selectFrom('booking_seat').select('slot_id').where('booking_id', '=', b.id).executeTakeFirst()).toBeTruthy();
      expect(await t.database.db.selectFrom('booking_person').select('id').where('booking_id', '=', b.id).executeTakeFirst()).toBeTruthy();
    }
    // a petition from the web is either waiting for its e-mail link or registered with a number, never in between
    for (const p of await t.database.db.selectFrom('petition').selectAll().execute()) {
      expect(p.status === 'unconfirmed' ? p.confirm_hash !== null && p.number === null : p.number !== null).toBe(true);
    }
    for (const slot of await t.database.db.selectFrom('booking_slot').selectAll().execute()) {
      const seats = await t.database.db.selectFrom('booking_seat').select('booking_id').where('slot_id', '=', slot.id).execute();
      expect(seats.length).toBe(slot.booked);
    }
  });
});
