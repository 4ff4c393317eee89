import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { issueTicket } from '../queue/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { type Applicant, placeBooking } from './book.js';
import type { BookingDeps } from './deps.js';
import { bookingFigures } from './figures.js';
import { cancelByCitizen } from './manage.js';
import * as repo from './repo.js';
import { checkIn, staffNoShow } from './staff-ops.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
let x = 4242;
const rand = () => {
  x = (x * 48271) % 2147483647;
  return x / 2147483647;
};
const person = (): Applicant => ({ name: '統計', idNumber: generateIdNumber(rand), birthDate: '1980-05-06', phone: '0912-345-678' });

/**
 * The fixture, all booked on Wed 2026-11-25 (Taipei), office zhubei:
 *   11-26 registration  b1 09:00 came · b2 09:00 no-show (staff) · b3 09:30 came · b4 09:30 cancelled · b5 10:00 still booked
 *   11-26 id-card       b8 08:40 lapsed on a late check-in (no-show)
 *   11-27 registration  b6 09:00 came · b7 09:00 no-show (staff)
 *   jianshi (another office) one booking 11-26: not counted
 *   queue tickets zhubei: 3 from check-ins (b1, b3, b6) + 2 walk-ins on 11-26 = 5
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] booking figures`, () => {
    let now = at('2026-11-25T10:00:00');
    let app: Awaited<ReturnType<typeof demoApp>>;
    let officeId: number;
    const deps = (): BookingDeps => ({ database: app.database, vault: app.services.vault, clock: () => now, events: app.services.events, baseUrl: 'http://huzheng.test' });
    const actor = { staff: null, ip: null } as never;

    beforeAll(async () => {
      app = await demoApp(kind, { clock: () => now });
      const offices = await app.database.db.selectFrom('office').select(['id', 'code']).execute();
      officeId = offices.find((o) => o.code === 'zhubei')!.id;
      const svc = Object.fromEntries((await repo.servicesOf(app.database.db, [officeId])).map((s) => [s.code, s.id]));
      const book = (code: string, day: string, starts: string, serviceId = svc[code]!) =>
        placeBooking(deps(), { serviceId, day, starts, applicant: person(), details: {}, locale: 'zh-Hant', channel: 'online' });
      const b1 = await book('registration', '2026-11-26', '09:00');
      const b2 = await book('registration', '2026-11-26', '09:00');
      const b3 = await book('registration', '2026-11-26', '09:30');
      const b4 = await book('registration', '2026-11-26', '09:30');
      await book('registration', '2026-11-26', '10:00');
      const b8 = await book('id-card', '2026-11-26', '08:40'); // 20-minute slots from 08:00, when the office opens
      const b6 = await book('registration', '2026-11-27', '09:00');
      const b7 = await book('registration', '2026-11-27', '09:00');
      const jianshi = offices.find((o) => o.code === 'jianshi')!.id;
      const jianshiReg = (await repo.servicesOf(app.database.db, [jianshi])).find((s) => s.code === 'registration')!.id;
      await book('registration', '2026-11-26', '09:00', jianshiReg);
      const row = async (id: number) => (await repo.bookingById(app.database.db, id))!;
      await cancelByCitizen(deps(), await row(b4.id));

      now = at('2026-11-26T08:55:00');
      await checkIn(deps(), await row(b1.id), actor);
      now = at('2026-11-26T09:20:00');
      await checkIn(deps(), await row(b3.id), actor);
      await staffNoShow(deps(), await row(b2.id), actor);
      await expect(checkIn(deps(), await row(b8.id), actor)).rejects.toMatchObject({ messageKey: 'booking.err.late' });
      const walkInService = await app.database.db.selectFrom('service').select('id').where('office_id', '=', officeId).where('code', '=', 'registration').executeTakeFirstOrThrow();
      for (let i = 0; i < 2; i++) await issueTicket({ database: app.database, events: app.services.events, clock: () => now }, { officeId, serviceId: walkInService.id, priority: false, channel: 'kiosk' });
      now = at('2026-11-27T09:05:00');
      await checkIn(deps(), await row(b6.id), actor);
      now = at('2026-11-27T09:40:00');
      await staffNoShow(deps(), await row(b7.id), actor);
    });
    afterAll(async () => app?.dispose());

    it('counts bookings, cancellations, no-shows and visits per day and service, with the no-show rate and online share', async () => {
      const f = await bookingFigures(app.database.db, officeId, '2026-11-20', '2026-11-30', (id) => String(id));
      expect(f.rows.map(({ service: _s, ...r }) => r)).toEqual([
        { day: '2026-11-26', bookings: 5, cancelled: 1, closed: 0, noShow: 1, came: 2, leadDays: 1 },
        { day: '2026-11-26', bookings: 1, cancelled: 0, closed: 0, noShow: 1, came: 0, leadDays: 1 },
        { day: '2026-11-27', bookings: 2, cancelled: 0, closed: 0, noShow: 1, came: 1, leadDays: 2 },
      ]);
      // no-show rate = no-shows / (no-shows + came) = 3 / 6; lead = (5×1 + 1×1 + 2×2) / 8 = 1.25 → 1.3
      expect(f.totals).toEqual({ bookings: 8, cancelled: 1, noShow: 3, came: 3, noShowRate: 50, leadDays: 1.3 });
      // 3 of 5 tickets came from a booking
      expect(f.onlineShare).toEqual({ booked: 3, all: 5, share: 60 });
      // a range that leaves out 11-27
      const one = await bookingFigures(app.database.db, officeId, '2026-11-26', '2026-11-26', String);
      expect(one.totals).toEqual({ bookings: 6, cancelled: 1, noShow: 2, came: 2, noShowRate: 50, leadDays: 1 });
      expect(one.onlineShare).toEqual({ booked: 2, all: 4, share: 50 });
    });

    it('shows the same figures to a supervisor on the page and in the CSV', async () => {
      const s = new Agent(app.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await s.get('/staff/booking/figures?office=zhubei&from=2026-11-20&to=2026-11-30');
      const stats = [...page.body.matchAll(/<dt>([^<]+)<\/dt>\s*<dd>([^<]+)<\/dd>/g)].map((m) => [m[1], m[2]]);
      expect(stats).toEqual([
        ['預約數', '8'],
        ['取消', '1'],
        ['未到率（%）', '50%'],
        ['平均提前天數', '1.3'],
        ['網路預約占來客（%）', '60%'],
      ]);
      const csv = await s.get('/staff/booking/figures.csv?office=zhubei&from=2026-11-20&to=2026-11-30');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines.slice(1)).toEqual(['2026-11-26,戶籍登記（出生、遷入、遷出等）,5,1,0,1,2,1', '2026-11-26,身分證、戶口名簿,1,0,0,1,0,1', '2026-11-27,戶籍登記（出生、遷入、遷出等）,2,0,0,1,1,2']);
    });
  });
}
