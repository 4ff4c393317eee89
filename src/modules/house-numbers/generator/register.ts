import { addressKey } from '../address.js';
import { Placer } from './geometry.js';
import { changesAndAbolitions, renumber } from './history.js';
import { DEMO_RENUMBERING, demoPlans, type RenumberingPlan, type VillagePlan } from './plans.js';
import { type GenRow, type RoadCursor, villageRows } from './points.js';

export interface RegisterSpec {
  plans: readonly VillagePlan[];
  renumberings: readonly RenumberingPlan[];
  seed: number;
}

/**
 * A whole generated register: each village's current numbers, then the
 * history (整編 of the planned stretches, 改編 and 廢止 here and there),
 * in file order — every old row just before the row that replaced it — with
 * ids HN00000001 … in that order. The same spec always gives the same rows.
 */
export function generateRegister(spec: RegisterSpec): GenRow[] {
  const placer = new Placer(spec.plans.map((p) => ({ code: p.code, lonLat: p.centre, box: p.box, reach: p.reach })));
  const cursor: RoadCursor = { next: new Map(), plain: new Map(spec.renumberings.map((r) => [`${r.villageCode}|${r.road}`, r.numbers])) };
  const villages = spec.plans.map((p) => villageRows(p, placer, cursor, spec.seed));
  const used = new Set<string>();
  for (const rows of villages) for (const r of rows) used.add(addressKey(r.parts));
  const before = new Map<GenRow, GenRow>();
  const after = new Map<GenRow, GenRow>();
  for (const plan of spec.renumberings) {
    const rows = villages[spec.plans.findIndex((p) => p.code === plan.villageCode)] ?? [];
    for (const [n, o] of renumber(rows, plan, spec.seed)) before.set(n, o);
  }
  spec.plans.forEach((plan, i) => {
    const h = changesAndAbolitions(villages[i] ?? [], plan, spec.seed, used);
    for (const [n, o] of h.before) before.set(n, o);
    for (const [n, o] of h.after) after.set(n, o);
  });
  const out: GenRow[] = [];
  for (const rows of villages) {
    for (const r of rows) {
      const o = before.get(r);
      if (o) out.push(o);
      out.push(r);
      const a = after.get(r);
      if (a) out.push(a);
    }
  }
  out.forEach((r, i) => {
    r.id = `HN${String(i + 1).padStart(8, '0')}`;
  });
  return out;
}

/** The demo seed's number: the register, the population files and the boundaries of the demo all start from it. */
export const DEMO_SEED = 20_261_001;

let demoRows: GenRow[] | undefined;
/** The demo county's register (竹北市 and 尖石鄉), made once per process. */
export function demoRegisterRows(): readonly GenRow[] {
  demoRows ??= generateRegister({ plans: demoPlans(), renumberings: [DEMO_RENUMBERING], seed: DEMO_SEED });
  return demoRows;
}
