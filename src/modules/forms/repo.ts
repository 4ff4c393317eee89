// Application forms: every SQL statement of the module.
import type { Executor } from '../../db/index.js';
import type { Insertable } from 'kysely';
import type { FormDraftTable } from './tables.js';

export type DraftInsert = Insertable<FormDraftTable>;

export async function insertDraft(db: Executor, row: DraftInsert): Promise<void> {
  await db.insertInto('form_draft').values(row).execute();
}

export function draftByCode(db: Executor, code: string) {
  return db.selectFrom('form_draft').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Marks a draft opened the first time; later openings keep the first instant. */
export async function markOpened(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('form_draft').set({ opened_at: at }).where('id', '=', id).where('opened_at', 'is', null).execute();
}

/** Deletes drafts whose 7 days are over; returns how many. */
export async function purgeExpired(db: Executor, now: string): Promise<number> {
  const r = await db.deleteFrom('form_draft').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** One more print of a form in a month: one statement, so two printers at once both count. */
export async function countPrint(db: Executor, form: string, month: string): Promise<void> {
  await db
    .insertInto('form_print_month')
    .values({ form, month, printed: 1 })
    .onConflict((oc) => oc.columns(['form', 'month']).doUpdateSet((eb) => ({ printed: eb('form_print_month.printed', '+', 1) })))
    .execute();
}

export function printsOfMonth(db: Executor, month: string) {
  return db.selectFrom('form_print_month').select(['form', 'printed']).where('month', '=', month).orderBy('form').execute();
}
