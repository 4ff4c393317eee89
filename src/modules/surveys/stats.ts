/**
 * The figures a director reads, as plain functions so they can be checked
 * by hand: satisfaction rate with a Wilson 95% interval, mean and
 * distribution, growth against a previous period.
 */
export interface ScaleSummary {
  n: number;
  satisfied: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  mean: number | null;
  distribution: [number, number, number, number, number];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export { wilson } from '../../platform/figures/index.js';
import { wilson } from '../../platform/figures/index.js';

export function summarize(scores: number[]): ScaleSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const s of scores) if (s >= 1 && s <= 5) distribution[s - 1] = (distribution[s - 1] ?? 0) + 1;
  return fromDistribution(distribution);
}

export function fromDistribution(distribution: [number, number, number, number, number]): ScaleSummary {
  const n = distribution.reduce((a, b) => a + b, 0);
  const satisfied = distribution[3] + distribution[4];
  const ci = wilson(satisfied, n);
  const sum = distribution.reduce((a, c, i) => a + c * (i + 1), 0);
  return {
    n,
    satisfied,
    rate: n ? round1((satisfied / n) * 100) : null,
    low: ci ? round1(ci.low * 100) : null,
    high: ci ? round1(ci.high * 100) : null,
    mean: n ? Math.round((sum / n) * 100) / 100 : null,
    distribution,
  };
}

/** Growth in percentage points of satisfaction rate (rates are already percentages). */
export function growth(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round1(current - previous);
}

export function quarterOf(day: string): string {
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
}

export function previousQuarter(q: string): string {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

export function previousMonth(m: string): string {
  const [y, n] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
  return n === 1 ? `${y - 1}-12` : `${y}-${String(n - 1).padStart(2, '0')}`;
}

export const lastYear = (period: string) => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

/** Waits grouped as a counter supervisor thinks of them. */
export const WAIT_BANDS = [
  { key: '0-5', max: 5 },
  { key: '6-15', max: 15 },
  { key: '16-30', max: 30 },
  { key: '31+', max: Number.POSITIVE_INFINITY },
] as const;
