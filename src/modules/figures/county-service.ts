import type { Executor } from '../../db/index.js';
import type { Tally } from '../../platform/figures/index.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { type Board, buildBoard, chartMonths, type OfficeRef } from './county.js';
import { type Period, previousPeriod, sameLastYear } from './periods.js';
import { talliesFor } from './read.js';
import * as repo from './repo.js';

/** Office 0 holds what belongs to no office (site searches): read with the offices, counted in the county total only. */
const SITE = 0;

const hasAny = (...maps: Map<number, Tally>[]) => (id: number) => maps.some((m) => Object.keys(m.get(id) ?? {}).length > 0);

/**
 * The board of a period: every office the person covers, side by side with
 * the county total, compared with the period before and a year before.
 * A deactivated office stays in while any of the three periods has its
 * counts (the county totals then add up the same offices they did then).
 */
export async function countyBoard(db: Executor, offices: OfficeInfo[], period: Period): Promise<Board> {
  const ids = [SITE, ...offices.map((o) => o.id)];
  const [now, previous, lastYear] = await Promise.all([talliesFor(db, ids, period), talliesFor(db, ids, previousPeriod(period)), talliesFor(db, ids, sameLastYear(period))]);
  const counted = hasAny(now, previous, lastYear);
  const refs = officeRefs(offices).filter((o) => !o.closed || counted(o.id));
  const t = { now, previous, lastYear };
  return buildBoard(refs, t, t);
}

export function officeRefs(offices: OfficeInfo[]): OfficeRef[] {
  return offices.map((o) => ({ id: o.id, code: o.code, name: o.name, closed: Boolean(o.closed) }));
}

/**
 * Each office's tally for each of the twelve chart months. The months are
 * whole, so their month rows are all there is to read: one query, where
 * seriesFor would ask once per month.
 */
export async function chartTallies(db: Executor, offices: OfficeRef[], period: Period): Promise<{ months: Period[]; tallies: { tallies: Map<number, Tally> }[] }> {
  const months = chartMonths(period);
  const ids = [SITE, ...offices.map((o) => o.id)];
  const rows = await repo.readMonths(
    db,
    ids,
    months.map((m) => m.key),
  );
  const tallies = months.map((m) => {
    const byOffice = new Map<number, Tally>(ids.map((id) => [id, {}]));
    for (const r of rows) if (r.month === m.key) byOffice.set(r.office_id, JSON.parse(r.data) as Tally);
    return { tallies: byOffice };
  });
  return { months, tallies };
}
