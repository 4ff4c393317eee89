/** Wilson score interval for a proportion (z = 1.96): honest at small n and near 0 or 1. */
export function wilson(k: number, n: number, z = 1.96): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The same interval in percent, one decimal. */
export function wilsonPercent(k: number, n: number): { low: number; high: number } | null {
  const ci = wilson(k, n);
  const r = (x: number) => Math.round(x * 1000) / 10;
  return ci ? { low: r(ci.low), high: r(ci.high) } : null;
}
