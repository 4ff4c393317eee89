import type { Executor } from '../../../db/index.js';
import type { ParsedQuery } from '../address.js';
import * as repo from './repo.js';

/**
 * When a look-up finds nothing: other numbers on the same road near the one
 * asked for, and road names that look like the one typed (光明路 for
 * 光明六路, 中華路 for 中正路).
 */
export interface Nearby {
  id: number;
  label: string;
  state: 'current' | 'retired';
}

/** A road as it is written with its 段, for links and lists. */
export const roadText = (r: { road: string; section: string }) => `${r.road}${r.section ? `${r.section}段` : ''}`;

/** Similarity of two names on their characters and character pairs (Dice), 0 … 1. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const chars = [...s];
    return [...chars, ...chars.slice(1).map((c, i) => `${chars[i]}${c}`)];
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (ga.length + gb.length);
}

/** Roads of the scope whose names look like the one typed, best first (at most five). */
export async function similarRoads(db: Executor, scope: repo.Scope, road: string): Promise<string[]> {
  const names = [...new Set((await repo.roadsInScope(db, scope)).map((r) => r.road))].filter((n) => n !== road);
  return names
    .map((n) => ({ n, s: similarity(road, n) }))
    .filter((x) => x.s >= 0.45)
    .sort((a, b) => b.s - a.s || a.n.localeCompare(b.n))
    .slice(0, 5)
    .map((x) => x.n);
}

const numeric = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);

/**
 * The numbers on the same road (and lane and alley, when that finds any)
 * nearest the number asked for, current ones only, in natural order.
 */
export async function nearbyNumbers(db: Executor, scope: repo.Scope, q: ParsedQuery, limit = 6): Promise<Nearby[]> {
  if (!q.road || !q.number) return [];
  const asked = numeric(q.number);
  const exact: repo.PartFilter = { road: q.road, section: q.section, lane: q.lane ?? '', alley: q.alley ?? '' };
  let rows = await repo.findPoints(db, scope, exact, 2000);
  if (rows.length === 0) rows = await repo.findPoints(db, scope, { road: q.road, section: q.section }, 2000);
  const seen = new Set<string>();
  const picked = rows
    .filter((r) => r.state === 'current')
    .map((r, i) => ({ r, i, d: Math.abs(numeric(r.number) - asked) }))
    .sort((a, b) => (Number.isNaN(a.d) ? 1e9 : a.d) - (Number.isNaN(b.d) ? 1e9 : b.d) || a.i - b.i)
    .filter((x) => (seen.has(x.r.match_key) ? false : seen.add(x.r.match_key)))
    .slice(0, limit);
  // back in the road's own order (findPoints returns them naturally ordered)
  return picked.sort((a, b) => a.i - b.i).map((x) => ({ id: x.r.id, label: x.r.label, state: x.r.state }));
}
