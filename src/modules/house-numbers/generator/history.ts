import { chance, intBetween, streamOf } from '../../../demo/activity-random.js';
import { addressKey } from '../address.js';
import type { RenumberingPlan, VillagePlan } from './plans.js';
import { dateIn, docNoFor, type GenRow } from './points.js';

/**
 * The history the register keeps beside the current numbers:
 *
 * - 整編: a stretch of one road renumbered on one day. Before, the houses
 *   built between older ones took 之 numbers (1, 1之1, 3, 3之1, 3之2, 5 …);
 *   after, each side runs plainly (1, 3, 5, 7 …). Every old number is a
 *   retired row (event 整編) and each new number names it as previous.
 * - 改編: one house's number changed (N之6 → N when a split lot was merged):
 *   the old row retired, the new one naming it.
 * - 廢止: a number abolished (the house pulled down), retired with no successor.
 */

/** Old numbers of one side of the stretch: the first `count` of base, base之1, (base之2), base+2 … */
function oldSide(rng: () => number, base: number, count: number): [string, string][] {
  const out: [string, string][] = [];
  for (let n = base; out.length < count; n += 2) {
    out.push([String(n), '']);
    if (chance(rng, 0.55)) {
      out.push([String(n), '1']);
      if (chance(rng, 0.4)) out.push([String(n), '2']);
    }
  }
  return out.slice(0, count);
}

function retiredCopy(row: GenRow, parts: Partial<GenRow['parts']>, event: GenRow['event'], date: string, docNo: string): GenRow {
  return { ...row, parts: { ...row.parts, ...parts }, state: 'retired', event, date, docNo, prev: null };
}

/** The 整編 of the plan's stretch: old rows returned (each to be written before its successor). */
export function renumber(rows: GenRow[], plan: RenumberingPlan, seed: number): Map<GenRow, GenRow> {
  const rng = streamOf(seed, 'renumbering', plan.villageCode, plan.road);
  const stretch = rows.filter(
    (r) => r.villageCode === plan.villageCode && r.parts.road === plan.road && r.parts.lane === '' && r.parts.floor === '' && r.parts.numberSub === '' && Number(r.parts.number) <= plan.numbers,
  );
  const olds = new Map<GenRow, GenRow>();
  for (const parity of [1, 0]) {
    const side = stretch.filter((r) => Number(r.parts.number) % 2 === parity).sort((a, b) => Number(a.parts.number) - Number(b.parts.number));
    const old = oldSide(rng, parity === 1 ? 1 : 2, side.length);
    side.forEach((r, i) => {
      const [number, numberSub] = old[i] as [string, string];
      if (number === r.parts.number && numberSub === '') return; // kept its number
      const o = retiredCopy(r, { number, numberSub }, '整編', plan.date, plan.docNo);
      r.event = '整編';
      r.date = plan.date;
      r.docNo = plan.docNo;
      r.prev = o;
      olds.set(r, o);
    });
  }
  return olds;
}

/** 改編 and 廢止 on about 1.5 % and 0.7 % of a village's plain numbers: the extra rows, keyed by the row they go beside. */
export function changesAndAbolitions(rows: GenRow[], plan: VillagePlan, seed: number, used: Set<string>): { before: Map<GenRow, GenRow>; after: Map<GenRow, GenRow> } {
  const rng = streamOf(seed, 'history', plan.code);
  const before = new Map<GenRow, GenRow>();
  const after = new Map<GenRow, GenRow>();
  const freeSub = (r: GenRow): string | null => {
    for (let k = intBetween(rng, 5, 7); k <= 9; k++) {
      const key = addressKey({ ...r.parts, numberSub: String(k) });
      if (!used.has(key)) {
        used.add(key);
        return String(k);
      }
    }
    return null;
  };
  for (const r of rows) {
    if (r.state !== 'current' || r.event !== '初編' || r.prev || r.parts.floor !== '' || r.parts.numberSub !== '') continue;
    const built = Number(r.date.slice(0, 4));
    if (chance(rng, 0.015)) {
      const sub = freeSub(r);
      if (!sub) continue;
      const date = dateIn(rng, Math.max(built + 1, 1990), 2024);
      const docNo = docNoFor(rng, plan.townShort, date);
      const o = retiredCopy(r, { numberSub: sub }, '改編', date, docNo);
      Object.assign(r, { event: '改編', date, docNo, prev: o });
      before.set(r, o);
    } else if (chance(rng, 0.007)) {
      const sub = freeSub(r);
      if (!sub) continue;
      const date = dateIn(rng, Math.max(built + 1, 1995), 2024);
      after.set(r, retiredCopy(r, { numberSub: sub }, '廢止', date, docNoFor(rng, plan.townShort, date)));
    }
  }
  return { before, after };
}
