import type { Executor } from '../../db/index.js';

// The reads behind the statistics pages and the queue's part of the daily roll-up.

/** Every ticket of an office over a run of days (office and day lead the ticket index). */
export function ticketsOfDays(db: Executor, officeId: number, from: string, to: string) {
  return db
    .selectFrom('ticket')
    .select(['service_id', 'status', 'transfer_count', 'waited_ms', 'served_ms', 'counter_id', 'staff_id', 'issued_at'])
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

export function serviceNames(db: Executor, officeId: number) {
  return db.selectFrom('service').select(['id', 'code', 'name_zh', 'name_en']).where('office_id', '=', officeId).orderBy('sort').execute();
}

export function counterNumbers(db: Executor, officeId: number) {
  return db.selectFrom('counter').select(['id', 'number']).where('office_id', '=', officeId).orderBy('number').execute();
}

export function staffNames(db: Executor) {
  return db.selectFrom('staff').select(['id', 'display_name']).execute();
}

export async function walkInCount(db: Executor, officeId: number, from: string, to: string): Promise<number> {
  const r = await db
    .selectFrom('walk_in')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every office's service codes by id. */
export async function serviceCodesById(db: Executor): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('service').select(['id', 'code']).execute()).map((s) => [s.id, s.code]));
}

/** Support counters opened in [start, end). */
export function supportOpenings(db: Executor, start: string, end: string) {
  return db.selectFrom('peak_event').select(['office_id', 'at']).where('kind', '=', 'support_open').where('at', '>=', start).where('at', '<', end).execute();
}

/** Offices and days that have tickets between two days. */
export function ticketDays(db: Executor, from: string, to: string) {
  return db.selectFrom('ticket').select(['office_id', 'day']).distinct().where('day', '>=', from).where('day', '<=', to).execute();
}

export function peakEventsSince(db: Executor, since: string) {
  return db.selectFrom('peak_event').select(['office_id', 'at']).where('at', '>=', since).execute();
}

/** Offices and days of walk-ins recorded since an instant. */
export function walkInDaysSince(db: Executor, since: string) {
  return db.selectFrom('walk_in').select(['office_id', 'day']).distinct().where('at', '>=', since).execute();
}
