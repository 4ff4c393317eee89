import type { Updateable } from 'kysely';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import type { PlanEvaluationTable } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { IndicatorOffice } from '../../platform/indicators/index.js';
import type { CountyInput, SelfLine } from './eval-form.js';
import { asEvalState, buildEvaluation, EDITABLE, type EvalState, evaluationOf, parseSnapshot, scoresOf, snapshotOf } from './eval-model.js';
import { readPlan } from './model.js';

/**
 * The evaluation's rules. Every change is one transaction that first moves
 * (or touches) the evaluation row only from the state it read: the
 * affected-row count says who won when two people click at once, and on
 * PostgreSQL the row lock holds the loser until the winner commits.
 */

export type EvalOffice = IndicatorOffice & { name: string };

interface Who {
  actor: StaffPrincipal;
  ip: string | null;
  now: Date;
}

const EMPTY_EVIDENCE = JSON.stringify({ links: [], files: [] });

export const stateConflict = (state: EvalState) => new AppError('conflict', 'plan.eval.err.state', { params: { state } });
const frozenConflict = (state: EvalState) => new AppError('conflict', 'plan.eval.err.frozen', { params: { state } });

async function ensureEvaluation(trx: Executor, planId: number, at: string): Promise<void> {
  await trx
    .insertInto('plan_evaluation')
    .values({ plan_id: planId, state: 'draft', updated_at: at })
    .onConflict((oc) => oc.column('plan_id').doNothing())
    .execute();
}

/** Moves the evaluation from one of `from` (the state read now) with `set`; anything else, or a lost race, is `refuse(state)`. */
async function move(trx: Executor, planId: number, from: readonly EvalState[], set: Updateable<PlanEvaluationTable>, refuse = stateConflict): Promise<EvalState> {
  const state = asEvalState((await evaluationOf(trx, planId))?.state);
  if (!from.includes(state)) throw refuse(state);
  const r = await trx.updateTable('plan_evaluation').set(set).where('plan_id', '=', planId).where('state', '=', state).executeTakeFirst();
  // lost the race (PostgreSQL waited for the winner's commit): say the state it is in now, not the one read before
  if (Number(r.numUpdatedRows) !== 1) throw refuse(asEvalState((await evaluationOf(trx, planId))?.state));
  return state;
}

async function writeSelf(trx: Executor, planId: number, lines: Map<number, SelfLine>, at: string): Promise<void> {
  for (const [itemId, l] of lines) {
    const set = { self10: l.self10, account: l.account, evidence: JSON.stringify({ links: l.links, files: l.files }), updated_at: at };
    await trx
      .insertInto('plan_item_score')
      .values({ plan_id: planId, item_id: itemId, ...set, county10: null, county_comment: null })
      .onConflict((oc) => oc.columns(['plan_id', 'item_id']).doUpdateSet(set))
      .execute();
  }
}

const audit = (trx: Executor, w: Who, action: string, planId: number, office: EvalOffice, detail: Record<string, unknown>) =>
  recordAudit(trx, { actor: w.actor, action, target: { type: 'plan_evaluation', id: planId }, officeId: office.id, countyId: office.countyId, detail, ip: w.ip }, w.now);

/** Self-scores, accounts and evidence, while the evaluation is a draft or returned. */
export async function saveSelf(database: Database, planId: number, office: EvalOffice, lines: Map<number, SelfLine>, w: Who): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const at = w.now.toISOString();
    await ensureEvaluation(trx, planId, at);
    const from = await move(trx, planId, EDITABLE, { updated_at: at }, frozenConflict);
    await writeSelf(trx, planId, lines, at);
    await audit(trx, w, 'plan.evaluation.save', planId, office, { state: from, items: [...lines.keys()] });
  });
}

/**
 * Saves what was typed and submits: every scored item needs a self-score.
 * The year's figures are read inside the same transaction and frozen with
 * the scores, accounts and evidence into the snapshot.
 */
