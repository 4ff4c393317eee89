/**
 * A tally is what one office did on one day, as additive counts under flat
 * keys ('q.tickets', 'q.wait.123', 'c.closed.birth'…). Everything in it adds:
 * a month is the sum of its days, a county the sum of its offices, so one
 * merge serves every grain. Medians and percentiles come from histogram keys
 * (value → count) and shares from two counts, computed only when read.
 */
export type Tally = Record<string, number>;

export function addTo(into: Tally, from: Tally): Tally {
  // for…in, not Object.entries: a county's year merges some 200,000 keys, and the pairs array is most of the cost
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] as number);
  return into;
}

export function sumOf(tallies: Iterable<Tally>): Tally {
  const out: Tally = {};
  for (const t of tallies) addTo(out, t);
  return out;
}

export function bump(t: Tally, key: string, n = 1): void {
  if (n !== 0) t[key] = (t[key] ?? 0) + n;
}

export const get = (t: Tally, key: string): number => t[key] ?? 0;

/** The parts under a prefix: 'q.svc.' → { A: 12, B: 3 }. */
export function partsOf(t: Tally, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(t)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

/**
 * Nearest-rank percentile of a histogram whose keys are numbers (the same
 * rule as the day statistics: the smallest value with at least p% of the
 * counts at or below it).
 */
export function histogramPercentile(t: Tally, prefix: string, p: number): number | null {
  const bins = Object.entries(partsOf(t, prefix))
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  // (p × total) / 100, not (p / 100) × total: the product of integers is exact, so the 55th of 100 values is the 55th
  const rank = Math.min(total, Math.max(1, Math.ceil((p * total) / 100)));
  let seen = 0;
  for (const [v, n] of bins) {
    seen += n;
    if (seen >= rank) return v;
  }
  return bins[bins.length - 1]![0];
}

/** Sum of value × count of a histogram. */
export function histogramSum(t: Tally, prefix: string): number {
  return Object.entries(partsOf(t, prefix)).reduce((s, [k, n]) => s + Number(k) * n, 0);
}

export const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
export const mean = (sum: number, n: number, digits = 1): number | null => (n > 0 ? Math.round((sum / n) * 10 ** digits) / 10 ** digits : null);
