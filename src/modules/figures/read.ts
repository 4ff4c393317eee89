import type { Executor } from '../../db/index.js';
import { addTo, type Tally } from '../../platform/figures/index.js';
import { type Period, periodsOf, splitIntoMonths } from './periods.js';
import * as repo from './repo.js';

/**
 * Each office's tally over a period, from the roll-up: whole months from
 * the month rows, the days left over at either end from the day rows.
 * Offices with nothing in the period get an empty tally.
 */
export async function talliesFor(db: Executor, officeIds: number[], period: Period): Promise<Map<number, Tally>> {
  const out = new Map<number, Tally>(officeIds.map((id) => [id, {}]));
  const { months, days } = splitIntoMonths(period);
  const [monthRows, dayRows] = await Promise.all([
    repo.readMonths(db, officeIds, months),
    days.length ? repo.readDays(db, officeIds, days[0]!, days[days.length - 1]!) : Promise.resolve([]),
  ]);
  const wanted = new Set(days);
  for (const r of monthRows) addTo(out.get(r.office_id)!, JSON.parse(r.data) as Tally);
  for (const r of dayRows) if (wanted.has(r.day)) addTo(out.get(r.office_id)!, JSON.parse(r.data) as Tally);
  return out;
}

/** Each office's tally per day, week or month of a period: the rows of a chart or a table over time. */
export async function seriesFor(db: Executor, officeIds: number[], period: Period, grain: 'day' | 'week' | 'month'): Promise<{ period: Period; tallies: Map<number, Tally> }[]> {
  const parts = periodsOf(period, grain);
  if (grain === 'month') return Promise.all(parts.map(async (p) => ({ period: p, tallies: await talliesFor(db, officeIds, p) })));
  // days and weeks: one read of the day rows, folded in memory
  const rows = await repo.readDays(db, officeIds, period.from, period.to);
  const out = parts.map((p) => ({ period: p, tallies: new Map<number, Tally>(officeIds.map((id) => [id, {}])) }));
  for (const r of rows) {
    const slot = out.find((s) => r.day >= s.period.from && r.day <= s.period.to);
    if (slot) addTo(slot.tallies.get(r.office_id)!, JSON.parse(r.data) as Tally);
  }
  return out;
}
