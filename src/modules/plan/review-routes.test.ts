import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { tools } from '../../../test/tools.js';
import { writeTransaction } from '../../db/index.js';
import type { Role, StaffPrincipal } from '../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { createPlan } from './create.js';
import { buildPack } from './pack.js';
import { putMonth, reviewFixture } from './review-fixture.js';
import { saveMeeting } from './review-meeting.js';
import { planNotices } from './review-notices.js';

const pdftotext = tools.pdftotext();
const soffice = tools.soffice();

/**
 * The review pages on the demo county, with review-fixture.ts's hand-counted
 * plan for 竹北 in 2025 (民國114年; the clock stands at 2026-12-03):
 * February: 服務人次 95 (at risk; January 120; year to date 215 of 200),
 * 滿意度調查分數 80 分 (at risk; January 88), 15分鐘內受理比率 75% (no target;
 * January 80%, year to date 77.8%) — 0 on track, 2 at risk, 1 without a target.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] monthly review pages`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let f: Awaited<ReturnType<typeof reviewFixture>>;
    let base = '';
    const agents: Record<string, Agent> = {};
    const as = async (who: string) => {
      if (!agents[who]) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(who, DEMO_PASSWORD);
      }
      return agents[who];
    };
    const postOn = async (who: string, pageUrl: string, action: string, form: Record<string, string>) => {
      const a = await as(who);
      const page = await a.get(pageUrl);
      return a.post(action, { _csrf: csrfOf(page.body), ...form });
    };
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const principalOf = async (username: string): Promise<StaffPrincipal> => {
      const s = await t.database.db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', username).executeTakeFirstOrThrow();
      return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
    };
    const actionRows = () => t.database.db.selectFrom('plan_action').selectAll().where('plan_id', '=', f.planId).orderBy('id').execute();

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const o = await t.database.db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      f = await reviewFixture(t.database, 'zhubei', { officeId: o.id, countyId: o.county_id, year: 2025 });
      base = `/staff/plan/${f.planId}`;
    });
    afterAll(async () => t?.dispose());

    it('shows a clerk the pack: counts in words, a table per item, statuses in words, a trend with its words', async () => {
      const res = await (await as('clerk.zhubei')).get(`${base}/review/2025-02`);
      expect(res.statusCode).toBe(200);
      const body = text(res.body);
      expect(body).toContain('竹北市戶政事務所民國114年2月所務會議管考資料');
      expect(body).toContain('共 3 項指標：達成 0 項、注意 2 項、落後 0 項、無資料 0 項、未訂目標 1 項。');
      expect(body).toContain('一 服務流程：各執行指標');
      expect(body).toContain('服務人次 95 注意 120 −25 215 / 200 達成 每月 100 服務人次趨勢：1月 120、2月 95 系統計算 計算方式');
      expect(body).toContain('15分鐘內受理比率 75% 未訂目標 80% −5 個百分點 77.8% 未訂目標 — 15分鐘內受理比率趨勢：1月 80%、2月 75%');
      expect(body).toContain('二 顧客關係：各執行指標');
      expect(body).toContain('滿意度調查分數 80 分 注意 88 分 −8 分 80 分 / 85 分 注意 85 分 滿意度調查分數趨勢：1月 88 分、2月 80 分 人工填報 （民國114年2月填報）');
      expect(body).toContain('服務人次：達成 → 注意');
      expect(body).toContain('滿意度調查分數：達成 → 注意');
      expect(res.body).toContain('<svg class="sparkline"');
      expect(res.body).toContain('role="img" aria-label="服務人次趨勢：1月 120、2月 95"');
      expect(res.body).toContain('href="/staff/figures/office?office=zhubei&amp;period=2025-02"');
      expect(body).toContain('本月尚未記錄所務會議。');
      // a clerk reads, with no form to change anything
      expect(res.body).not.toContain('新增管考事項');
      expect(res.body).not.toContain('儲存會議紀錄');
      // in English
      const english = new Agent(t.app);
      await english.signIn('clerk.zhubei', DEMO_PASSWORD);
      const en = text((await english.get(`${base}/review/2025-02?lang=en`)).body);
      expect(en).toContain('3 measures: On track 0, At risk 2, Off track 0, No data 0, No target 1.');
    });

    it('finds months only within the plan year and up to this month, and the plan only for its office', async () => {
      const clerk = await as('clerk.zhubei');
      expect((await clerk.get(`${base}/review/2026-01`)).statusCode).toBe(404);
      expect((await clerk.get(`${base}/review/2025-13`)).statusCode).toBe(404);
      expect((await clerk.get(`${base}/review/202502`)).statusCode).toBe(404);
      expect((await (await as('director.jianshi')).get(`${base}/review/2025-02`)).statusCode).toBe(404);
      expect((await (await as('director.jianshi')).get(`${base}/actions`)).statusCode).toBe(404);
      const picked = await clerk.get(`${base}/review?month=2025-03`);
      expect([picked.statusCode, picked.headers.location]).toEqual([303, `${base}/review/2025-03`]);
      const latest = await clerk.get(`${base}/review`);
      expect(latest.headers.location).toBe(`${base}/review/2025-12`);
      // 尖石's plans: this year's (empty, up to December) and next year's (no month has begun)
      const jianshi = await t.database.db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      const plan = (year: number) => writeTransaction(t.database, (trx) => createPlan(trx, { countyId: jianshi.county_id, officeId: jianshi.id, year, source: { blank: true } }, { id: null, name: 'test' }, now));
      const [thisYear, nextYear] = [await plan(2026), await plan(2027)];
      const director = await as('director.jianshi');
      const empty = await director.get(`/staff/plan/${thisYear}/review/2026-12`);
      expect(empty.statusCode).toBe(200);
      expect(text(empty.body)).toContain('共 0 項指標：達成 0 項、注意 0 項、落後 0 項、無資料 0 項、未訂目標 0 項。');
      expect(text(empty.body)).toContain('與上月相比狀態改變的指標 查無資料');
      expect(text(empty.body)).toContain('月底仍待辦的管考事項 查無資料');
      expect((await director.get(`/staff/plan/${thisYear}/review`)).headers.location).toBe(`/staff/plan/${thisYear}/review/2026-12`);
      expect((await director.get(`/staff/plan/${nextYear}/review/2027-01`)).statusCode).toBe(404);
      expect((await director.get(`/staff/plan/${nextYear}/review`)).statusCode).toBe(404);
    });

    it('lets a clerk add no action (403) and a supervisor add one, with errors beside the field', async () => {
      const page = `${base}/review/2025-01`;
      const clerk = await postOn('clerk.zhubei', page, `${page}/actions`, { text: '增開尖峰櫃台', owner: '戶籍課', due_on: '114/2/15' });
      expect(clerk.statusCode).toBe(403);
      expect(await actionRows()).toHaveLength(0);
      const bad = await postOn('supervisor.zhubei', page, `${page}/actions`, { text: '增開尖峰櫃台', owner: '', due_on: '114年2月30日' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/id="f-due_on-error">請填寫正確的日期/);
      expect(bad.body).toMatch(/id="f-owner-error">/);
      expect(bad.body).toContain('value="114年2月30日"');
      expect(bad.body).toContain('增開尖峰櫃台');
      const early = await postOn('supervisor.zhubei', page, `${page}/actions`, { text: '增開尖峰櫃台', owner: '戶籍課', due_on: '113/12/31' });
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('完成期限不能早於本月');
      const ok = await postOn('supervisor.zhubei', page, `${page}/actions`, { text: '增開尖峰櫃台', owner: '戶籍課', due_on: '114/2/15', item: String(f.items.one) });
      expect([ok.statusCode, ok.headers.location]).toEqual([303, page]);
      expect((await actionRows()).map((a) => [a.raised_month, a.text, a.owner, a.due_on, a.state, a.item_id])).toEqual([['2025-01', '增開尖峰櫃台', '戶籍課', '2025-02-15', 'open', f.items.one]]);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('action', 'like', 'plan.action.%').execute();
      expect(audit).toEqual([{ action: 'plan.action.add', actor_label: 'supervisor.zhubei' }]);
    });

    it('carries the action into February (overdue), closes it there, and leaves it out of March', async () => {
      const [action] = await actionRows();
      const feb = `${base}/review/2025-02`;
      const before = text((await (await as('clerk.zhubei')).get(feb)).body);
      expect(before).toContain('增開尖峰櫃台 一 服務流程 戶籍課 民國114年2月15日 待辦、逾期 民國114年1月');
      const missing = await postOn('supervisor.zhubei', feb, `${feb}/actions/${action!.id}/close`, { [`state_${action!.id}`]: 'done', [`note_${action!.id}`]: ' ' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toMatch(new RegExp(`id="f-note_${action!.id}-error">`));
      const clerk = await postOn('clerk.zhubei', feb, `${feb}/actions/${action!.id}/close`, { [`state_${action!.id}`]: 'done', [`note_${action!.id}`]: '已增開' });
      expect(clerk.statusCode).toBe(403);
      const closed = await postOn('director.zhubei', feb, `${feb}/actions/${action!.id}/close`, { [`state_${action!.id}`]: 'done', [`note_${action!.id}`]: '2月10日起尖峰增開一櫃' });
      expect(closed.statusCode).toBe(303);
      const after = text((await (await as('clerk.zhubei')).get(feb)).body);
      expect(after).toContain('月底仍待辦的管考事項 查無資料');
      expect(after).toContain('增開尖峰櫃台 戶籍課 已完成 2月10日起尖峰增開一櫃 民國114年1月');
      const mar = text((await (await as('clerk.zhubei')).get(`${base}/review/2025-03`)).body);
      expect(mar).not.toContain('增開尖峰櫃台');
      // January still shows it open at its end, and when it closed
      const jan = text((await (await as('clerk.zhubei')).get(`${base}/review/2025-01`)).body);
      expect(jan).toContain('待辦 （民國114年2月結案）');
      // closing again: the page says it changed
      const again = await postOn('director.zhubei', feb, `${feb}/actions/${action!.id}/close`, { [`state_${action!.id}`]: 'dropped', [`note_${action!.id}`]: 'x' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('這個管考事項剛剛已被結案');
      const list = async (filter: string) => text((await (await as('clerk.zhubei')).get(`${base}/actions${filter}`)).body);
      expect(await list('?filter=closed')).toContain('增開尖峰櫃台 一 服務流程 戶籍課 民國114年2月15日 已完成 民國114年1月 民國114年2月 2月10日起尖峰增開一櫃');
      expect(await list('?filter=open')).toContain('查無資料');
      expect(await list('?filter=overdue')).toContain('查無資料');
    });

    it('lists overdue actions and tells the director and supervisors, not a clerk', async () => {
      const page = `${base}/review/2025-03`;
      expect((await postOn('supervisor.zhubei', page, `${page}/actions`, { text: '更新滿意度問卷', owner: '行政課', due_on: '2025-04-30' })).statusCode).toBe(303);
      expect((await postOn('supervisor.zhubei', page, `${page}/actions`, { text: '檢討等候動線', owner: '戶籍課', due_on: '2027-01-31' })).statusCode).toBe(303);
      const overdue = text((await (await as('clerk.zhubei')).get(`${base}/actions?filter=overdue`)).body);
      expect(overdue).toContain('更新滿意度問卷 行政課 民國114年4月30日 待辦、逾期');
      expect(overdue).not.toContain('檢討等候動線');
      expect(text((await (await as('clerk.zhubei')).get(`${base}/actions?filter=open`)).body)).toContain('檢討等候動線');
      const services = { ...t.services, clock: () => now };
      for (const who of ['director.zhubei', 'supervisor.zhubei']) {
        expect(await planNotices(await principalOf(who), services)).toEqual([{ key: 'plan.review.notice.overdue', params: { n: 1 }, href: `${base}/actions?filter=overdue` }]);
      }
      expect(await planNotices(await principalOf('clerk.zhubei'), services)).toEqual([]);
      expect(await planNotices(await principalOf('director.jianshi'), services)).toEqual([]);
    });

    it('records the meeting, freezes the figures it discussed, and updates the minutes on a second save', async () => {
      const page = `${base}/review/2025-02`;
      const bad = await postOn('supervisor.zhubei', page, `${page}/meeting`, { held_on: '2026-12-31', minutes: '討論服務人次' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/id="f-held_on-error">開會日期不能晚於今天/);
      expect(bad.body).toContain('討論服務人次');
      expect((await postOn('clerk.zhubei', page, `${page}/meeting`, { held_on: '114/3/5', minutes: 'x' })).statusCode).toBe(403);
      const ok = await postOn('supervisor.zhubei', page, `${page}/meeting`, { held_on: '114/3/5', minutes: '一、服務人次未達每月目標，請戶籍課研議。' });
      expect(ok.statusCode).toBe(303);
      // the roll-up is corrected afterwards: February served 99, not 95
      await putMonth(t.database.db, f.officeId, '2025-02', { 'q.tickets': 104, 'q.done': 99, 'q.waited': 80, 'q.within15': 60 });
      const discussed = text((await (await as('clerk.zhubei')).get(page)).body);
      expect(discussed).toContain('本頁數字為民國115年12月3日 10:00 儲存會議紀錄時凍結的資料');
      expect(discussed).toContain('服務人次 95 注意');
      expect(discussed).toContain('開會日期 民國114年3月5日 一、服務人次未達每月目標，請戶籍課研議。');
      const live = text((await (await as('clerk.zhubei')).get(`${page}?view=now`)).body);
      expect(live).toContain('服務人次 99 注意');
      expect(live).toContain('本頁數字取自目前的統計資料');
      const second = await postOn('director.zhubei', page, `${page}/meeting`, { held_on: '2025-03-06', minutes: '一、服務人次未達每月目標，請戶籍課研議。（更正）' });
      expect(second.statusCode).toBe(303);
      const rows = await t.database.db.selectFrom('plan_review').selectAll().where('plan_id', '=', f.planId).execute();
      expect(rows.map((r) => [r.month, r.held_on, r.minutes])).toEqual([['2025-02', '2025-03-06', '一、服務人次未達每月目標，請戶籍課研議。（更正）']]);
      expect(JSON.parse(rows[0]!.snapshot!).pack.items[0].measures[0].value).toBe(95);
      const after = text((await (await as('clerk.zhubei')).get(page)).body);
      expect(after).toContain('服務人次 95 注意');
      expect(after).toContain('（更正）');
      await putMonth(t.database.db, f.officeId, '2025-02', { 'q.tickets': 100, 'q.done': 95, 'q.waited': 80, 'q.within15': 60 });
    });

    it('keeps one meeting row when saves race (two requests at once, and eight service calls at once)', async () => {
      const page = `${base}/review/2025-04`;
      const a = await as('supervisor.zhubei');
      const b = await as('director.zhubei');
      const [pa, pb] = await Promise.all([a.get(page), b.get(page)]);
      const [ra, rb] = await Promise.all([
        a.post(`${page}/meeting`, { _csrf: csrfOf(pa.body), held_on: '114/5/2', minutes: '甲的紀錄' }),
        b.post(`${page}/meeting`, { _csrf: csrfOf(pb.body), held_on: '114/5/3', minutes: '乙的紀錄' }),
      ]);
      expect([ra.statusCode, rb.statusCode]).toEqual([303, 303]);
      const rows = await t.database.db.selectFrom('plan_review').select(['minutes']).where('plan_id', '=', f.planId).where('month', '=', '2025-04').execute();
      expect(rows).toHaveLength(1);
      expect(['甲的紀錄', '乙的紀錄']).toContain(rows[0]!.minutes);
      const supervisor = await principalOf('supervisor.zhubei');
      const pack = await buildPack(t.database.db, f.planId, '2025-05', '2026-12-03');
      const plan = { id: f.planId, countyId: f.countyId, officeId: f.officeId };
      await Promise.all(Array.from({ length: 8 }, (_, i) => saveMeeting(t.database, plan, pack, { heldOn: '2025-06-02', minutes: `第${i}次` }, '2026-12-03', supervisor, null, now)));
      const may = await t.database.db.selectFrom('plan_review').select(['minutes']).where('plan_id', '=', f.planId).where('month', '=', '2025-05').execute();
      expect(may).toHaveLength(1);
      const audit = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'plan.review.meeting').execute();
      // February twice, April twice, May eight times
      expect(audit).toHaveLength(12);
    });

    it('downloads the pack as ODS (two sheets, opened by LibreOffice) and as a tagged PDF', async () => {
      const a = await as('clerk.zhubei');
      const ods = await a.get(`${base}/review/2025-02/pack.ods?view=now`);
      expect(ods.statusCode).toBe(200);
      expect(ods.headers['content-type']).toContain('application/vnd.oasis.opendocument.spreadsheet');
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      expect(content).toContain('table:name="執行指標 民國114年2月"');
      expect(content).toContain('table:name="管考事項 民國114年2月"');
      expect(content).toContain('<text:p>服務人次</text:p>');
      expect(content).toContain('office:value="95"');
      expect(content).toContain('office:value="215"');
      expect(content).toContain('<text:p>2月10日起尖峰增開一櫃</text:p>');
      if (soffice) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-review-'));
        const file = path.join(dir, 'pack.ods');
        writeFileSync(file, ods.rawPayload);
        // every sheet to its own CSV (LibreOffice 7.2+: the last filter token -1)
        execFileSync(soffice, ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, file], { timeout: 90_000 });
        const sheet = (name: string) => path.join(dir, `pack-${name}.csv`);
        expect(existsSync(sheet('執行指標 民國114年2月'))).toBe(true);
        expect(readFileSync(sheet('執行指標 民國114年2月'), 'utf8')).toContain('一,服務流程,服務人次,,95,注意,120,-25,215,200,達成,100,系統計算,120,95');
        expect(readFileSync(sheet('管考事項 民國114年2月'), 'utf8')).toContain('本月結案,增開尖峰櫃台,一 服務流程,戶籍課,民國114年2月15日,已完成,民國114年1月,民國114年2月,2月10日起尖峰增開一櫃');
      }
      const pdf = await a.get(`${base}/review/2025-02/pack.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.toString('latin1')).toContain('/StructTreeRoot');
      if (pdftotext) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-review-pdf-'));
        const file = path.join(dir, 'pack.pdf');
        writeFileSync(file, pdf.rawPayload);
        const out = execFileSync(pdftotext, ['-layout', file, '-'], { encoding: 'utf8' });
        expect(out).toContain('竹北市戶政事務所所務會議管考資料');
        expect(out).toContain('民國114年2月');
        expect(out).toContain('共 3 項指標：達成 0 項、注意 2 項、落後 0 項、無資料 0 項、未訂目標 1 項。');
        expect(out).toMatch(/服務人次\s+95\s+注意\s+120\s+−25\s+215 \/ 200\s+達成/);
        expect(out).toContain('2月10日起尖峰增開一櫃');
        expect(out).toContain('民國114年3月6日');
      }
    });
  });
}
