import { sql } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { CaseFileTable, NoticeSlipTable } from '../../db/schema.js';

export type CaseRow = Omit<CaseFileTable, 'id'> & { id: number };
export type SlipRow = Omit<NoticeSlipTable, 'id'> & { id: number };

export async function insertCase(db: Executor, row: Omit<CaseRow, 'id'>): Promise<number> {
  return (await db.insertInto('case_file').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function caseById(db: Executor, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseByNumber(db: Executor, number: string): Promise<CaseRow | undefined> {
  return db.selectFrom('case_file').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function caseByReference(db: Executor, reference: string): Promise<CaseRow | undefined> {
  return db.selectFrom('case_file').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/**
 * The look-up counters move in one statement each, so parallel attempts
 * from any process neither lose a count nor slip past a lock another
 * attempt has just set: the row lock orders them.
 */
const unlocked = (now: string) => sql<boolean>`(lookup_locked_until IS NULL OR lookup_locked_until <= ${now})`;

/** A wrong answer: one more failure; reaching the limit while unlocked locks the look-up until `lockUntil`. */
export async function lookupFailed(db: Executor, id: number, at: { now: string; lockUntil: string; maxFailures: number }): Promise<number | undefined> {
  const row = await db
    .updateTable('case_file')
    .set({
      lookup_failures: sql<number>`lookup_failures + 1`,
      lookup_locked_until: sql<string | null>`CASE WHEN ${unlocked(at.now)} AND lookup_failures + 1 >= ${at.maxFailures} THEN ${at.lockUntil} ELSE lookup_locked_until END`,
    })
    .where('id', '=', id)
    .returning('lookup_failures')
    .executeTakeFirst();
  return row?.lookup_failures;
}

/**
 * A right answer: accepted (counters cleared, returns 0) only while the
 * look-up is not locked; under a lock it counts as one more failure.
 */
export async function lookupAnsweredRight(db: Executor, id: number, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('case_file')
    .set({
      lookup_failures: sql<number>`CASE WHEN ${unlocked(now)} THEN 0 ELSE lookup_failures + 1 END`,
      lookup_locked_until: sql<string | null>`CASE WHEN ${unlocked(now)} THEN NULL ELSE lookup_locked_until END`,
    })
    .where('id', '=', id)
    .returning('lookup_failures')
    .executeTakeFirst();
  return row?.lookup_failures;
}

export async function updateCase(db: Executor, id: number, from: string, set: Partial<Omit<CaseRow, 'id'>>): Promise<boolean> {
  const r = await db.updateTable('case_file').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, e: { case_id: number; at: string; status: string; public_note: string | null; staff_id: number | null }) {
  return (await db.insertInto('case_event').values(e).returning('id').executeTakeFirstOrThrow()).id;
}

export async function eventsOf(db: Executor, caseId: number) {
  return db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function pausesOf(db: Executor, caseId: number) {
  return db.selectFrom('case_pause').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function openPause(db: Executor, caseId: number, from: string) {
  await db.insertInto('case_pause').values({ case_id: caseId, from_date: from, to_date: null }).execute();
}

export async function closePause(db: Executor, caseId: number, to: string) {
  const open = await db.selectFrom('case_pause').select(['id', 'from_date']).where('case_id', '=', caseId).where('to_date', 'is', null).executeTakeFirst();
  if (!open) return;
  // resumed the same day it paused: no day was lost
  if (to < open.from_date) await db.deleteFrom('case_pause').where('id', '=', open.id).execute();
  else await db.updateTable('case_pause').set({ to_date: to }).where('id', '=', open.id).execute();
}

export async function openCases(db: Executor, officeIds: number[]) {
  if (officeIds.length === 0) return [];
  return db
    .selectFrom('case_file')
    .selectAll()
    .where('office_id', 'in', officeIds)
    .where('status', 'not in', ['approved', 'rejected', 'closed'])
    .orderBy('due_on')
    .execute();
}

export async function finishedCases(db: Executor, officeIds: number[]) {
  if (officeIds.length === 0) return [];
  return db.selectFrom('case_file').select(['notices']).where('office_id', 'in', officeIds).where('status', 'in', ['approved', 'closed']).execute();
}

export async function insertSlip(db: Executor, row: Omit<SlipRow, 'id'>): Promise<number> {
  return (await db.insertInto('notice_slip').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function slipByCode(db: Executor, code: string): Promise<SlipRow | undefined> {
  return db.selectFrom('notice_slip').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function slipsOf(db: Executor, caseId: number) {
  return db.selectFrom('notice_slip').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** One more notice slip on the case, counted in the database (two slips at once both count). */
export async function countNotice(db: Executor, caseId: number): Promise<void> {
  await db
    .updateTable('case_file')
    .set((eb) => ({ notices: eb('notices', '+', 1) }))
    .where('id', '=', caseId)
    .execute();
}

/** Cases received between two days, for the roll-up. */
export function casesReceived(db: Executor, from: string, to: string) {
  return db.selectFrom('case_file').select(['office_id', 'received_on', 'guide_code']).where('received_on', '>=', from).where('received_on', '<=', to).execute();
}

/** Cases closed in [start, end), for the roll-up. */
export function casesClosed(db: Executor, start: string, end: string) {
  return db
    .selectFrom('case_file')
    .select(['id', 'office_id', 'received_on', 'guide_code', 'closed_at', 'due_on', 'limit_days', 'notices'])
    .where('closed_at', '>=', start)
    .where('closed_at', '<', end)
    .execute();
}

/** The clock's pauses of several cases. */
export async function pausesOfCases(db: Executor, caseIds: number[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_pause').select(['case_id', 'from_date', 'to_date']).where('case_id', 'in', caseIds).execute();
}

export function casesUpdatedSince(db: Executor, since: string) {
  return db.selectFrom('case_file').select(['office_id', 'received_on', 'closed_at']).where('updated_at', '>=', since).execute();
}

/** Closed cases that got a notice slip since an instant: the slip changes their closing day's figures. */
export function closedCasesSlippedSince(db: Executor, since: string) {
  return db
    .selectFrom('notice_slip as n')
    .innerJoin('case_file as c', 'c.id', 'n.case_id')
    .select(['c.office_id', 'c.closed_at'])
    .where('n.created_at', '>=', since)
    .where('c.closed_at', 'is not', null)
    .execute();
}
