import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { tools } from '../../../test/tools.js';
import { writeTransaction } from '../../db/index.js';
import type { Role, StaffPrincipal } from '../../platform/auth/roles.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { createPlan } from './create.js';
import type { CountyInput, SelfLine } from './eval-form.js';
import { type EvalOffice, reviewEvaluation, saveSelf, submitEvaluation } from './eval-service.js';

const soffice = tools.soffice();

/**
 * The fixture (Taipei clock 2026-12-03 10:00), offices in the county's order 竹北, 尖石:
 * 2026 — the county's plan from the 湖西 template; 竹北's copied from it (same 17 items, 100 points);
 *   尖石's from the 政府服務品質獎 template (8 items, 100 points, none of them in the county's plan).
 *   竹北 self 84.5 and county 78.5 (per item below), reviewed. 尖石 self 一1 12, 一2 8.5, 三1 10 = 30.5, a draft.
 *   Rows: the county plan's 17, then 尖石's 8; points 200.
 * 2025 — no county plan; both from the 政府服務品質獎 template: the 8 items matched across offices.
 *   竹北 self 一1 13; 尖石 self 一1 11, 二2 9 = 20; drafts.
 * 2024 — no plans.
 */
const HUXI = [
  ['一 訂定提升服務品質執行計畫', '4.5', '4'],
  ['二（一）1 便捷性', '4', '4'],
  ['二（一）2 透明度', '4.5', '4'],
  ['二（二）1 洽公環境及服務行為', '3.5', '3'],
  ['二（二）2 服務行銷有效性', '3', '3'],
  ['二（二）3 顧客滿意度', '4', '3.5'],
  ['二（二）4 民眾意見處理有效性', '3.5', '3.5'],
  ['二（二）5 獎項殊榮', '1', '1'],
  ['二（二）6 新聞媒體及輿論回應機制', '2', '1.5'],
  ['三（一）1 資訊公開適切性與內容有效性', '6.5', '6'],
  ['三（一）2 資訊檢索完整性與便捷性', '7', '6.5'],
  ['三（二）1 線上服務量能擴展性', '6', '6'],
  ['三（二）2 電子參與多樣性', '5.5', '5'],
  ['四1 有價值的創新服務', '8', '7'],
  ['四2 創新服務標竿學習效益', '7.5', '7'],
  ['四3 組織內部創新機制', '9', '8.5'],
  ['五 評核作業', '5', '5'],
] as const;
const tenths = (s: string) => Math.round(Number(s) * 10);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] county comparison of self-evaluations`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let zhubei2026 = 0;
    let jianshi2026 = 0;
    const agents: Record<string, Agent> = {};
    const as = async (who: string) => {
      if (!agents[who]) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(who, DEMO_PASSWORD);
      }
      return agents[who];
    };
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      const offices = await db.selectFrom('office').select(['id', 'code', 'county_id', 'name_zh']).execute();
      const office = (code: string): EvalOffice => {
        const o = offices.find((x) => x.code === code)!;
        return { id: o.id, code: o.code, countyId: o.county_id, name: o.name_zh };
      };
      const [zb, js] = [office('zhubei'), office('jianshi')];
      const who = async (username: string): Promise<StaffPrincipal> => {
        const s = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'county_id', 'office_id']).where('username', '=', username).executeTakeFirstOrThrow();
        return { id: s.id, username: s.username, displayName: s.display_name, role: s.role as Role, countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
      };
      const w = async (username: string) => ({ actor: await who(username), ip: null, now });
      const by = { id: null, name: 'test' };
      const plan = (officeId: number | null, year: number, source: { template: string } | { plan: number }) =>
        writeTransaction(t.database, (trx) => createPlan(trx, { countyId: zb.countyId, officeId, year, source }, by, now));
      /** item ids by '<codes from the top> <title>' */
      const itemsOf = async (planId: number) => {
        const rows = await db.selectFrom('plan_item').select(['id', 'parent_id', 'code', 'title']).where('plan_id', '=', planId).execute();
        const codeOf = (id: number | null): string => {
          const r = rows.find((x) => x.id === id);
          return r ? `${codeOf(r.parent_id)}${r.code}` : '';
        };
        return new Map(rows.map((r) => [`${codeOf(r.id)} ${r.title}`, r.id]));
      };
      const self = (items: Map<string, number>, scores: [string, string][]) =>
        new Map<number, SelfLine>(scores.map(([label, s]) => [items.get(label)!, { self10: tenths(s), account: '', links: [], files: [] }]));

      const countyPlan = await plan(null, 2026, { template: 'huxi103' });
      zhubei2026 = await plan(zb.id, 2026, { plan: countyPlan });
      jianshi2026 = await plan(js.id, 2026, { template: 'gsqa' });
      const zbItems = await itemsOf(zhubei2026);
      await saveSelf(t.database, zhubei2026, zb, self(zbItems, HUXI.map(([l, s]) => [l, s])), await w('supervisor.zhubei'));
      await submitEvaluation(t.database, zhubei2026, zb, new Map(), await w('director.zhubei'));
      const county: CountyInput = { items: new Map(HUXI.map(([l, , c]) => [zbItems.get(l)!, { county10: tenths(c), comment: '' }])), overall: '整體執行確實。' };
      await reviewEvaluation(t.database, zhubei2026, zb, county, 'complete', await w('county'));
      const jsItems = await itemsOf(jianshi2026);
      await saveSelf(t.database, jianshi2026, js, self(jsItems, [['一1 服務便捷性', '12'], ['一2 服務可近性', '8.5'], ['三1 創新服務', '10']]), await w('director.jianshi'));

      const zhubei2025 = await plan(zb.id, 2025, { template: 'gsqa' });
      const jianshi2025 = await plan(js.id, 2025, { template: 'gsqa' });
      await saveSelf(t.database, zhubei2025, zb, self(await itemsOf(zhubei2025), [['一1 服務便捷性', '13']]), await w('director.zhubei'));
      await saveSelf(t.database, jianshi2025, js, self(await itemsOf(jianshi2025), [['一1 服務便捷性', '11'], ['二2 線上服務及電子參與', '9']]), await w('director.jianshi'));

      const other = await db.insertInto('county').values({ code: 'other', name_zh: '他縣', name_en: 'Other', website: null }).returning('id').executeTakeFirstOrThrow();
      const hash = (await db.selectFrom('staff').select('password_hash').where('username', '=', 'county').executeTakeFirstOrThrow()).password_hash;
      const iso = now.toISOString();
      await db
        .insertInto('staff')
        .values({ username: 'county.other', display_name: '他縣承辦', email: 'o@example.gov.tw', password_hash: hash, role: 'county_admin', county_id: other.id, office_id: null, active: 1, must_change_password: 0, created_at: iso, updated_at: iso, password_changed_at: iso })
        .execute();
    });
    afterAll(async () => t?.dispose());

    it("puts the county plan's items first, then an office's own, with each office's self and county scores and the totals", async () => {
      const page = await (await as('county')).get('/staff/plan/county?year=2026');
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('民國115年各所自評與縣府評核對照');
      expect(body).toContain('各列依縣府本年度計畫的評分項目');
      expect(body).toContain('竹北市戶政事務所 縣府已完成評核');
      expect(body).toContain('尖石鄉戶政事務所 自評中（尚未送出）');
      expect(page.body).toContain(`href="/staff/plan/${zhubei2026}/evaluation"`);
      expect(page.body).toContain(`href="/staff/plan/${jianshi2026}/evaluation"`);
      expect(body).toContain('一 訂定提升服務品質執行計畫 5 4.5 4 — —');
      expect(body).toContain('二（二）6 新聞媒體及輿論回應機制 2 2 1.5 — —');
      expect(body).toContain('一1 服務便捷性 15 — — 12 —');
      expect(body).toContain('合計 200 84.5 78.5 30.5 —');
      // a director does not compare offices
      expect((await (await as('director.zhubei')).get('/staff/plan/county?year=2026')).statusCode).toBe(403);
      expect((await (await as('clerk.zhubei')).get('/staff/plan/county.csv?year=2026')).statusCode).toBe(403);
    });

    it('downloads the table as CSV whose totals are the sum of its rows, and as ODS LibreOffice opens', async () => {
      const csv = lines((await (await as('county')).get('/staff/plan/county.csv?year=2026')).body);
      expect(csv[0]).toMatch(/^評分項目,配分,\S*竹北市戶政事務所自評,\S*竹北市戶政事務所縣府評分,\S*尖石鄉戶政事務所自評,\S*尖石鄉戶政事務所縣府評分$/);
      expect(csv.slice(1, 18).map((l) => l.split(',').slice(0, 4))).toEqual(HUXI.map(([label, s, c]) => [label, expect.any(String), s, c]));
      expect(csv[1]).toBe('一 訂定提升服務品質執行計畫,5,4.5,4,,');
      expect(csv[18]).toBe('一1 服務便捷性,15,,,12,');
      expect(csv[19]).toBe('一2 服務可近性,10,,,8.5,');
      expect(csv[24]).toBe('三1 創新服務,15,,,10,');
      expect(csv[26]).toBe('合計,200,84.5,78.5,30.5,');
      expect(csv[27]).toBe('評核狀態,,縣府已完成評核,,自評中（尚未送出）,');
      // the totals row is the sum of the 25 rows above it, column by column
      const rows = csv.slice(1, 26).map((l) => l.split(','));
      expect(rows).toHaveLength(25);
      const total = csv[26]!.split(',');
      for (const col of [1, 2, 3, 4]) {
        const sum = rows.reduce((a, r) => a + tenths(r[col] || '0'), 0);
        expect(sum).toBe(tenths(total[col]!));
      }
      const ods = await (await as('county')).get('/staff/plan/county.ods?year=2026');
      expect(ods.headers['content-type']).toContain('application/vnd.oasis.opendocument.spreadsheet');
      if (soffice) {
        const dir = mkdtempSync(path.join(tmpdir(), 'hz-eval-county-'));
        writeFileSync(path.join(dir, 't.ods'), ods.rawPayload);
        execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 't.ods')], { timeout: 150_000 });
        const out = readFileSync(path.join(dir, 't.csv'), 'utf8');
        expect(out).toContain('二（一）2 透明度,5,4.5,4,,');
        expect(out).toContain('合計,200,84.5,78.5,30.5,');
      }
    }, 180_000);

    it("without a county plan matches the offices' items by code and title; a year without plans is empty", async () => {
      const c = await as('county');
      const body = text((await c.get('/staff/plan/county?year=2025')).body);
      expect(body).toContain('縣府尚未訂定本年度計畫');
      expect(body).toContain('一1 服務便捷性 15 13 — 11 —');
      expect(body).toContain('二2 線上服務及電子參與 10 — — 9 —');
      expect(body).toContain('合計 100 13 — 20 —');
      const csv = lines((await c.get('/staff/plan/county.csv?year=2025')).body);
      expect(csv.slice(1, 9).map((l) => l.split(',')[0])).toEqual(['一1 服務便捷性', '一2 服務可近性', '一3 服務成果及滿意度', '一4 民眾意見處理', '二1 資訊公開', '二2 線上服務及電子參與', '三1 創新服務', '三2 服務精進機制']);
      expect(csv[9]).toBe('合計,100,13,,20,');
      expect(csv[10]).toBe('評核狀態,,自評中（尚未送出）,,自評中（尚未送出）,');
      expect(text((await c.get('/staff/plan/county?year=2024')).body)).toContain('查無資料');
      // another county's administrator sees their own county: nothing of ours
      const other = await (await as('county.other')).get('/staff/plan/county?year=2026');
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('竹北');
      expect(text(other.body)).toContain('查無資料');
    });
  });
}
