import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../test/databases.js';
// the app's modules, so every indicator they register is there as in production
import { ROOT } from '../../app.js';
import type { Database } from '../../db/index.js';
import { seedDemo } from '../../demo/seed.js';
import { allIndicators, computeIndicator, type IndicatorOffice, type IndicatorValue } from '../../platform/indicators/index.js';
import { monthPeriod, type Period, quarterPeriod, rangePeriod, yearPeriod } from '../figures/index.js';
import { indicatorReader } from './review-values.js';

/** Counts the queries a Kysely instance sends (results pass through untouched). */
function counter(): { plugin: KyselyPlugin; n: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery(args) {
        n += 1;
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    },
    n: () => n,
  };
}

/**
 * A pack computes its indicators in one batch, sharing what they read (the
 * year's month tallies, a register's rows of the year): every value must
 * be the one the indicator gives alone for that period, on the demo's
 * fourteen months of history, for periods that are months, the year so far
 * to a day inside a month, a quarter, a year and a run of days across New
 * Year — and the batch must read each year once, not each period.
 */
const NOW = new Date('2026-12-03T02:00:00Z');
const PERIODS: Period[] = [
  ...Array.from({ length: 11 }, (_, i) => monthPeriod(2026, 11 - i)),
  monthPeriod(2025, 12),
  rangePeriod('2026-01-01', '2026-11-17'),
  quarterPeriod(2026, 3),
  yearPeriod(2025),
  rangePeriod('2025-12-20', '2026-01-10'),
];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the pack's batch of indicators`, () => {
    let database: Database & { dispose(): Promise<void> };
    let office: IndicatorOffice;
    beforeAll(async () => {
      database = await freshDatabase(kind);
      await seedDemo(database, ROOT, NOW, { history: true });
      const o = await database.db.selectFrom('office').select(['id', 'code', 'county_id']).where('code', '=', 'zhubei').executeTakeFirstOrThrow();
      office = { id: o.id, code: o.code, countyId: o.county_id };
    }, 240_000);
    afterAll(async () => database?.dispose());

    it('gives every indicator the value it has alone, reading each year once', async () => {
      const keys = allIndicators().map((d) => d.key);
      const alone = new Map<string, IndicatorValue | null>();
      for (const key of keys) for (const p of PERIODS) alone.set(`${key} ${p.key}`, await computeIndicator(database.db, key, office, p));
      const c = counter();
      const read = indicatorReader(database.db.withPlugin(c.plugin), office);
      const batch = new Map<string, IndicatorValue | null>();
      await Promise.all(keys.flatMap((key) => PERIODS.map(async (p) => batch.set(`${key} ${p.key}`, await read(key, p)))));
      expect(Object.fromEntries(batch)).toEqual(Object.fromEntries(alone));
      // the demo gives every indicator something to count: a batch that lost rows would show up as nulls
      const counted = keys.filter((key) => PERIODS.some((p) => alone.get(`${key} ${p.key}`)?.value !== null && alone.get(`${key} ${p.key}`)?.value !== undefined));
      console.info(`[batch] never counted: ${keys.filter((k) => !counted.includes(k)).join(", ")}`);
      // alone: a query or two per indicator and period (16 periods); in the batch a few per indicator for the two years
      console.info(`[batch] ${kind}: ${keys.length} indicators × ${PERIODS.length} periods in ${c.n()} queries`);
      if (process.env.HZ_SHOW_QUERIES) {
        const per: string[] = [];
        for (const key of keys) {
          const one = counter();
          const r = indicatorReader(database.db.withPlugin(one.plugin), office);
          await Promise.all(PERIODS.map((p) => r(key, p)));
          per.push(`${key}=${one.n()}`);
        }
        console.info(`[batch] per indicator: ${per.join(' ')}`);
      }
      expect(counted.length).toBeGreaterThanOrEqual(keys.length - 2);
      expect(c.n()).toBeLessThanOrEqual(2 * keys.length);
    });
  });
}
