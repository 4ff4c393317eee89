import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

const NOW = new Date('2026-11-25T02:00:00Z'); // a Wednesday, 10:00 in Taipei

const TAITUNG = {
  code: 'taitung',
  kind: 'city',
  parent: '',
  nameZh: '臺東縣臺東市戶政事務所',
  nameEn: 'Taitung City Household Registration Office',
  addressZh: '950 臺東縣臺東市中山路 1 號',
  addressEn: 'No. 1, Zhongshan Rd., Taitung City 950',
  phone: '(089) 322-123',
  fax: '',
  email: 'taitung@example.gov.tw',
  director: '陳主任',
  villages: '中山里\n復興里\n\n中山里',
  mapUrl: 'https://maps.example.org/taitung',
};

const WEEK: Record<string, string> = {};
for (const wd of [0, 1, 2, 3, 4, 5, 6]) {
  const open = wd >= 1 && wd <= 5;
  Object.assign(WEEK, {
    [`open${wd}`]: open ? '1' : '0',
    [`opens${wd}`]: open ? '08:00' : '',
    [`closes${wd}`]: open ? '17:00' : '',
    [`lunch${wd}`]: wd === 5 ? 'break' : 'open',
    [`lunchFrom${wd}`]: wd === 5 ? '12:00' : '',
    [`lunchTo${wd}`]: wd === 5 ? '13:30' : '',
    [`evening${wd}`]: wd === 3 ? '20:00' : '',
    [`noteZh${wd}`]: wd === 3 ? '夜間延時服務' : '',
    [`noteEn${wd}`]: wd === 3 ? 'evening service' : '',
  });
}

