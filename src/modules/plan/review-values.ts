import type { Executor } from '../../db/index.js';
import { computeIndicator, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, indicatorDef } from '../../platform/indicators/index.js';
import { type Measure, type MeasureValue, measureStatus } from './model.js';

/**
 * A measure's value over many periods without one query per measure per
 * period: indicator results are remembered per (indicator, period) for one
 * pack, so a month shared by the trend, the previous month and a second
 * measure on the same indicator is computed once; hand-entered values are
 * read once for the whole plan and picked in memory. Both give what
 * measureValue (model.ts) gives for the same period.
 */

/**
 * At most this many computations in flight: on PostgreSQL they spread over
 * the pool without taking all of it from the requests around them; on
 * SQLite every query runs in turn anyway.
 */
const IN_FLIGHT = 6;

export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resume) => waiting.push(resume));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export type IndicatorReader = (key: string, period: IndicatorPeriod) => Promise<IndicatorValue | null>;

/** The registry's computations for one office, each (indicator, period) once. */
export function indicatorReader(db: Executor, office: IndicatorOffice): IndicatorReader {
  const memo = new Map<string, Promise<IndicatorValue | null>>();
  // shared by the indicators: each reads the office's month rows once for the whole pack
  const shared: IndicatorMemo = new Map();
  const run = limiter(IN_FLIGHT);
  return (key, period) => {
    const k = `${key}|${period.kind}|${period.key}`;
    let found = memo.get(k);
    if (!found) {
      found = run(() => computeIndicator(db, key, office, period, shared));
      memo.set(k, found);
    }
    return found;
  };
}

/** As measureValue builds it for a computed measure. */
export function computedValue(m: Measure, office: IndicatorOffice, period: IndicatorPeriod, v: IndicatorValue | null): MeasureValue {
  const def = m.indicatorKey === null ? undefined : indicatorDef(m.indicatorKey);
  if (!def || !v) return { origin: 'missing', value: null, status: 'no_data' };
  return { origin: 'computed', ...v, status: measureStatus(m, v.value), href: def.href(office, period) };
}

export interface HandRow {
  measureId: number;
  month: string;
  value: number;
  fileId: number | null;
  note: string;
}

/** Every hand-entered value of the plan's measures in [fromMonth, toMonth], per measure, newest month first. */
export async function handRows(db: Executor, planId: number, fromMonth: string, toMonth: string): Promise<Map<number, HandRow[]>> {
  const rows = await db
    .selectFrom('plan_hand_value')
    .innerJoin('plan_measure', 'plan_measure.id', 'plan_hand_value.measure_id')
    .select(['plan_hand_value.measure_id', 'plan_hand_value.month', 'plan_hand_value.value', 'plan_hand_value.file_id', 'plan_hand_value.note'])
    .where('plan_measure.plan_id', '=', planId)
    .where('plan_hand_value.month', '>=', fromMonth)
    .where('plan_hand_value.month', '<=', toMonth)
    .orderBy('plan_hand_value.month', 'desc')
    .execute();
  const out = new Map<number, HandRow[]>();
  for (const r of rows) {
    const list = out.get(r.measure_id) ?? [];
    list.push({ measureId: r.measure_id, month: r.month, value: Number(r.value), fileId: r.file_id, note: r.note });
    out.set(r.measure_id, list);
  }
  return out;
}

/** As measureValue gives a hand-entered measure: the latest month entered inside the period, null when none. */
export function handValue(m: Measure, newestFirst: HandRow[], period: IndicatorPeriod): MeasureValue {
  const from = period.from.slice(0, 7);
  const to = period.to.slice(0, 7);
  const row = newestFirst.find((r) => r.month >= from && r.month <= to);
  const value = row ? row.value : null;
  return { origin: 'hand', value, status: measureStatus(m, value), handMonth: row?.month, fileId: row?.fileId ?? null, note: row?.note };
}
