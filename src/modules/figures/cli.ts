import type { Database } from '../../db/index.js';
import { isIsoDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import * as repo from './repo.js';
import { rebuild, rollupChanged } from './rollup.js';

/**
 * `figures rebuild [--from D] [--to D]`: every tally of the period computed
 * again from the raw tables (all of it when no dates are given), a month per
 * transaction, so it may be stopped and run again. `figures update`: what
 * the job does, once.
 */
export async function figuresCli(database: Database, sub: string, opts: { from?: string | undefined; to?: string | undefined }, now = new Date()): Promise<number> {
  if (sub === 'update') {
    const r = await rollupChanged(database, now);
    console.log(r.rebuilt ? `First run: rebuilt ${r.days} days.` : `Recomputed ${r.days} days.`);
    return 0;
  }
  if (sub !== 'rebuild') return 2;
  for (const d of [opts.from, opts.to]) {
    if (d !== undefined && !isIsoDate(d)) {
      console.error(`Not a date (YYYY-MM-DD): ${d}`);
      return 2;
    }
  }
  const from = opts.from ?? (await repo.earliestRawDay(database.db));
  // bookings are made for days ahead: everything means up to the last day any raw row names, if that is after today
  const last = await repo.latestRawDay(database.db);
  const today = toTaipeiIsoDate(now);
  const to = opts.to ?? (last && last > today ? last : today);
  if (!from) {
    console.log('Nothing to roll up: the raw tables are empty.');
    return 0;
  }
  const t0 = performance.now();
  await rebuild(database, from, to, now, (month) => console.log(`  ${month} done`));
  console.log(`Rebuilt ${from} … ${to} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  return 0;
}
