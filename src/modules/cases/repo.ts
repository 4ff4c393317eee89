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
