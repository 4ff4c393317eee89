import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { tools } from '../../../test/tools.js';
import { writeTransaction } from '../../db/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { createPlan } from './create.js';
import { saveEvidence } from './files.js';

const pdftotext = tools.pdftotext();
const soffice = tools.soffice();

/**
 * The fixture (Taipei clock 2026-12-03 10:00): 竹北's 2026 plan from the
 * 湖西 template (17 scored items, 100 points), the county's own 2026 plan.
 * Item 一 has one hand-entered measure (計畫報府備查並公告, target 1):
 * 1 entered for 2026-02, so the year so far reads 1, 達成.
 * Self-scores typed (points in brackets), 84.5 in all:
 *   一 4.5 (5) · 便捷性 4 (5) · 透明度 4.5 (5) · 洽公環境 3.5 (4) · 服務行銷 3 (4) · 顧客滿意度 4 (4)
 *   民眾意見 3.5 (4) · 獎項殊榮 1 (2) · 新聞媒體 2 (2) · 資訊公開 6.5 (7.5) · 資訊檢索 7 (7.5)
 *   線上服務 6 (7.5) · 電子參與 5.5 (7.5) · 創新服務 8 (10) · 標竿學習 7.5 (10) · 內部創新 9 (10) · 評核作業 5 (5)
 * After the county returns it, 一 becomes 4: 84 in all.
 * County scores, 78.5 in all:
 *   4 · 4 · 4 · 3 · 3 · 3.5 · 3.5 · 1 · 1.5 · 6 · 6.5 · 6 · 5 · 7 · 7 · 8.5 · 5
 */
