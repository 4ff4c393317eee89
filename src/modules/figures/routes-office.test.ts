import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { comparisonPeriods, monthToDate, usableGrain } from './office.js';
import { parsePeriod } from './periods.js';

/**
 * The office figures page read from hand-written roll-up rows. Every number
 * below is counted by hand from the tallies in `DAYS` and `MONTHS`.
 *
 * The clock: Friday 20 November 2026, 10:00 in Taipei. The default period is
 * 1–20 November (month so far), compared with 1–20 October and 1–20
 * November 2025.
 */
const NOW = new Date('2026-11-20T02:00:00Z');

type T = Record<string, number>;
const DAYS: [office: 'zhubei' | 'jianshi', day: string, tally: T][] = [
  // October 2026
  ['zhubei', '2026-10-05', { 'q.tickets': 4, 'q.svc.registration': 3, 'q.svc.transcript': 1, 'q.ch.kiosk': 3, 'q.ch.phone': 1, 'q.hour.9': 3, 'q.hour.10': 1, 'q.waited': 4, 'q.within15': 3, 'q.wait.50': 2, 'q.wait.100': 1, 'q.wait.200': 1, 'c.received': 2, 'c.recv.birth': 2 }],
  ['zhubei', '2026-10-25', { 'q.tickets': 6, 'q.svc.registration': 6, 'q.ch.kiosk': 6, 'q.hour.14': 6, 'q.waited': 6, 'q.within15': 6, 'q.wait.30': 6, 'c.closed': 2, 'c.closed.birth': 2, 'c.onTime': 2, 'c.onTime.birth': 2, 'c.wd.birth': 3, 'c.limit.birth': 6 }],
  // November 2026 (2 November is a Monday)
  ['zhubei', '2026-11-02', { 'q.tickets': 5, 'q.svc.registration': 2, 'q.svc.transcript': 3, 'q.ch.kiosk': 2, 'q.ch.phone': 2, 'q.ch.booking': 1, 'q.hour.9': 4, 'q.hour.13': 1, 'q.waited': 5, 'q.within15': 4, 'q.wait.40': 3, 'q.wait.120': 1, 'q.wait.200': 1, 'p.received': 2, 'p.ch.web': 1, 'p.ch.phone': 1, 'p.cat.service': 2, 's.n.service': 2, 's.sc.service.5': 1, 's.sc.service.3': 1 }],
  ['zhubei', '2026-11-03', { 'q.tickets': 3, 'q.svc.registration': 3, 'q.ch.kiosk': 3, 'q.hour.10': 3, 'q.waited': 3, 'q.within15': 3, 'q.wait.20': 3, 'c.received': 1, 'c.recv.birth': 1, 'c.closed': 1, 'c.closed.birth': 1, 'c.wd.birth': 4, 'c.limit.birth': 3 }],
  ['zhubei', '2026-11-10', { 'q.tickets': 2, 'q.svc.transcript': 2, 'q.ch.phone': 2, 'q.hour.11': 2, 'q.waited': 2, 'q.within15': 1, 'q.wait.60': 1, 'q.wait.300': 1, 'q.support': 1, 'p.received': 1, 'p.ch.web': 1, 'p.cat.registration': 1 }],
  // November 2025: the same period last year
  ['zhubei', '2025-11-04', { 'q.tickets': 8, 'q.svc.registration': 8, 'q.ch.kiosk': 8, 'q.hour.9': 8, 'q.waited': 8, 'q.within15': 4, 'q.wait.100': 4, 'q.wait.200': 4 }],
  // another office: never on zhubei's page
  ['jianshi', '2026-11-02', { 'q.tickets': 99, 'q.svc.registration': 99, 'q.ch.kiosk': 99, 'q.hour.9': 99 }],
];
/** The month rows, summed by hand from the days above. */
const MONTHS: [office: 'zhubei' | 'jianshi', month: string, tally: T][] = [
  [
    'zhubei',
    '2026-10',
    { 'q.tickets': 10, 'q.svc.registration': 9, 'q.svc.transcript': 1, 'q.ch.kiosk': 9, 'q.ch.phone': 1, 'q.hour.9': 3, 'q.hour.10': 1, 'q.hour.14': 6, 'q.waited': 10, 'q.within15': 9, 'q.wait.50': 2, 'q.wait.100': 1, 'q.wait.200': 1, 'q.wait.30': 6, 'c.received': 2, 'c.recv.birth': 2, 'c.closed': 2, 'c.closed.birth': 2, 'c.onTime': 2, 'c.onTime.birth': 2, 'c.wd.birth': 3, 'c.limit.birth': 6 },
  ],
  [
    'zhubei',
    '2026-11',
    { 'q.tickets': 10, 'q.svc.registration': 5, 'q.svc.transcript': 5, 'q.ch.kiosk': 5, 'q.ch.phone': 4, 'q.ch.booking': 1, 'q.hour.9': 4, 'q.hour.10': 3, 'q.hour.11': 2, 'q.hour.13': 1, 'q.waited': 10, 'q.within15': 8, 'q.wait.40': 3, 'q.wait.120': 1, 'q.wait.200': 1, 'q.wait.20': 3, 'q.wait.60': 1, 'q.wait.300': 1, 'q.support': 1, 'c.received': 1, 'c.recv.birth': 1, 'c.closed': 1, 'c.closed.birth': 1, 'c.wd.birth': 4, 'c.limit.birth': 3, 'p.received': 3, 'p.ch.web': 2, 'p.ch.phone': 1, 'p.cat.service': 2, 'p.cat.registration': 1, 's.n.service': 2, 's.sc.service.5': 1, 's.sc.service.3': 1 },
  ],
  ['zhubei', '2025-11', { 'q.tickets': 8, 'q.svc.registration': 8, 'q.ch.kiosk': 8, 'q.hour.9': 8, 'q.waited': 8, 'q.within15': 4, 'q.wait.100': 4, 'q.wait.200': 4 }],
  ['jianshi', '2026-11', { 'q.tickets': 99, 'q.svc.registration': 99, 'q.ch.kiosk': 99, 'q.hour.9': 99 }],
];

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const text = (html: string) => decode(html.replace(/<[^>]+>/g, '')).trim();

