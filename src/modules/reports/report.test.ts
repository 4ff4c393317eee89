import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { tools } from '../../../test/tools.js';
import type { Executor } from '../../db/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { saveTemplate } from './template.js';

const pdftotext = tools.pdftotext();

/** A month row of the roll-up, written by hand (what the roll-up job would have written). */
async function putMonth(db: Executor, officeId: number, month: string, data: Record<string, number>) {
  const row = { data: JSON.stringify(data), computed_at: '2026-12-01T00:00:00.000Z' };
  await db
    .insertInto('figure_month')
    .values({ office_id: officeId, month, ...row })
    .onConflict((oc) => oc.columns(['office_id', 'month']).doUpdateSet(row))
    .execute();
}

/**
 * The fixture (Taipei clock 2026-12-03 10:00; the report is November 2026's):
 *   zhubei 2026-11: 120 tickets; 100 waited, 80 of them within 15 minutes (80%); waits 5.0 min ×3, 12.0 min ×2 → median 5 min
 *   zhubei 2026-10: 100 tickets; 45 of 60 within 15 minutes (75%); no waits recorded → median —
 *   zhubei 2025-11:  96 tickets; 35 of 50 within 15 minutes (70%)
 *   jianshi 2026-11: 30 tickets; 20 of 20 within 15 minutes (100%)
 * so zhubei's lines read: tickets 120 | 100 | +20% | 96 | +25%; within 15 minutes 80% | 75% | +5 points | 70% | +10 points.
 * The template: tickets, within15, waitP50, and a hand-entered line m1 志工服務人次 (人次).
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] monthly business report`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei = 0;
    let jianshi = 0;
    const agents: Record<string, Agent> = {};
    const url = '/staff/reports/zhubei/2026-11';
    const report = () => t.database.db.selectFrom('business_report').selectAll().where('office_id', '=', zhubei).where('month', '=', '2026-11').executeTakeFirst();
    const events = async () => {
      const r = await report();
      return r ? t.database.db.selectFrom('business_report_event').selectAll().where('report_id', '=', r.id).orderBy('id').execute() : [];
    };
    const as = async (who: string) => {
      if (!agents[who]) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(who, DEMO_PASSWORD);
      }
      return agents[who];
    };
    /** GET the report page, then POST a form on it with the page's CSRF token. */
    const postOn = async (who: string, action: string, form: Record<string, string>) => {
      const a = await as(who);
      const page = await a.get(url);
      return a.post(action, { _csrf: csrfOf(page.body), ...form });
    };
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const offices = await db.selectFrom('office').select(['id', 'code', 'county_id']).execute();
      zhubei = offices.find((o) => o.code === 'zhubei')!.id;
      jianshi = offices.find((o) => o.code === 'jianshi')!.id;
      await putMonth(db, zhubei, '2026-11', { 'q.tickets': 120, 'q.waited': 100, 'q.within15': 80, 'q.wait.50': 3, 'q.wait.120': 2 });
      await putMonth(db, zhubei, '2026-10', { 'q.tickets': 100, 'q.waited': 60, 'q.within15': 45 });
      await putMonth(db, zhubei, '2025-11', { 'q.tickets': 96, 'q.waited': 50, 'q.within15': 35 });
      await putMonth(db, jianshi, '2026-11', { 'q.tickets': 30, 'q.waited': 20, 'q.within15': 20 });
      const admin = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', 'county').executeTakeFirstOrThrow();
      await saveTemplate(
        t.database,
        offices[0]!.county_id,
        [
          { kind: 'figure', key: 'tickets' },
          { kind: 'figure', key: 'within15' },
          { kind: 'figure', key: 'waitP50' },
          { kind: 'manual', key: 'm1', labelZh: '志工服務人次', labelEn: 'Volunteer visits', unit: '人次' },
        ],
        { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'county_admin', countyId: admin.county_id, officeId: null, mustChangePassword: false },
        null,
        now,
      );
    });
    afterAll(async () => t?.dispose());

    it('fills the figure lines from the roll-up, with the month before and a year earlier', async () => {
      const page = await (await as('supervisor.zhubei')).get(url);
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('竹北市戶政事務所 民國115年11月 業務報表');
      expect(body).toContain('取號人次 120 件 100 件 +20% 96 件 +25%');
      expect(body).toContain('15分鐘內受理比率 80% 75% +5 個百分點（進步） 70% +10 個百分點（進步）');
      expect(body).toContain('等候時間中位數 5 分鐘 — — — —');
      expect(body).toContain('志工服務人次 — — — — —');
      expect(body).toContain('尚未送出');
      // the picker's address leads to the same page
      const picked = await (await as('supervisor.zhubei')).get('/staff/reports?office=zhubei&month=2026-11');
      expect(picked.headers.location).toBe(url);
      // in English (a visitor of its own: ?lang= sticks as a cookie)
      const english = new Agent(t.app);
      await english.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const en = text((await english.get(`${url}?lang=en`)).body);
      expect(en).toContain('Nov 2026 Business report');
      expect(en).toContain('Served within 15 minutes 80% 75% +5 points (better) 70% +10 points (better)');
    });

    it('tells the director and the supervisor the report is due', async () => {
      for (const who of ['director.zhubei', 'supervisor.zhubei']) {
        const home = await (await as(who)).get('/staff');
        expect(home.body).toContain('民國115年11月業務報表尚未送出');
      }
      expect((await (await as('clerk.zhubei')).get('/staff')).body).not.toContain('業務報表尚未送出');
    });

    it('keeps a bad number with the message beside it, then saves values and notes', async () => {
      const bad = await postOn('supervisor.zhubei', url, { op: 'save', 'value.m1': '三十七', 'note.tickets': '選舉月', overall: '' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/id="f-value_m1-error">請只填數字/);
      expect(bad.body).toContain('value="三十七"');
      expect(bad.body).toContain('選舉月');
      expect(await report()).toBeUndefined();
      const ok = await postOn('supervisor.zhubei', url, { op: 'save', 'value.m1': '３７', 'note.tickets': '選舉月，取號較多', overall: '整體業務平穩。' });
      expect(ok.statusCode).toBe(303);
      const r = await report();
      expect(r).toMatchObject({ state: 'draft', overall_note: '整體業務平穩。' });
      expect(JSON.parse(r!.hand_values)).toEqual({ m1: 37 });
      expect(JSON.parse(r!.line_notes)).toMatchObject({ tickets: '選舉月，取號較多' });
      const page = text((await (await as('supervisor.zhubei')).get(url)).body);
      expect(page).toContain('志工服務人次 37 人次 — — — — 填寫說明');
      expect(page).toContain('已儲存');
    });

    it('lets neither a clerk nor a supervisor submit, and hides the report from another office', async () => {
      expect((await postOn('supervisor.zhubei', url, { op: 'submit' })).statusCode).toBe(403);
      const clerk = await as('clerk.zhubei');
      expect((await clerk.get(url)).statusCode).toBe(403);
      const anyToken = csrfOf((await clerk.get('/staff')).body);
      expect((await clerk.post(url, { _csrf: anyToken, op: 'submit' })).statusCode).toBe(403);
      const other = await as('director.jianshi');
      expect((await other.get(url)).statusCode).toBe(404);
      expect((await other.get(`${url}/report.pdf`)).statusCode).toBe(404);
      const otherToken = csrfOf((await other.get('/staff')).body);
      expect((await other.post(url, { _csrf: otherToken, op: 'submit' })).statusCode).toBe(404);
      expect((await report())?.state).toBe('draft');
      expect(await events()).toHaveLength(0);
    });

    it('refuses to submit a month that has not ended', async () => {
      const a = await as('director.zhubei');
      const page = await a.get('/staff/reports/zhubei/2026-12');
      expect(page.body).toContain('這個月份還沒結束');
      const res = await a.post('/staff/reports/zhubei/2026-12', { _csrf: csrfOf(page.body), op: 'submit', 'value.m1': '1' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('這個月份還沒結束，月份結束後才能送出');
      expect((await a.get('/staff/reports/zhubei/2027-01')).statusCode).toBe(404);
    });

    it('submits: the figures are frozen into the report', async () => {
      const missing = await postOn('director.zhubei', url, { op: 'submit', 'value.m1': '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toMatch(/id="f-value_m1-error">送出前請填寫本月數值/);
      expect((await report())?.state).toBe('draft');
      expect(JSON.parse((await report())!.hand_values)).toEqual({ m1: 37 });

      const res = await postOn('director.zhubei', url, { op: 'submit', 'value.m1': '37' });
      expect(res.statusCode).toBe(303);
      const r = await report();
      expect(r?.state).toBe('submitted');
      const snap = JSON.parse(r!.snapshot!);
      expect(snap.version).toBe(1);
      expect(snap.lines.map((l: { line: { key: string }; value: number | null; previous: number | null; lastYear: number | null }) => [l.line.key, l.value, l.previous, l.lastYear])).toEqual([
        ['tickets', 120, 100, 96],
        ['within15', 80, 75, 70],
        ['waitP50', 5, null, null],
        ['m1', 37, null, null],
      ]);
      expect((await events()).map((e) => [e.action, e.from_state, e.to_state, e.staff_name])).toEqual([['submit', 'draft', 'submitted', '林美玲']]);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', 'like', 'report.%').execute();
      expect(audit.map((a) => a.action)).toEqual(['report.template.save', 'report.save', 'report.submit']);
      const page = text((await (await as('director.zhubei')).get(url)).body);
      expect(page).toContain('已送出，待縣府審核');
      expect(page).toContain('數字已於送出時凍結');
      expect(page).toContain('目前的統計數字與送出時相同');
      expect(page).not.toContain('儲存並送出縣府');
    });

    it('keeps the submitted numbers when the roll-up changes, and shows that it now differs', async () => {
      await putMonth(t.database.db, zhubei, '2026-11', { 'q.tickets': 125, 'q.waited': 100, 'q.within15': 80, 'q.wait.50': 3, 'q.wait.120': 2 });
      const page = await (await as('director.zhubei')).get(url);
      const body = text(page.body);
      expect(body).toContain('目前的統計數字已與送出時不同');
      expect(body).toContain('目前統計');
      expect(body).toContain('取號人次 120 件 100 件 +20% 96 件 +25% 選舉月，取號較多 125 件');
      expect(body).toMatch(/15分鐘內受理比率 80% 75% \+5 個百分點（進步） 70% \+10 個百分點（進步） \s?<?/);
      expect(JSON.parse((await report())!.snapshot!).lines[0].value).toBe(120);
      const csv = (await (await as('director.zhubei')).get(`${url}/report.csv`)).body;
      expect(csv).toContain('取號人次,件,120,100,20,96,25,選舉月，取號較多,125');
    });

    it('refuses a return without a comment, beside the field', async () => {
      const res = await postOn('county', `${url}/decide`, { decision: 'return', comment: '  ' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(/id="f-comment-error">退回時請填寫審核意見/);
      expect((await report())?.state).toBe('submitted');
      expect(await events()).toHaveLength(1);
    });

    it('returns with a comment, the office corrects and submits again, the county accepts', async () => {
      const back = await postOn('county', `${url}/decide`, { decision: 'return', comment: '請補充志工服務人次的計算方式。' });
      expect(back.statusCode).toBe(303);
      expect(await report()).toMatchObject({ state: 'returned', county_comment: '請補充志工服務人次的計算方式。' });
      const home = await (await as('director.zhubei')).get('/staff');
      expect(home.body).toContain('民國115年11月業務報表已被縣府退回');
      const returned = text((await (await as('supervisor.zhubei')).get(url)).body);
      expect(returned).toContain('縣府退回意見 請補充志工服務人次的計算方式。');
      // back to editing: the roll-up as it is now (125)
      expect(returned).toContain('取號人次 125 件 100 件 +25% 96 件 +30.2%');
      expect((await postOn('supervisor.zhubei', url, { op: 'save', 'note.m1': '依志工簽到表統計' })).statusCode).toBe(303);
      expect((await postOn('director.zhubei', url, { op: 'submit' })).statusCode).toBe(303);
      const again = await report();
      expect(again?.state).toBe('submitted');
      expect(again?.county_comment).toBeNull();
      expect(JSON.parse(again!.snapshot!).lines[0].value).toBe(125);
      const accepted = await postOn('county', `${url}/decide`, { decision: 'accept', comment: '' });
      expect(accepted.statusCode).toBe(303);
      expect((await report())?.state).toBe('accepted');
      expect((await events()).map((e) => [e.action, e.to_state, e.comment])).toEqual([
        ['submit', 'submitted', null],
        ['return', 'returned', '請補充志工服務人次的計算方式。'],
        ['submit', 'submitted', null],
        ['accept', 'accepted', null],
      ]);
      const page = text((await (await as('director.zhubei')).get(url)).body);
      expect(page).toContain('縣府已接受');
      expect(page).toMatch(/處理紀錄.*送出.*縣府退回.*請補充志工服務人次的計算方式。.*送出.*縣府接受/);
      // a decided report cannot be decided again
      const again2 = await postOn('county', `${url}/decide`, { decision: 'return', comment: '再退一次' });
      expect(again2.statusCode).toBe(409);
      expect(again2.body).toContain('這份報表的狀態剛剛改變了');
      expect(await events()).toHaveLength(4);
    });

    it('downloads the report as ODS (a zip with the values) and as a tagged PDF', async () => {
      const a = await as('director.zhubei');
      const ods = await a.get(`${url}/report.ods`);
      expect(ods.headers['content-type']).toContain('application/vnd.oasis.opendocument.spreadsheet');
      const files = unzipSync(new Uint8Array(ods.rawPayload));
      expect(strFromU8(files.mimetype!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
      const content = strFromU8(files['content.xml']!);
      expect(content).toContain('民國115年11月');
      expect(content).toContain('<text:p>取號人次</text:p>');
      expect(content).toContain('office:value="125"');
      expect(content).toContain('office:value="37"');
      expect(content).toContain('請補充志工服務人次的計算方式。');
      const pdf = await a.get(`${url}/report.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.toString('latin1')).toContain('/StructTreeRoot');
      if (pdftotext) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-report-'));
        const file = path.join(dir, 'r.pdf');
        writeFileSync(file, pdf.rawPayload);
        const out = execFileSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' });
        expect(out).toContain('竹北市戶政事務所');
        expect(out).toContain('民國115年11月');
        expect(out).toMatch(/取號人次\s+125 件/);
        expect(out).toContain('37 人次');
      }
    });

    it('gives the county every office for the month, with the summary as ODS and CSV', async () => {
      const c = await as('county');
      const page = await c.get('/staff/reports/county?month=2026-11');
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('民國115年11月各所業務報表');
      expect(body).toContain('竹北市戶政事務所 縣府已接受 125 件 80% 5 分鐘 37 人次');
      expect(body).toContain('尖石鄉戶政事務所 尚未送出 30 件 100% — —');
      const csv = (await c.get('/staff/reports/county/summary.csv?month=2026-11')).body;
      expect(csv).toContain('民國115年11月,新竹縣竹北市戶政事務所,縣府已接受,125,80,5,37');
      expect(csv).toContain('民國115年11月,新竹縣尖石鄉戶政事務所,尚未送出,30,100,,');
      const ods = await c.get('/staff/reports/county/summary.ods?month=2026-11');
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      expect(content).toContain('各所業務報表 民國115年11月');
      expect(content).toContain('office:value="30"');
      expect(content).toContain('office:value="125"');
      // a director has no county view
      expect((await (await as('director.zhubei')).get('/staff/reports/county')).statusCode).toBe(403);
    });
  });
}