const TITLES = [
  '訂定提升服務品質執行計畫',
  '便捷性',
  '透明度',
  '洽公環境及服務行為',
  '服務行銷有效性',
  '顧客滿意度',
  '民眾意見處理有效性',
  '獎項殊榮',
  '新聞媒體及輿論回應機制',
  '資訊公開適切性與內容有效性',
  '資訊檢索完整性與便捷性',
  '線上服務量能擴展性',
  '電子參與多樣性',
  '有價值的創新服務',
  '創新服務標竿學習效益',
  '組織內部創新機制',
  '評核作業',
];
const SELF = ['4.5', '4', '4.5', '3.5', '3', '4', '3.5', '1', '2', '6.5', '7', '6', '5.5', '8', '7.5', '9', '5'];
const COUNTY = ['4', '4', '4', '3', '3', '3.5', '3.5', '1', '1.5', '6', '6.5', '6', '5', '7', '7', '8.5', '5'];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] plan self-evaluation and county review`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let planId = 0;
    let countyPlanId = 0;
    let fileId = 0;
    let handMeasure = 0;
    const ids: number[] = [];
    const agents: Record<string, Agent> = {};
    const url = () => `/staff/plan/${planId}/evaluation`;
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const as = async (who: string) => {
      if (!agents[who]) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(who, DEMO_PASSWORD);
      }
      return agents[who];
    };
    const postOn = async (who: string, action: string, form: Record<string, string>) => {
      const a = await as(who);
      const page = await a.get(url());
      return a.post(action, { _csrf: csrfOf(page.body), ...form });
    };
    /** every item on the form with the scores given (by position in TITLES) */
    const scoreForm = (field: 'self' | 'county', scores: string[]) => Object.fromEntries(ids.flatMap((id, i) => [[`item.${id}`, '1'], [`${field}.${id}`, scores[i] ?? '']]));
    const evaluation = () => t.database.db.selectFrom('plan_evaluation').selectAll().where('plan_id', '=', planId).executeTakeFirst();
    const scores = () => t.database.db.selectFrom('plan_item_score').selectAll().where('plan_id', '=', planId).execute();
    const sum = (xs: (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
    const audits = async () => (await t.database.db.selectFrom('audit_log').select('action').where('target_type', '=', 'plan_evaluation').orderBy('id').execute()).map((a) => a.action);

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const zhubei = await db.selectFrom('office').select(['id', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      const by = { id: null, name: 'test' };
      countyPlanId = await writeTransaction(t.database, (trx) => createPlan(trx, { countyId: zhubei.county_id, officeId: null, year: 2026, source: { template: 'huxi103' } }, by, now));
      planId = await writeTransaction(t.database, (trx) => createPlan(trx, { countyId: zhubei.county_id, officeId: zhubei.id, year: 2026, source: { template: 'huxi103' } }, by, now));
      const items = await db.selectFrom('plan_item').select(['id', 'title']).where('plan_id', '=', planId).execute();
      for (const title of TITLES) ids.push(items.find((i) => i.title === title)!.id);
      const measure = await db.selectFrom('plan_measure').select('id').where('item_id', '=', ids[0]!).executeTakeFirstOrThrow();
      handMeasure = measure.id;
      fileId = await saveEvidence(db, { countyId: zhubei.county_id, officeId: zhubei.id }, { filename: '備查函.pdf', mime: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') }, null, now);
      await db.insertInto('plan_hand_value').values({ measure_id: handMeasure, month: '2026-02', value: 1, note: '府函備查', file_id: fileId, entered_by: null, entered_at: now.toISOString() }).execute();
      // another county and its administrator: our plans are not there for them
      const other = await db.insertInto('county').values({ code: 'other', name_zh: '他縣', name_en: 'Other', website: null }).returning('id').executeTakeFirstOrThrow();
      const hash = (await db.selectFrom('staff').select('password_hash').where('username', '=', 'county').executeTakeFirstOrThrow()).password_hash;
      const iso = now.toISOString();
      await db
        .insertInto('staff')
        .values({ username: 'county.other', display_name: '他縣承辦', email: 'o@example.gov.tw', password_hash: hash, role: 'county_admin', county_id: other.id, office_id: null, active: 1, must_change_password: 0, created_at: iso, updated_at: iso, password_changed_at: iso })
        .execute();
    });
    afterAll(async () => t?.dispose());

    it("shows a clerk every scored item with its points and the year's measures, without a form", async () => {
      const page = await (await as('clerk.zhubei')).get(url());
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      for (const title of TITLES) expect(page.body).toContain(`${title}</h2>`);
      expect(body).toContain('評核狀態： 自評中（尚未送出）');
      expect(body).toContain('統計期間：民國115年1月1日至民國115年12月3日');
      expect(body).toContain('以下數字為即時計算');
      expect(body).toContain('自評合計 —／100 分');
      expect(body).toContain('計畫報府備查並公告（完成＝1） 1 1 達成 人工填報（民國115年2月）');
      expect(body).toContain('資訊公開適切性與內容有效性 7.5 — —');
      expect(page.body).not.toContain('儲存自評');
      const english = new Agent(t.app);
      await english.signIn('clerk.zhubei', DEMO_PASSWORD);
      const en = text((await english.get(`${url()}?lang=en`)).body);
      expect(en).toContain('Self-evaluation and review');
      expect(en).toContain('Period counted: 1 January 2026 to 3 December 2026');
      expect(en).toContain('計畫報府備查並公告（完成＝1） 1 1 On track Entered by hand (Feb 2026)');
      // scoring is not a clerk's: 403, nothing stored
      const res = await postOn('clerk.zhubei', url(), { op: 'save', ...scoreForm('self', SELF) });
      expect(res.statusCode).toBe(403);
      expect(await scores()).toHaveLength(0);
      // the county's own plan has no self-evaluation
      expect((await (await as('county')).get(`/staff/plan/${countyPlanId}/evaluation`)).statusCode).toBe(404);
    });

    it('keeps a score above the points (and a bad link) beside the field, storing nothing', async () => {
      const first = ids[0]!;
      const res = await postOn('supervisor.zhubei', url(), { op: 'save', ...scoreForm('self', ['5.5', '4.55']), [`links.${first}`]: 'javascript:alert(1)' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(new RegExp(`id="f-self_${first}-error">分數不能超過本項配分 5 分`));
      expect(res.body).toMatch(new RegExp(`id="f-self_${ids[1]}-error">請填 0 到 5 之間的分數，最多一位小數`));
      expect(res.body).toMatch(new RegExp(`id="f-links_${first}-error">每行一筆連結`));
      expect(res.body).toContain('value="5.5"');
      expect(res.body).toContain('value="4.55"');
      expect(await scores()).toHaveLength(0);
      expect(await evaluation()).toBeUndefined();
    });

    it('saves self-scores, an account and evidence (a supervisor), but a supervisor cannot submit', async () => {
      const first = ids[0]!;
      const res = await postOn('supervisor.zhubei', url(), {
        op: 'save',
        ...scoreForm('self', SELF),
        [`account.${first}`]: '計畫已於2月報府備查，並公告於網站。',
        [`links.${first}`]: '稽核紀錄 | /staff/audit?action=plan',
        [`files.${first}`]: String(fileId),
      });
      expect(res.statusCode).toBe(303);
      const rows = await scores();
      expect(rows).toHaveLength(17);
      expect(sum(rows.map((r) => r.self10))).toBe(845);
      expect(rows.find((r) => r.item_id === first)).toMatchObject({ self10: 45, account: '計畫已於2月報府備查，並公告於網站。' });
      expect(JSON.parse(rows.find((r) => r.item_id === first)!.evidence)).toEqual({ links: [{ label: '稽核紀錄', href: '/staff/audit?action=plan' }], files: [fileId] });
      const page = await (await as('supervisor.zhubei')).get(url());
      expect(text(page.body)).toContain('自評合計 84.5／100 分');
      expect(page.body).toContain(`name="files.${first}" value="${fileId}" checked`);
      expect(page.body).not.toContain('儲存並送出縣府');
      expect((await postOn('supervisor.zhubei', url(), { op: 'submit' })).statusCode).toBe(403);
      expect((await evaluation())?.state).toBe('draft');
    });

    it('submits (a director): the figures and scores are frozen; a later hand value does not move them; scores can no longer change', async () => {
      expect((await postOn('director.zhubei', url(), { op: 'submit' })).statusCode).toBe(303);
      const row = await evaluation();
      expect(row).toMatchObject({ state: 'submitted', frozen_at: now.toISOString(), submitted_at: now.toISOString() });
      const snap = JSON.parse(row!.snapshot!);
      expect(snap.items).toHaveLength(17);
      expect(snap.items[0].self10).toBe(45);
      expect(snap.items[0].measures[0]).toMatchObject({ value: 1, status: 'on_track', origin: 'hand', handMonth: '2026-02' });
      // November's entry arrives after submission: 0, which would read 落後
      await t.database.db.insertInto('plan_hand_value').values({ measure_id: handMeasure, month: '2026-11', value: 0, note: '', file_id: null, entered_by: null, entered_at: now.toISOString() }).execute();
      const body = text((await (await as('clerk.zhubei')).get(url())).body);
      expect(body).toContain('數據凍結於民國115年12月3日 10:00');
      expect(body).toContain('計畫報府備查並公告（完成＝1） 1 1 達成 人工填報（民國115年2月）');
      expect(body).not.toContain('落後 人工填報（民國115年11月）');
      expect(body).toContain('稽核紀錄 備查函.pdf');
      const late = await postOn('supervisor.zhubei', url(), { op: 'save', ...scoreForm('self', ['1']) });
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('自評已送出（已送出，待縣府評核），分數、說明與佐證不能再修改');
      expect((await scores()).find((r) => r.item_id === ids[0])?.self10).toBe(45);
      const again = await postOn('director.zhubei', url(), { op: 'submit' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('這份自評目前的狀態是「已送出，待縣府評核」');
    });

    it('lets only the county of the plan review it: a director 403, another county 404, a score above the points 422', async () => {
      expect((await postOn('director.zhubei', `${url()}/review`, { op: 'save', ...scoreForm('county', COUNTY) })).statusCode).toBe(403);
      const other = await as('county.other');
      expect((await other.get(url())).statusCode).toBe(404);
      expect((await other.get(`${url()}.pdf`)).statusCode).toBe(404);
      const token = csrfOf((await other.get('/staff')).body);
      expect((await other.post(`${url()}/review`, { _csrf: token, op: 'complete', ...scoreForm('county', COUNTY) })).statusCode).toBe(404);
      const bad = await postOn('county', `${url()}/review`, { op: 'save', ...scoreForm('county', ['6']) });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(new RegExp(`id="f-county_${ids[0]}-error">分數不能超過本項配分 5 分`));
      expect((await scores()).every((r) => r.county10 === null)).toBe(true);
    });

    it('returns it (a comment is needed), the office sees live figures again, edits and submits again: frozen anew', async () => {
      const noComment = await postOn('county', `${url()}/review`, { op: 'return', overall: ' ' });
      expect(noComment.statusCode).toBe(422);
      expect(noComment.body).toMatch(/id="f-overall-error">退回時請填寫總評意見/);
      expect((await postOn('county', `${url()}/review`, { op: 'return', overall: '請補充評核作業佐證。' })).statusCode).toBe(303);
      expect(await evaluation()).toMatchObject({ state: 'returned', county_comment: '請補充評核作業佐證。' });
      const returned = text((await (await as('supervisor.zhubei')).get(url())).body);
      expect(returned).toContain('縣府退回意見： 請補充評核作業佐證。');
      expect(returned).toContain('計畫報府備查並公告（完成＝1） 0 1 落後 人工填報（民國115年11月）');
      expect((await postOn('supervisor.zhubei', url(), { op: 'save', [`item.${ids[0]}`]: '1', [`self.${ids[0]}`]: '4' })).statusCode).toBe(303);
      expect((await postOn('director.zhubei', url(), { op: 'submit' })).statusCode).toBe(303);
      const row = await evaluation();
      expect(row).toMatchObject({ state: 'submitted', county_comment: null });
      const snap = JSON.parse(row!.snapshot!);
      expect(snap.items[0]).toMatchObject({ self10: 40, account: '', links: [], files: [] });
      expect(snap.items[0].measures[0]).toMatchObject({ value: 0, status: 'off_track', handMonth: '2026-11' });
      expect(sum(snap.items.map((i: { self10: number }) => i.self10))).toBe(840);
    });

    it('completes the review only with every item scored; the totals add up', async () => {
      const partial = await postOn('county', `${url()}/review`, { op: 'complete', ...scoreForm('county', COUNTY.slice(0, 16)) });
      expect(partial.statusCode).toBe(422);
      expect(partial.body).toMatch(new RegExp(`id="f-county_${ids[16]}-error">完成評核前請填寫縣府評分`));
      expect((await evaluation())?.state).toBe('submitted');
      expect((await postOn('county', `${url()}/review`, { op: 'save', ...scoreForm('county', COUNTY), [`ccomment.${ids[1]}`]: '等候時間控制良好。' })).statusCode).toBe(303);
      expect((await postOn('county', `${url()}/review`, { op: 'complete', overall: '整體執行確實。' })).statusCode).toBe(303);
      expect(await evaluation()).toMatchObject({ state: 'reviewed', county_comment: '整體執行確實。', reviewed_at: now.toISOString() });
      expect(sum((await scores()).map((r) => r.county10))).toBe(785);
      const body = text((await (await as('director.zhubei')).get(url())).body);
      expect(body).toContain('縣府已完成評核');
      expect(body).toContain('自評合計 84／100 分');
      expect(body).toContain('縣府評分合計 78.5／100 分');
      expect(body).toContain('合計 100 84 78.5');
      expect(body).toContain('等候時間控制良好。');
      const late = await postOn('county', `${url()}/review`, { op: 'return', overall: '再退一次' });
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('這份自評目前的狀態是「縣府已完成評核」');
      expect(await audits()).toEqual([
        'plan.evaluation.save',
        'plan.evaluation.submit',
        'plan.evaluation.return',
        'plan.evaluation.save',
        'plan.evaluation.submit',
        'plan.evaluation.score',
        'plan.evaluation.review',
      ]);
    });

    it('downloads the pack as ODS (LibreOffice opens it) and a tagged PDF, with the frozen figures', async () => {
      const a = await as('clerk.zhubei');
      const ods = await a.get(`${url()}.ods`);
      expect(ods.headers['content-type']).toContain('application/vnd.oasis.opendocument.spreadsheet');
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      expect(content).toContain('<text:p>一 訂定提升服務品質執行計畫</text:p>');
      expect(content).toContain('office:value="78.5"');
      expect(content).toContain('office:value="84"');
      expect(content).toContain('人工填報（民國115年11月）');
      if (soffice) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-eval-'));
        writeFileSync(path.join(dir, 'e.ods'), ods.rawPayload);
        execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 'e.ods')], { timeout: 120_000 });
        const csv = readFileSync(path.join(dir, 'e.csv'), 'utf8');
        expect(csv).toContain('一 訂定提升服務品質執行計畫,5,4,4');
        expect(csv).toContain('合計,100,84,78.5');
      }
      const pdf = await a.get(`${url()}.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.toString('latin1')).toContain('/StructTreeRoot');
      if (pdftotext) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-eval-'));
        writeFileSync(path.join(dir, 'e.pdf'), pdf.rawPayload);
        const out = execFileSync(pdftotext, ['-layout', path.join(dir, 'e.pdf'), '-'], { encoding: 'utf8' });
        expect(out).toContain('竹北市戶政事務所');
        expect(out).toContain('數據凍結於民國115年12月3日 10:00');
        expect(out).toContain('自評合計：84／100 分');
        expect(out).toContain('縣府評分合計：78.5／100 分');
        expect(out).toMatch(/計畫報府備查並公告（完成＝1）\s+0\s+1\s+落後/);
      }
      // LibreOffice's first start makes its profile: slow on a busy machine
    }, 180_000);
  });
}