/** The cells of the headline row of one figure: [this period, before, change, last year, change]. */
function headline(body: string, key: string): string[] {
  const row = new RegExp(`<tr data-figure="${key}">(.*?)</tr>`, 's').exec(body)?.[1];
  if (!row) throw new Error(`no headline row ${key}`);
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => text(m[1]!));
}

/** A table by its caption, as rows of cell texts (header row first). */
function tableOf(body: string, caption: string): string[][] {
  const m = new RegExp(`<caption>${caption.replace(/[()]/g, '\\$&')}</caption>(.*?)</table>`, 's').exec(body);
  if (!m) throw new Error(`no table ${caption}`);
  return [...m[1]!.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => text(c[1]!)));
}

/** The column of a table (without its header row and the last, whole-period row) as numbers, blanks as 0. */
function column(rows: string[][], header: string): { slots: number[]; total: string } {
  const i = rows[0]!.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${rows[0]!.join(' | ')}`);
  const body = rows.slice(1);
  return { slots: body.slice(0, -1).map((r) => (r[i] === '—' ? 0 : Number(r[i]))), total: body[body.length - 1]![i]! };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('periods of the office figures page', () => {
  it('compares a month so far with the same days of the month before', () => {
    const mtd = monthToDate('2026-11-20');
    expect(mtd).toMatchObject({ kind: 'range', from: '2026-11-01', to: '2026-11-20' });
    expect(comparisonPeriods(mtd).previous).toMatchObject({ from: '2026-10-01', to: '2026-10-20' });
    expect(comparisonPeriods(mtd).lastYear).toMatchObject({ from: '2025-11-01', to: '2025-11-20' });
    // 1–30 March against 1–28 February; the last day of a month is the whole month
    expect(comparisonPeriods(parsePeriod('2027-03-01..2027-03-30')!).previous).toMatchObject({ kind: 'month', key: '2027-02' });
    expect(monthToDate('2026-11-30')).toMatchObject({ kind: 'month', key: '2026-11' });
    // other runs of days: the same number of days just before
    expect(comparisonPeriods(parsePeriod('2026-11-02..2026-11-08')!).previous).toMatchObject({ from: '2026-10-26', to: '2026-11-01' });
    expect(usableGrain(parsePeriod('2024-01-01..2026-06-30')!, 'day')).toEqual({ grain: 'month', narrowed: true });
    expect(usableGrain(parsePeriod('2026')!, undefined)).toEqual({ grain: 'month', narrowed: false });
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] one office's figures`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let sup: Agent;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const offices = new Map((await t.database.db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      const at = NOW.toISOString();
      for (const [office, day, tally] of DAYS) await t.database.db.insertInto('figure_day').values({ office_id: offices.get(office)!, day, data: JSON.stringify(tally), computed_at: at }).execute();
      for (const [office, month, tally] of MONTHS) await t.database.db.insertInto('figure_month').values({ office_id: offices.get(office)!, month, data: JSON.stringify(tally), computed_at: at }).execute();
      sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('shows the month so far with its changes on 1–20 October and on November 2025', async () => {
      const res = await sup.get('/staff/figures/office');
      expect(res.statusCode).toBe(200);
      const b = res.body;
      expect(b).toContain('竹北市戶政事務所業務統計');
      expect(b).toContain('民國115年11月1日至11月20日');
      expect(b).toContain('民國115年10月1日至10月20日');
      expect(b).toContain('民國114年11月1日至11月20日');
      // tickets: 5+3+2 = 10; 1–20 Oct: 4 (25 Oct is outside); Nov 2025: 8
      expect(headline(b, 'tickets')).toEqual(['10 人次', '4 人次', '+150%', '8 人次', '+25%']);
      // within 15 minutes: (4+3+1)/(5+3+2) = 80%; October 3/4 = 75%; last year 4/8 = 50%
      expect(headline(b, 'within15')).toEqual(['80%', '75%', '+5 個百分點（進步）', '50%', '+30 個百分點（進步）']);
      // waits in tenths: 20,20,20,40,40,40,60,120,200,300 → median 5th = 4.0 min, p90 9th = 20 min; October 50,50,100,200 → 5 min; 2025 100×4,200×4 → 10 min
      expect(headline(b, 'waitP50')).toEqual(['4 分鐘', '5 分鐘', '−20%（進步）', '10 分鐘', '−60%（進步）']);
      expect(headline(b, 'waitP90')[0]).toBe('20 分鐘');
      // one booked arrival of 10 tickets; one support counter
      expect(headline(b, 'onlineShare')[0]).toBe('10%');
      expect(headline(b, 'supportOpened')[0]).toBe('1 次');
      // cases: 1 received (October 1–20: 2 → −50%), 1 closed late after 4 working days, limit 3
      expect(headline(b, 'casesReceived')).toEqual(['1 件', '2 件', '−50%', '0 件', '—']);
      expect(headline(b, 'caseOnTime')[0]).toBe('0%');
      expect(headline(b, 'caseDays')[0]).toBe('4 日');
      expect(headline(b, 'caseLimitDays')[0]).toBe('3 日');
      // petitions 2+1; satisfaction: one 5 and one 3 → 50%
      expect(headline(b, 'petitions')[0]).toBe('3 件');
      expect(headline(b, 'satisfaction')[0]).toBe('50%');
      expect(headline(b, 'questionnaires')[0]).toBe('2 份');
      // never the other office's 99
      expect(b).not.toContain('99 人次');
    });

    it('lists days, weeks and months that add up to the period', async () => {
      const byDay = tableOf((await sup.get('/staff/figures/office')).body, '臨櫃與候位（按日）');
      expect(byDay.length).toBe(1 + 20 + 1); // header, 1–20 November, the whole period
      expect(byDay[2]![0]).toBe('115/11/02');
      const dayTickets = column(byDay, '取號人次（件）');
      expect(dayTickets.slots.filter((n) => n > 0)).toEqual([5, 3, 2]);
      expect(sum(dayTickets.slots)).toBe(10);
      expect(dayTickets.total).toBe('10');
      expect(sum(column(byDay, '尖峰加開櫃台次數（件）').slots)).toBe(1);

      // weeks: 1 Nov (a Sunday) alone, 2–8, 9–15, 16–20
      const byWeek = tableOf((await sup.get('/staff/figures/office?grain=week')).body, '臨櫃與候位（按週）');
      expect(byWeek.slice(1).map((r) => r[0])).toEqual(['115/11/01', '115/11/02至115/11/08', '115/11/09至115/11/15', '115/11/16至115/11/20', '全期']);
      const weekTickets = column(byWeek, '取號人次（件）');
      expect(weekTickets.slots).toEqual([0, 8, 2, 0]);
      expect(String(sum(weekTickets.slots))).toBe(weekTickets.total);

      // October from its month row (10) against its days (4 + 6)
      const oct = (await sup.get('/staff/figures/office?period=2026-10')).body;
      expect(headline(oct, 'tickets')[0]).toBe('10 人次');
      const octDays = column(tableOf(oct, '臨櫃與候位（按日）'), '取號人次（件）');
      expect(octDays.slots).toHaveLength(31);
      expect(sum(octDays.slots)).toBe(10);
      expect(sum(column(tableOf(oct, '案件辦理（按日）'), '結案數（件）').slots)).toBe(2);

      // the fourth quarter by month: October 10, November 10, December nothing; against 2025 Q4 (8)
      const q4 = (await sup.get('/staff/figures/office?period=2026-Q4&grain=month')).body;
      expect(headline(q4, 'tickets')).toEqual(['20 人次', '0 人次', '—', '8 人次', '+150%']);
      const q4Months = tableOf(q4, '臨櫃與候位（按月）');
      expect(q4Months.slice(1).map((r) => r[0])).toEqual(['民國115年10月', '民國115年11月', '民國115年12月', '全期']);
      const q4Tickets = column(q4Months, '取號人次（件）');
      expect(q4Tickets.slots).toEqual([10, 10, 0]);
      expect(q4Tickets.total).toBe('20');
    });

    it('breaks tickets, cases and petitions down by what the tally holds', async () => {
      const b = (await sup.get('/staff/figures/office')).body;
      expect(tableOf(b, '各服務取號人次').slice(1)).toEqual([
        ['戶籍登記', '5', '50'],
        ['謄本、印鑑、門牌證明', '5', '50'],
        ['合計', '10', '100'],
      ]);
      expect(tableOf(b, '各取號管道人次').slice(1)).toEqual([
        ['現場取號機', '5', '50'],
        ['手機線上取號', '4', '40'],
        ['預約報到', '1', '10'],
        ['合計', '10', '100'],
      ]);
      expect(tableOf(b, '各時段取號人次').slice(1).map((r) => r.slice(0, 2))).toEqual([
        ['9時至10時', '4'],
        ['10時至11時', '3'],
        ['11時至12時', '2'],
        ['13時至14時', '1'],
        ['合計', '10'],
      ]);
      expect(tableOf(b, '各類案件').slice(1)).toEqual([
        ['出生登記', '1', '1', '0', '0', '4', '3'],
        ['合計', '1', '1', '0', '0', '4', '3'],
      ]);
      expect(tableOf(b, '各管道陳情件數').slice(1)).toEqual([
        ['意見信箱', '2', '66.7'],
        ['電話', '1', '33.3'],
        ['合計', '3', '100'],
      ]);
      expect(tableOf(b, '各類別陳情件數').slice(1)).toEqual([
        ['服務態度與流程', '2', '66.7'],
        ['戶籍登記', '1', '33.3'],
        ['合計', '3', '100'],
      ]);
    });

    it('downloads each table as CSV, all of them as ODS, and the chart as SVG', async () => {
      const one = await sup.get('/staff/figures/office.csv?table=tickets-service');
      expect(one.statusCode).toBe(200);
      expect(one.headers['content-type']).toContain('text/csv');
      expect(one.headers['content-disposition']).toContain('figures-zhubei-2026-11-01_2026-11-20.tickets-service.csv');
      expect(one.body).toBe('\uFEFF服務,取號人次,占比（%）\r\n戶籍登記,5,50\r\n謄本、印鑑、門牌證明,5,50\r\n合計,10,100\r\n');
      const head = (await sup.get('/staff/figures/office.csv?table=headline')).body.split('\r\n');
      expect(head[0]).toBe('\uFEFF類別,指標,本期 民國115年11月1日至11月20日,前期 民國115年10月1日至10月20日,較前期,去年同期 民國114年11月1日至11月20日,較去年同期,變動單位');
      expect(head).toContain('臨櫃與候位,取號人次（件）,10,4,150,8,25,%');
      expect(head).toContain('臨櫃與候位,15分鐘內受理比率（%）,80,75,5,50,30,百分點');
      const all = await sup.get('/staff/figures/office.csv');
      expect(all.body).toContain('\r\n各類別陳情件數\r\n類別,件數,占比（%）\r\n服務態度與流程,2,66.7\r\n');
      expect((await sup.get('/staff/figures/office.csv?table=nothing')).statusCode).toBe(404);

      const ods = await sup.get('/staff/figures/office.ods?period=2026-10');
      expect(ods.headers['content-type']).toContain('application/vnd.oasis.opendocument.spreadsheet');
      expect(ods.headers['content-disposition']).toContain('figures-zhubei-2026-10.ods');
      const files = unzipSync(new Uint8Array(ods.rawPayload));
      expect(strFromU8(files.mimetype!)).toBe('application/vnd.oasis.opendocument.spreadsheet');
      const content = strFromU8(files['content.xml']!);
      expect(content).toContain('table:name="各服務取號人次"');
      expect(content).toContain('table:name="臨櫃與候位（按日）"');
      // October's whole-period ticket figure in the headline sheet
      expect(content).toContain('<text:p>取號人次（件）</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="10">');

      const svg = await sup.get('/staff/figures/office.svg?figure=within15&grain=week');
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.headers['content-security-policy']).toContain("default-src 'none'");
      expect(svg.body).toMatch(/^<svg xmlns/);
      expect(svg.body).toContain('viewBox="0 0 760 340"');
      expect(svg.body).not.toMatch(/^<svg[^>]* width="760"/);
      expect(svg.body).toContain('15分鐘內受理比率');
    });

    it('refuses a wrong run of days beside the field and keeps what was typed', async () => {
      const reversed = await sup.get('/staff/figures/office?from=2026-11-20&to=2026-11-03');
      expect(reversed.statusCode).toBe(422);
      expect(reversed.body).toContain('結束日期不可早於開始日期。');
      expect(reversed.body).toMatch(/<p class="field-message" id="f-to-error">結束日期不可早於開始日期。<\/p>/);
      expect(reversed.body).toContain('value="2026-11-20"');
      expect(reversed.body).not.toContain('data-figure="tickets"');
      const bad = await sup.get('/staff/figures/office?from=115/13/01&to=2026-11-03&lang=en');
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/id="f-from-error">Enter a real date, for example 2026-11-03 or 115\/11\/03\.</);
      expect(bad.body).toContain('value="115/13/01"');
      const tooLong = await sup.get('/staff/figures/office?from=2010-01-01&to=2026-11-03&lang=zh-Hant');
      expect(tooLong.body).toContain('期間最長 10 年');
      expect((await sup.get('/staff/figures/office.csv?from=2026-11-20&to=2026-11-03')).statusCode).toBe(422);
      // an ROC range is a run of days: 2–8 November, 5+3 tickets
      const roc = await sup.get('/staff/figures/office?from=115/11/02&to=115/11/08');
      expect(roc.statusCode).toBe(200);
      expect(headline(roc.body, 'tickets')[0]).toBe('8 人次');
      expect(roc.body).toContain('民國115年11月2日至11月8日');
    });

    it('lets a supervisor see only their office, a county admin any, a clerk none', async () => {
      const other = await sup.get('/staff/figures/office?office=jianshi');
      expect(other.statusCode).toBe(200);
      expect(headline(other.body, 'tickets')[0]).toBe('10 人次');
      expect(other.body).not.toContain('尖石');
      expect((await sup.get('/staff/figures/office.csv?table=tickets-service&office=jianshi')).headers['content-disposition']).toContain('zhubei');

      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const j = await county.get('/staff/figures/office?office=jianshi');
      expect(headline(j.body, 'tickets')[0]).toBe('99 人次');
      expect(j.body).toContain('<option value="jianshi" selected>新竹縣尖石鄉戶政事務所</option>');

      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      for (const path of ['/staff/figures/office', '/staff/figures/office.csv', '/staff/figures/office.ods', '/staff/figures/office.svg']) {
        expect((await clerk.get(path)).statusCode).toBe(403);
      }
    });
  });
}
