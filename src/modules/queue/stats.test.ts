import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Database } from '../../db/index.js';
import { translator } from '../../platform/i18n/index.js';
import { dayStats, hourChartSvg, percentile, statsSheets } from './stats.js';

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

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] statistics of a synthetic day`, () => {
    let database: Database & { dispose(): Promise<void> };
    beforeAll(async () => {
      database = await demoDatabase(kind);
      const office = await database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      const services = await database.db.selectFrom('service').select(['id', 'code']).where('office_id', '=', office.id).execute();
      const counter = await database.db.selectFrom('counter').select('id').where('office_id', '=', office.id).where('number', '=', 2).executeTakeFirstOrThrow();
      const reg = services.find((s) => s.code === 'registration')!.id;
      const tr = services.find((s) => s.code === 'transcript')!.id;
      // registration: waits 2,4,6,8,20 min, served 10 min each; one no-show; transcripts: 3 at 9h, waits 1 min, served 2 min
      const rows: [number, string, string, number | null, number | null, number][] = [
        [reg, '09:00', 'done', 2, 10, 0],
        [reg, '09:10', 'done', 4, 10, 1],
        [reg, '10:00', 'done', 6, 10, 0],
        [reg, '10:30', 'done', 8, 10, 0],
        [reg, '11:00', 'done', 20, 10, 0],
        [reg, '11:10', 'no_show', 30, null, 0],
        [tr, '09:05', 'done', 1, 2, 0],
        [tr, '09:15', 'done', 1, 2, 0],
        [tr, '09:25', 'done', 1, 2, 0],
      ];
      let n = 0;
      for (const [service, hhmm, status, wait, served, transfers] of rows) {
        n++;
        const issued = new Date(`2026-11-23T${hhmm}:00+08:00`).toISOString();
        await database.db
          .insertInto('ticket')
          .values({
            office_id: office.id, service_id: service, day: '2026-11-23', prefix: 'S', number: n, label: `S${n}`, priority: 0, channel: 'kiosk', status,
            code: `synthetic-code-${kind}-${n}`, counter_id: counter.id, staff_id: null, issued_at: issued, queue_at: issued, called_at: issued, last_called_at: issued,
            target_counter_id: null, started_at: null, finished_at: null, recall_count: 0, transfer_count: transfers,
            waited_ms: wait === null ? null : wait * 60_000, served_ms: served === null ? null : served * 60_000, booking_id: null,
          })
          .execute();
      }
    });
    afterAll(async () => database?.dispose());

    it('computes the figures by hand', async () => {
      const office = await database.db.selectFrom('office').select('id').where('code', '=', 'jianshi').executeTakeFirstOrThrow();
      const s = await dayStats(database.db, office.id, '2026-11-23', 'zh-Hant');
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
      const t = translator('zh-Hant');
      const sheets = statsSheets(s, t);
      expect(sheets[0]!.rows[0]).toEqual(['戶籍登記', 6, 5, 1, 1, 6, 30, 10, 10, 66.7]);
      const svg = hourChartSvg(s, t);
      expect(svg).toContain('<svg');
      expect(svg).toContain('各時段取號數');
    });
  });
}
