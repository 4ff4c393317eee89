import type { Insertable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { PreCheckTable } from './tables.js';

/** SQL of the pre-check, nothing else. */
export async function insertPreCheck(db: Executor, row: Insertable<PreCheckTable>): Promise<number> {
  const r = await db.insertInto('pre_check').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function preCheckById(db: Executor, id: number) {
  return db.selectFrom('pre_check').selectAll().where('id', '=', id).executeTakeFirst();
}

export function preCheckOfTicket(db: Executor, ticketId: number) {
  return db.selectFrom('pre_check').select(['id', 'checked', 'note']).where('ticket_id', '=', ticketId).executeTakeFirst();
}

/** Checks of one office per day and outcome, over a run of days (for the plan's indicators). */
export function countsByDay(db: Executor, officeId: number, from: string, to: string) {
  return db
    .selectFrom('pre_check')
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select((eb) => ['day', 'outcome', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['day', 'outcome'])
    .execute();
}
