/**
 * Geometry for the population charts (views/charts.tsx draws them as SVG
 * on the server): round axis scales, tick positions and a width estimate
 * for labels, since there is no browser to measure text.
 */

export const CHART_FONT = 'Noto Sans TC, Noto Sans CJK TC, PingFang TC, Microsoft JhengHei, sans-serif';
/** dark enough on white for small text (WCAG AA): ink, muted ink, grid, and the two sexes */
export const COLOURS = { ink: '#1b1f23', muted: '#4f5a65', grid: '#d5dbe1', male: '#1f5f99', female: '#a3324a', bar: '#0b4f6c', line: '#0b4f6c', line2: '#8a4b0f' } as const;

/** 1, 2, 2.5, 5 × 10ⁿ: the smallest of them at or above `v`. */
export function niceStep(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= v - 1e-9) return f * p;
  return 10 * p;
}

export interface Scale {
  lo: number;
  hi: number;
  step: number;
  ticks: number[];
}

/**
 * A round axis holding [min, max] in about `count` steps. `fromZero`:
 * counts of people (bars, the pyramid) start at 0; a trend of 212,000 ±
 * 300 would be a flat line from 0, so its axis hugs the values.
 */
export function niceScale(min: number, max: number, count = 4, fromZero = true): Scale {
  let lo = fromZero ? 0 : min;
  let hi = max;
  if (hi <= lo) {
    // one value, or all the same: give it room either side (or above 0)
    const pad = Math.max(1, Math.abs(hi) * 0.01);
    hi = hi + pad;
    if (!fromZero) lo = Math.max(0, lo - pad);
  }
  const step = Math.max(1, niceStep((hi - lo) / count));
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { lo: first, hi: last, step, ticks };
}

/** Where v falls between a and b (pixels) on the scale. */
export function place(s: Scale, v: number, a: number, b: number): number {
  return s.hi === s.lo ? a : a + ((v - s.lo) / (s.hi - s.lo)) * (b - a);
}

/** About how wide a label is at a font size: Chinese characters a full em, the rest a little over half. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : /[\d,.]/.test(ch) ? 0.56 : 0.6;
  return w * fontSize;
}

/** Which of n points get an axis label: about `most` of them, counted back from the last, which is the month shown. */
export function labelledPoints(n: number, most = 6): Set<number> {
  const every = Math.max(1, Math.ceil(n / most));
  const out = new Set<number>();
  for (let i = n - 1; i >= 0; i -= every) out.add(i);
  return out;
}
