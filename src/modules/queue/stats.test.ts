import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp, demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Db, Database } from '../../db/index.js';
import { translator } from '../../platform/i18n/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { dayStats, hourChartSvg, percentile, rangeStats, statsSheets } from './stats.js';

describe('percentile (nearest rank, minutes)', () => {
  it('matches hand-worked values', () => {
    const min = (m: number) => m * 60_000;
    expect(percentile([], 50)).toBeNull();
    expect(percentile([min(5)], 90)).toBe(5);
    // 10 values 1..10 min: p50 = 5th = 5, p90 = 9th = 9
    const ten = Array.from({ length: 10 }, (_, i) => min(i + 1));
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
  });
});

/** service code, day, Taipei time issued, status, wait (min), service time (min), transfers */
type TicketRow = [service: string, day: string, hhmm: string, status: string, wait: number | null, served: number | null, transfers: number];

let serial = 0;
/** Tickets written straight into the table, on counter 2 of the office. */
async function insertTickets(db: Db, kind: string, officeCode: string, rows: TicketRow[]): Promise<void> {
  const office = await db.selectFrom('office').select('id').where('code', '=', officeCode).executeTakeFirstOrThrow();
  const services = await db.selectFrom('service').select(['id', 'code']).where('office_id', '=', office.id).execute();
  const counter = await db.selectFrom('counter').select('id').where('office_id', '=', office.id).where('number', '=', 2).executeTakeFirstOrThrow();
  for (const [code, day, hhmm, status, wait, served, transfers] of rows) {
    const n = ++serial;
    const issued = new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    await db
      .insertInto('ticket')
      .values({
        office_id: office.id, service_id: services.find((s) => s.code === code)!.id, day, prefix: 'S', number: n, label: `S${n}`, priority: 0, channel: 'kiosk', status,
        code: `synthetic-code-${kind}-${n}`, counter_id: counter.id, staff_id: null, issued_at: issued, queue_at: issued, called_at: issued, last_called_at: issued,
        target_counter_id: null, started_at: null, finished_at: null, recall_count: 0, transfer_count: transfers,
        waited_ms: wait === null ? null : wait * 60_000, served_ms: served === null ? null : served * 60_000, booking_id: null,
      })
      .execute();
  }
}

/** One person served without a ticket on each of the days given. */
async function insertWalkIns(db: Db, officeCode: string, days: string[]): Promise<void> {
  const office = await db.selectFrom('office').select('id').where('code', '=', officeCode).executeTakeFirstOrThrow();
  const service = await db.selectFrom('service').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow();
  const counter = await db.selectFrom('counter').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow();
  const staff = await db.selectFrom('staff').select('id').executeTakeFirstOrThrow();
  for (const day of days) {
    await db.insertInto('walk_in').values({ office_id: office.id, counter_id: counter.id, staff_id: staff.id, service_id: service.id, day, at: new Date(`${day}T10:00:00+08:00`).toISOString() }).execute();
  }
}

