import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../calendar/index.js';

/**
 * The plan's indicators: a registry that modules fill, one function per
 * indicator that works out an office's value over a period from what the
 * module already holds. The plan module reads it; it never knows where a
 * figure comes from.
 */

/** A month, a quarter, a year or a run of days (the figures module's Period fits). */
export interface IndicatorPeriod {
  kind: 'month' | 'quarter' | 'year' | 'range';
  key: string;
  from: IsoDate;
  to: IsoDate;
}

export interface IndicatorOffice {
  id: number;
  code: string;
  countyId: number;
}

export type IndicatorUnit = 'count' | 'percent' | 'points' | 'minutes' | 'days' | 'score';

export interface IndicatorValue {
  /** null: nothing to count in the period (shown as 「無資料」, never as 0) */
  value: number | null;
  /** how many things the value rests on (questionnaires, cases…), when that matters to a reader */
  base?: number;
  /** a 95% interval for a share, in the value's unit */
  interval?: { low: number; high: number };
}

export interface IndicatorDef {
  /** stable key stored in plans: '<module>.<name>', e.g. 'queue.waitP50' */
  key: string;
  /** i18n key of the title (「等候時間中位數」); the description is `${titleKey}.desc` */
  titleKey: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  /** a count that adds up over time (items published, defects found): a monthly target becomes twelve times it for the year */
  additive?: boolean;
  /** where a person sees how it was worked out (a figures or statistics page for that office and period) */
  href(office: IndicatorOffice, period: IndicatorPeriod): string;
  /**
   * `memo`: one map per batch of computations (a monthly pack asks 30
   * indicators over 13 periods); an indicator may keep what it read there
   * (the office's month tallies, its rows of a year: see rowsOver) so the
   * batch reads it once. Never kept beyond the batch: figures change.
   */
  compute(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue>;
}

export type IndicatorMemo = Map<string, Promise<unknown>>;

const registry = new Map<string, IndicatorDef>();

/** Called from a module's index.ts; a second definition under one key is a programming error. */
export function registerIndicators(defs: IndicatorDef[]): void {
  for (const d of defs) {
    if (registry.has(d.key)) throw new Error(`indicator ${d.key} registered twice`);
    registry.set(d.key, d);
  }
}

export const indicatorDef = (key: string): IndicatorDef | undefined => registry.get(key);

/** Every registered indicator, in the order modules registered them. */
export const allIndicators = (): IndicatorDef[] => [...registry.values()];

/** An indicator's value, or null when the key is not (or no longer) registered. */
export async function computeIndicator(db: Executor, key: string, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue | null> {
  const def = registry.get(key);
  return def ? def.compute(db, office, period, memo) : null;
}

/** What `compute` read once in a batch: the value under `key`, computed on first ask. */
export function remembered<T>(memo: IndicatorMemo | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!memo) return read();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    memo.set(key, found);
  }
  return found;
}

/**
 * The rows an indicator counts over a period, `inside` it (the test the
 * indicator's query would make). With a batch's memo, each calendar year
 * the period touches is read whole, once (`read` from its 1 January to
 * its 31 December), and the period's rows picked from it in memory: a
 * pack's twelve months and year to date then cost one round trip, not
 * thirteen, which on PostgreSQL is most of the time. Without a memo only
 * the period is read. `key` names what is read and for whom (office id).
 */
export async function rowsOver<R>(
  memo: IndicatorMemo | undefined,
  key: string,
  period: Pick<IndicatorPeriod, 'from' | 'to'>,
  read: (from: IsoDate, to: IsoDate) => Promise<R[]>,
  inside: (row: R) => boolean,
): Promise<R[]> {
  if (!memo) return (await read(period.from, period.to)).filter(inside);
  const first = Number(period.from.slice(0, 4));
  const years = Array.from({ length: Number(period.to.slice(0, 4)) - first + 1 }, (_, i) => first + i);
  const blocks = await Promise.all(years.map((y) => remembered(memo, `${key}|${y}`, () => read(`${y}-01-01`, `${y}-12-31`))));
  return blocks.flat().filter(inside);
}
