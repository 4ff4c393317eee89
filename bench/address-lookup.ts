/**
 * The two look-ups bench/address times: a typed query read by parseAddress
 * and found through the indexes (county + match key; county + road when no
 * 段 was typed, then the other parts), and the ceiling — the exact match
 * key, known in advance, by the same index.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/index.js';
import { addressKey, addressLabel } from '../src/modules/house-numbers/address.js';
import { parseAddress } from '../src/modules/house-numbers/normalise.js';
import type { TypedQuery } from './address-queries.js';

export interface Timing {
  p50: number;
  p99: number;
  found: number;
  count: number;
}

/** No 段, then 一段 … 十段. */
const ANY_SECTION = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type Found = { village_code: string; label: string }[];

/**
 * The modes: `exact` the ceiling (the known match key); `typed` reads the
 * text and looks up its match key — when no 段 was typed, the keys of the
 * road without a 段 and with 一 … 十段 at once (an IN list on the same
 * index: a county may have 中山路 in one town and 中山路二段 in another, so
 * trying "no 段" first would miss the one meant); `road` goes by road and
 * filters the other parts, as a look-up that never uses the match key does.
 */
export type Mode = 'exact' | 'typed' | 'road';

/** One query; true when the answer holds the row it was made from. */
export async function lookUp(database: Database, countyId: number, q: TypedQuery, mode: Mode): Promise<boolean> {
  const base = database.db.selectFrom('addr_point').select(['id', 'village_code', 'label', 'state', 'lon', 'lat']).where('county_id', '=', countyId);
  let rows: Found;
  if (mode === 'exact') rows = await base.where('match_key', '=', addressKey(q.row.parts)).execute();
  else {
    const p = parseAddress(q.text);
    if (!p.road || !p.number) return false;
    const rest = { lane: p.lane ?? '', alley: p.alley ?? '', number: p.number, numberSub: p.numberSub ?? '' };
    const byRoad = () => base.where('road', '=', p.road as string).where('lane', '=', rest.lane).where('alley', '=', rest.alley).where('number', '=', rest.number).where('number_sub', '=', rest.numberSub).execute();
    if (mode === 'road') rows = await byRoad();
    else {
      const sections = p.section === undefined ? ANY_SECTION : [p.section];
      rows = await base.where('match_key', 'in', sections.map((section) => addressKey({ road: p.road as string, section, ...rest }))).execute();
    }
  }
  const label = addressLabel(q.row.parts);
  return rows.some((r) => r.label === label && r.village_code === q.row.villageCode);
}

const nearestRank = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function timing(times: number[], found: number): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 50), p99: nearestRank(sorted, 99), found, count: times.length };
}

/** Every query once after a warming pass of the first 100: p50/p99 overall and per variant. */
export async function timeQueries(queries: readonly TypedQuery[], fn: (q: TypedQuery) => Promise<boolean>): Promise<{ all: Timing; byVariant: Record<string, Timing> }> {
  for (const q of queries.slice(0, 100)) await fn(q);
  const times: number[] = [];
  const per = new Map<string, { times: number[]; found: number }>();
  let found = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const ok = await fn(q);
    const dt = performance.now() - t0;
    times.push(dt);
    if (ok) found++;
    const v = per.get(q.variant) ?? { times: [], found: 0 };
    v.times.push(dt);
    if (ok) v.found++;
    per.set(q.variant, v);
  }
  return { all: timing(times, found), byVariant: Object.fromEntries([...per].map(([k, v]) => [k, timing(v.times, v.found)])) };
}
