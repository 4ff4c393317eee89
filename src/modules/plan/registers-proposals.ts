import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { type IsoDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { actorOf, freeText, requiredText, taipeiYearInstants } from './registers-common.js';
import { addProposalItem } from './registers-proposal-item.js';

/**
 * 提案制度: any staff member proposes; the director adopts (as an item of the
 * office's plan, as a standard service with a usage measure, or simply) or
 * declines with a reason, once; adopted ones count how many citizens used
 * them month by month. The list credits the proposer.
 */
export const PROPOSAL_STATES = ['submitted', 'adopted', 'declined'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const TITLE_MAX = 100;
export const TEXT_MAX = 4000;
export const REASON_MAX = 1000;
export const LABEL_MAX = 50;
export const USES_MAX = 1_000_000;

export const submitSchema = z.object({ title: requiredText(TITLE_MAX), problem: requiredText(TEXT_MAX), proposal: requiredText(TEXT_MAX) });
export type SubmitInput = z.output<typeof submitSchema>;

export const decideSchema = z.object({
  decision: z.enum(['adopt', 'decline'], { error: 'err.choice' }),
  as: z.enum(['none', 'item', 'service'], { error: 'err.choice' }).catch('none'),
  item: z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined), z.number().optional()),
  usageLabel: freeText(LABEL_MAX),
  reason: freeText(REASON_MAX),
});
export type DecideInput = z.output<typeof decideSchema>;

export interface ProposalRow {
  id: number;
  officeId: number;
  proposerId: number | null;
  proposerName: string;
  title: string;
  problem: string;
  proposal: string;
  state: ProposalState;
  reason: string | null;
  decidedOn: IsoDate | null;
  planItemId: number | null;
  usageLabel: string | null;
  createdAt: string;
  /** every month's count added up */
  uses: number;
}

type Office = { id: number; countyId: number };

const asState = (s: string): ProposalState => ((PROPOSAL_STATES as readonly string[]).includes(s) ? (s as ProposalState) : 'submitted');

type DbRow = Awaited<ReturnType<typeof rowQuery>>[number];
const rowQuery = (db: Executor) => db.selectFrom('plan_proposal').selectAll().execute();
const toRow = (r: DbRow, uses: number): ProposalRow => ({
  id: r.id,
  officeId: r.office_id,
  proposerId: r.proposer_id,
  proposerName: r.proposer_name,
  title: r.title,
  problem: r.problem,
  proposal: r.proposal,
  state: asState(r.state),
  reason: r.reason,
  decidedOn: r.decided_on,
  planItemId: r.plan_item_id,
  usageLabel: r.usage_label,
  createdAt: r.created_at,
  uses,
});

