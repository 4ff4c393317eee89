import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Tally } from '../../platform/figures/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/**
 * Hand-written tallies for the two demo offices, October and November 2026.
 *
 * November — 竹北: 200 tickets; 180 waited, 153 within 15 min (85%); waits 6.0 min ×90, 12.0 min ×90 (median 6.0);
 *                   questionnaires 20: 12 fives, 6 fours, 2 threes (18 of 20 satisfied = 90%)
 *            尖石: 50 tickets; 40 waited, 38 within (95%); waits 3.0 min ×40 (median 3.0); 5 questionnaires, all fives (100%)
 *            county: 250 tickets; 191 of 220 within = 86.8% (not the offices' average, 90%); satisfied 23 of 25 = 92% (not 95%);
 *                    waits 3.0 ×40, 6.0 ×90, 12.0 ×90: the 110th of 220 is 6.0
 * October —  竹北: 160 tickets, 120 of 150 within (80%); 尖石: 50 tickets, 50 of 50 within (100%); county 210, 170 of 200 = 85%
 * Changes on October — 竹北 tickets +25%, within +5 points; 尖石 tickets ±0%, within −5 points;
 *                      county tickets 250 on 210 = +19.0%, within 86.8 − 85 = +1.8 points. Nothing a year before.
 * League of "within 15 min": 1 尖石 95, 2 竹北 85, median (85 + 95) / 2 = 90.
 */
const NOV: Record<string, Tally> = {
  zhubei: { 'q.tickets': 200, 'q.waited': 180, 'q.within15': 153, 'q.wait.60': 90, 'q.wait.120': 90, 's.n.service': 20, 's.sc.service.5': 12, 's.sc.service.4': 6, 's.sc.service.3': 2 },
  jianshi: { 'q.tickets': 50, 'q.waited': 40, 'q.within15': 38, 'q.wait.30': 40, 's.n.service': 5, 's.sc.service.5': 5 },
};
const OCT: Record<string, Tally> = {
  zhubei: { 'q.tickets': 160, 'q.waited': 150, 'q.within15': 120, 'q.wait.80': 150 },
  jianshi: { 'q.tickets': 50, 'q.waited': 50, 'q.within15': 50, 'q.wait.20': 50 },
};

/** The cells of a table's rows, tags stripped: what a person reads. */
function rowsOf(table: string): string[][] {
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
}
const tableAfter = (html: string, marker: string) => {
  const from = html.indexOf(marker);
  expect(from).toBeGreaterThan(-1);
  const start = html.indexOf('<table', from);
  return html.slice(start, html.indexOf('</table>', start));
};

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] county dashboard`, () => {
    // 10 December 2026, 10:00 in Taipei: the last whole month is November
    const now = new Date('2026-12-10T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let county: Agent;

    beforeAll(async () => {
      // no worker: the roll-up job would rebuild these rows from the (empty) raw tables
      t = await demoApp(kind, { clock: () => now, env: { RUN_WORKER: 'false' } });
      const offices = await t.database.db.selectFrom('office').select(['id', 'code']).execute();
      const id = (code: string) => offices.find((o) => o.code === code)!.id;
      const at = now.toISOString();
      for (const [month, tallies] of [
        ['2026-10', OCT],
        ['2026-11', NOV],
      ] as const) {
        for (const [code, tally] of Object.entries(tallies)) {
          const data = JSON.stringify(tally);
          // the whole month on one day: the month row is the sum of its days
          await t.database.db.insertInto('figure_day').values({ office_id: id(code), day: `${month}-16`, data, computed_at: at }).execute();
          await t.database.db.insertInto('figure_month').values({ office_id: id(code), month, data, computed_at: at }).execute();
        }
      }
      county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('is for the county: 403 for an office clerk or director, 200 for the county admin', async () => {
      for (const user of ['clerk.zhubei', 'director.jianshi']) {
        const a = new Agent(t.app);
        await a.signIn(user, DEMO_PASSWORD);
        expect((await a.get('/staff/figures/county')).statusCode).toBe(403);
        expect((await a.get('/staff/figures/county.csv?table=group.queue')).statusCode).toBe(403);
        expect((await a.get('/staff/figures/county/chart.svg?office=zhubei')).statusCode).toBe(403);
      }
      expect((await county.get('/staff/figures/county')).statusCode).toBe(200);
    });

    it('shows last month by default: each office and the county from summed tallies, with changes', async () => {
      const res = await county.get('/staff/figures/county');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('民國115年11月');
      const queue = rowsOf(tableAfter(res.body, 'id="headline"'));
      // header rows, then 竹北, 尖石, county; each figure: value, on October, on last November
      const [zhubei, jianshi, total] = queue.slice(2);
      expect(zhubei!.slice(0, 4)).toEqual(['新竹縣竹北市戶政事務所', '200 人次', '+25%', '—']);
      expect(jianshi!.slice(0, 4)).toEqual(['新竹縣尖石鄉戶政事務所', '50 人次', '±0%', '—']);
      expect(total!.slice(0, 4)).toEqual(['全縣合計', '250 人次', '+19%', '—']);
      // within 15 min is the fourth queue figure: columns 10–12
      expect(zhubei!.slice(10, 12)).toEqual(['85%', '+5 個百分點（進步）']);
      expect(jianshi!.slice(10, 12)).toEqual(['95%', '−5 個百分點（退步）']);
      expect(total!.slice(10, 12)).toEqual(['86.8%', '+1.8 個百分點（進步）']);
      // median wait: 6.0 for the county, not (6 + 3) / 2
      expect(total![4]).toBe('6 分鐘');
      // satisfaction: 18 of 20 and 5 of 5; the county 23 of 25 = 92%, not (90 + 100) / 2 = 95%
      const surveys = rowsOf(tableAfter(res.body, 'aria-label="滿意度"')).slice(2);
      expect(surveys.map((r) => [r[0], r[1], r[4]])).toEqual([
        ['新竹縣竹北市戶政事務所', '20 份', '90%'],
        ['新竹縣尖石鄉戶政事務所', '5 份', '100%'],
        ['全縣合計', '25 份', '92%'],
      ]);
      expect(res.body).toContain('href="/staff/figures/office?office=zhubei&amp;period=2026-11"');
    });

    it('ranks the offices with the county median; ?sort picks the league on top', async () => {
      const res = await county.get('/staff/figures/county?period=2026-11&sort=within15');
      expect(rowsOf(tableAfter(res.body, 'id="league"'))).toEqual([
        ['名次', '戶政事務所', '數值', '較上期', '較去年同期'],
        ['1', '新竹縣尖石鄉戶政事務所', '95%', '−5 個百分點（退步）', '—'],
        ['2', '新竹縣竹北市戶政事務所', '85%', '+5 個百分點（進步）', '—'],
        ['—', '各所中位數', '90%', '—', '—'],
      ]);
      // lower is better: 尖石's median wait of 3.0 ranks first; median (3 + 6) / 2 = 4.5
      const wait = await county.get('/staff/figures/county?period=2026-11&sort=waitP50');
      expect(rowsOf(tableAfter(wait.body, 'id="league"')).slice(1)).toEqual([
        ['1', '新竹縣尖石鄉戶政事務所', '3 分鐘', '+50%（退步）', '—'],
        ['2', '新竹縣竹北市戶政事務所', '6 分鐘', '−25%（進步）', '—'],
        ['—', '各所中位數', '4.5 分鐘', '—', '—'],
      ]);
      // the small multiples of that figure: an image per office, each with its numbers
      expect(wait.body).toContain('src="/staff/figures/county/chart.svg?period=2026-11&amp;sort=waitP50&amp;office=jianshi"');
      const zhubeiTrend = rowsOf(tableAfter(wait.body, '新竹縣竹北市戶政事務所：等候時間中位數逐月數字'));
      expect(zhubeiTrend.slice(-2)).toEqual([
        ['民國115年10月', '8 分鐘'],
        ['民國115年11月', '6 分鐘'],
      ]);
    });

    it('a month without figures still lists every office, with —', async () => {
      const res = await county.get('/staff/figures/county?period=2026-09');
      const [zhubei, jianshi, total] = rowsOf(tableAfter(res.body, 'id="headline"')).slice(2);
      expect(zhubei!.slice(0, 2)).toEqual(['新竹縣竹北市戶政事務所', '—']);
      expect(jianshi!.slice(0, 2)).toEqual(['新竹縣尖石鄉戶政事務所', '—']);
      expect(total!.slice(0, 2)).toEqual(['全縣合計', '—']);
    });

    it('CSV of one table, in the figures the page shows', async () => {
      const league = await county.get('/staff/figures/county.csv?table=league.within15&period=2026-11');
      expect(league.statusCode).toBe(200);
      expect(league.headers['content-type']).toContain('text/csv');
      expect(league.body).toBe(
        '\uFEFF名次,戶政事務所,15分鐘內受理比率（%）,15分鐘內受理比率較上期（民國115年10月）（百分點）,15分鐘內受理比率較去年同期（民國114年11月）（百分點）\r\n' +
          '1,新竹縣尖石鄉戶政事務所,95,-5,\r\n' +
          '2,新竹縣竹北市戶政事務所,85,5,\r\n' +
          ',各所中位數,90,,\r\n',
      );
      const queue = (await county.get('/staff/figures/county.csv?table=group.queue&period=2026-11')).body.split('\r\n');
      expect(queue[3]!.split(',').slice(0, 4)).toEqual(['全縣合計', '250', '19', '']);
      const series = (await county.get('/staff/figures/county.csv?table=series.tickets&period=2026-11')).body.split('\r\n');
      expect(series[0]).toBe('\uFEFF月份,新竹縣竹北市戶政事務所,新竹縣尖石鄉戶政事務所,全縣合計');
      expect(series[1]).toBe('民國114年12月,,,');
      expect(series.slice(11, 13)).toEqual(['民國115年10月,160,50,210', '民國115年11月,200,50,250']);
      expect((await county.get('/staff/figures/county.csv?table=nonsense')).statusCode).toBe(404);
    });

    it('ODS: one sheet per table, titles and headers in the language of the request', async () => {
      const res = await county.get('/staff/figures/county.ods?period=2026-11&sort=within15');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
      const files = unzipSync(new Uint8Array(res.rawPayload));
      expect(Object.keys(files)[0]).toBe('mimetype');
      const content = strFromU8(files['content.xml']!);
      expect(content).toContain('table:name="臨櫃與候位"');
      expect(content).toContain('table:name="排名－15分鐘內受理比率"');
      expect(content).toContain('table:name="趨勢－15分鐘內受理比率"');
      expect(content).toContain('15分鐘內受理比率較上期（民國115年10月）（百分點）');
      // the county's 86.8% and 250 tickets; 尖石's 95
      expect(content).toContain('office:value="86.8"');
      expect(content).toContain('office:value="250"');
      expect(content).toContain('office:value="95"');

      const en = new Agent(t.app);
      await en.signIn('county', DEMO_PASSWORD);
      const english = strFromU8(unzipSync(new Uint8Array((await en.get('/staff/figures/county.ods?period=2026-11&lang=en')).rawPayload))['content.xml']!);
      expect(english).toContain('table:name="Counters and queue"');
      expect(english).toContain('Served within 15 minutes on previous period (Oct 2026) (points)');
      expect(english).toContain('<text:p>Zhubei City Household Registration Office</text:p>');
    });

    it('each small multiple is an SVG of its own that scales', async () => {
      const res = await county.get('/staff/figures/county/chart.svg?period=2026-11&sort=tickets&office=zhubei');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('image/svg+xml');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(res.body).toMatch(/^<svg width="100%"[^>]*viewBox="0 0 320 180"/);
      expect((await county.get('/staff/figures/county/chart.svg?period=2026-11&office=nowhere')).statusCode).toBe(404);
    });
  });
}
