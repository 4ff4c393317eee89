import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { OfficeCalendar } from '../../platform/calendar/index.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { calendarService } from '../calendar/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { availability } from './availability.js';
import { placeBooking } from './book.js';
import type { BookingDeps } from './deps.js';
import * as repo from './repo.js';
import { bookableDays, type WindowRules } from './rules.js';
import { officeWeeklyHours } from './schedule.js';
import { closeDay } from './staff-ops.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
// Tuesday 2026-12-22 10:00: the window runs from Wednesday the 23rd to Tuesday the 29th; Friday the 25th is 行憲紀念日
const NOW = at('2026-12-22T10:00:00');

const office = (weekday: number, opens: string, closes: string, more: Partial<{ evening_closes: string; lunch_from: string; lunch_to: string }> = {}) => ({
  weekday,
  opens,
  closes,
  evening_closes: more.evening_closes ?? null,
  lunch_open: more.lunch_from ? 0 : 1,
  lunch_from: more.lunch_from ?? null,
  lunch_to: more.lunch_to ?? null,
});

describe('the office’s opening hours as booking periods', () => {
  it('opens at the office’s time, splits at a lunch break and runs into the evening service', () => {
    expect(officeWeeklyHours([office(1, '08:00', '17:00'), office(3, '08:00', '17:00', { evening_closes: '20:00' }), office(5, '08:30', '17:00', { lunch_from: '12:00', lunch_to: '13:30' })])).toEqual([
      { weekday: 1, starts: '08:00', ends: '17:00' },
      { weekday: 3, starts: '08:00', ends: '20:00' },
      { weekday: 5, starts: '08:30', ends: '12:00' },
      { weekday: 5, starts: '13:30', ends: '17:00' },
    ]);
  });

  it('a make-up working Saturday keeps Monday’s office hours; a holiday closes', () => {
    const cal = new OfficeCalendar({
      days: [
        { date: '2026-10-09', off: true, note: '國慶日補假' },
        { date: '2026-10-17', off: false, note: '補行上班' },
      ],
    });
    const rules: WindowRules = { kind: 'counter', slotMinutes: 60, capacity: 1, minDays: 1, minWorkingDays: false, maxDays: 9, cutoff: null, openingsOnly: false };
    const hours = officeWeeklyHours([1, 2, 3, 4, 5].map((wd) => office(wd, wd === 1 ? '08:00' : '09:00', '12:00')));
    const plans = bookableDays(rules, cal, at('2026-10-08T10:00:00'), { hours, openings: [], closedDays: new Set() });
    expect(plans.map((p) => p.day)).toEqual(['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-17']);
    expect(plans.find((p) => p.day === '2026-10-17')?.periods).toEqual([{ starts: '08:00', ends: '12:00' }]);
  });
});

