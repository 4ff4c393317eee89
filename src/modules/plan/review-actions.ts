import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { type IsoDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { fields } from '../../platform/http/forms.js';

/**
 * Action items (管考事項): decisions of a monthly review with an owner and a
 * due date, carried into every later month's pack until closed (done, or
 * dropped) with a note in a month. Overdue: open with its due date before
 * today.
 */

export const ACTION_STATES = ['open', 'done', 'dropped'] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const ACTION_FILTERS = ['all', 'open', 'closed', 'overdue'] as const;
export type ActionFilter = (typeof ACTION_FILTERS)[number];

export const TEXT_MAX = 500;
export const OWNER_MAX = 100;
export const NOTE_MAX = 500;

export interface PackAction {
  id: number;
  itemId: number | null;
  itemCode: string | null;
  itemTitle: string | null;
  raisedMonth: string;
  text: string;
  owner: string;
  dueOn: IsoDate;
  /** in a pack's open list: as at the month's end; elsewhere: as it is now */
  state: ActionState;
  closedMonth: string | null;
  closedOn: IsoDate | null;
  closingNote: string | null;
  /** open with its due date already past (in a pack: at the month's end) */
  overdue: boolean;
}

export interface PlanRef {
  id: number;
  countyId: number;
  officeId: number | null;
}

const asState = (s: string): ActionState => ((ACTION_STATES as readonly string[]).includes(s) ? (s as ActionState) : 'open');

function actionsOf(db: Executor, planId: number) {
  return db
    .selectFrom('plan_action')
    .leftJoin('plan_item', 'plan_item.id', 'plan_action.item_id')
    .select([
      'plan_action.id',
      'plan_action.item_id',
      'plan_item.code',
      'plan_item.title',
      'plan_action.raised_month',
      'plan_action.text',
      'plan_action.owner',
      'plan_action.due_on',
      'plan_action.state',
      'plan_action.closed_month',
      'plan_action.closed_on',
      'plan_action.closing_note',
    ])
    .where('plan_action.plan_id', '=', planId)
    .orderBy('plan_action.due_on')
    .orderBy('plan_action.id');
}

type Row = Awaited<ReturnType<ReturnType<typeof actionsOf>['execute']>>[number];

function toAction(r: Row, overdue: boolean): PackAction {
  return {
    id: r.id,
    itemId: r.item_id,
    itemCode: r.code,
    itemTitle: r.title,
    raisedMonth: r.raised_month,
    text: r.text,
    owner: r.owner,
    dueOn: r.due_on,
    state: asState(r.state),
    closedMonth: r.closed_month,
    closedOn: r.closed_on,
    closingNote: r.closing_note,
    overdue,
  };
}

/** For the pack of `month`: those open at its end (raised in it or before, not closed by then) and those closed in it. */
export async function packActions(db: Executor, planId: number, month: string, asOf: IsoDate): Promise<{ open: PackAction[]; closed: PackAction[] }> {
  const rows = await actionsOf(db, planId).where('plan_action.raised_month', '<=', month).execute();
  const openThen = (r: Row) => r.closed_month === null || r.closed_month > month;
  return {
    // as it stood at the month's end: open, even when closed in a later month (closedMonth tells when)
    open: rows.filter(openThen).map((r) => ({ ...toAction(r, r.due_on < asOf), state: 'open' as const })),
    closed: rows.filter((r) => r.closed_month === month).map((r) => toAction(r, false)),
  };
}

/** Every action of the plan, or those open, closed or overdue today. */
export async function listActions(db: Executor, planId: number, filter: ActionFilter, today: IsoDate): Promise<PackAction[]> {
  let q = actionsOf(db, planId);
  if (filter === 'open' || filter === 'overdue') q = q.where('plan_action.state', '=', 'open');
  if (filter === 'closed') q = q.where('plan_action.state', '!=', 'open');
  if (filter === 'overdue') q = q.where('plan_action.due_on', '<', today);
  const rows = await q.execute();
  return rows.map((r) => toAction(r, r.state === 'open' && r.due_on < today));
}

/** The add form: the decision, who carries it, by when, and (optionally) which item it serves. */
export const addSchema = z
  .object({
    text: fields.text(TEXT_MAX),
    owner: fields.text(OWNER_MAX),
    due_on: fields.date('plan.review.err.date'),
    item: z
      .string()
      .trim()
      .max(12)
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .refine((v) => v === null || (Number.isSafeInteger(v) && v > 0), 'plan.review.err.item'),
  })
  .transform((v) => ({ text: v.text, owner: v.owner, dueOn: v.due_on, item: v.item }));
export type NewAction = z.output<typeof addSchema>;

export const closeSchema = z.object({
  state: z.enum(['done', 'dropped'], { error: 'plan.review.err.closeState' }),
  note: fields.text(NOTE_MAX),
});
export type Closing = z.output<typeof closeSchema>;

const audit = (staff: StaffPrincipal) => ({ id: staff.id, username: staff.username });

/** Records a decision of `month`'s review; the item must be one of the plan's, the due date not before the month. */
export async function addAction(database: Database, plan: PlanRef, month: string, input: NewAction, staff: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  if (input.dueOn < `${month}-01`) throw new AppError('validation', 'plan.review.err.dueBefore', { fields: [{ field: 'due_on', key: 'plan.review.err.dueBefore' }] });
  return writeTransaction(database, async (trx) => {
    if (input.item !== null) {
      const item = await trx.selectFrom('plan_item').select('id').where('id', '=', input.item).where('plan_id', '=', plan.id).executeTakeFirst();
      if (!item) throw new AppError('validation', 'plan.review.err.item', { fields: [{ field: 'item', key: 'plan.review.err.item' }] });
    }
    const at = now.toISOString();
    const row = await trx
      .insertInto('plan_action')
      .values({
        plan_id: plan.id,
        item_id: input.item,
        raised_month: month,
        text: input.text,
        owner: input.owner,
        due_on: input.dueOn,
        state: 'open',
        created_by: staff.id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { actor: audit(staff), action: 'plan.action.add', target: { type: 'plan_action', id: row.id }, officeId: plan.officeId, countyId: plan.countyId, detail: { plan: plan.id, month, due: input.dueOn }, ip },
      now,
    );
    return row.id;
  });
}

/**
 * Closes an open action in `month` (not before the month it was raised).
 * The update names the state it expects, so of two closings at once one
 * goes through and the other hears the action changed.
 */
export async function closeAction(database: Database, plan: PlanRef, actionId: number, month: string, input: Closing, staff: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const row = await trx.selectFrom('plan_action').select(['id', 'raised_month', 'state']).where('id', '=', actionId).where('plan_id', '=', plan.id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'error.notFound.title');
    if (row.raised_month > month) throw new AppError('conflict', 'plan.review.err.notRaised');
    const done = await trx
      .updateTable('plan_action')
      .set({ state: input.state, closed_month: month, closed_on: taipeiToday(now), closing_note: input.note, updated_at: now.toISOString() })
      .where('id', '=', actionId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('conflict', 'plan.review.err.actionChanged');
    await recordAudit(
      trx,
      { actor: audit(staff), action: 'plan.action.close', target: { type: 'plan_action', id: actionId }, officeId: plan.officeId, countyId: plan.countyId, detail: { plan: plan.id, month, state: input.state }, ip },
      now,
    );
  });
}
