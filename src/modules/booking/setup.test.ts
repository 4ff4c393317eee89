import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS } from '../../../test/databases.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { placeBooking } from './book.js';
import { APPLICATION_CATALOG } from './catalog-data.js';
import * as repo from './repo.js';
import { applyBookingServiceRows, cellToHours, exportBookingServiceRows, hoursToCell } from './sheet.js';

const at = (iso: string) => new Date(`${iso}+08:00`);
// Wednesday 2026-11-25 10:00: Thursday the 26th is the first bookable day
const NOW = at('2026-11-25T10:00:00');

function ids(seed: number) {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

const WEEKDAY_HOURS = { hours1: '08:30-12:00', hours2: '08:30-12:00', hours3: '08:30-12:00', hours4: '08:30-12:00', hours5: '08:30-12:00', hours6: '', hours0: '' };
const form = (over: Record<string, string>) => ({
  nameEn: '',
  descZh: '',
  descEn: '',
  queue: '',
  guide: '',
  slotMinutes: '30',
  capacity: '1',
  minDays: '1',
  minWorkingDays: '0',
  maxDays: '14',
  cutoff: '15:00',
  parties: '1',
  needsApproval: '0',
  openingsOnly: '0',
  documents: '申請人國民身分證 | ID card\n印章',
  inPersonZh: '本人',
  inPersonEn: '',
  ...WEEKDAY_HOURS,
  ...over,
});
/** a form with a field given several times (checkboxes) */
const pairs = (o: Record<string, string | string[]>) => Object.entries(o).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])) as unknown as Record<string, string>;