/** The office hours form, Monday to Friday: `day(wd)` gives one day's fields. */
function weekForm(day: (wd: number) => Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const wd of [0, 1, 2, 3, 4, 5, 6]) {
    const open = wd >= 1 && wd <= 5;
    const fields: Record<string, string> = { open: open ? '1' : '0', opens: '', closes: '', lunch: 'open', lunchFrom: '', lunchTo: '', evening: '', noteZh: '', noteEn: '', ...(open ? day(wd) : {}) };
    for (const [k, v] of Object.entries(fields)) out[`${k}${wd}`] = v;
  }
  return out;
}
const DEMO_WEEK = weekForm((wd) => ({ opens: '08:00', closes: '17:00', ...(wd === 3 ? { evening: '20:00', noteZh: '夜間延時服務', noteEn: 'evening service' } : {}) }));

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] booking times follow the office's hours`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei: { id: number; countyId: number };
    let supervisor: StaffPrincipal;
    let seed = 11;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const deps = (): BookingDeps => ({ database: t.database, vault: t.services.vault, clock: () => NOW, events: t.services.events, baseUrl: 'http://huzheng.test' });
    const service = async (code: string) => (await repo.serviceByCode(t.database.db, zhubei.id, code))!;
    /** day → its slot start times, as the public flow offers them */
    const slots = async (code: string) => Object.fromEntries((await availability(t.database.db, await service(code), NOW, 'zh-Hant')).days.map((d) => [d.day, d.slots.map((s) => s.starts)]));
    const signedIn = async (user: string) => {
      const a = new Agent(t.app);
      expect((await a.signIn(user, DEMO_PASSWORD)).statusCode).toBe(303);
      return a;
    };
    const setOfficeWeek = async (form: Record<string, string>) => {
      const county = await signedIn('county');
      expect((await county.submit('/staff/admin/offices/zhubei/hours', '/staff/admin/offices/zhubei/hours', form)).statusCode).toBe(303);
    };

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const o = await t.database.db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      zhubei = { id: o.id, countyId: o.county_id };
      const s = await t.database.db.selectFrom('staff').selectAll().where('username', '=', 'supervisor.zhubei').executeTakeFirstOrThrow();
      supervisor = { id: s.id, username: s.username, displayName: s.display_name, role: 'supervisor', countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    });
    afterAll(async () => t?.dispose());

    it('a counter service without hours of its own offers the office’s: from 08:00, through lunch, into Wednesday’s evening service', async () => {
      const reg = await service('registration');
      expect([reg.uses_office_hours, (await repo.hoursOf(t.database.db, reg.id)).length]).toEqual([1, 0]);
      const days = await slots('registration');
      // Friday the 25th is a public holiday and the weekend is closed
      expect(Object.keys(days)).toEqual(['2026-12-23', '2026-12-24', '2026-12-28', '2026-12-29']);
      expect(days['2026-12-24']).toHaveLength(18);
      expect([days['2026-12-24']![0], days['2026-12-24']![8], days['2026-12-24']!.at(-1)]).toEqual(['08:00', '12:00', '16:30']);
      expect([days['2026-12-23']!.length, days['2026-12-23']!.at(-1)]).toEqual([24, '19:30']);
      // the citizen's time page groups the evening apart, and an 08:00 slot books
      const page = await new Agent(t.app).get('/o/zhubei/booking/registration/2026-12-23');
      expect(page.body).toContain('value="08:00"');
      expect(page.body).toMatch(/<legend class="choice-group-title">晚上<\/legend>[\s\S]*value="19:30"/);
      const b = await placeBooking(deps(), { serviceId: reg.id, day: '2026-12-24', starts: '08:00', applicant: { name: '早鳥', idNumber: generateIdNumber(rand), birthDate: '1980-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' });
      expect(b.status).toBe('booked');
      expect((await repo.bookingById(t.database.db, b.id))!.starts).toBe('08:00');
    });

    it('changing the office’s hours changes the slots: a later opening, a lunch break, no evening', async () => {
      await setOfficeWeek(weekForm((wd) => ({ opens: '08:30', closes: '17:00', ...(wd === 4 ? { lunch: 'break', lunchFrom: '12:00', lunchTo: '13:30' } : {}) })));
      try {
        const days = await slots('id-card');
        expect(days['2026-12-23']!.at(-1)).toBe('16:30'); // 20-minute slots from 08:30, the last ending 16:50; no evening any more
        expect(days['2026-12-24']!.slice(0, 2)).toEqual(['08:30', '08:50']);
        expect(days['2026-12-24']!.filter((s) => s >= '11:00' && s < '14:00')).toEqual(['11:10', '11:30', '13:30', '13:50']); // none across 12:00–13:30
      } finally {
        await setOfficeWeek(DEMO_WEEK);
      }
      expect((await slots('id-card'))['2026-12-24']![0]).toBe('08:00');
    });

    it('own hours override the office’s; the services that genuinely differ keep theirs; the staff page switches back', async () => {
      // seeded with their own hours: the director on Wednesday afternoons, the hall, Saturday marriage openings
      expect((await slots('director'))['2026-12-23']).toEqual(['14:00', '14:30', '15:00', '15:30']);
      expect([(await service('director')).uses_office_hours, (await service('hall')).uses_office_hours, (await service('marriage-holiday')).uses_office_hours]).toEqual([0, 0, 0]);

      const nat = await service('nationality');
      const s = await signedIn('supervisor.zhubei');
      const page = await s.get(`/staff/booking/services/${nat.id}`);
      expect(page.body).toContain('目前：依本所服務時間');
      expect(page.body).toContain('星期一至星期五 08:00–17:00（星期三 08:00–20:00）');
      expect(page.body).not.toContain('name="useOfficeHours"');
      const rules = { slotMinutes: '30', capacity: '1', minDays: '1', minWorkingDays: '0', maxDays: '7', cutoff: '15:00', active: '1' };
      const blank = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [`hours${d}`, '']));
      const own = { ...blank, hours1: '09:00-11:00', hours2: '09:00-11:00', hours4: '09:00-11:00, 14:00-15:00' };
      expect((await s.post(`/staff/booking/services/${nat.id}`, { _csrf: csrfOf(page.body), ...rules, ...own })).statusCode).toBe(303);
      expect((await service('nationality')).uses_office_hours).toBe(0);
      const days = await slots('nationality');
      // Wednesday the 23rd has no hours of its own: not offered, though the office is open
      expect(Object.keys(days)).toEqual(['2026-12-24', '2026-12-28', '2026-12-29']);
      expect(days['2026-12-24']).toEqual(['09:00', '09:30', '10:00', '10:30', '14:00', '14:30']);

      const ownPage = await s.get(`/staff/booking/services/${nat.id}`);
      expect(ownPage.body).toContain('目前：本項目自訂時段');
      expect(ownPage.body).toContain('本所服務時間：星期一至星期五 08:00–17:00');
      expect(ownPage.body).toContain('value="09:00-11:00, 14:00-15:00"');
      // back to the office's: whatever is left in the day fields is dropped, even what would not parse
      const back = await s.post(`/staff/booking/services/${nat.id}`, { _csrf: csrfOf(ownPage.body), ...rules, ...own, hours5: 'not a time', useOfficeHours: '1' });
      expect(back.statusCode).toBe(303);
      const after = await service('nationality');
      expect([after.uses_office_hours, (await repo.hoursOf(t.database.db, nat.id)).length]).toEqual([1, 0]);
      expect((await slots('nationality'))['2026-12-23']!.at(-1)).toBe('19:30');
      const audit = await t.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'booking.service_edit').orderBy('id').execute();
      expect(audit.map((a) => JSON.parse(a.detail!).officeHours)).toEqual([false, true]);
    });

    it('the office’s dated exceptions cut the day: shortened hours keep only the slots inside them, a closed day has none', async () => {
      const exception = (date: string, closed: boolean, opens: string | null, closes: string | null) => ({ office_id: zhubei.id, date, closed: closed ? 1 : 0, opens, closes, reason_zh: '員工訓練', reason_en: 'staff training', updated_at: NOW.toISOString() });
      await t.database.db.insertInto('office_hours_exception').values([exception('2026-12-23', false, '08:00', '12:00'), exception('2026-12-24', true, null, null)]).execute();
      try {
        const days = await slots('registration');
        expect(Object.keys(days)).toEqual(['2026-12-23', '2026-12-28', '2026-12-29']);
        // 30-minute slots from 08:00, the last ending at 12:00; no afternoon, no evening service
        expect([days['2026-12-23']!.length, days['2026-12-23']![0], days['2026-12-23']!.at(-1)]).toEqual([8, '08:00', '11:30']);
        // a service with hours of its own is cut the same way: the director's Wednesday afternoon is gone
        expect((await slots('director'))['2026-12-23']).toBeUndefined();
        expect((await new Agent(t.app).get('/o/zhubei/booking/registration/2026-12-24')).statusCode).not.toBe(200);
      } finally {
        await t.database.db.deleteFrom('office_hours_exception').where('office_id', '=', zhubei.id).execute();
      }
      expect((await slots('registration'))['2026-12-23']).toHaveLength(24);
    });

    it('a public holiday, an office closure and a booking closure still close the day', async () => {
      await calendarService.addClosure(t.database, { officeId: zhubei.id, countyId: zhubei.countyId, date: '2026-12-28', reason: '消毒' }, { actor: supervisor, ip: null, now: NOW });
      await closeDay(deps(), { officeId: zhubei.id, serviceId: null, day: '2026-12-29', reason: '系統維護' }, { staff: supervisor, ip: null });
      const days = await slots('registration');
      expect(Object.keys(days)).toEqual(['2026-12-23', '2026-12-24']);
      expect((await new Agent(t.app).get('/o/zhubei/booking/registration/2026-12-25')).statusCode).not.toBe(200);
    });

    it('a service whose office has no opening hours yet cannot be left to follow them', async () => {
      const nat = await service('nationality');
      const saved = await t.database.db.selectFrom('office_hours').selectAll().where('office_id', '=', zhubei.id).execute();
      await t.database.db.deleteFrom('office_hours').where('office_id', '=', zhubei.id).execute();
      try {
        expect(await slots('registration')).toEqual({});
        const s = await signedIn('supervisor.zhubei');
        const page = await s.get(`/staff/booking/services/${nat.id}`);
        expect(page.body).toContain('本所尚未設定服務時間。');
        const res = await s.post(`/staff/booking/services/${nat.id}`, { _csrf: csrfOf(page.body), slotMinutes: '30', capacity: '1', minDays: '1', minWorkingDays: '0', maxDays: '7', cutoff: '15:00', active: '1', hours1: '' });
        expect(res.statusCode).toBe(422);
        expect(res.body).toMatch(/id="f-hours1-error">本所尚未設定服務時間/);
      } finally {
        await t.database.db.insertInto('office_hours').values(saved.map(({ id: _id, ...h }) => h)).execute();
      }
    });
  });
}
