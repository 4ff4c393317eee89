// The reminders register: every SQL statement of the area.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../../db/index.js';
import type { DB, ReminderContactTable, ReminderTable } from '../../../db/schema.js';
import { ACTIVE_STATES, type ReminderKind, type ReminderState } from './rules.js';

export type ReminderInsert = Omit<ReminderTable, 'id'>;
export type ContactInsert = Omit<ReminderContactTable, 'id'>;

export interface ListFilter {
  officeIds: number[];
  kind?: ReminderKind | undefined;
  /** only those past their due date and still to act on */
  overdue?: boolean | undefined;
  /** part of the name or of the source reference */
  q?: string | undefined;
  today: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom('reminder').where('office_id', 'in', f.officeIds);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.overdue) q = q.where('status', 'in', [...ACTIVE_STATES]).where('due_on', '<', f.today);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('person_name', 'like', sql<string>`${like} escape '\\'`), eb('source_ref', 'like', sql<string>`${like} escape '\\'`)]));
  }
  return q;
}

/** How many entries of each state the filter finds: the status links' counts, which add up to the whole list. */
export async function countByState(db: Executor, f: ListFilter): Promise<Record<ReminderState, number>> {
  const out: Record<ReminderState, number> = { open: 0, reminded: 0, registered: 0, closed: 0 };
  if (f.officeIds.length === 0) return out;
  const rows = await filtered(db, f).select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

const lastContact = (eb: ExpressionBuilder<DB, 'reminder'>) =>
  eb.selectFrom('reminder_contact').select((e) => e.fn.max('reminder_contact.at').as('m')).whereRef('reminder_contact.reminder_id', '=', 'reminder.id').as('last_contact_at');

/**
 * Letters written after the due date (Asia/Taipei: a letter at or after
 * 16:00 UTC of the due date is on the next day there): a written reminder
 * after the deadline raises the fine to NT$900.
 */
const lateLetters = sql<number | string>`(select count(*) from reminder_contact c where c.reminder_id = reminder.id and c.channel = 'letter' and c.at >= (reminder.due_on || 'T16:00:00.000Z'))`.as('late_letters');

/** One page of the list: overdue first (oldest due first), then by due date. */
export function listPage(db: Executor, f: ListFilter & { states: readonly ReminderState[]; limit: number; offset: number }) {
  if (f.officeIds.length === 0 || f.states.length === 0) return Promise.resolve([]);
  const overdueFirst = sql<number>`case when status in ('open','reminded') and due_on < ${f.today} then 0 else 1 end`;
  return filtered(db, f)
    .where('status', 'in', [...f.states])
    .select(['id', 'office_id', 'kind', 'person_name', 'source_ref', 'reported_on', 'due_on', 'status', 'resolved_on', lastContact, lateLetters])
    .orderBy(overdueFirst)
    .orderBy('due_on')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export function byId(db: Executor, id: number) {
  return db.selectFrom('reminder').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReminder(db: Executor, row: ReminderInsert): Promise<number> {
  const r = await db.insertInto('reminder').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** An entry already in the register for the same report and person (a list uploaded twice, a form sent twice). */
export function sameReport(db: Executor, officeId: number, kind: ReminderKind, sourceRef: string, personName: string) {
  return db
    .selectFrom('reminder')
    .select(['id'])
    .where('office_id', '=', officeId)
    .where('kind', '=', kind)
    .where('source_ref', '=', sourceRef)
    .where('person_name', '=', personName)
    .executeTakeFirst();
}

export function contactsOf(db: Executor, reminderId: number) {
  return db.selectFrom('reminder_contact').selectAll().where('reminder_id', '=', reminderId).orderBy('at').orderBy('id').execute();
}

export async function contactCount(db: Executor, reminderId: number): Promise<number> {
  const r = await db.selectFrom('reminder_contact').select((eb) => eb.fn.countAll<number | string>().as('n')).where('reminder_id', '=', reminderId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertContact(db: Executor, row: ContactInsert): Promise<number> {
  const r = await db.insertInto('reminder_contact').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function contactByLetter(db: Executor, code: string) {
  return db.selectFrom('reminder_contact').selectAll().where('letter_code', '=', code).executeTakeFirst();
}

/** The first contact moves an open entry to reminded; false when it was not open (already reminded, or done). */
export async function markReminded(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db.updateTable('reminder').set({ status: 'reminded', updated_at: at }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends an entry still to act on; false when someone ended it first. */
export async function resolve(db: Executor, id: number, to: 'registered' | 'closed', on: string, note: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('reminder')
    .set({ status: to, resolved_on: on, outcome_note: note, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', [...ACTIVE_STATES])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Overdue entries still to act on, per office: the staff notice. */
export async function overdueCount(db: Executor, officeId: number, today: string): Promise<number> {
  const r = await db
    .selectFrom('reminder')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('office_id', '=', officeId)
    .where('status', 'in', [...ACTIVE_STATES])
    .where('due_on', '<', today)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
