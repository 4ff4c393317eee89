import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { toGovCalendarCsv } from '../../platform/calendar/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { officeCalendar } from './service.js';

function year2028(): string {
  const days = [];
  for (let d = new Date(Date.UTC(2028, 0, 1)); d.getUTCFullYear() === 2028; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    const wd = d.getUTCDay();
    const note = date === '2028-01-03' ? '補假' : date === '2028-01-08' ? '補行上班' : '';
    days.push({ date, off: date === '2028-01-03' || ((wd === 0 || wd === 6) && date !== '2028-01-08'), note });
  }
  return toGovCalendarCsv(days);
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] office calendar over HTTP`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
    });
    afterAll(async () => t?.dispose());

    it('lets a county admin import a Big5 calendar, which then drives working days', async () => {
      const a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
      const page = await a.get('/staff/calendar');
      expect(page.statusCode).toBe(200);
      const big5 = iconv.encode(year2028().replace(/^\uFEFF/, ''), 'big5');
      const res = await a.postMultipart('/staff/calendar/import', { _csrf: csrfOf(page.body) }, { field: 'file', name: '117年辦公日曆表.csv', bytes: big5, type: 'text/csv' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/staff/calendar?year=2028');
      const shown = await a.get('/staff/calendar?year=2028');
      expect(shown.body).toContain('已匯入 2028年辦公日曆：366 天');
      const cal = await officeCalendar(t.database.db, null);
      expect(cal.isWorkingDay('2028-01-03')).toBe(false);
      expect(cal.isWorkingDay('2028-01-08')).toBe(true);
      expect(cal.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.import').where('target_id', '=', '2028').execute();
      expect(audit).toHaveLength(1);
    });

    it('explains a bad file beside the field and keeps the old year', async () => {
      const a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
      const page = await a.get('/staff/calendar');
      const bad = `${year2028().split('\r\n').slice(0, 10).join('\r\n')}\r\n20280231,四,0,\r\n`;
      const res = await a.postMultipart('/staff/calendar/import', { _csrf: csrfOf(page.body) }, { field: 'file', name: 'bad.csv', bytes: Buffer.from(bad), type: 'text/csv' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('第 11 列有誤');
      expect(res.body).toContain('class="error-summary"');
      const rows = await t.database.db.selectFrom('calendar_day').select('date').where('year', '=', 2028).execute();
      expect(rows).toHaveLength(366);
    });

    it('refuses an import without the CSRF token and from an office role', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const noToken = await county.postMultipart('/staff/calendar/import', {}, { field: 'file', name: 'x.csv', bytes: Buffer.from(year2028()), type: 'text/csv' });
      expect(noToken.statusCode).toBe(403);
      const sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await sup.get('/staff/calendar');
      expect(page.body).not.toContain('/staff/calendar/import');
      const res = await sup.postMultipart('/staff/calendar/import', { _csrf: csrfOf(page.body) }, { field: 'file', name: 'x.csv', bytes: Buffer.from(year2028()), type: 'text/csv' });
      expect(res.statusCode).toBe(403);
    });

    it('lets a supervisor record a typhoon closure (ROC date typed) that the public page shows', async () => {
      const a = new Agent(t.app);
      await a.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const page = await a.get('/staff/calendar');
      const officeId = /name="officeId" value="(\d+)"/.exec(page.body)?.[1];
      const empty = await a.post('/staff/calendar/closures', { _csrf: csrfOf(page.body), officeId: officeId!, date: '115/2/30', reason: '' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('請輸入正確的日期');
      expect(empty.body).toContain('此欄必須填寫');
      expect(empty.body).toContain('value="115/2/30"');
      const ok = await a.post('/staff/calendar/closures', { _csrf: csrfOf(page.body), officeId: officeId!, date: '115/12/1', reason: '颱風停止上班' });
      expect(ok.statusCode).toBe(303);
      const dup = await a.post('/staff/calendar/closures', { _csrf: csrfOf(page.body), officeId: officeId!, date: '2026-12-01', reason: '颱風停止上班' });
      expect(dup.statusCode).toBe(409);
      const home = await new Agent(t.app).get('/o/zhubei');
      expect(home.body).toContain('民國115年12月1日');
      expect(home.body).toContain('颱風停止上班');
      const other = await new Agent(t.app).get('/o/jianshi');
      expect(other.body).not.toContain('颱風停止上班');
    });
  });
}
