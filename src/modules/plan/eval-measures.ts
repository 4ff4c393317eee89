import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { type IndicatorOffice, type IndicatorUnit, indicatorDef } from '../../platform/indicators/index.js';
import { type Period, rangePeriod } from '../figures/index.js';
import { type Measure, type MeasureStatus, measureStatus, measureValue, type PlanItem } from './model.js';
import { targetOver } from './templates.js';

/**
 * The year's figures behind a self-evaluation: every measure of a scored
 * item over the plan year so far, judged against the target over the same
 * months. The same shape is frozen into the snapshot at submission, so a
 * submitted evaluation is shown from it without asking the registry again.
 */

export interface YearToDate {
  /** null: the plan year has not begun, there is nothing to count yet */
  period: Period | null;
  /** months from January through the month of the last day counted (a month begun counts: its days are in the figures) */
  months: number;
}

export function yearToDate(year: number, today: IsoDate): YearToDate {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  if (today < from) return { period: null, months: 0 };
  const to = today < end ? today : end;
  return { period: rangePeriod(from, to), months: Number(to.slice(5, 7)) };
}

export interface EvalMeasure {
  measureId: number;
  /** the registry key; null: entered by hand */
  indicatorKey: string | null;
  /** hand-entered: what staff count; computed: empty (the registry's title is shown) */
  label: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  /** the target over the months counted (an additive count's monthly target times the months) */
  target: number | null;
  value: number | null;
  status: MeasureStatus;
  origin: 'computed' | 'hand' | 'missing';
  /** computed: the figures page that shows how it was worked out */
  href: string | null;
  /** hand-entered: the month whose entry is shown */
  handMonth: string | null;
  base: number | null;
}

/** One measure over the year so far. */
export async function yearMeasure(db: Executor, office: IndicatorOffice, m: Measure, ytd: YearToDate): Promise<EvalMeasure> {
  const additive = m.indicatorKey ? indicatorDef(m.indicatorKey)?.additive === true : false;
  const target = targetOver(additive, m.target, ytd.months);
  const base = { measureId: m.id, indicatorKey: m.indicatorKey, label: m.label, unit: m.unit, better: m.better, target };
  if (!ytd.period) {
    return { ...base, value: null, status: 'no_data', origin: m.indicatorKey ? 'computed' : 'hand', href: null, handMonth: null, base: null };
  }
  const v = await measureValue(db, office, m, ytd.period);
  return {
    ...base,
    value: v.value,
    status: measureStatus({ unit: m.unit, better: m.better, target }, v.value),
    origin: v.origin,
    href: v.href ?? null,
    handMonth: v.handMonth ?? null,
    base: v.base ?? null,
  };
}

/** Every measure of each scored item, by item id. */
export async function yearMeasures(db: Executor, office: IndicatorOffice, items: PlanItem[], ytd: YearToDate): Promise<Map<number, EvalMeasure[]>> {
  const out = new Map<number, EvalMeasure[]>();
  for (const item of items) {
    out.set(item.id, await Promise.all(item.measures.map((m) => yearMeasure(db, office, m, ytd))));
  }
  return out;
}