async function usesOfMany(db: Executor, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('plan_proposal_use')
    .select(['proposal_id', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('proposal_id', 'in', ids)
    .groupBy('proposal_id')
    .execute();
  return new Map(rows.map((r) => [r.proposal_id, Number(r.n)]));
}

/** Proposals of an office made in the year (Taipei) or decided in it, newest first. */
export async function proposalsOf(db: Executor, officeId: number, year: number): Promise<ProposalRow[]> {
  const [from, until] = taipeiYearInstants(year);
  const rows = await db
    .selectFrom('plan_proposal')
    .selectAll()
    .where('office_id', '=', officeId)
    .where((eb) => eb.or([eb.and([eb('created_at', '>=', from), eb('created_at', '<', until)]), eb.and([eb('decided_on', '>=', `${year}-01-01`), eb('decided_on', '<=', `${year}-12-31`)])]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const uses = await usesOfMany(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRow(r, uses.get(r.id) ?? 0));
}

export async function proposalById(db: Executor, id: number): Promise<ProposalRow | null> {
  const r = await db.selectFrom('plan_proposal').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRow(r, (await usesOfMany(db, [id])).get(id) ?? 0) : null;
}

export async function usesOf(db: Executor, id: number): Promise<{ month: string; count: number }[]> {
  const rows = await db.selectFrom('plan_proposal_use').select(['month', 'count']).where('proposal_id', '=', id).orderBy('month').execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}

export async function submitProposal(database: Database, office: Office, d: SubmitInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const at = now.toISOString();
    const r = await trx
      .insertInto('plan_proposal')
      .values({ office_id: office.id, proposer_id: actor.id, proposer_name: actor.displayName, title: d.title, problem: d.problem, proposal: d.proposal, state: 'submitted', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'plan.proposal.submit', target: { type: 'plan_proposal', id: r.id }, officeId: office.id, countyId: office.countyId, detail: { title: d.title }, ip }, now);
    return r.id;
  });
}

const invalid = (field: string, key: string) => new AppError('validation', key, { fields: [{ field, key }] });

/** The rules between fields that the schema cannot see alone: a decline needs its reason, an adoption into the plan its 實施要項, a service its usage label. */
function checkDecision(d: DecideInput): void {
  if (d.decision === 'decline' && !d.reason) throw invalid('reason', 'plan.reg.proposal.err.reason');
  if (d.decision === 'adopt' && d.as === 'item' && d.item === undefined) throw invalid('item', 'plan.reg.proposal.err.item');
  if (d.decision === 'adopt' && d.as === 'service' && !d.usageLabel) throw invalid('usageLabel', 'plan.reg.proposal.err.usageLabel');
}

/**
 * Adopt or decline, once. The state moves only from 'submitted' in a
 * conditional UPDATE, so of two decisions at once exactly one changes the
 * row and the other is told it was already decided (409); the plan item is
 * added after that, in the same transaction.
 */
export async function decideProposal(database: Database, id: number, office: Office, d: DecideInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  checkDecision(d);
  await writeTransaction(database, async (trx) => {
    const at = now.toISOString();
    const row = await trx.selectFrom('plan_proposal').selectAll().where('id', '=', id).where('office_id', '=', office.id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'error.notFound.title');
    const adopt = d.decision === 'adopt';
    const moved = await trx
      .updateTable('plan_proposal')
      .set({
        state: adopt ? 'adopted' : 'declined',
        reason: d.reason || null,
        decided_by: actor.id,
        decided_on: taipeiToday(now),
        usage_label: adopt && d.usageLabel ? d.usageLabel : null,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('state', '=', 'submitted')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError('conflict', 'plan.reg.proposal.err.decided');
    let placed: { planId: number; itemId: number; revision: number } | null = null;
    if (adopt && d.as === 'item' && d.item !== undefined) {
      placed = await addProposalItem(trx, d.item, { id, officeId: office.id, title: row.title, proposal: row.proposal }, actorOf(actor), now);
      await trx.updateTable('plan_proposal').set({ plan_item_id: placed.itemId }).where('id', '=', id).execute();
    }
    await recordAudit(
      trx,
      { actor, action: adopt ? 'plan.proposal.adopt' : 'plan.proposal.decline', target: { type: 'plan_proposal', id }, officeId: office.id, countyId: office.countyId, detail: { as: adopt ? d.as : null, ...(placed ?? {}) }, ip },
      now,
    );
  });
}

/** The months an adopted proposal can count uses for: from the month it was decided to this one, newest first. */
export function useMonths(decidedOn: IsoDate, today: IsoDate): string[] {
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const first = decidedOn.slice(0, 7);
  for (let key = today.slice(0, 7); key >= first && out.length < 120; ) {
    out.push(key);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

/** A month's usage count; a second entry for the same month replaces the first. */
export async function recordUse(database: Database, id: number, office: Office, month: string, count: number, actor: StaffPrincipal, ip: string | null, now: Date): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const row = await trx.selectFrom('plan_proposal').select(['state', 'decided_on']).where('id', '=', id).where('office_id', '=', office.id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'error.notFound.title');
    if (row.state !== 'adopted' || !row.decided_on) throw new AppError('conflict', 'plan.reg.proposal.err.notAdopted');
    if (!useMonths(row.decided_on, taipeiToday(now)).includes(month)) throw invalid('month', 'plan.reg.proposal.err.month');
    const before = await trx.selectFrom('plan_proposal_use').select('count').where('proposal_id', '=', id).where('month', '=', month).executeTakeFirst();
    await trx
      .insertInto('plan_proposal_use')
      .values({ proposal_id: id, month, count })
      .onConflict((oc) => oc.columns(['proposal_id', 'month']).doUpdateSet({ count }))
      .execute();
    await recordAudit(trx, { actor, action: 'plan.proposal.use', target: { type: 'plan_proposal', id }, officeId: office.id, countyId: office.countyId, detail: { month, count, before: before ? Number(before.count) : null }, ip }, now);
  });
}
