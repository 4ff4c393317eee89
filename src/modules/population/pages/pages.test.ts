import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { insertHandCounted } from './test-fixture.js';

/**
 * The public pages, downloads, API and home block on the hand-counted
 * county of test-fixture.ts (its comment has the sums these numbers come from).
 */

/** The cells of a table's rows, tags stripped: what a person reads. */
function rowsOf(table: string): string[][] {
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
}
/** The body rows of the first table after a marker (a section's id). */
function tableAfter(html: string, marker: string): string[][] {
  const from = html.indexOf(marker);
  expect(from, marker).toBeGreaterThan(-1);
  const start = html.indexOf('<table', from);
  return rowsOf(html.slice(start, html.indexOf('</table>', start))).slice(1);
}
/** The headline tiles: label → value as shown (hint left out). */
function tiles(html: string): Record<string, string> {
  const dl = /<dl class="stat-grid">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [...dl.matchAll(/<dt>([\s\S]*?)<\/dt><dd>([\s\S]*?)(?:<span[\s\S]*?<\/span>)?<\/dd>/g)].map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, '').trim()]),
  );
}
const n = (s: string) => Number(s.replace(/[,+]/g, ''));
const figcaptions = (html: string) => [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) => m[1]!);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] population pages`, () => {
    const now = new Date('2026-11-20T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let web: Agent;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now, env: { RUN_WORKER: 'false' } });
      const db = t.database.db;
      const county = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
      const offices = Object.fromEntries((await db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      await insertHandCounted(db, county.id, offices);
      web = new Agent(t.app);
    });
    afterAll(async () => t?.dispose());

    it('county: every figure of the latest month, the towns adding up to it', async () => {
      const res = await web.get('/population');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('<h1>新竹縣人口統計</h1>');
      expect(html).toContain('統計月份：115年10月');
      expect(tiles(html)).toEqual({
        人口數: '8,350 人',
        戶數: '2,900 戶',
        男: '4,190 人',
        女: '4,160 人',
        性比例: '100.72',
        平均每戶人數: '2.88',
        人口密度: '15.46',
        扶養比: '66.77',
        老化指數: '100.06',
      });
      expect(figcaptions(html)[0]).toBe('115年10月人口 8,350 人，較上月增加 4 人；戶數 2,900 戶，較上月增加 6 戶。');
      expect(tableAfter(html, 'id="trend"').map((r) => r.slice(0, 3))).toEqual([
        ['115年8月', '2,888', '8,339'],
        ['115年9月', '2,894', '8,346'],
        ['115年10月', '2,900', '8,350'],
      ]);
      const ages = tableAfter(html, 'id="ages"');
      expect(ages).toHaveLength(21);
      expect(ages.reduce((s, r) => s + n(r[3]!), 0)).toBe(8350);
      expect(ages.find((r) => r[0] === '0–4 歲')).toEqual(['0–4 歲', '838', '832', '1,670', '20.00']);
      expect(ages.find((r) => r[0] === '100 歲以上')).toEqual(['100 歲以上', '1', '0', '1', '0.01']);
      const towns = tableAfter(html, 'id="compare"');
      expect(towns.map((r) => r.slice(0, 4))).toEqual([
        ['竹北市', '10004010', '2,300', '6,850'],
        ['尖石鄉', '10004120', '600', '1,500'],
      ]);
      expect(towns.reduce((s, r) => s + n(r[3]!), 0)).toBe(8350);
      expect(html).toContain('href="/population/t/10004010"');
      const events = Object.fromEntries(tableAfter(html, 'id="events"').map((r) => [r[0], r[1]]));
      expect(events).toMatchObject({ 出生合計: '10', 死亡合計: '9', '自然增加（出生－死亡）': '+1', 遷入人數: '42', 遷出人數: '41', '社會增加（遷入－遷出）': '+1', 結婚對數: '4', 離婚對數: '3' });
      expect(figcaptions(html)).toContain('115年10月：2 個鄉鎮市區中，人口最多的是竹北市（6,850 人），最少的是尖石鄉（1,500 人）。');
      // every chart: an SVG that scales (viewBox, width 100%) inside a figure with its summary
      expect(html.match(/<svg [^>]*viewBox="0 0 \d+ \d+" width="100%"/g)).toHaveLength(4);
    });

    it('town: the sums of its villages, which link down; breadcrumbs link up', async () => {
      const html = (await web.get('/population/t/10004010')).body;
      expect(html).toContain('<h1>竹北市人口統計</h1>');
      expect(tiles(html)).toMatchObject({ 人口數: '6,850 人', 戶數: '2,300 戶', 性比例: '98.55', 平均每戶人數: '2.98', 人口密度: '171.25', 扶養比: '66.79', 老化指數: '100.07' });
      const villages = tableAfter(html, 'id="compare"');
      expect(villages.map((r) => [r[0], r[3]])).toEqual([
        ['竹北里', '3,100'],
        ['竹仁里', '2,300'],
        ['竹義里', '1,450'],
      ]);
      expect(villages.reduce((s, r) => s + n(r[2]!), 0)).toBe(2300);
      expect(villages.reduce((s, r) => s + n(r[3]!), 0)).toBe(6850);
      expect(villages[0]!.slice(6)).toEqual(['93.75', '3.10', '1,240.00', '45.26']);
      expect(html).toContain('href="/population/v/10004010001"');
      expect(html).toContain('<a href="/population">人口統計</a>');
      const ages = tableAfter(html, 'id="ages"');
      expect(ages.reduce((s, r) => s + n(r[3]!), 0)).toBe(6850);
      expect(Object.fromEntries(tableAfter(html, 'id="events"').map((r) => [r[0], r[1]]))).toMatchObject({ 出生合計: '8', 死亡合計: '7', '自然增加（出生－死亡）': '+1', '社會增加（遷入－遷出）': '+5' });
      const jianshi = (await web.get('/population/t/10004120')).body;
      expect(tiles(jianshi)).toMatchObject({ 人口數: '1,500 人', 性比例: '111.27', 扶養比: '66.67', 老化指數: '100.00' });
      expect(figcaptions(jianshi)[0]).toBe('115年10月人口 1,500 人，較上月減少 5 人；戶數 600 戶，較上月減少 1 戶。');
      expect(Object.fromEntries(tableAfter(jianshi, 'id="events"').map((r) => [r[0], r[1]]))).toMatchObject({ '自然增加（出生－死亡）': '0', '社會增加（遷入－遷出）': '-4' });
    });

    it('village: its figures, no comparison, breadcrumbs to its town and the county', async () => {
      const html = (await web.get('/population/v/10004010001')).body;
      expect(html).toContain('<h1>竹北市竹北里人口統計</h1>');
      expect(tiles(html)).toMatchObject({ 人口數: '3,100 人', 性比例: '93.75', 平均每戶人數: '3.10', 人口密度: '1,240.00', 扶養比: '66.94', 老化指數: '100.16' });
      expect(html).not.toContain('id="compare"');
      expect(html).toContain('<a href="/population/t/10004010">竹北市</a>');
      const ages = tableAfter(html, 'id="ages"');
      expect(ages.reduce((s, r) => s + n(r[3]!), 0)).toBe(3100);
      // the four men moved to the band edges: 10–14, 60–64, 65–69 and the open band
      expect(ages.filter((r) => ['10–14 歲', '60–64 歲', '65–69 歲', '100 歲以上'].includes(r[0]!)).map((r) => r[1])).toEqual(['1', '1', '1', '1']);
    });

    it('month picker: another month, kept in links down and up; a month without ages says so', async () => {
      const html = (await web.get('/population/t/10004010?month=2026-09')).body;
      expect(html).toMatch(/<option value="2026-09" selected[^>]*>115年9月<\/option>/);
      expect([...html.matchAll(/<option value="(\d{4}-\d{2})"/g)].map((m) => m[1])).toEqual(['2026-10', '2026-09', '2026-08']);
      expect(tiles(html)).toMatchObject({ 人口數: '6,841 人', 戶數: '2,293 戶' });
      expect(html).toContain('115年9月尚無年齡別人口資料。');
      expect(html).toContain('115年9月尚無人口動態資料。');
      expect(html).toContain('href="/population/v/10004010001?month=2026-09"');
      expect(html).toContain('href="/population?month=2026-09"');
      // the trend ends at the month chosen
      expect(tableAfter(html, 'id="trend"').map((r) => r[0])).toEqual(['115年8月', '115年9月']);
    });

    it('comparison sorts on the server by ?sort=', async () => {
      const html = (await web.get('/population/t/10004010?sort=sexRatio')).body;
      // 竹仁里 109.09, 竹北里 93.75, 竹義里 93.33
      expect(tableAfter(html, 'id="compare"').map((r) => r[0])).toEqual(['竹仁里', '竹北里', '竹義里']);
      expect(html).toMatch(/aria-sort="descending"><a href="\/population\/t\/10004010\?sort=sexRatio#compare"/);
      const byName = tableAfter((await web.get('/population/t/10004010?sort=code')).body, 'id="compare"');
      expect(byName.map((r) => r[1])).toEqual(['10004010001', '10004010002', '10004010003']);
    });

    it("an office's page shows its town; English reads Oct 2026", async () => {
      const zhubei = (await web.get('/o/zhubei/population')).body;
      expect(zhubei).toContain('<h1>竹北市人口統計</h1>');
      expect(tiles(zhubei)).toMatchObject({ 人口數: '6,850 人' });
      expect(zhubei).toContain('action="/o/zhubei/population"');
      expect(zhubei).toContain('href="/population/t/10004010.ods?month=2026-10"');
      expect(tiles((await web.get('/o/jianshi/population')).body)).toMatchObject({ 人口數: '1,500 人' });
      // a new visitor: ?lang= is remembered in a cookie
      const en = (await new Agent(t.app).get('/population?lang=en')).body;
      expect(en).toContain('<h1>Population of Hsinchu County</h1>');
      expect(en).toContain('Figures for Oct 2026');
      expect(figcaptions(en)[0]).toBe('In Oct 2026 the population was 8,350, up 4 on the month before; households 2,900, up 6.');
      expect(tiles(en)).toMatchObject({ People: '8,350', 'Sex ratio': '100.72', Density: '15.46' });
    });

    it('the API gives the same numbers as the pages', async () => {
      for (const [page, api] of [
        ['/population', '/api/population/v1/county'],
        ['/population/t/10004010', '/api/population/v1/towns/10004010'],
        ['/population/v/10004010001', '/api/population/v1/villages/10004010001'],
      ] as const) {
        const html = (await web.get(page)).body;
        const res = await web.get(api);
        expect(res.statusCode).toBe(200);
        const f = res.json();
        const fmt = (v: number) => v.toLocaleString('zh-TW');
        const tile = tiles(html);
        expect(tile.人口數).toBe(`${fmt(f.summary.people)} 人`);
        expect(tile.戶數).toBe(`${fmt(f.summary.households)} 戶`);
        expect(tile.性比例).toBe(f.summary.sexRatio.toFixed(2));
        expect(tile.扶養比).toBe(f.ages.dependencyRatio.toFixed(2));
        expect(tile.老化指數).toBe(f.ages.ageingIndex.toFixed(2));
        expect(tableAfter(html, 'id="trend"').map((r) => [n(r[1]!), n(r[2]!)])).toEqual(f.trend.map((p: { households: number; people: number }) => [p.households, p.people]));
        expect(tableAfter(html, 'id="ages"').map((r) => n(r[3]!))).toEqual(f.ages.bands.map((b: { total: number }) => b.total).reverse());
        if (f.compare) expect(tableAfter(html, 'id="compare"').map((r) => [r[1], n(r[3]!)])).toEqual(f.compare.map((c: { code: string; people: number }) => [c.code, c.people]));
        expect(tableAfter(html, 'id="events"').find((r) => r[0] === '出生合計')![1]).toBe(String(f.events.births));
      }
    });

    it('the API: CORS open, cacheable with an ETag, the directory, a month, series', async () => {
      const res = await web.get('/api/population/v1/county');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      // nothing personal in a response a shared cache keeps
      expect(res.headers['set-cookie']).toBeUndefined();
      expect((await new Agent(t.app).get('/api/population/v1/towns?lang=en')).headers['set-cookie']).toBeUndefined();
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await web.get('/api/population/v1/county', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const dir = (await web.get('/api/population/v1/towns')).json();
      expect(dir.months).toEqual(['2026-10', '2026-09', '2026-08']);
      expect(dir.towns.map((tn: { code: string; office: string; villages: unknown[] }) => [tn.code, tn.office, tn.villages.length])).toEqual([
        ['10004010', 'zhubei', 3],
        ['10004120', 'jianshi', 3],
      ]);
      const month = (await web.get('/api/population/v1/months/2026-09')).json();
      expect(month.villages).toHaveLength(6);
      expect(month.towns.map((tn: { people: number }) => tn.people)).toEqual([6841, 1505]);
      const series = (await web.get('/api/population/v1/towns/10004120/series?from=2026-09')).json();
      expect(series.series.map((p: { month: string; people: number }) => [p.month, p.people])).toEqual([
        ['2026-09', 1505],
        ['2026-10', 1500],
      ]);
      const old = (await web.get('/api/population/v1/county?month=2026-08')).json();
      expect(old.summary.people).toBe(8339);
      expect(old.ages).toBeNull();
    });

    it('the API refuses with stable codes', async () => {
      for (const [url, status, code] of [
        ['/api/population/v1/towns/123', 400, 'invalid_code'],
        ['/api/population/v1/villages/1000401000x', 400, 'invalid_code'],
        ['/api/population/v1/county?month=2026-13', 400, 'invalid_month'],
        ['/api/population/v1/county?sort=bogus', 400, 'invalid_sort'],
        ['/api/population/v1/county/series?from=2026', 400, 'invalid_month'],
        ['/api/population/v1/months/2026-7', 400, 'invalid_month'],
        ['/api/population/v1/county?month=2025-01', 404, 'month_not_found'],
        ['/api/population/v1/months/2025-01', 404, 'month_not_found'],
        ['/api/population/v1/towns/99999999', 404, 'town_not_found'],
        ['/api/population/v1/villages/10004010009', 404, 'village_not_found'],
      ] as const) {
        const res = await web.get(url);
        expect([url, res.statusCode]).toEqual([url, status]);
        expect(res.json().error.code).toBe(code);
        expect(res.headers['access-control-allow-origin']).toBe('*');
      }
      expect((await new Agent(t.app).get('/api/population/v1/towns/99999999?lang=en')).json().error.message).toBe('The county has no town with that code.');
    });

    it('pages: 404 for an unknown place, month or table, 400 for a malformed month', async () => {
      for (const url of ['/population/t/99999999', '/population/t/123', '/population/v/10004010009', '/population?month=2025-01', '/o/nowhere/population', '/population/t/10004010.csv?table=nothing', '/population/t/10004010.pdf']) {
        expect([url, (await web.get(url)).statusCode]).toEqual([url, 404]);
      }
      expect((await web.get('/population?month=2026-13')).statusCode).toBe(400);
    });

    it('CSV and ODS: the page figures, named with the month', async () => {
      const csv = await web.get('/population/t/10004010.csv?month=2026-10&table=trend');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="population-10004010-2026-10-trend.csv"');
      expect(csv.body).toContain('年月（西元）,月份,戶數,人口數,男,女,人口增減\r\n2026-08,115年8月,2286,6830,3387,3443,\r\n2026-09,115年9月,2293,6841,3394,3447,11\r\n2026-10,115年10月,2300,6850,3400,3450,9\r\n');
      const summary = (await web.get('/population.csv')).body;
      expect(summary).toContain('人口數,8350\r\n');
      expect(summary).toContain('扶養比,66.77\r\n');
      const villages = (await web.get('/population/v/10004010001.csv?table=ages')).body;
      expect(villages).toContain('100 歲以上,1,0,1,0.03\r\n');
      const ods = await web.get('/population/t/10004010.ods?month=2026-10');
      expect(ods.headers['content-disposition']).toBe('attachment; filename="population-10004010-2026-10.ods"');
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      for (const name of ['概況', '逐月趨勢', '年齡結構', '人口動態', '各村里']) expect(content).toContain(`table:name="${name}"`);
      expect(content).toContain('office:value="6850"');
      expect(content).toContain('竹義里');
    });

    it('home blocks: the office town, and the county on the county home', async () => {
      const office = (await web.get('/o/zhubei')).body;
      expect(office).toContain('<a href="/o/zhubei/population">人口 6,850 人（115年10月）</a>');
      expect(office).toContain('戶數 2,300 戶（115年10月）');
      const county = (await web.get('/')).body;
      expect(county).toContain('<a href="/population">人口 8,350 人（115年10月）</a>');
      expect((await new Agent(t.app).get('/o/zhubei?lang=en')).body).toContain('People: 6,850 (Oct 2026)');
    });

    it('an office serving two towns: its page shows the first and links the other; its home block names both', async () => {
      const db = t.database.db;
      const zhubei = await db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      const jianshi = await db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      await db.updateTable('stat_town').set({ office_id: zhubei.id }).where('code', '=', '10004120').execute();
      try {
        const page = (await web.get('/o/zhubei/population')).body;
        expect(page).toContain('<h1>竹北市人口統計</h1>');
        expect(page).toContain('本所也服務：<span><a href="/population/t/10004120">尖石鄉</a></span>');
        const home = (await web.get('/o/zhubei')).body;
        expect(home).toContain('<a href="/o/zhubei/population">竹北市人口 6,850 人（115年10月）</a>');
        expect(home).toContain('<a href="/population/t/10004120">尖石鄉人口 1,500 人（115年10月）</a>');
        // an office with no town has no block
        expect((await web.get('/o/jianshi')).body).not.toContain('block-population-pages-title');
      } finally {
        await db.updateTable('stat_town').set({ office_id: jianshi.id }).where('code', '=', '10004120').execute();
      }
    });

    it('the API documentation page and the sitemap', async () => {
      const doc = await web.get('/population/api');
      expect(doc.statusCode).toBe(200);
      expect(doc.body).toContain('<code>/api/population/v1</code>');
      expect(doc.body).toContain('/towns/{town}/series');
      expect(doc.body).toContain('month_not_found');
      expect((await new Agent(t.app).get('/population/api?lang=en')).body).toContain('Population statistics open-data API');
      expect((await web.get('/sitemap')).body).toContain('href="/population"');
      const css = await web.get('/static/css/population.css');
      expect(css.headers['content-type']).toContain('text/css');
    });

    it('before anything is imported: a plain sentence, no block, the API says no_data', async () => {
      const db = t.database.db;
      for (const table of ['pop_events', 'pop_age', 'pop_village_month'] as const) await db.deleteFrom(table).execute();
      const res = await web.get('/population');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('新竹縣的人口統計資料尚未公布。');
      expect(res.body).not.toContain('<svg');
      expect((await web.get('/population/t/10004010')).body).toContain('竹北市的人口統計資料尚未公布。');
      expect((await web.get('/o/zhubei/population')).statusCode).toBe(200);
      expect((await web.get('/population.csv')).statusCode).toBe(404);
      const api = await web.get('/api/population/v1/county');
      expect([api.statusCode, api.json().error.code]).toEqual([404, 'no_data']);
      expect((await web.get('/o/zhubei')).body).not.toContain('block-population-pages-title');
      await db.deleteFrom('stat_village').execute();
      await db.deleteFrom('stat_town').execute();
      expect((await web.get('/o/zhubei/population')).body).toContain('新竹縣竹北市戶政事務所的人口統計資料尚未公布。');
    });
  });
}
