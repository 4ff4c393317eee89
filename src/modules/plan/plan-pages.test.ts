import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { counts, itemByTitle, registerCoreTestIndicators, Staff, text } from './plan-fixture.js';

registerCoreTestIndicators();

/**
 * The plan's pages from creation to publication, as the people who use
 * them (clock: 2026-12-03 10:00 Taipei, so "this year" is 民國115年 and
 * "this month" December). Zhubei's plan starts from the 湖西 template:
 * five 實施要項, 100 points, one revision. Each step below says what it
 * adds to the revision and audit counts.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the plan's own pages`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let staff: Staff;
    let planId = 0;
    const plan = () => `/staff/plan/${planId}`;
    const db = () => t.database.db;
    const row = () => db().selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    const actions = async () => (await db().selectFrom('audit_log').select('action').where('action', 'like', 'plan.%').orderBy('id').execute()).map((r) => r.action);

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      staff = new Staff(t.app);
    });
    afterAll(async () => t?.dispose());

    it('creates the office plan from the 湖西 template through the page, and refuses a second one beside the year', async () => {
      const list = text((await (await staff.as('supervisor.zhubei')).get('/staff/plan')).body);
      expect(list).toContain('民國115年計畫');
      expect(list).toContain('新竹縣竹北市戶政事務所 尚未建立');
      const res = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2026', source: 'template:huxi103' });
      expect(res.statusCode).toBe(303);
      planId = Number(/^\/staff\/plan\/(\d+)$/.exec(res.headers.location as string)?.[1]);
      expect(planId).toBeGreaterThan(0);
      const page = text((await (await staff.as('supervisor.zhubei')).get(plan())).body);
      expect(page).toContain('新竹縣竹北市戶政事務所 115年提升服務品質執行計畫');
      expect(page).toContain('狀態 草案');
      expect(page).toContain('版次 第 1 版');
      expect(page).toContain('配分合計 100 分。');
      for (const top of ['一 訂定提升服務品質執行計畫', '二 建立優質的便民服務 （配分 30 分）', '三 資訊流通服務 （配分 30 分）', '四 創新加值服務 （配分 30 分）', '五 評核作業']) expect(page).toContain(top);
      expect(page).toContain('計畫報府備查並公告（完成＝1） 人工填報 目標值：≥ 1');
      expect(await counts(db(), planId)).toMatchObject({ revisions: 1, revision: 1 });
      expect(await actions()).toEqual(['plan.create']);

      const again = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2026', source: 'blank' });
      expect(again.statusCode).toBe(422);
      expect(again.body).toMatch(/id="f-year-error">民國115年已有計畫/);
      const nextYear = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2027', source: 'last' });
      expect(nextYear.statusCode).toBe(303);
      const plans = await db().selectFrom('plan').select(['year', 'source']).orderBy('id').execute();
      // next year's plan copies this year's (last year of 2027 is 2026): two plans now
      expect(plans).toEqual([
        { year: 2026, source: 'template:huxi103' },
        { year: 2027, source: `plan:${planId}` },
      ]);
      const noneBefore = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2025', source: 'last' });
      expect(noneBefore.statusCode).toBe(422);
      expect(noneBefore.body).toMatch(/id="f-source-error">去年沒有這個機關的計畫/);
      expect(await db().selectFrom('plan').select('id').execute()).toHaveLength(2);
    });

    it('lets a clerk read the plan but not change it, and keeps the county plan for the county', async () => {
      const clerk = await staff.as('clerk.zhubei');
      expect((await clerk.get(plan())).statusCode).toBe(200);
      expect((await clerk.get(`${plan()}/edit`)).statusCode).toBe(403);
      const before = await counts(db(), planId);
      expect((await staff.post('clerk.zhubei', plan(), `${plan()}/items`, { code: '六', title: '不該出現' })).statusCode).toBe(403);
      expect((await staff.post('clerk.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2025', source: 'blank' })).statusCode).toBe(403);
      // the supervisor may start an office plan, not the county's
      const county = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: `county:${(await row()).county_id}`, year: '2026', source: 'blank' });
      expect(county.statusCode).toBe(422);
      expect(county.body).toMatch(/id="f-office-error">/);
      expect(await counts(db(), planId)).toEqual(before);
    });

    it('edits an item and adds measures: each save one revision and one audit entry; a bad number changes nothing', async () => {
      const sup = 'supervisor.zhubei';
      const before = await counts(db(), planId);
      const add = await staff.post(sup, `${plan()}/items/new`, `${plan()}/items`, { code: '六', title: '測試項目', points: '0', deadline: '115/6/30', leadUnit: '行政課' });
      expect(add.statusCode).toBe(303);
      const six = await itemByTitle(db(), planId, '測試項目');
      expect(six).toMatchObject({ code: '六', depth: 1, points10: 0, deadline: '2026-06-30', leadUnit: '行政課' });

      const five = await itemByTitle(db(), planId, '評核作業');
      const bad = await staff.post(sup, `${plan()}/items/${five.id}`, `${plan()}/items/${five.id}`, { code: '五', title: '評核作業', points: '-1' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/id="f-points-error">配分請填 0 到 100 之間的數字，最多一位小數/);
      expect(bad.body).toContain('value="-1"');
      expect(await counts(db(), planId)).toMatchObject({ revisions: before.revisions + 1, audit: before.audit + 1 });

      const edit = await staff.post(sup, `${plan()}/items/${five.id}`, `${plan()}/items/${five.id}`, { code: '五', title: '評核作業', points: '4.5', deadline: '2026-12-31' });
      expect(edit.statusCode).toBe(303);
      expect((await itemByTitle(db(), planId, '評核作業')).points10).toBe(45);

      const computed = await staff.post(sup, `${plan()}/items/${six.id}/measures/new`, `${plan()}/items/${six.id}/measures`, { kind: 'indicator', indicator: 'coretest.items', target: '4' });
      expect(computed.statusCode).toBe(303);
      const share = await staff.post(sup, `${plan()}/items/${six.id}/measures/new`, `${plan()}/items/${six.id}/measures`, { kind: 'indicator', indicator: 'coretest.share', target: '90' });
      expect(share.statusCode).toBe(303);
      const hand = await staff.post(sup, `${plan()}/items/${six.id}/measures/new`, `${plan()}/items/${six.id}/measures`, { kind: 'hand', label: '標竿學習參訪次數', unit: 'count', better: 'higher', target: '1' });
      expect(hand.statusCode).toBe(303);
      const noLabel = await staff.post(sup, `${plan()}/items/${six.id}/measures/new`, `${plan()}/items/${six.id}/measures`, { kind: 'hand', label: '', target: 'x' });
      expect(noLabel.statusCode).toBe(422);
      expect(noLabel.body).toMatch(/id="f-label-error">/);
      expect(noLabel.body).toMatch(/id="f-target-error">請填數字/);

      // the share's target from 90 down to 85: the month's 86 now meets it; the year's 80 misses by 5, within the 5 points → 注意
      const shareId = (await itemByTitle(db(), planId, '測試項目')).measures.find((m) => m.indicatorKey === 'coretest.share')?.id;
      const retarget = await staff.post(sup, `${plan()}/measures/${shareId}`, `${plan()}/measures/${shareId}`, { kind: 'indicator', indicator: 'coretest.share', target: '85' });
      expect(retarget.statusCode).toBe(303);

      // item added, item edited, three measures added, one edited: six revisions, six audit entries
      expect(await counts(db(), planId)).toMatchObject({ revisions: before.revisions + 6, revision: before.revision + 6, audit: before.audit + 6 });
      expect((await actions()).slice(-6)).toEqual(['plan.item.add', 'plan.item.edit', 'plan.measure.add', 'plan.measure.add', 'plan.measure.add', 'plan.measure.edit']);

      const page = text((await (await staff.as(sup)).get(plan())).body);
      expect(page).toContain('配分合計為 99.5 分，不等於 100 分');
      expect(page).toContain('測試件數 目標值：≥ 4 5 達成 30 落後 （累計目標 ≥ 44.39）');
      expect(page).toContain('測試比率 目標值：≥ 85% 86% 達成 80% 注意');
      expect(page).toContain('標竿學習參訪次數 人工填報 目標值：≥ 1 — 無資料 — 無資料');

      const moved = await staff.post(sup, `${plan()}/edit`, `${plan()}/items/${six.id}/move`, { dir: 'up' });
      expect(moved.statusCode).toBe(303);
      const order = (await db().selectFrom('plan_item').select(['code', 'position']).where('plan_id', '=', planId).where('parent_id', 'is', null).orderBy('position').execute()).map((r) => r.code);
      expect(order).toEqual(['一', '二', '三', '四', '六', '五']);
      expect((await staff.post(sup, `${plan()}/edit`, `${plan()}/items/${(await itemByTitle(db(), planId, '訂定提升服務品質執行計畫')).id}/move`, { dir: 'up' })).statusCode).toBe(409);
    });

    it('lets the supervisor edit but not file; the director files only with the document number', async () => {
      expect((await staff.post('supervisor.zhubei', `${plan()}/state`, `${plan()}/state`, { to: 'filed', on: '115/12/1', doc: '竹北戶字第1150000123號' })).statusCode).toBe(403);
      const before = await counts(db(), planId);
      const noDoc = await staff.post('director.zhubei', `${plan()}/state`, `${plan()}/state`, { to: 'filed', on: '115/12/1', doc: '' });
      expect(noDoc.statusCode).toBe(422);
      expect(noDoc.body).toMatch(/id="f-doc-error">此欄必須填寫/);
      expect(noDoc.body).toContain('value="115/12/1"');
      expect(await row()).toMatchObject({ state: 'draft', filed_on: null, filed_doc: null });
      expect(await counts(db(), planId)).toEqual(before);
      const future = await staff.post('director.zhubei', `${plan()}/state`, `${plan()}/state`, { to: 'filed', on: '115/12/4', doc: '竹北戶字第1150000123號' });
      expect(future.statusCode).toBe(422);
      expect(future.body).toMatch(/id="f-on-error">日期不能晚於今天/);

      const filed = await staff.post('director.zhubei', `${plan()}/state`, `${plan()}/state`, { to: 'filed', on: '115/12/1', doc: '竹北戶字第1150000123號' });
      expect(filed.statusCode).toBe(303);
      expect(await row()).toMatchObject({ state: 'filed', filed_on: '2026-12-01', filed_doc: '竹北戶字第1150000123號' });
      expect(await counts(db(), planId)).toMatchObject({ revisions: before.revisions + 1, audit: before.audit + 1 });
      expect((await actions()).at(-1)).toBe('plan.state.filed');
      const page = text((await (await staff.as('clerk.zhubei')).get(plan())).body);
      expect(page).toContain('報府備查 民國115年12月1日，竹北戶字第1150000123號');
    });

    it('revises a filed plan only with a reason, kept with the revision; the state stays', async () => {
      const sup = 'supervisor.zhubei';
      const five = await itemByTitle(db(), planId, '評核作業');
      const gate = text((await (await staff.as(sup)).get(`${plan()}/edit`)).body);
      expect(gate).toContain('修正已報府備查的計畫');
      const before = await counts(db(), planId);
      const noReason = await staff.post(sup, `${plan()}/items/${five.id}`, `${plan()}/items/${five.id}`, { code: '五', title: '評核作業', points: '5' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.body).toMatch(/id="f-reason-error">請填寫修正理由/);
      expect(await counts(db(), planId)).toEqual(before);
      const ok = await staff.post(sup, `${plan()}/items/${five.id}?reason=x`, `${plan()}/items/${five.id}`, { code: '五', title: '評核作業', points: '5', reason: '依縣府意見修正' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`${plan()}/edit?reason=${encodeURIComponent('依縣府意見修正')}`);
      expect((await row()).state).toBe('filed');
      const last = await db().selectFrom('plan_revision').select(['revision', 'reason']).where('plan_id', '=', planId).orderBy('revision', 'desc').executeTakeFirstOrThrow();
      expect(last).toEqual({ revision: before.revision + 1, reason: 'item.edit:依縣府意見修正' });
      const list = text((await (await staff.as('clerk.zhubei')).get(`${plan()}/revisions`)).body);
      expect(list).toContain(`第 ${before.revision + 1} 版`);
      expect(list).toContain('修改項目：依縣府意見修正');
      expect(list).toContain('報府備查');
      const first = text((await (await staff.as('clerk.zhubei')).get(`${plan()}/revisions/1`)).body);
      expect(first).toContain('這是');
      expect(first).toContain('建立計畫');
      expect(first).toContain('狀態 草案');
      expect(first).not.toContain('測試項目');
      expect((await (await staff.as('clerk.zhubei')).get(`${plan()}/revisions/999`)).statusCode).toBe(404);
    });

    it('shows nothing public before publishing, then the items with their progress and no staff details', async () => {
      const anon = new Agent(t.app);
      const before = await anon.get('/o/zhubei/plan');
      expect(before.statusCode).toBe(200);
      expect(text(before.body)).toContain('本所民國115年提升服務品質執行計畫尚未公布。');
      expect(before.body).not.toContain('測試項目');
      expect((await anon.get('/o/nowhere/plan')).statusCode).toBe(404);

      const published = await staff.post('director.zhubei', `${plan()}/state`, `${plan()}/state`, { to: 'published', on: '2026-12-02' });
      expect(published.statusCode).toBe(303);
      expect(await row()).toMatchObject({ state: 'published', published_on: '2026-12-02' });
      const after = await anon.get('/o/zhubei/plan');
      const body = text(after.body);
      expect(body).toContain('115年提升服務品質執行計畫');
      expect(body).toContain('公布日期 民國115年12月2日');
      // the year at a glance above the long list: every measure counted once
      const glance = /截至民國115年12月3日的本年累計： 共 (\d+) 項指標：達成 (\d+) 項、注意 (\d+) 項、落後 (\d+) 項、無資料 (\d+) 項、未訂目標 (\d+) 項。/.exec(body);
      expect(glance).not.toBeNull();
      const [total, ...parts] = glance!.slice(1).map(Number);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(total).toBe((after.body.match(/<th scope="row">/g) ?? []).length);
      expect(body).toMatch(/數據每日更新，(最後更新：民國|目前尚無統計資料)/);
      expect(body).toContain('測試件數 目標值：≥ 4 5 達成 30 落後 （累計目標 ≥ 44.39）');
      expect(after.body).toMatch(/<caption[^>]*>[^<]*測試項目的執行指標<\/caption>/);
      expect(after.body).toContain('<th scope="col"');
      // the figures pages and the hand-entry pages are staff pages: the public one links to neither
      expect(after.body).not.toContain('/staff/figures');
      expect(after.body).not.toContain('/staff/plan');
    });

    it("shows the county's own plan with every office's year so far beside each measure", async () => {
      const { county_id } = await db().selectFrom('office').select('county_id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      const res = await staff.post('county', '/staff/plan', '/staff/plan', { office: `county:${county_id}`, year: '2026', source: 'template:gsqa' });
      expect(res.statusCode).toBe(303);
      const page = await (await staff.as('county')).get(res.headers.location as string);
      expect(text(page.body)).toContain('各所欄位為該所自 1月1日起至民國115年12月3日的本年累計數值');
      expect(page.body).toContain('>新竹縣竹北市戶政事務所</th>');
      expect(page.body).toContain('>新竹縣尖石鄉戶政事務所</th>');
      // a value cell per office on every measure's row, figures where the year has them
      const measures = page.body.match(/<th scope="row">/g)?.length ?? 0;
      const cells = [...page.body.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => text(m[1]!));
      expect(measures).toBeGreaterThan(5);
      expect(cells).toHaveLength(2 * measures);
      expect(cells.filter((c) => /^\d/.test(c)).length).toBeGreaterThan(0);
    });
  });
}
