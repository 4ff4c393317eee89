import type { Executor } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { indicatorDef } from '../../platform/indicators/index.js';
import { type PlanItem, readPlan } from './model.js';
import { type PlanTemplate, type TemplateItem, type TemplateMeasure, templateByKey } from './templates.js';

/**
 * Starting a plan: from a built-in template, from another plan (last
 * year's, or the county's), or blank. Everything is copied, so a later
 * change to the source never moves this plan. Run inside a transaction.
 */
export type PlanSource = { template: string } | { plan: number } | { blank: true };

export interface NewPlan {
  countyId: number;
  officeId: number | null;
  year: number;
  title?: string;
  source: PlanSource;
}

export interface Actor {
  id: number | null;
  name: string;
}

export async function createPlan(trx: Executor, p: NewPlan, by: Actor, now: Date): Promise<number> {
  const at = now.toISOString();
  const taken = await findExisting(trx, p);
  if (taken) throw new AppError('conflict', 'plan.error.exists', { params: { year: p.year } });
  const from = await sourceItems(trx, p.source);
  const inserted = await trx
    .insertInto('plan')
    .values({
      county_id: p.countyId,
      office_id: p.officeId,
      year: p.year,
      title: p.title ?? `${p.year - 1911}年提升服務品質執行計畫`,
      basis: from.basis,
      goals: from.goals,
      state: 'draft',
      source: from.source,
      revision: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertItems(trx, inserted.id, null, from.items, p.year);
  await recordRevision(trx, inserted.id, 1, by, 'created', now);
  return inserted.id;
}

async function findExisting(trx: Executor, p: NewPlan) {
  let q = trx.selectFrom('plan').select('id').where('county_id', '=', p.countyId).where('year', '=', p.year);
  q = p.officeId === null ? q.where('office_id', 'is', null) : q.where('office_id', '=', p.officeId);
  return q.executeTakeFirst();
}

interface Source {
  source: string;
  basis: string;
  goals: string;
  items: TemplateItem[];
}

async function sourceItems(trx: Executor, s: PlanSource): Promise<Source> {
  if ('template' in s) {
    const t: PlanTemplate | undefined = templateByKey(s.template);
    if (!t) throw new AppError('validation', 'plan.error.template', { fields: [{ field: 'source', key: 'plan.error.template' }] });
    return { source: `template:${t.key}`, basis: t.basis, goals: t.goals, items: t.items };
  }
  if ('plan' in s) {
    const tree = await readPlan(trx, s.plan);
    if (!tree) throw new AppError('validation', 'plan.error.source', { fields: [{ field: 'source', key: 'plan.error.source' }] });
    return { source: `plan:${s.plan}`, basis: tree.plan.basis, goals: tree.plan.goals, items: tree.items.map(asTemplate) };
  }
  return { source: 'blank', basis: '', goals: '', items: [] };
}

/** A plan's item as a template item: deadlines keep their month and day, the year becomes the new plan's. */
function asTemplate(i: PlanItem): TemplateItem {
  return {
    code: i.code,
    title: i.title,
    strategy: i.strategy,
    ...(i.children.length ? {} : { points10: i.points10 }),
    ...(i.deadline ? { deadline: i.deadline.slice(5) } : {}),
    lead: i.leadUnit,
    co: i.coUnits,
    benefit: i.benefit,
    measures: i.measures.map((m) => ({
      ...(m.indicatorKey ? { indicator: m.indicatorKey } : {}),
      label: m.label,
      unit: m.unit,
      better: m.better,
      target: m.target,
    })),
    children: i.children.map(asTemplate),
  };
}

async function insertItems(trx: Executor, planId: number, parentId: number | null, items: TemplateItem[], year: number): Promise<void> {
  let position = 0;
  for (const i of items) {
    position += 1;
    const row = await trx
      .insertInto('plan_item')
      .values({
        plan_id: planId,
        parent_id: parentId,
        position,
        code: i.code,
        title: i.title,
        strategy: i.strategy ?? '',
        points10: i.children?.length ? 0 : (i.points10 ?? 0),
        deadline: i.deadline ? `${year}-${i.deadline}` : null,
        lead_unit: i.lead ?? '',
        co_units: i.co ?? '',
        benefit: i.benefit ?? '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let mp = 0;
    for (const m of i.measures ?? []) {
      mp += 1;
      await trx.insertInto('plan_measure').values(measureRow(planId, row.id, mp, m)).execute();
    }
    await insertItems(trx, planId, row.id, i.children ?? [], year);
  }
}

/** A template measure as a row; a computed one keeps its registry unit and direction when the registry knows it. */
function measureRow(planId: number, itemId: number, position: number, m: TemplateMeasure) {
  const def = m.indicator ? indicatorDef(m.indicator) : undefined;
  return {
    plan_id: planId,
    item_id: itemId,
    position,
    indicator_key: m.indicator ?? null,
    label: m.indicator ? '' : (m.label ?? ''),
    unit: def?.unit ?? m.unit,
    better: def?.better ?? m.better,
    target: m.target,
  };
}

/** The plan as it now is, as revision `revision` (append-only). */
export async function recordRevision(trx: Executor, planId: number, revision: number, by: Actor, reason: string, now: Date): Promise<void> {
  const tree = await readPlan(trx, planId);
  if (!tree) throw new AppError('not_found', 'error.notFound.title');
  const snapshot = JSON.stringify({ plan: tree.plan, items: tree.items });
  await trx
    .insertInto('plan_revision')
    .values({ plan_id: planId, revision, at: now.toISOString(), staff_id: by.id, staff_name: by.name, reason, snapshot })
    .execute();
}
