import type { Executor } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, recordRevision } from './create.js';

/**
 * An adopted proposal becoming an item of the office's plan: a leaf with the
 * proposal's title and 0 points under a 實施要項 that already has items
 * below it (under a leaf it would turn that leaf into a parent whose points
 * are the sum of its children, and the plan would lose the leaf's points).
 * The plan's revision goes up by one and the plan as it now is is recorded.
 */

export interface AdoptTarget {
  itemId: number;
  planId: number;
  year: number;
  code: string;
  title: string;
}

/** The 實施要項 an adoption can go under: those with items below them in the office's plans of these years that are not closed. */
export async function adoptTargets(db: Executor, officeId: number, years: number[]): Promise<AdoptTarget[]> {
  const rows = await db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.plan_id', 'i.code', 'i.title', 'p.year'])
    .where('p.office_id', '=', officeId)
    .where('p.year', 'in', years)
    .where('p.state', '!=', 'closed')
    .where('i.parent_id', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('plan_item as c').select('c.id').whereRef('c.parent_id', '=', 'i.id')))
    .orderBy('p.year')
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ itemId: r.id, planId: r.plan_id, year: r.year, code: r.code, title: r.title }));
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** The next code in the style of the siblings: 1, 2 → 3; （一）, （二） → （三）. */
export function nextCode(siblingCodes: string[]): string {
  const n = siblingCodes.length + 1;
  const last = siblingCodes[siblingCodes.length - 1] ?? '';
  if (/^[（(]/.test(last)) return `（${chineseNumeral(n)}）`;
  return String(n);
}

const refuse = () => new AppError('validation', 'plan.reg.proposal.err.item', { fields: [{ field: 'item', key: 'plan.reg.proposal.err.item' }] });

export async function addProposalItem(
  trx: Executor,
  parentId: number,
  proposal: { id: number; officeId: number; title: string; proposal: string },
  by: Actor,
  now: Date,
): Promise<{ planId: number; itemId: number; revision: number }> {
  const parent = await trx
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.plan_id', 'i.parent_id', 'p.office_id', 'p.state'])
    .where('i.id', '=', parentId)
    .executeTakeFirst();
  if (!parent || parent.office_id !== proposal.officeId || parent.parent_id !== null || parent.state === 'closed') throw refuse();
  // the plan row first: its lock orders two adoptions into the same plan, so revisions never collide
  const bumped = await trx
    .updateTable('plan')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', parent.plan_id)
    .returning('revision')
    .executeTakeFirstOrThrow();
  const siblings = await trx.selectFrom('plan_item').select(['code', 'position']).where('parent_id', '=', parentId).orderBy('position').orderBy('id').execute();
  if (siblings.length === 0) throw refuse();
  const item = await trx
    .insertInto('plan_item')
    .values({
      plan_id: parent.plan_id,
      parent_id: parentId,
      position: Math.max(...siblings.map((s) => s.position)) + 1,
      code: nextCode(siblings.map((s) => s.code)),
      title: proposal.title,
      strategy: proposal.proposal.slice(0, 1000),
      points10: 0,
      deadline: null,
      lead_unit: '',
      co_units: '',
      benefit: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordRevision(trx, parent.plan_id, Number(bumped.revision), by, `proposal:${proposal.id}`, now);
  return { planId: parent.plan_id, itemId: item.id, revision: Number(bumped.revision) };
}

/** The plan item an adopted proposal became, for its page's link. */
export async function itemOf(db: Executor, itemId: number): Promise<{ planId: number; code: string; title: string; year: number } | null> {
  const r = await db.selectFrom('plan_item as i').innerJoin('plan as p', 'p.id', 'i.plan_id').select(['i.plan_id', 'i.code', 'i.title', 'p.year']).where('i.id', '=', itemId).executeTakeFirst();
  return r ? { planId: r.plan_id, code: r.code, title: r.title, year: r.year } : null;
}