export async function submitEvaluation(database: Database, planId: number, office: EvalOffice, lines: Map<number, SelfLine>, w: Who): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const at = w.now.toISOString();
    await ensureEvaluation(trx, planId, at);
    const from = await move(trx, planId, EDITABLE, { updated_at: at });
    await writeSelf(trx, planId, lines, at);
    const tree = await readPlan(trx, planId);
    if (!tree) throw new AppError('not_found', 'error.notFound.title');
    const model = await buildEvaluation(trx, tree, office, taipeiToday(w.now));
    const missing = model.items.filter((i) => i.self10 === null);
    if (missing.length) {
      throw new AppError('validation', 'plan.eval.err.scoresMissing', { fields: missing.map((i) => ({ field: `self.${i.itemId}`, key: 'plan.eval.err.selfRequired' })) });
    }
    const snapshot = JSON.stringify(snapshotOf(model, at));
    await move(trx, planId, [from], { state: 'submitted', frozen_at: at, snapshot, submitted_by: w.actor.id, submitted_at: at, county_comment: null, updated_at: at });
    await audit(trx, w, 'plan.evaluation.submit', planId, office, { from, self10: model.self10, total10: model.total10 });
  });
}

async function writeCounty(trx: Executor, planId: number, input: CountyInput, at: string): Promise<void> {
  for (const [itemId, l] of input.items) {
    const set = { county10: l.county10, county_comment: l.comment || null, updated_at: at };
    await trx
      .insertInto('plan_item_score')
      .values({ plan_id: planId, item_id: itemId, self10: null, account: '', evidence: EMPTY_EVIDENCE, ...set })
      .onConflict((oc) => oc.columns(['plan_id', 'item_id']).doUpdateSet(set))
      .execute();
  }
}

export type CountyOp = 'save' | 'return' | 'complete';

/**
 * The county's side, while the evaluation is submitted: save scores and
 * comments; return it to the office (with an overall comment saying why);
 * or complete the review (every item scored).
 */
export async function reviewEvaluation(database: Database, planId: number, office: EvalOffice, input: CountyInput, op: CountyOp, w: Who): Promise<void> {
  if (op === 'return' && !input.overall) {
    throw new AppError('validation', 'plan.eval.err.returnComment', { fields: [{ field: 'overall', key: 'plan.eval.err.returnComment' }] });
  }
  await writeTransaction(database, async (trx) => {
    const at = w.now.toISOString();
    await move(trx, planId, ['submitted'], { updated_at: at });
    await writeCounty(trx, planId, input, at);
    const comment = { county_comment: input.overall, updated_at: at };
    if (op === 'save') {
      await move(trx, planId, ['submitted'], comment);
      await audit(trx, w, 'plan.evaluation.score', planId, office, { items: [...input.items.keys()] });
      return;
    }
    if (op === 'return') {
      await move(trx, planId, ['submitted'], { ...comment, state: 'returned' });
      await audit(trx, w, 'plan.evaluation.return', planId, office, { from: 'submitted', comment: input.overall });
      return;
    }
    const row = await evaluationOf(trx, planId);
    const submitted = row?.snapshot ? parseSnapshot(row.snapshot).items.map((i) => i.itemId) : [];
    const scored = new Set((await scoresOf(trx, planId)).filter((s) => s.county10 !== null).map((s) => s.item_id));
    const missing = submitted.filter((id) => !scored.has(id));
    if (missing.length) {
      throw new AppError('validation', 'plan.eval.err.countyMissing', { fields: missing.map((id) => ({ field: `county.${id}`, key: 'plan.eval.err.countyRequired' })) });
    }
    await move(trx, planId, ['submitted'], { ...comment, state: 'reviewed', reviewed_by: w.actor.id, reviewed_at: at });
    await audit(trx, w, 'plan.evaluation.review', planId, office, { from: 'submitted' });
  });
}
