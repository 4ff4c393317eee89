import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { recordRevision } from './create.js';
import { type Plan, type PlanState, readPlanRow } from './model.js';
import type { PlanFieldsInput } from './plan-forms.js';
import * as repo from './plan-repo.js';
import { type RevisionCode, storedReason } from './plan-words.js';

/**
 * Every change to a plan's content goes through change(): one transaction
 * that checks the plan may be changed, makes the change, takes the next
 * revision number, keeps the plan as it now is (plan_revision) and writes
 * the audit entry. A draft is edited freely; a filed or published plan is
 * revised — the same forms, but each save needs the reason, which is kept
 * with the revision, and the state stays as it is; a closed plan is not
 * changed (decision in README.md).
 */
export interface Editor {
  staff: StaffPrincipal;
  ip: string | null;
  now: Date;
  /** why a filed or published plan is revised; null for a draft */
  reason: string | null;
}

/** Plans in these states take changes; after filing each change needs a reason. */
export const EDITABLE: readonly PlanState[] = ['draft', 'filed', 'published'];
export const needsReason = (state: PlanState) => state !== 'draft';

export const actorOf = (s: StaffPrincipal) => ({ id: s.id, name: s.displayName });

export function mayChange(plan: Plan, reason: string | null): void {
  if (!EDITABLE.includes(plan.state)) throw new AppError('conflict', 'plan.err.closed');
  if (needsReason(plan.state) && !reason) throw new AppError('validation', 'plan.err.reasonRequired', { fields: [{ field: 'reason', key: 'plan.err.reasonRequired' }] });
}

/** The next revision of the plan, kept whole, and the audit entry; called inside the change's transaction. */
export async function keepRevision(trx: Executor, plan: Plan, e: Editor, code: RevisionCode, detail: Record<string, unknown>): Promise<number> {
  const revision = await repo.bumpRevision(trx, plan.id, e.now.toISOString());
  const reason = needsReason(plan.state) ? e.reason : null;
  await recordRevision(trx, plan.id, revision, actorOf(e.staff), storedReason(code, reason), e.now);
  await recordAudit(
    trx,
    { actor: e.staff, action: `plan.${code}`, target: { type: 'plan', id: plan.id }, officeId: plan.officeId, countyId: plan.countyId, detail: { ...detail, revision, ...(reason ? { reason } : {}) }, ip: e.ip },
    e.now,
  );
  return revision;
}

/** One change to the plan's content, in one transaction, as a new revision. `fn` returns what the audit entry records. */
export async function change<T extends Record<string, unknown>>(database: Database, planId: number, e: Editor, code: RevisionCode, fn: (trx: Executor, plan: Plan) => Promise<T>): Promise<T> {
  return writeTransaction(database, async (trx) => {
    const plan = await readPlanRow(trx, planId);
    if (!plan) throw new AppError('not_found', 'error.notFound.title');
    mayChange(plan, e.reason);
    const detail = await fn(trx, plan);
    await keepRevision(trx, plan, e, code, detail);
    return detail;
  });
}

/** The plan's title, basis (計畫依據) and goals (計畫目標). */
export async function savePlanFields(database: Database, planId: number, input: PlanFieldsInput, e: Editor): Promise<void> {
  await change(database, planId, e, 'plan.edit', async (trx) => {
    await repo.updatePlan(trx, planId, { title: input.title, basis: input.basis, goals: input.goals });
    return {};
  });
}
