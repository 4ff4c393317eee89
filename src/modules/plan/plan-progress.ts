import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { type IndicatorOffice, indicatorDef } from '../../platform/indicators/index.js';
import { monthPeriod, type Period, rangePeriod } from '../figures/index.js';
import { type Measure, type MeasureValue, measureStatus, measureValue, type PlanTree } from './model.js';
import { targetOver } from './templates.js';

/**
 * Where a plan stands: each measure's value this month and over the year so
 * far. A past year's plan is read as of 31 December; a plan for a year
 * that has not begun has no values yet. Computed every time from the
 * roll-up and the hand entries; nothing is cached.
 */
export interface ProgressWindow {
  /** the last day counted: today, or 31 December of a past year */
  asOf: IsoDate;
  month: Period;
  /** 1 January to asOf */
  ytd: Period;
  /** months gone by, the running one in days (11 + 3/31 on 3 December): an additive count's monthly target is multiplied by it, as in the monthly review pack */
  months: number;
}

export interface MeasureProgress {
  month: MeasureValue;
  ytd: MeasureValue;
  /** the target the year-to-date is held to (an additive count's is months × the monthly target) */
  ytdTarget: number | null;
}

export function progressWindow(year: number, today: IsoDate): ProgressWindow | null {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return null;
  const asOf: IsoDate = year < thisYear ? `${year}-12-31` : today;
  const m = Number(asOf.slice(5, 7));
  const month = monthPeriod(year, m);
  const days = Number(month.to.slice(8));
  return { asOf, month, ytd: rangePeriod(`${year}-01-01`, asOf), months: m - 1 + Number(asOf.slice(8)) / days };
}

async function progressOf(db: Executor, office: IndicatorOffice, m: Measure, w: ProgressWindow): Promise<MeasureProgress> {
  const [month, ytd] = await Promise.all([measureValue(db, office, m, w.month), measureValue(db, office, m, w.ytd)]);
  const additive = m.indicatorKey !== null && indicatorDef(m.indicatorKey)?.additive === true;
  const ytdTarget = targetOver(additive, m.target, w.months);
  // measureValue judged the year against the monthly target; an additive count is judged against the months' sum
  const judged = additive && ytd.origin === 'computed' ? { ...ytd, status: measureStatus({ ...m, target: ytdTarget }, ytd.value) } : ytd;
  return { month, ytd: judged, ytdTarget };
}

/** Every measure of the plan, by measure id; empty for the county's own plan (it has no office to count) or a year not begun. */
export async function planProgress(db: Executor, tree: PlanTree, office: IndicatorOffice | null, today: IsoDate): Promise<{ window: ProgressWindow | null; values: Map<number, MeasureProgress> }> {
  const window = progressWindow(tree.plan.year, today);
  const values = new Map<number, MeasureProgress>();
  if (!window || !office) return { window, values };
  const measures = tree.flat.flatMap((i) => i.measures);
  const results = await Promise.all(measures.map((m) => progressOf(db, office, m, window)));
  measures.forEach((m, i) => {
    const r = results[i];
    if (r) values.set(m.id, r);
  });
  return { window, values };
}

/** One office's year-to-date values on the county's plan: a column of the county plan's page. */
export interface OfficeColumn {
  code: string;
  name: string;
  values: Map<number, MeasureProgress>;
}

/**
 * The county's own plan counts nothing itself (figures belong to offices):
 * its page shows, for each measure, every open office's year so far, so
 * the county reads its plan against the offices that carry it out.
 */
export async function countyColumns(db: Executor, tree: PlanTree, offices: (IndicatorOffice & { name: string })[], today: IsoDate): Promise<{ window: ProgressWindow | null; columns: OfficeColumn[] }> {
  const window = progressWindow(tree.plan.year, today);
  if (!window) return { window, columns: [] };
  // hand-entered measures are entered in each office's own plan, under its own measure: none to show here
  const computed = { ...tree, flat: tree.flat.map((i) => ({ ...i, measures: i.measures.filter((m) => m.indicatorKey !== null) })) };
  const columns = await Promise.all(offices.map(async (o) => ({ code: o.code, name: o.name, values: (await planProgress(db, computed, o, today)).values })));
  return { window, columns };
}
