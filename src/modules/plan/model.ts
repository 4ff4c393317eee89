import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { computeIndicator, type IndicatorOffice, type IndicatorPeriod, type IndicatorUnit, indicatorDef, type IndicatorValue } from '../../platform/indicators/index.js';

/**
 * The plan as the rest of the module reads it: the plan row, its items as a
 * tree (實施要項 → 分項 → 執行指標) with their measures, and a measure's
 * value and status over a period. Writing lives in the use-case files.
 */

export const PLAN_STATES = ['draft', 'filed', 'published', 'closed'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export interface Plan {
  id: number;
  countyId: number;
  /** null: the county's own plan */
  officeId: number | null;
  year: number;
  title: string;
  basis: string;
  goals: string;
  state: PlanState;
  source: string;
  filedOn: IsoDate | null;
  filedDoc: string | null;
  publishedOn: IsoDate | null;
  closedOn: IsoDate | null;
  revision: number;
  updatedAt: string;
}

export interface Measure {
  id: number;
  itemId: number;
  position: number;
  /** a registry indicator; null: entered by hand with evidence */
  indicatorKey: string | null;
  label: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  target: number | null;
}

export interface PlanItem {
  id: number;
  parentId: number | null;
  position: number;
  depth: number;
  code: string;
  title: string;
  strategy: string;
  /** 配分 in tenths (7.5 points = 75); a parent's is the sum of its children's */
  points10: number;
  deadline: IsoDate | null;
  leadUnit: string;
  coUnits: string;
  benefit: string;
  measures: Measure[];
  children: PlanItem[];
}

export interface PlanTree {
  plan: Plan;
  /** top-level items (實施要項) in order, children nested */
  items: PlanItem[];
  /** every item in reading order (depth-first) */
  flat: PlanItem[];
  /** sum of the leaves' points, in tenths */
  total10: number;
}

/** 7.5 ← 75: points as a person reads them. */
export const points = (p10: number): number => p10 / 10;

export async function readPlanRow(db: Executor, planId: number): Promise<Plan | null> {
  const r = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
  return r ? toPlan(r) : null;
}

export async function findPlan(db: Executor, officeId: number | null, countyId: number, year: number): Promise<Plan | null> {
  let q = db.selectFrom('plan').selectAll().where('year', '=', year).where('county_id', '=', countyId);
  q = officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', officeId);
  const r = await q.executeTakeFirst();
  return r ? toPlan(r) : null;
}

type PlanRowDb = Awaited<ReturnType<typeof loadRow>>;
const loadRow = (db: Executor) => db.selectFrom('plan').selectAll().executeTakeFirstOrThrow();

function toPlan(r: PlanRowDb): Plan {
  return {
    id: r.id,
    countyId: r.county_id,
    officeId: r.office_id,
    year: r.year,
    title: r.title,
    basis: r.basis,
    goals: r.goals,
    state: r.state as PlanState,
    source: r.source,
    filedOn: r.filed_on,
    filedDoc: r.filed_doc,
    publishedOn: r.published_on,
    closedOn: r.closed_on,
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

/** The plan with its items and measures; null when there is no such plan. */
export async function readPlan(db: Executor, planId: number): Promise<PlanTree | null> {
  const plan = await readPlanRow(db, planId);
  if (!plan) return null;
  const [items, measures] = await Promise.all([
    db.selectFrom('plan_item').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('plan_measure').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
  ]);
  const nodes = new Map<number, PlanItem>();
  for (const r of items) {
    nodes.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      position: r.position,
      depth: 1,
      code: r.code,
      title: r.title,
      strategy: r.strategy,
      points10: r.points10,
      deadline: r.deadline,
      leadUnit: r.lead_unit,
      coUnits: r.co_units,
      benefit: r.benefit,
      measures: [],
      children: [],
    });
  }
  for (const m of measures) {
    nodes.get(m.item_id)?.measures.push({
      id: m.id,
      itemId: m.item_id,
      position: m.position,
      indicatorKey: m.indicator_key,
      label: m.label,
      unit: m.unit as IndicatorUnit,
      better: m.better === 'lower' ? 'lower' : 'higher',
      target: m.target === null ? null : Number(m.target),
    });
  }
  const top: PlanItem[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else top.push(n);
  }
  const flat: PlanItem[] = [];
  const walk = (list: PlanItem[], depth: number): number => {
    let sum = 0;
    for (const n of list) {
      n.depth = depth;
      flat.push(n);
      if (n.children.length) n.points10 = walk(n.children, depth + 1);
      sum += n.points10;
    }
    return sum;
  };
  const total10 = walk(top, 1);
  return { plan, items: top, flat, total10 };
}

/** Items that carry points themselves (no children): what a self-evaluation and a county review score. */
export const leaves = (tree: PlanTree): PlanItem[] => tree.flat.filter((i) => i.children.length === 0);

export type MeasureStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data' | 'no_target';

/**
 * On track when the target is met; at risk when within a margin of it; off
 * track beyond. The margin: 5 percentage points for a share, 2 points for a
 * change in points, 10 % of the target for everything else (decision 0008).
 */
export function measureStatus(m: Pick<Measure, 'unit' | 'better' | 'target'>, value: number | null): MeasureStatus {
  if (value === null) return 'no_data';
  if (m.target === null) return 'no_target';
  const margin = m.unit === 'percent' ? 5 : m.unit === 'points' ? 2 : Math.abs(m.target) * 0.1;
  const gap = m.better === 'higher' ? m.target - value : value - m.target;
  if (gap <= 0) return 'on_track';
  return gap <= margin ? 'at_risk' : 'off_track';
}

export interface MeasureValue extends IndicatorValue {
  /** 'hand': typed in by staff (with the month it was entered for); 'computed': from the registry; 'missing': an indicator no longer registered */
  origin: 'computed' | 'hand' | 'missing';
  status: MeasureStatus;
  /** computed: where the figure is explained */
  href?: string;
  /** hand: the month whose entry is shown, and its evidence file */
  handMonth?: string;
  fileId?: number | null;
  note?: string;
}

/**
 * A measure's value over a period. Computed ones ask the registry; a
 * hand-entered one shows the latest month entered inside the period (staff
 * enter what the label says, cumulative or not), null when none.
 */
export async function measureValue(db: Executor, office: IndicatorOffice, m: Measure, period: IndicatorPeriod): Promise<MeasureValue> {
  if (m.indicatorKey === null) {
    const row = await db
      .selectFrom('plan_hand_value')
      .select(['month', 'value', 'file_id', 'note'])
      .where('measure_id', '=', m.id)
      .where('month', '>=', period.from.slice(0, 7))
      .where('month', '<=', period.to.slice(0, 7))
      .orderBy('month', 'desc')
      .executeTakeFirst();
    const value = row ? Number(row.value) : null;
    return { origin: 'hand', value, status: measureStatus(m, value), handMonth: row?.month, fileId: row?.file_id ?? null, note: row?.note };
  }
  const def = indicatorDef(m.indicatorKey);
  const v = await computeIndicator(db, m.indicatorKey, office, period);
  if (!def || !v) return { origin: 'missing', value: null, status: 'no_data' };
  return { origin: 'computed', ...v, status: measureStatus(m, v.value), href: def.href(office, period) };
}
