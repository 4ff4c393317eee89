import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { createPlan } from './create.js';
import { itemByTitle, Staff, TINY_PDF, text } from './plan-fixture.js';

/**
 * Hand-entered values with their evidence, the county's own plan, another
 * county's plan, and a closed plan (clock: 2026-12-03 10:00 Taipei).
 * Zhubei's 2026 plan from the 湖西 template has the hand measure
 * 「網站無障礙標章有效（是＝1）」 (target ≥ 1) under 資訊檢索完整性與便捷性.
 */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] hand-entered values, the county plan and who sees what`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let staff: Staff;
    let planId = 0;
    let measureId = 0;
    const plan = () => `/staff/plan/${planId}`;
    const hand = () => `${plan()}/hand/${measureId}`;
    const db = () => t.database.db;
    const handRows = () => db().selectFrom('plan_hand_value').selectAll().where('measure_id', '=', measureId).execute();
    const files = () => db().selectFrom('plan_file').select(['id', 'filename', 'mime', 'office_id']).execute();

    /** The hand page's form, posted as multipart with that page's CSRF token. */
    async function enter(who: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) {
      const a = await staff.as(who);
      const page = await a.get(hand());
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return a.postMultipart(hand(), { _csrf: token, ...fields }, file ? { field: 'file', ...file } : []);
    }

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      staff = new Staff(t.app);
      const res = await staff.post('supervisor.zhubei', '/staff/plan', '/staff/plan', { office: 'zhubei', year: '2026', source: 'template:huxi103' });
      planId = Number(/(\d+)$/.exec(res.headers.location as string)?.[1]);
      const item = await itemByTitle(db(), planId, '資訊檢索完整性與便捷性');
      measureId = item.measures.find((m) => m.indicatorKey === null)?.id ?? 0;
    });
    afterAll(async () => t?.dispose());

    it('needs the evidence with a month’s first value, keeps it when the month is entered again, and shows the file', async () => {
      const clerkPage = text((await (await staff.as('clerk.zhubei')).get(hand())).body);
      expect(clerkPage).toContain('人工填報：網站無障礙標章有效（是＝1）');
      expect((await (await staff.as('clerk.zhubei')).get(hand())).body).not.toContain('enctype="multipart/form-data"');

      const noFile = await enter('supervisor.zhubei', { month: '2026-11', value: '1', note: '標章有效至 117 年' });
      expect(noFile.statusCode).toBe(422);
      expect(noFile.body).toMatch(/id="f-file-error">第一次填報這個月份，請附上佐證資料/);
      expect(noFile.body).toContain('標章有效至 117 年');
      const notPdf = await enter('supervisor.zhubei', { month: '2026-11', value: '1' }, { name: 'fake.pdf', bytes: new TextEncoder().encode('just text'), type: 'application/pdf' });
      expect(notPdf.statusCode).toBe(422);
      expect(notPdf.body).toMatch(/id="f-file-error">檔案格式須為 PDF/);
      const nextYear = await enter('supervisor.zhubei', { month: '2027-01', value: '1' }, { name: 'a.pdf', bytes: TINY_PDF, type: 'application/pdf' });
      expect(nextYear.statusCode).toBe(422);
      expect(nextYear.body).toMatch(/id="f-month-error">/);
      expect(await handRows()).toHaveLength(0);
      expect(await files()).toHaveLength(0);

      const ok = await enter('supervisor.zhubei', { month: '2026-11', value: '1', note: '標章有效至 117 年' }, { name: '無障礙標章.pdf', bytes: TINY_PDF, type: 'application/pdf' });
      expect(ok.statusCode).toBe(303);
      const [file] = await files();
      expect(file).toMatchObject({ filename: '無障礙標章.pdf', mime: 'application/pdf' });
      expect((await handRows()).map((r) => [r.month, Number(r.value), r.note, r.file_id])).toEqual([['2026-11', 1, '標章有效至 117 年', file?.id]]);

      // the same month again, no file: the value is replaced, the evidence kept
      const again = await enter('supervisor.zhubei', { month: '2026-11', value: '0', note: '標章逾期' });
      expect(again.statusCode).toBe(303);
      expect((await handRows()).map((r) => [r.month, Number(r.value), r.note, r.file_id])).toEqual([['2026-11', 0, '標章逾期', file?.id]]);
      expect(await files()).toHaveLength(1);
      const audit = await db().selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'plan.hand.save').execute();
      expect(audit).toEqual([
        { action: 'plan.hand.save', target_id: String(measureId) },
        { action: 'plan.hand.save', target_id: String(measureId) },
      ]);

      const page = await (await staff.as('clerk.zhubei')).get(hand());
      expect(text(page.body)).toContain('民國115年11月 0 標章逾期 無障礙標章.pdf');
      expect(page.body).toContain(`href="/staff/plan/files/${file?.id}"`);
      // December has no value yet; the year so far shows November's 0 against ≥ 1: short by 1, more than a tenth → 落後
      const planPage = text((await (await staff.as('clerk.zhubei')).get(plan())).body);
      expect(planPage).toContain('網站無障礙標章有效（是＝1） 人工填報 目標值：≥ 1 — 無資料 0 落後 （民國115年11月填報）');
    });

    it('refuses to delete a measure or an item that holds hand-entered values', async () => {
      const item = await itemByTitle(db(), planId, '資訊檢索完整性與便捷性');
      const m = await staff.post('supervisor.zhubei', `${plan()}/items/${item.id}`, `${plan()}/measures/${measureId}/delete`, {});
      expect(m.statusCode).toBe(409);
      expect(m.body).toContain('這項指標已有人工填報數值，不能刪除或改為系統指標');
      const i = await staff.post('supervisor.zhubei', `${plan()}/edit`, `${plan()}/items/${item.id}/delete`, {});
      expect(i.statusCode).toBe(409);
      expect(i.body).toContain('這個項目的指標已有人工填報數值，不能刪除');
      const parent = await itemByTitle(db(), planId, '資訊流通及檢索');
      const p = await staff.post('supervisor.zhubei', `${plan()}/edit`, `${plan()}/items/${parent.id}/delete`, {});
      expect(p.statusCode).toBe(409);
      expect((await itemByTitle(db(), planId, '資訊檢索完整性與便捷性')).measures).toHaveLength(2);
      // a leaf without values goes, its measures with it
      const leaf = await itemByTitle(db(), planId, '獎項殊榮');
      expect((await staff.post('supervisor.zhubei', `${plan()}/edit`, `${plan()}/items/${leaf.id}/delete`, {})).statusCode).toBe(303);
      expect(await db().selectFrom('plan_measure').select('id').where('item_id', '=', leaf.id).execute()).toHaveLength(0);
    });

    it('keeps the county plan for the county: offices read it and start theirs from it', async () => {
      const countyId = (await db().selectFrom('county').select('id').where('code', '=', 'hsinchu').executeTakeFirstOrThrow()).id;
      const res = await staff.post('county', '/staff/plan', '/staff/plan', { office: `county:${countyId}`, year: '2026', source: 'template:gsqa' });
      expect(res.statusCode).toBe(303);
      const countyPlan = Number(/(\d+)$/.exec(res.headers.location as string)?.[1]);
      const read = text((await (await staff.as('director.jianshi')).get(`/staff/plan/${countyPlan}`)).body);
      expect(read).toContain('縣府計畫 115年提升服務品質執行計畫');
      expect(read).toContain('縣府計畫本身不計數；各所欄位為該所自 1月1日起');
      // an office's director reads it against their own office, not the others'
      expect(read).toContain('新竹縣尖石鄉戶政事務所');
      expect(read).not.toContain('新竹縣竹北市戶政事務所');
      expect((await (await staff.as('director.jianshi')).get(`/staff/plan/${countyPlan}/edit`)).statusCode).toBe(403);
      const jianshi = await staff.post('director.jianshi', '/staff/plan', '/staff/plan', { office: 'jianshi', year: '2026', source: 'county' });
      expect(jianshi.statusCode).toBe(303);
      const copied = await db().selectFrom('plan_item').select('id').where('plan_id', '=', Number(/(\d+)$/.exec(jianshi.headers.location as string)?.[1])).execute();
      // 政府服務品質獎: three dimensions and eight items under them
      expect(copied).toHaveLength(11);
      // Jianshi's director does not see Zhubei's plan or its hand page
      expect((await (await staff.as('director.jianshi')).get(plan())).statusCode).toBe(404);
      expect((await (await staff.as('director.jianshi')).get(hand())).statusCode).toBe(404);
    });

    it("answers 404 for another county's plan, even to this county's staff", async () => {
      const county = await db().insertInto('county').values({ code: 'faraway', name_zh: '遠方縣', name_en: 'Faraway', website: null }).returning('id').executeTakeFirstOrThrow();
      const other = await writeTransaction(t.database, (trx) => createPlan(trx, { countyId: county.id, officeId: null, year: 2026, source: { template: 'gsqa' } }, { id: null, name: 'test' }, now));
      for (const who of ['director.zhubei', 'county', 'clerk.zhubei']) {
        expect((await (await staff.as(who)).get(`/staff/plan/${other}`)).statusCode).toBe(404);
        expect((await (await staff.as(who)).get(`/staff/plan/${other}/revisions/1`)).statusCode).toBe(404);
      }
      expect((await staff.post('county', '/staff/plan', `/staff/plan/${other}/items`, { code: '九', title: '不該出現' })).statusCode).toBe(404);
      expect((await (await staff.as('admin')).get(`/staff/plan/${other}`)).statusCode).toBe(200);
    });

    it('closes the plan: no more changes and no more values, said in words', async () => {
      const d = 'director.zhubei';
      expect((await staff.post(d, `${plan()}/state`, `${plan()}/state`, { to: 'filed', on: '2026-02-10', doc: '竹北戶字第1150000050號' })).statusCode).toBe(303);
      const early = await staff.post(d, `${plan()}/state`, `${plan()}/state`, { to: 'published', on: '2026-02-01' });
      expect(early.statusCode).toBe(422);
      expect(early.body).toMatch(/id="f-on-error">公布日期不能早於報府備查日期/);
      expect((await staff.post(d, `${plan()}/state`, `${plan()}/state`, { to: 'published', on: '2026-02-12' })).statusCode).toBe(303);
      const stale = await staff.post(d, `${plan()}/state`, `${plan()}/state`, { to: 'published', on: '2026-02-12' });
      expect(stale.statusCode).toBe(409);
      expect((await staff.post(d, `${plan()}/state`, `${plan()}/state`, { to: 'closed', on: '2026-12-03' })).statusCode).toBe(303);
      const five = await itemByTitle(db(), planId, '評核作業');
      const edit = await staff.post('supervisor.zhubei', `${plan()}/edit`, `${plan()}/items/${five.id}`, { code: '五', title: '評核作業', points: '5', reason: '補正' });
      expect(edit.statusCode).toBe(409);
      expect(edit.body).toContain('計畫已結案，不能再修改');
      const value = await enter('supervisor.zhubei', { month: '2026-12', value: '1' }, { name: 'a.pdf', bytes: TINY_PDF, type: 'application/pdf' });
      expect(value.statusCode).toBe(409);
      const revisions = await db().selectFrom('plan_revision').select('reason').where('plan_id', '=', planId).orderBy('revision').execute();
      expect(revisions.map((r) => r.reason).slice(-3)).toEqual(['state.filed', 'state.published', 'state.closed']);
    });

    it('speaks English with every string of its own', async () => {
      const a = await staff.as('supervisor.zhubei');
      for (const path of [plan(), `${plan()}/edit`, `${plan()}/state`, `${plan()}/revisions`, `${plan()}/revisions/1`, hand(), '/staff/plan']) {
        const body = text((await a.get(`${path}?lang=en`)).body);
        expect(body, path).not.toMatch(/plan\.(col|nav|status|state|value|unitName|links|measures?|edit|item|hand|public|rev|revisions?|step|list|create|source)\.[a-zA-Z]/);
      }
      expect(text((await a.get(`${plan()}?lang=en`)).body)).toContain('Items and measures');
    });
  });
}
