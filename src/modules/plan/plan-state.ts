import { type Database, writeTransaction } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { type IsoDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type Plan, type PlanState, readPlanRow } from './model.js';
import { keepRevision } from './plan-edit.js';
import * as repo from './plan-repo.js';

/**
 * The plan's way through the year: a draft is filed with the county
 * (報府備查: the date and the county's document number), then published
 * (on the site and at the counter), then closed at the year's end. Each
 * step is a revision and an audit entry; a step only goes forward, from
 * the state the person saw (a second click loses the race and is told so).
 */
export type Step = { to: 'filed'; on: IsoDate; doc: string } | { to: 'published'; on: IsoDate } | { to: 'closed'; on: IsoDate };

export const NEXT: Record<PlanState, Step['to'] | null> = { draft: 'filed', filed: 'published', published: 'closed', closed: null };

const dateError = (key: string, params?: Record<string, string | number>) => new AppError('validation', key, { fields: [{ field: 'on', key, ...(params ? { params } : {}) }] });

/** The date's rules: not in the future, not before the step before it. */
function checkDate(plan: Plan, step: Step, today: IsoDate): void {
  if (step.on > today) throw dateError('plan.err.future');
  const before = step.to === 'published' ? plan.filedOn : step.to === 'closed' ? plan.publishedOn : null;
  if (before && step.on < before) throw dateError(step.to === 'published' ? 'plan.err.beforeFiled' : 'plan.err.beforePublished');
}

function columns(step: Step) {
  if (step.to === 'filed') return { state: step.to, filed_on: step.on, filed_doc: step.doc };
  if (step.to === 'published') return { state: step.to, published_on: step.on };
  return { state: step.to, closed_on: step.on };
}

export async function movePlan(database: Database, planId: number, step: Step, staff: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const plan = await readPlanRow(trx, planId);
    if (!plan) throw new AppError('not_found', 'error.notFound.title');
    if (NEXT[plan.state] !== step.to) throw new AppError('conflict', 'plan.err.stateChanged', { params: { state: plan.state } });
    checkDate(plan, step, taipeiToday(now));
    const moved = await repo.updatePlan(trx, planId, { ...columns(step), updated_at: now.toISOString() }, plan.state);
    if (!moved) throw new AppError('conflict', 'plan.err.stateChanged', { params: { state: plan.state } });
    await keepRevision(trx, plan, { staff, ip, now, reason: null }, `state.${step.to}`, { from: plan.state, to: step.to, on: step.on, ...(step.to === 'filed' ? { doc: step.doc } : {}) });
  });
}