const fieldMessage = (html: string, field: string) => new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1] ?? null;
const inputValue = (html: string, field: string) => new RegExp(`id="f-${field}" name="${field}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] county and office administration`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let county: Agent;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    const db = () => t.database.db;
    const officeCount = async () => Number((await db().selectFrom('office').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const audits = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const signedIn = async (user: string) => {
      const a = new Agent(t.app);
      await a.signIn(user, DEMO_PASSWORD);
      return a;
    };

    it('creates an office with hours and a branch office, each audited', async () => {
      const res = await county.submit('/staff/admin/offices/new', '/staff/admin/offices/new', TAITUNG);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/staff/admin/offices/taitung/hours');
      const row = await db().selectFrom('office').selectAll().where('code', '=', 'taitung').executeTakeFirstOrThrow();
      expect([row.kind, row.phone, row.fax, row.villages, row.map_url, row.active, row.parent_id]).toEqual(['city', '(089) 322-123', null, '中山里\n復興里', 'https://maps.example.org/taitung', 1, null]);

      const hours = await county.submit('/staff/admin/offices/taitung/hours', '/staff/admin/offices/taitung/hours', WEEK);
      expect(hours.statusCode).toBe(303);
      const stored = await db().selectFrom('office_hours').selectAll().where('office_id', '=', row.id).orderBy('weekday').execute();
      expect(stored.map((h) => [h.weekday, h.opens, h.closes, h.lunch_open, h.lunch_from, h.lunch_to, h.evening_closes])).toEqual([
        [1, '08:00', '17:00', 1, null, null, null],
        [2, '08:00', '17:00', 1, null, null, null],
        [3, '08:00', '17:00', 1, null, null, '20:00'],
        [4, '08:00', '17:00', 1, null, null, null],
        [5, '08:00', '17:00', 0, '12:00', '13:30', null],
      ]);

      const branch = await county.submit('/staff/admin/offices/new?office=taitung', '/staff/admin/offices/new', {
        ...TAITUNG,
        code: 'lanyu',
        kind: 'branch',
        parent: 'taitung',
        nameZh: '臺東縣臺東市戶政事務所蘭嶼辦公室',
        nameEn: 'Lanyu Branch Office',
        phone: '089-732-001',
      });
      expect(branch.statusCode).toBe(303);
      const lanyu = await db().selectFrom('office').selectAll().where('code', '=', 'lanyu').executeTakeFirstOrThrow();
      expect([lanyu.kind, lanyu.parent_id]).toEqual(['branch', row.id]);

      // the public home shows the week: lunch break, evening service
      const home = await new Agent(t.app).get('/o/taitung');
      expect(home.body).toContain('星期一至星期五 08:00–17:00（星期三 08:00–20:00、星期五 08:00–12:00、13:30–17:00）');
      expect(home.body).toContain('夜間延時服務至 20:00');

      const created = await audits('offices.office.create');
      expect(created.map((a) => [a.actor_label, a.target_id])).toEqual([
        ['county', String(row.id)],
        ['county', String(lanyu.id)],
      ]);
      const hoursAudit = await audits('offices.hours.update');
      expect(hoursAudit).toHaveLength(1);
      const detail = JSON.parse(hoursAudit[0]!.detail!);
      // Monday, Tuesday and Thursday were already 08:00–17:00 (a new office's first week): only Wednesday and Friday changed
      expect(Object.keys(detail.after).sort()).toEqual(['weekday3', 'weekday5']);
      expect(detail.before.weekday5).toEqual({ opens: '08:00', closes: '17:00', lunch_open: 1, lunch_from: null, lunch_to: null, evening_closes: null, note_zh: null, note_en: null });
      expect(detail.after.weekday5).toEqual({ opens: '08:00', closes: '17:00', lunch_open: 0, lunch_from: '12:00', lunch_to: '13:30', evening_closes: null, note_zh: null, note_en: null });
    });

    it('edits an office: only the changed fields in the audit row', async () => {
      const res = await county.submit('/staff/admin/offices/taitung', '/staff/admin/offices/taitung', { ...TAITUNG, phone: '089-322-999', director: '林主任' });
      expect(res.statusCode).toBe(303);
      const rows = await audits('offices.office.update');
      expect(JSON.parse(rows.at(-1)!.detail!)).toEqual({ before: { phone: '(089) 322-123', director_name: '陳主任' }, after: { phone: '089-322-999', director_name: '林主任' } });
    });

    it('refuses a duplicate code beside the field, keeping what was typed', async () => {
      const before = await officeCount();
      const res = await county.submit('/staff/admin/offices/new', '/staff/admin/offices/new', { ...TAITUNG, code: 'zhubei', nameZh: '重複的' });
      expect(res.statusCode).toBe(422);
      expect(fieldMessage(res.body, 'code')).toBe('這個代碼已有單位使用，請換一個。');
      expect(inputValue(res.body, 'nameZh')).toBe('重複的');
      expect(await officeCount()).toBe(before);
    });

    it('refuses an invalid phone and invalid hours, storing nothing', async () => {
      const before = await officeCount();
      const bad = await county.submit('/staff/admin/offices/new', '/staff/admin/offices/new', { ...TAITUNG, code: 'ludao', phone: '12345' });
      expect(bad.statusCode).toBe(422);
      expect(fieldMessage(bad.body, 'phone')).toBe('請輸入有效的臺灣電話號碼，例如 (03) 555-0101 或 0912-345-678。');
      expect(inputValue(bad.body, 'phone')).toBe('12345');
      expect(await officeCount()).toBe(before);

      const edit = await county.submit('/staff/admin/offices/taitung', '/staff/admin/offices/taitung', { ...TAITUNG, phone: '02-1234', mapUrl: 'http://maps.example.org' });
      expect(edit.statusCode).toBe(422);
      expect(fieldMessage(edit.body, 'mapUrl')).toBe('請輸入以 https:// 開頭的完整網址。');
      expect((await db().selectFrom('office').select('phone').where('code', '=', 'taitung').executeTakeFirstOrThrow()).phone).toBe('089-322-999');

      const hoursBefore = await db().selectFrom('office_hours').selectAll().orderBy('id').execute();
      const hours = await county.submit('/staff/admin/offices/taitung/hours', '/staff/admin/offices/taitung/hours', { ...WEEK, closes1: '07:30', opens2: '8:00', lunchTo5: '19:00' });
      expect(hours.statusCode).toBe(422);
      expect(fieldMessage(hours.body, 'closes1')).toBe('結束時間必須晚於開始時間。');
      expect(fieldMessage(hours.body, 'opens2')).toBe('請以 24 小時制 HH:MM 輸入，例如 08:00。');
      expect(fieldMessage(hours.body, 'lunchFrom5')).toBe('午休時間必須在開始與結束時間之間。');
      expect(inputValue(hours.body, 'closes1')).toBe('07:30');
      expect(await db().selectFrom('office_hours').selectAll().orderBy('id').execute()).toEqual(hoursBefore);
    });

    it('scope: a director edits only their office, the county admin both, a clerk none', async () => {
      const director = await signedIn('director.zhubei');
      expect((await director.get('/staff/admin/offices/zhubei')).statusCode).toBe(200);
      expect((await director.get('/staff/admin/offices/jianshi')).statusCode).toBe(403);
      const page = await director.get('/staff/admin/offices/zhubei');
      const form = { _csrf: csrfOf(page.body), ...TAITUNG, nameZh: '新竹縣尖石鄉戶政事務所', phone: '(03) 584-0202' };
      expect((await director.post('/staff/admin/offices/jianshi', form)).statusCode).toBe(403);
      expect((await director.post('/staff/admin/offices/jianshi/hours', { _csrf: form._csrf, ...WEEK })).statusCode).toBe(403);
      // a director neither creates nor closes offices
      expect((await director.get('/staff/admin/offices/new')).statusCode).toBe(403);
      expect((await director.get('/staff/admin/offices/zhubei/deactivate')).statusCode).toBe(403);
      expect((await director.get('/staff/admin/county')).statusCode).toBe(403);
      const own = await director.post('/staff/admin/offices/zhubei', { ...form, nameZh: '新竹縣竹北市戶政事務所', nameEn: 'Zhubei City Household Registration Office', phone: '(03) 555-0102', kind: 'city' });
      expect(own.statusCode).toBe(303);

      for (const code of ['zhubei', 'jianshi']) expect((await county.get(`/staff/admin/offices/${code}`)).statusCode).toBe(200);
      const jianshi = await county.submit('/staff/admin/offices/jianshi', '/staff/admin/offices/jianshi', { ...TAITUNG, kind: 'township', nameZh: '新竹縣尖石鄉戶政事務所', nameEn: 'Jianshi Township Household Registration Office', phone: '(03) 584-0203' });
      expect(jianshi.statusCode).toBe(303);

      const clerk = await signedIn('clerk.zhubei');
      for (const url of ['/staff/admin/offices', '/staff/admin/offices/zhubei', '/staff/admin/offices/jianshi', '/staff/admin/county']) expect((await clerk.get(url)).statusCode).toBe(403);
      const phones = await db().selectFrom('office').select(['code', 'phone']).where('code', 'in', ['zhubei', 'jianshi']).orderBy('code').execute();
      expect(phones).toEqual([
        { code: 'jianshi', phone: '(03) 584-0203' },
        { code: 'zhubei', phone: '(03) 555-0102' },
      ]);
    });

    it('deactivates: explains first, then the public page says closed and points to the other office; the code stays taken', async () => {
      const confirm = await county.get('/staff/admin/offices/taitung/deactivate');
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('所屬辦公室 1 處');
      expect(confirm.body).toContain('啟用中的櫃台 0 個');
      // nothing changes by looking at the page
      expect((await db().selectFrom('office').select('active').where('code', '=', 'taitung').executeTakeFirstOrThrow()).active).toBe(1);

      const none = await county.post('/staff/admin/offices/taitung/deactivate', { _csrf: csrfOf(confirm.body), successor: '' });
      expect(none.statusCode).toBe(422);
      expect(fieldMessage(none.body, 'successor')).toBe('請選擇要請民眾改洽的戶政事務所。');

      const done = await county.post('/staff/admin/offices/taitung/deactivate', { _csrf: csrfOf(confirm.body), successor: 'zhubei' });
      expect(done.statusCode).toBe(303);
      const row = await db().selectFrom('office').selectAll().where('code', '=', 'taitung').executeTakeFirstOrThrow();
      const zhubei = await db().selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      expect([row.active, row.successor_id, row.closed_at]).toEqual([0, zhubei.id, NOW.toISOString()]);
      const audit = await audits('offices.office.deactivate');
      expect(JSON.parse(audit[0]!.detail!)).toEqual({ before: { active: 1, successor_id: null }, after: { active: 0, successor_id: zhubei.id, successor: 'zhubei' } });

      const pub = await new Agent(t.app).get('/o/taitung');
      expect(pub.statusCode).toBe(200);
      expect(pub.body).toContain('臺東縣臺東市戶政事務所已停止服務');
      expect(pub.body).toContain('<a class="button" href="/o/zhubei">請改洽：新竹縣竹北市戶政事務所</a>');
      // every public page below the office says the same, a ticket or booking form included
      for (const path of ['/o/taitung/queue', '/o/taitung/kiosk', '/o/taitung/booking', '/o/taitung/guides', '/o/taitung/mailbox']) {
        const below = await new Agent(t.app).get(path);
        expect([path, below.statusCode, below.body.includes('臺東縣臺東市戶政事務所已停止服務')]).toEqual([path, 200, true]);
      }
      const countyPage = await new Agent(t.app).get('/');
      expect(countyPage.body).toContain('<h2 id="closed-offices">已停止服務</h2>');
      expect(countyPage.body).toContain('臺東縣臺東市戶政事務所：<a href="/o/zhubei">');

      const reuse = await county.submit('/staff/admin/offices/new', '/staff/admin/offices/new', { ...TAITUNG, nameZh: '新臺東' });
      expect(reuse.statusCode).toBe(422);
      expect(fieldMessage(reuse.body, 'code')).toBe('這個代碼曾由已停止服務的「臺東縣臺東市戶政事務所」使用，不能再使用，請換一個。');
    });

    it('a dated exception closes the day with its reason', async () => {
      const res = await county.submit('/staff/admin/offices/jianshi/exceptions', '/staff/admin/offices/jianshi/exceptions', { date: '115/11/25', closed: '1', reasonZh: '颱風停班', reasonEn: '' });
      expect(res.statusCode).toBe(303);
      const home = await new Agent(t.app).get('/o/jianshi');
      expect(home.body).toContain('今日不對外服務（颱風停班）');
      const bad = await county.submit('/staff/admin/offices/jianshi/exceptions', '/staff/admin/offices/jianshi/exceptions', { date: '2026-11-26', closed: '0', opens: '13:00', closes: '09:00', reasonZh: '選舉' });
      expect(bad.statusCode).toBe(422);
      expect(fieldMessage(bad.body, 'closes')).toBe('結束時間必須晚於開始時間。');
      expect(await db().selectFrom('office_hours_exception').select(['date', 'closed', 'reason_zh', 'reason_en']).execute()).toEqual([{ date: '2026-11-25', closed: 1, reason_zh: '颱風停班', reason_en: '颱風停班' }]);
    });

    it('exports and applies the office and hours rows through the same rules', async () => {
      const { exportOfficeRows, applyOfficeRows, exportHoursRows, applyHoursRows } = await import('./index.js');
      const { writeTransaction } = await import('../../db/index.js');
      const j = await db().selectFrom('office').selectAll().where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      const rows = await exportOfficeRows(db(), j.id);
      expect(rows.map((r) => [r.code, r.phone])).toEqual([['jianshi', '(03) 584-0203']]);
      const hours = await exportHoursRows(db(), j.id);
      expect(hours.map((h) => h.weekday)).toEqual(['一', '二', '三', '四', '五']);
      const actor = { id: 1, username: 'county' };
      await expect(writeTransaction(t.database, (trx) => applyOfficeRows(trx, j.id, [{ ...rows[0], phone: 'abc' }], actor, NOW))).rejects.toMatchObject({ fields: [{ field: 'row1.phone', key: 'offices.err.phone' }] });
      expect(await writeTransaction(t.database, (trx) => applyOfficeRows(trx, j.id, [{ ...rows[0], phone: '03-584-0299' }], actor, NOW))).toBe(true);
      await expect(writeTransaction(t.database, (trx) => applyHoursRows(trx, j.id, [{ ...hours[0], closes: '07:00' }], actor, NOW))).rejects.toMatchObject({ fields: [{ field: 'row1.closes', key: 'offices.err.closesAfterOpens' }] });
      expect(await writeTransaction(t.database, (trx) => applyHoursRows(trx, j.id, hours.slice(0, 3), actor, NOW))).toBe(true);
      expect((await db().selectFrom('office_hours').select('weekday').where('office_id', '=', j.id).orderBy('weekday').execute()).map((h) => h.weekday)).toEqual([1, 2, 3]);
    });
  });
}