// registration: waits 2,4,6,8,20 min, served 10 min each; one no-show; transcripts: 3 at 9h, waits 1 min, served 2 min
const DAY_23: TicketRow[] = [
  ['registration', '2026-11-23', '09:00', 'done', 2, 10, 0],
  ['registration', '2026-11-23', '09:10', 'done', 4, 10, 1],
  ['registration', '2026-11-23', '10:00', 'done', 6, 10, 0],
  ['registration', '2026-11-23', '10:30', 'done', 8, 10, 0],
  ['registration', '2026-11-23', '11:00', 'done', 20, 10, 0],
  ['registration', '2026-11-23', '11:10', 'no_show', 30, null, 0],
  ['transcript', '2026-11-23', '09:05', 'done', 1, 2, 0],
  ['transcript', '2026-11-23', '09:15', 'done', 1, 2, 0],
  ['transcript', '2026-11-23', '09:25', 'done', 1, 2, 0],
];
// the days around it, for runs of days: 22nd and 30th fall outside 23–26
const AROUND: TicketRow[] = [
  ['transcript', '2026-11-22', '11:00', 'done', 5, 5, 0],
  ['registration', '2026-11-24', '09:30', 'done', 12, 8, 0],
  ['registration', '2026-11-24', '14:00', 'done', 40, 6, 2],
  ['transcript', '2026-11-24', '09:40', 'done', 3, 2, 0],
  ['transcript', '2026-11-26', '10:15', 'cancelled', null, null, 0],
  ['registration', '2026-11-30', '09:00', 'done', 1, 1, 0],
];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] statistics of a synthetic day`, () => {
    let database: Database & { dispose(): Promise<void> };
    let officeId: number;
    beforeAll(async () => {
      database = await demoDatabase(kind);
      await insertTickets(database.db, kind, 'jianshi', [...DAY_23, ...AROUND]);
      await insertWalkIns(database.db, 'jianshi', ['2026-11-24', '2026-11-30']);
      officeId = (await database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow()).id;
    });
    afterAll(async () => database?.dispose());

    it('computes the figures by hand', async () => {
      const s = await dayStats(database.db, officeId, '2026-11-23', 'zh-Hant');
      const reg = s.services.find((g) => g.key === 'registration')!;
      // waits 2,4,6,8,20,30: p50 = 3rd = 6, p90 = 6th = 30; within 15 min: 4 of 6
      expect(reg).toMatchObject({ tickets: 6, served: 5, noShows: 1, transfers: 1, waitP50: 6, waitP90: 30, serviceP50: 10, serviceP90: 10 });
      expect(reg.within15).toBeCloseTo(4 / 6);
      const tr = s.services.find((g) => g.key === 'transcript')!;
      expect(tr).toMatchObject({ tickets: 3, served: 3, waitP50: 1, serviceP90: 2, within15: 1 });
      expect(s.total.tickets).toBe(9);
      expect(s.hours).toEqual([
        { hour: 9, byService: { registration: 2, transcript: 3 } },
        { hour: 10, byService: { registration: 2 } },
        { hour: 11, byService: { registration: 2 } },
      ]);
      expect(s.counters).toHaveLength(1);
      expect(s.walkIns).toBe(0);
      const t = translator('zh-Hant');
      const sheets = statsSheets(s, t);
      expect(sheets[0]!.rows[0]).toEqual(['戶籍登記', 6, 5, 1, 1, 6, 30, 10, 10, 66.7]);
      const svg = hourChartSvg(s, t);
      expect(svg).toContain('<svg');
      expect(svg).toContain('各時段取號數');
      // only the viewBox on the root: the chart scales to a phone's width
      expect(svg).toMatch(/^<svg xmlns[^>]*viewBox="0 0 760 340"/);
    });

    it('computes a run of days over every ticket in it, by hand', async () => {
      const s = await rangeStats(database.db, officeId, '2026-11-23', '2026-11-26', 'zh-Hant');
      expect(s).toMatchObject({ from: '2026-11-23', to: '2026-11-26' });
      const reg = s.services.find((g) => g.key === 'registration')!;
      // waits 2,4,6,8,12,20,30,40: p50 = 4th = 8, p90 = 8th = 40; within 15: 2,4,6,8,12 = 5 of 8
      // served (done): 10×5, 8, 6 → 6,8,10,10,10,10,10: p50 = 4th = 10, p90 = 7th = 10
      expect(reg).toMatchObject({ tickets: 8, served: 7, noShows: 1, transfers: 3, waitP50: 8, waitP90: 40, serviceP50: 10, serviceP90: 10, within15: 5 / 8 });
      // transcripts: 3 + 1 served, one cancelled without a wait; waits 1,1,1,3: p50 = 2nd = 1, p90 = 4th = 3
      const tr = s.services.find((g) => g.key === 'transcript')!;
      expect(tr).toMatchObject({ tickets: 5, served: 4, noShows: 0, transfers: 0, waitP50: 1, waitP90: 3, serviceP50: 2, serviceP90: 2, within15: 1 });
      expect(s.total.tickets).toBe(13);
      // the hours summed over the days
      expect(s.hours).toEqual([
        { hour: 9, byService: { registration: 3, transcript: 4 } },
        { hour: 10, byService: { registration: 2, transcript: 1 } },
        { hour: 11, byService: { registration: 2 } },
        { hour: 14, byService: { registration: 1 } },
      ]);
      expect(s.walkIns).toBe(1);
      const sheets = statsSheets(s, translator('zh-Hant'));
      expect(sheets[0]!.rows.find((r) => r[0] === '戶籍登記')).toEqual(['戶籍登記', 8, 7, 1, 3, 8, 40, 10, 10, 62.5]);
      // every ticket: waits 1,1,1,2,3,4,6,8,12,20,30,40 → p50 6th = 4, p90 11th = 30, 9 of 12 within 15;
      // served 2,2,2,2,6,8,10,10,10,10,10 → p50 6th = 8, p90 10th = 10
      expect(sheets[0]!.rows.at(-1)).toEqual(['合計', 13, 11, 1, 3, 4, 30, 8, 10, 75]);
      const hours = sheets[1]!;
      const col = (name: string) => hours.headers.indexOf(name);
      expect(hours.rows.map((r) => [r[0], r[col('戶籍登記')], r[col('謄本、印鑑、門牌證明')]])).toEqual([
        ['9:00', 3, 4],
        ['10:00', 2, 1],
        ['11:00', 2, 0],
        ['14:00', 1, 0],
      ]);
      // a run of one day is that day
      expect((await rangeStats(database.db, officeId, '2026-11-23', '2026-11-23', 'zh-Hant')).total.tickets).toBe(9);
      expect((await rangeStats(database.db, officeId, '2026-11-22', '2026-11-30', 'zh-Hant')).total.tickets).toBe(15);
    });
  });
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the statistics page over a run of days`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let sup: Agent;
    beforeAll(async () => {
      // Wednesday 25 November 2026, 10:00 in Taipei
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      await insertTickets(t.database.db, kind, 'zhubei', [...DAY_23, ...AROUND]);
      await insertWalkIns(t.database.db, 'zhubei', ['2026-11-24', '2026-11-30']);
      sup = new Agent(t.app);
      await sup.signIn('supervisor.zhubei', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('shows, downloads and charts 23–26 November, and keeps one-day links working', async () => {
      const page = await sup.get('/staff/queue/stats?from=2026-11-23&to=2026-11-26');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1>叫號統計：民國115年11月23日至民國115年11月26日</h1>');
      expect(page.body).toContain('value="115/11/23"');
      expect(page.body).toContain('臨櫃未取號：1');
      const csv = await sup.get('/staff/queue/stats.csv?from=2026-11-23&to=2026-11-26&office=zhubei');
      expect(csv.headers['content-disposition']).toContain('queue-zhubei-2026-11-23_2026-11-26.csv');
      expect(csv.body).toContain('\r\n戶籍登記,8,7,1,3,8,40,10,10,62.5\r\n');
      expect(csv.body).toContain('\r\n合計,13,11,1,3,4,30,8,10,75\r\n');
      // typed in 民國 dates, the same days
      expect((await sup.get('/staff/queue/stats.csv?from=115/11/23&to=115/11/26')).body).toBe(csv.body);
      const ods = await sup.get('/staff/queue/stats.ods?from=2026-11-23&to=2026-11-26');
      expect(ods.headers['content-disposition']).toContain('queue-zhubei-2026-11-23_2026-11-26.ods');
      const content = strFromU8(unzipSync(new Uint8Array(ods.rawPayload))['content.xml']!);
      expect(content).toContain('<text:p>14:00</text:p>');
      const svg = await sup.get('/staff/queue/stats/chart.svg?from=2026-11-23&to=2026-11-26');
      expect(svg.headers['content-disposition']).toContain('queue-zhubei-2026-11-23_2026-11-26.svg');
      expect(svg.body).toContain('14:00');

      // the old one-day link, and a range with its end left empty, are that day
      const old = await sup.get('/staff/queue/stats.csv?date=2026-11-23');
      expect(old.headers['content-disposition']).toContain('queue-zhubei-2026-11-23.csv');
      expect(old.body).toContain('\r\n戶籍登記,6,5,1,1,6,30,10,10,66.7\r\n');
      expect((await sup.get('/staff/queue/stats?from=2026-11-23')).body).toContain('<h1>叫號統計：民國115年11月23日</h1>');
      expect((await sup.get('/staff/queue/stats?date=2026-11-23')).body).toContain('<h1>叫號統計：民國115年11月23日</h1>');
      // nothing asked: today
      expect((await sup.get('/staff/queue/stats')).body).toContain('<h1>叫號統計：民國115年11月25日</h1>');
      // a whole leap-free year plus a day is 366 days: allowed
      expect((await sup.get('/staff/queue/stats.csv?from=2025-11-26&to=2026-11-26')).body).toContain('\r\n合計,14,');
    });

    it('refuses a reversed, wrong or too long run of days beside the field', async () => {
      const reversed = await sup.get('/staff/queue/stats?from=2026-11-26&to=2026-11-23');
      expect(reversed.statusCode).toBe(422);
      expect(reversed.body).toContain('<p class="field-message" id="f-to-error">結束日期不可早於開始日期。</p>');
      expect(reversed.body).toContain('value="2026-11-26"');
      expect(reversed.body).not.toContain('chart.svg');
      const long = await sup.get('/staff/queue/stats?from=2025-11-25&to=2026-11-26');
      expect(long.statusCode).toBe(422);
      expect(long.body).toContain('<p class="field-message" id="f-to-error">期間最長 366 天，請縮短期間。</p>');
      const wrong = await sup.get('/staff/queue/stats?from=2026-02-30&to=2026-03-02');
      expect(wrong.body).toContain('<p class="field-message" id="f-from-error">請輸入正確的日期，例如 115/11/24 或 2026-11-24。</p>');
      expect(wrong.body).toContain('value="2026-02-30"');
      const en = await sup.get('/staff/queue/stats?from=2026-11-26&to=2026-11-23&lang=en');
      expect(en.body).toContain('The end date must not be before the start date.');
      await sup.get('/staff/queue/stats?lang=zh-Hant');
      expect((await sup.get('/staff/queue/stats.csv?from=2026-11-26&to=2026-11-23')).statusCode).toBe(422);
      expect((await sup.get('/staff/queue/stats/chart.svg?from=2025-01-01&to=2026-11-23')).statusCode).toBe(422);
    });
  });
}
