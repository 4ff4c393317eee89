import type { Executor } from '../../db/index.js';
import type { Cell, Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showPeriod } from '../../platform/layout/dates.js';
import { asEvalState, type EvalState, itemPaths, sumOf } from './eval-model.js';
import { leaves, readPlan } from './model.js';

/**
 * The county's one table for a year: every office's plan side by side, item
 * by item, with the office's self-score and the county's score. The rows
 * are the county plan's scored items when there is one (offices' plans
 * copied from it share them); an item only an office has comes after them,
 * so each office's total is always the sum of the rows shown. Without a
 * county plan the rows are the union of the offices' items. An item is
 * matched by its codes from the top and its title ('二（一）1 便捷性').
 */

export interface CountyOffice {
  id: number;
  code: string;
  name: string;
}

export interface CountyColumn {
  office: CountyOffice;
  planId: number | null;
  /** 'none': the office has no plan for the year */
  state: EvalState | 'none';
}

export interface CountyRow {
  key: string;
  code: string;
  title: string;
  points10: number;
  /** one per column */
  cells: { self10: number | null; county10: number | null }[];
}

export interface CountyComparison {
  year: number;
  /** the county plan the rows follow; null: the union of the offices' items */
  countyPlanId: number | null;
  columns: CountyColumn[];
  rows: CountyRow[];
  totals: { points10: number; self10: (number | null)[]; county10: (number | null)[] };
}

interface Leaf {
  key: string;
  code: string;
  title: string;
  points10: number;
  itemId: number;
}

async function leavesOf(db: Executor, planId: number): Promise<Leaf[]> {
  const tree = await readPlan(db, planId);
  if (!tree) return [];
  const paths = itemPaths(tree);
  return leaves(tree).map((i) => {
    const code = paths.get(i.id)?.code ?? i.code;
    return { key: `${code} ${i.title}`, code, title: i.title, points10: i.points10, itemId: i.id };
  });
}

type Column = CountyColumn & { leaves: Map<string, Leaf> };

/** Each office's column (its plan's scored items by key) and every row key in order: the county plan's first, then the offices'. */
async function columnsAndRows(db: Executor, plans: { id: number; office_id: number | null }[], offices: CountyOffice[], states: Map<number, string>) {
  const rows = new Map<string, Omit<CountyRow, 'cells'>>();
  const add = (l: Leaf) => {
    if (!rows.has(l.key)) rows.set(l.key, { key: l.key, code: l.code, title: l.title, points10: l.points10 });
  };
  const countyPlanId = plans.find((p) => p.office_id === null)?.id ?? null;
  if (countyPlanId !== null) for (const l of await leavesOf(db, countyPlanId)) add(l);
  const columns: Column[] = [];
  for (const office of offices) {
    const planId = plans.find((p) => p.office_id === office.id)?.id ?? null;
    const own = planId === null ? [] : await leavesOf(db, planId);
    for (const l of own) add(l);
    const state = planId === null ? 'none' : asEvalState(states.get(planId));
    columns.push({ office, planId, state, leaves: new Map(own.map((l) => [l.key, l])) });
  }
  return { countyPlanId, columns, rows: [...rows.values()] };
}

export async function countyComparison(db: Executor, countyId: number, offices: CountyOffice[], year: number): Promise<CountyComparison> {
  const plans = await db.selectFrom('plan').select(['id', 'office_id']).where('county_id', '=', countyId).where('year', '=', year).execute();
  const planIds = plans.map((p) => p.id);
  const [evaluations, scores] = planIds.length
    ? await Promise.all([
        db.selectFrom('plan_evaluation').select(['plan_id', 'state']).where('plan_id', 'in', planIds).execute(),
        db.selectFrom('plan_item_score').select(['plan_id', 'item_id', 'self10', 'county10']).where('plan_id', 'in', planIds).execute(),
      ])
    : [[], []];
  const { countyPlanId, columns, rows } = await columnsAndRows(db, plans, offices, new Map(evaluations.map((e) => [e.plan_id, e.state])));
  const byItem = new Map(scores.map((s) => [`${s.plan_id}:${s.item_id}`, s]));
  const scoreOf = (planId: number | null, itemId: number | undefined) => byItem.get(`${planId}:${itemId}`);
  const table: CountyRow[] = rows.map((r) => ({
    ...r,
    cells: columns.map((c) => {
      const s = scoreOf(c.planId, c.leaves.get(r.key)?.itemId);
      return { self10: s?.self10 ?? null, county10: s?.county10 ?? null };
    }),
  }));
  return {
    year,
    countyPlanId,
    columns: columns.map(({ office, planId, state }) => ({ office, planId, state })),
    rows: table,
    totals: {
      points10: table.reduce((a, r) => a + r.points10, 0),
      self10: columns.map((_, i) => sumOf(table.map((r) => r.cells[i]?.self10 ?? null))),
      county10: columns.map((_, i) => sumOf(table.map((r) => r.cells[i]?.county10 ?? null))),
    },
  };
}

const pts = (p10: number | null): number | null => (p10 === null ? null : p10 / 10);

/** The table as the CSV and ODS hold it: points as numbers, the totals row, then each office's state in words. */
export function comparisonSheet(c: CountyComparison, t: Translate, locale: Locale): Sheet {
  const headers = [
    t('plan.eval.county.col.item'),
    t('plan.eval.col.points'),
    ...c.columns.flatMap((col) => [t('plan.eval.county.col.self', { office: col.office.name }), t('plan.eval.county.col.county', { office: col.office.name })]),
  ];
  const rows: Cell[][] = c.rows.map((r) => [`${r.code} ${r.title}`, pts(r.points10), ...r.cells.flatMap((x) => [pts(x.self10), pts(x.county10)])]);
  rows.push([t('plan.eval.total'), pts(c.totals.points10), ...c.columns.flatMap((_, i) => [pts(c.totals.self10[i] ?? null), pts(c.totals.county10[i] ?? null)])]);
  rows.push([t('plan.eval.stateLabelPlain'), null, ...c.columns.flatMap((col) => [t(`plan.eval.state.${col.state}`), null])]);
  return { name: t('plan.eval.county.sheet', { year: showPeriod(String(c.year), locale) }), headers, rows };
}