for (const kind of DATABASE_KINDS) {
  describe(`[${kind}] booking services created by staff`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei: number;
    let jianshi: number;
    const rand = ids(7);
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const offices = await t.database.db.selectFrom('office').select(['id', 'code']).execute();
      zhubei = offices.find((o) => o.code === 'zhubei')!.id;
      jianshi = offices.find((o) => o.code === 'jianshi')!.id;
    });
    afterAll(async () => t?.dispose());

    const count = async (officeId: number) => (await repo.servicesOf(t.database.db, [officeId], false)).length;
    async function signedIn(user: string) {
      const a = new Agent(t.app);
      expect((await a.signIn(user, DEMO_PASSWORD)).statusCode).toBe(303);
      return a;
    }

    it('creates a service of each kind, each bookable on the public pages at once', async () => {
      const d = await signedIn('director.zhubei');
      const page = await d.get('/staff/booking/services/new?office=zhubei&kind=director');
      expect(page.statusCode).toBe(200);
      // the kind link pre-fills that kind's usual hours: Wednesday afternoons for the director
      expect(page.body).toContain('value="14:00-16:00"');
      const csrf = csrfOf(page.body);
      const kinds: [string, string, Record<string, string>][] = [
        ['counter', 'c-new', { queue: 'registration', guide: 'birth' }],
        ['marriage', 'm-new', { parties: '2', queue: 'registration' }],
        ['home_visit', 'hv-new', { capacity: '0', minDays: '0', maxDays: '0', ...Object.fromEntries(Object.keys(WEEKDAY_HOURS).map((k) => [k, ''])) }],
        ['director', 'd-new', {}],
        ['hall', 'h-new', { needsApproval: '1' }],
      ];
      for (const [k, code, over] of kinds) {
        const res = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: k, code, nameZh: `新項目 ${k}`, ...over }) });
        expect(res.statusCode, k).toBe(303);
        const svc = await repo.serviceByCode(t.database.db, zhubei, code);
        expect(res.headers.location).toBe(`/staff/booking/services/${svc!.id}`);
        expect(svc!.kind).toBe(k);
      }
      const counter = (await repo.serviceByCode(t.database.db, zhubei, 'c-new'))!;
      expect(counter.queue_service_code).toBe('registration');
      expect(counter.guide_code).toBe('birth');
      expect(JSON.parse(counter.documents)).toEqual([
        { zh: '申請人國民身分證', en: 'ID card' },
        { zh: '印章', en: '印章' },
      ]);
      expect(await repo.hoursOf(t.database.db, counter.id)).toHaveLength(5);
      expect((await repo.serviceByCode(t.database.db, zhubei, 'hv-new'))!.capacity).toBe(0);
      const audits = await t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'booking.service.create').execute();
      expect(audits).toHaveLength(5);

      // each one booked through the public flow
      const pub = new Agent(t.app);
      const pcsrf = csrfOf((await pub.get('/o/zhubei/booking/c-new/details?day=2026-11-26&starts=09:00')).body);
      const who = () => ({ name: '王小明', idNumber: generateIdNumber(rand), birthDate: '1980-05-06', phone: '0912-345-678' });
      const slot = { day: '2026-11-26', starts: '09:00', slots: '1' };
      const bodies: Record<string, Record<string, string | string[]>> = {
        'c-new': { ...slot, ...who() },
        'm-new': { ...slot, ...who(), partnerName: '李小美', partnerIdNumber: generateIdNumber(rand) },
        'hv-new': { ...who(), address: '竹北市光明六路10號', village: '北崁里', reason: 'elderly', preferredDays: ['2026-11-26', '2026-11-27'] },
        'd-new': { ...slot, ...who(), topic: '請教戶籍問題' },
        'h-new': { ...slot, ...who(), purpose: '結婚儀式', guests: '30' },
      };
      const statuses: Record<string, string> = {};
      for (const [code, body] of Object.entries(bodies)) {
        const res = await pub.post(`/o/zhubei/booking/${code}/confirm`, pairs({ _csrf: pcsrf, ...body }));
        expect(res.statusCode, code).toBe(303);
        expect(String(res.headers.location)).toMatch(/^\/b\/[\w-]{20}\?new=1$/);
        const svc = (await repo.serviceByCode(t.database.db, zhubei, code))!;
        const b = await t.database.db.selectFrom('booking').select(['status', 'channel']).where('booking_service_id', '=', svc.id).executeTakeFirstOrThrow();
        statuses[code] = `${b.status}/${b.channel}`;
      }
      expect(statuses).toEqual({ 'c-new': 'booked/online', 'm-new': 'booked/online', 'hv-new': 'pending/online', 'd-new': 'booked/online', 'h-new': 'pending/online' });
    });

    it('says what is wrong beside the field, keeps what was typed, and creates nothing', async () => {
      const d = await signedIn('director.zhubei');
      const csrf = csrfOf((await d.get('/staff/booking/services/new?office=zhubei')).body);
      const before = await count(zhubei);
      const zero = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'bad-one', nameZh: '名額零', capacity: '0' }) });
      expect(zero.statusCode).toBe(422);
      expect(zero.body).toContain('id="f-capacity-error"');
      expect(zero.body).toContain('每時段名額至少要 1 位。');
      expect(zero.body).toContain('value="名額零"');
      const order = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'bad-two', nameZh: '天數', minDays: '10', maxDays: '5' }) });
      expect(order.statusCode).toBe(422);
      expect(order.body).toMatch(/id="f-maxDays-error">最遠天數不能小於最近天數。/);
      const guide = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'bad-three', nameZh: '須知', guide: 'no-such-guide' }) });
      expect(guide.statusCode).toBe(422);
      expect(guide.body).toMatch(/id="f-guide-error">找不到這份申請須知。/);
      const queue = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'bad-four', nameZh: '叫號', queue: 'no-such-queue' }) });
      expect(queue.body).toMatch(/id="f-queue-error">本所沒有這個叫號項目。/);
      const taken = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'registration', nameZh: '重複' }) });
      expect(taken.body).toMatch(/id="f-code-error">本所已有這個代碼的預約項目/);
      const en = await d.post('/staff/booking/services/new?office=zhubei&lang=en', { _csrf: csrf, ...form({ kind: 'counter', code: 'bad-six', nameZh: 'x', capacity: '0' }) });
      expect(en.body).toContain('Give at least 1 place per slot.');
      expect(await count(zhubei)).toBe(before);
    });

    it('copies ticked services of another office with their hours, codes kept, skipping codes already there', async () => {
      const d = await signedIn('director.jianshi');
      const page = await d.get('/staff/booking/services/copy?from=zhubei');
      expect(page.statusCode).toBe(200);
      const theirs = (await repo.servicesOf(t.database.db, [zhubei], true)).map((r) => r.code);
      // the 7 seeded + the 5 made above (all active)
      expect(theirs).toHaveLength(12);
      const before = await count(jianshi);
      expect(before).toBe(6);
      const res = await d.post('/staff/booking/services/copy', pairs({ _csrf: csrfOf(page.body), from: 'zhubei', codes: ['registration', 'director', 'hall', 'c-new', 'd-new'] }));
      expect(res.statusCode).toBe(303);
      expect((await d.get(String(res.headers.location))).body).toContain('已建立 3 項，略過 2 項');
      expect(await count(jianshi)).toBe(9);
      const hall = (await repo.serviceByCode(t.database.db, jianshi, 'hall'))!;
      const theirHall = (await repo.serviceByCode(t.database.db, zhubei, 'hall'))!;
      const strip = (h: { weekday: number; starts: string; ends: string }[]) => h.map(({ weekday, starts, ends }) => ({ weekday, starts, ends }));
      expect(strip(await repo.hoursOf(t.database.db, hall.id))).toEqual(strip(await repo.hoursOf(t.database.db, theirHall.id)));
      expect(strip(await repo.hoursOf(t.database.db, hall.id))).toHaveLength(10);
      expect(hall.needs_approval).toBe(1);
      const cNew = (await repo.serviceByCode(t.database.db, jianshi, 'c-new'))!;
      expect(cNew.queue_service_code).toBe('registration');
      expect(cNew.guide_code).toBe('birth');
      // the copy is bookable at once in its new office
      expect((await new Agent(t.app).get('/o/jianshi/booking/hall')).statusCode).toBe(200);
    });

    it('creates the ticked entries of the built-in list (33 applications) in one go; a second time creates none', async () => {
      expect(APPLICATION_CATALOG).toHaveLength(33);
      expect(new Set(APPLICATION_CATALOG.map((e) => e.code)).size).toBe(33);
      const c = await signedIn('county');
      const page = await c.get('/staff/booking/services/catalog?office=jianshi');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('出生登記');
      expect(page.body).toContain('未成年子女權利義務行使負擔登記');
      const before = await count(jianshi);
      const all = APPLICATION_CATALOG.map((e) => e.code);
      const res = await c.post('/staff/booking/services/catalog?office=jianshi', pairs({ _csrf: csrfOf(page.body), codes: all }));
      expect(res.statusCode).toBe(303);
      expect((await c.get(String(res.headers.location))).body).toContain('已建立 33 項，略過 0 項');
      expect(await count(jianshi)).toBe(before + 33);
      const idFirst = (await repo.serviceByCode(t.database.db, jianshi, 'id-first'))!;
      expect(idFirst.queue_service_code).toBe('id-card');
      expect(idFirst.guide_code).toBe('id-card');
      expect((await repo.serviceByCode(t.database.db, jianshi, 'marriage'))!.parties).toBe(2);
      // the list's counter services follow the office's opening hours: no weekly hours of their own
      expect(idFirst.uses_office_hours).toBe(1);
      expect(await repo.hoursOf(t.database.db, idFirst.id)).toHaveLength(0);
      const again = await c.post('/staff/booking/services/catalog?office=jianshi', pairs({ _csrf: csrfOf(page.body), codes: all }));
      expect((await c.get(String(again.headers.location))).body).toContain('已建立 0 項，略過 33 項');
      expect(await count(jianshi)).toBe(before + 33);
      const none = await c.post('/staff/booking/services/catalog?office=jianshi', { _csrf: csrfOf(page.body) });
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('請至少勾選一項。');
    });

    it('retiring a service with bookings ahead asks first, then keeps every booking valid', async () => {
      const deps = { database: t.database, vault: t.services.vault, clock: () => NOW, events: t.services.events, baseUrl: 'http://t' };
      const svc = (await repo.serviceByCode(t.database.db, zhubei, 'nationality'))!;
      const booked = [];
      for (const starts of ['09:00', '09:30']) {
        booked.push(await placeBooking(deps, { serviceId: svc.id, day: '2026-11-26', starts, applicant: { name: '陳先生', idNumber: generateIdNumber(rand), birthDate: '1970-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' }));
      }
      const d = await signedIn('director.zhubei');
      const list = await d.get('/staff/booking/services?office=zhubei');
      expect(list.body).toContain(`action="/staff/booking/services/${svc.id}/retire"`);
      const ask = await d.post(`/staff/booking/services/${svc.id}/retire`, { _csrf: csrfOf(list.body) });
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('這個項目還有 2 筆未來的預約。這些預約仍然有效');
      expect((await repo.serviceById(t.database.db, svc.id))!.active).toBe(1);
      const done = await d.post(`/staff/booking/services/${svc.id}/retire`, { _csrf: csrfOf(ask.body), confirm: '1' });
      expect(done.statusCode).toBe(303);
      expect((await d.get(String(done.headers.location))).body).toContain('2 筆未來的預約仍然有效');
      expect((await repo.serviceById(t.database.db, svc.id))!.active).toBe(0);
      const rows = await t.database.db.selectFrom('booking').select(['status', 'token']).where('booking_service_id', '=', svc.id).orderBy('id').execute();
      expect(rows.map((r) => r.status)).toEqual(['booked', 'booked']);
      // the citizen's own page still shows it; the public flow no longer offers the service
      expect((await new Agent(t.app).get(`/b/${rows[0]!.token}`)).statusCode).toBe(200);
      expect((await new Agent(t.app).get('/o/zhubei/booking/nationality')).statusCode).toBe(404);
      const audit = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'booking.service.retire').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!)).toEqual({ code: 'nationality', before: { active: 1 }, after: { active: 0 }, futureBookings: 2 });
      // offered again
      const back = await d.post(`/staff/booking/services/${svc.id}/reinstate`, { _csrf: csrfOf(ask.body) });
      expect(back.statusCode).toBe(303);
      expect((await repo.serviceById(t.database.db, svc.id))!.active).toBe(1);
    });

    it('pausing on the edit page with bookings ahead also asks first, and keeps them', async () => {
      const deps = { database: t.database, vault: t.services.vault, clock: () => NOW, events: t.services.events, baseUrl: 'http://t' };
      const svc = (await repo.serviceByCode(t.database.db, zhubei, 'id-card'))!;
      await placeBooking(deps, { serviceId: svc.id, day: '2026-11-27', starts: '08:40', applicant: { name: '吳小姐', idNumber: generateIdNumber(rand), birthDate: '1970-01-01', phone: '0912000000' }, details: {}, locale: 'zh-Hant', channel: 'online' });
      const s = await signedIn('supervisor.zhubei');
      const page = await s.get(`/staff/booking/services/${svc.id}`);
      const edit = { _csrf: csrfOf(page.body), slotMinutes: '20', capacity: '2', minDays: '1', minWorkingDays: '0', maxDays: '7', cutoff: '15:00', active: '0', ...WEEKDAY_HOURS };
      const ask = await s.post(`/staff/booking/services/${svc.id}`, edit);
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('這個項目還有 1 筆未來的預約。這些預約仍然有效');
      expect(ask.body).toContain('name="confirmRetire" value="1"');
      expect((await repo.serviceById(t.database.db, svc.id))!.active).toBe(1);
      expect((await s.post(`/staff/booking/services/${svc.id}`, { ...edit, confirmRetire: '1' })).statusCode).toBe(303);
      expect((await repo.serviceById(t.database.db, svc.id))!.active).toBe(0);
      expect((await t.database.db.selectFrom('booking').select('status').where('booking_service_id', '=', svc.id).execute()).map((r) => r.status)).toEqual(['booked']);
    });

    it('keeps to scope: a director only in their office, a clerk never, a county admin anywhere in the county', async () => {
      const dj = await signedIn('director.jianshi');
      expect((await dj.get('/staff/booking/services/new?office=zhubei')).statusCode).toBe(403);
      const csrf = csrfOf((await dj.get('/staff/booking/services/new')).body);
      const before = await count(zhubei);
      const res = await dj.post('/staff/booking/services/new?office=zhubei', { _csrf: csrf, ...form({ kind: 'counter', code: 'sneaky', nameZh: '越權' }) });
      expect(res.statusCode).toBe(403);
      expect(await count(zhubei)).toBe(before);
      const zhubeiSvc = (await repo.serviceByCode(t.database.db, zhubei, 'registration'))!;
      expect((await dj.post(`/staff/booking/services/${zhubeiSvc.id}/retire`, { _csrf: csrf, confirm: '1' })).statusCode).toBe(404);
      expect((await repo.serviceById(t.database.db, zhubeiSvc.id))!.active).toBe(1);

      const clerk = await signedIn('clerk.zhubei');
      expect((await clerk.get('/staff/booking/services/new')).statusCode).toBe(403);
      expect((await clerk.get('/staff/booking/services/catalog')).statusCode).toBe(403);
      expect((await clerk.get('/staff/booking/new')).statusCode).toBe(200);

      const county = await signedIn('county');
      const page = await county.get('/staff/booking/services/new?office=zhubei');
      const made = await county.post('/staff/booking/services/new?office=zhubei', { _csrf: csrfOf(page.body), ...form({ kind: 'counter', code: 'by-county', nameZh: '縣府建立' }) });
      expect(made.statusCode).toBe(303);
      expect(await count(zhubei)).toBe(before + 1);
    });

    it('exports an office as sheet rows and applies them back: new codes created, existing ones updated', async () => {
      const rows = await exportBookingServiceRows(t.database.db, zhubei);
      const reg = rows.find((r) => r.code === 'registration')!;
      // the demo's counter services follow the office's hours; the hall keeps its own
      expect(reg.hours).toBe('依本所服務時間');
      expect(cellToHours(String(reg.hours))).toEqual([]);
      expect(rows.find((r) => r.code === 'hall')!.hours).toBe('一二三四五 09:00-12:00, 14:00-17:00');
      expect(hoursToCell(cellToHours('三 14:00-16:00')!)).toBe('三 14:00-16:00');
      const actor = { id: 1, username: 'admin' };
      const changed = rows.map((r) => (r.code === 'registration' ? { ...r, capacity: 3 } : r));
      const r = await t.database.db.transaction().execute((trx) => applyBookingServiceRows(trx, jianshi, [...changed.filter((x) => ['registration', 'id-card'].includes(String(x.code))), { ...reg, code: 'from-sheet' }], actor, NOW));
      expect(r).toEqual({ created: 1, updated: 2 });
      expect((await repo.serviceByCode(t.database.db, jianshi, 'registration'))!.capacity).toBe(3);
      const fromSheet = (await repo.serviceByCode(t.database.db, jianshi, 'from-sheet'))!;
      expect([fromSheet.uses_office_hours, (await repo.hoursOf(t.database.db, fromSheet.id)).length]).toEqual([1, 0]);
      // own hours in the cell: the same service now keeps them
      const own = await t.database.db.transaction().execute((trx) => applyBookingServiceRows(trx, jianshi, [{ ...reg, code: 'from-sheet', hours: '一二三四五 08:30-12:00' }], actor, NOW));
      expect(own).toEqual({ created: 0, updated: 1 });
      expect((await repo.serviceByCode(t.database.db, jianshi, 'from-sheet'))!.uses_office_hours).toBe(0);
      expect(await repo.hoursOf(t.database.db, fromSheet.id)).toHaveLength(5);
      await expect(t.database.db.transaction().execute((trx) => applyBookingServiceRows(trx, jianshi, [{ ...reg, code: 'x-bad', capacity: 0 }], actor, NOW))).rejects.toMatchObject({ fields: [{ field: '2:capacity', key: 'booking.err.capacityZero' }] });
    });

    it('a new counter service with its hours left blank follows the office’s; an office without hours is told to give some', async () => {
      const blank = Object.fromEntries(Object.keys(WEEKDAY_HOURS).map((k) => [k, '']));
      const d = await signedIn('director.zhubei');
      const page = await d.get('/staff/booking/services/new?office=zhubei');
      // a counter starts blank, with the office's hours above the fields
      expect(page.body).toContain('本所服務時間：星期一至星期五 08:00–17:00（星期三 08:00–20:00）');
      expect(page.body).toContain('id="f-hours1" name="hours1"');
      expect(page.body).not.toMatch(/id="f-hours1" name="hours1"[^>]*value="[^"]/);
      const res = await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrfOf(page.body), ...form({ kind: 'counter', code: 'follows', nameZh: '依本所時間', ...blank }) });
      expect(res.statusCode).toBe(303);
      const svc = (await repo.serviceByCode(t.database.db, zhubei, 'follows'))!;
      expect([svc.uses_office_hours, (await repo.hoursOf(t.database.db, svc.id)).length]).toEqual([1, 0]);
      // a marriage service opened only on special days has no weekly hours, and does not take the office's
      await d.post('/staff/booking/services/new?office=zhubei', { _csrf: csrfOf(page.body), ...form({ kind: 'marriage', code: 'm-only', nameZh: '只開特別日', parties: '2', openingsOnly: '1', ...blank }) });
      expect((await repo.serviceByCode(t.database.db, zhubei, 'm-only'))!.uses_office_hours).toBe(0);

      const saved = await t.database.db.selectFrom('office_hours').selectAll().where('office_id', '=', jianshi).execute();
      await t.database.db.deleteFrom('office_hours').where('office_id', '=', jianshi).execute();
      try {
        const dj = await signedIn('director.jianshi');
        const p2 = await dj.get('/staff/booking/services/new');
        expect(p2.body).toContain('本所尚未設定服務時間。');
        const refused = await dj.post('/staff/booking/services/new', { _csrf: csrfOf(p2.body), ...form({ kind: 'counter', code: 'nothing', nameZh: '無時段', ...blank }) });
        expect(refused.statusCode).toBe(422);
        expect(refused.body).toMatch(/id="f-hours1-error">本所尚未設定服務時間/);
        expect(await repo.serviceByCode(t.database.db, jianshi, 'nothing')).toBeUndefined();
      } finally {
        await t.database.db.insertInto('office_hours').values(saved.map(({ id: _id, ...h }) => h)).execute();
      }
    });
  });
}
