import { sql } from 'kysely';
import type { DialectName, Executor } from '../../db/index.js';
import type { TicketTable } from '../../db/schema.js';
import { nextInSequence } from '../../platform/sequence.js';

export type TicketRow = Omit<TicketTable, 'id' | 'priority'> & { id: number; priority: number };

/** The next number of the day for a prefix. */
export function nextNumber(db: Executor, officeId: number, day: string, prefix: string): Promise<number> {
  return nextInSequence(db, officeId, day, prefix);
}

export async function insertTicket(db: Executor, row: Omit<TicketRow, 'id'>): Promise<number> {
  const r = await db.insertInto('ticket').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertEvent(
  db: Executor,
  e: { ticket_id: number; office_id: number; at: string; kind: string; counter_id: number | null; staff_id: number | null; detail?: unknown },
) {
  await db
    .insertInto('ticket_event')
    .values({ ...e, detail: e.detail === undefined ? null : JSON.stringify(e.detail) })
    .execute();
}

export async function ticketById(db: Executor, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function ticketByCode(db: Executor, code: string): Promise<TicketRow | undefined> {
  return db.selectFrom('ticket').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function countIssued(db: Executor, officeId: number, day: string, serviceId: number, channel?: string): Promise<number> {
  let q = db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('office_id', '=', officeId)
    .where('day', '=', day)
    .where('service_id', '=', serviceId);
  if (channel) q = q.where('channel', '=', channel);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function counterById(db: Executor, counterId: number) {
  return db.selectFrom('counter').selectAll().where('id', '=', counterId).executeTakeFirst();
}

export async function counterServiceIds(db: Executor, counterId: number): Promise<number[]> {
  const rows = await db.selectFrom('counter_service').select('service_id').where('counter_id', '=', counterId).execute();
  return rows.map((r) => r.service_id);
}

export async function counterOpen(db: Executor, counterId: number) {
  return db.selectFrom('counter_open').selectAll().where('counter_id', '=', counterId).executeTakeFirst();
}

/**
 * Head of one line for a counter: waiting tickets of its services (or sent
 * to this very counter), oldest place first. On PostgreSQL the row is
 * locked and rows other counters hold are skipped, so two counters calling
 * at once take two different tickets.
 */
export async function lineHead(
  db: Executor,
  dialect: DialectName,
  q: { officeId: number; day: string; counterId: number; serviceIds: number[]; priority: boolean },
) {
  let query = db
    .selectFrom('ticket')
    .select(['id', 'queue_at'])
    .where('office_id', '=', q.officeId)
    .where('day', '=', q.day)
    .where('status', '=', 'waiting')
    .where('priority', '=', q.priority ? 1 : 0)
    .where((eb) =>
      eb.or([
        eb('target_counter_id', '=', q.counterId),
        q.serviceIds.length > 0 ? eb.and([eb('target_counter_id', 'is', null), eb('service_id', 'in', q.serviceIds)]) : sql<boolean>`1 = 0`,
      ]),
    )
    .orderBy('queue_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  return query.executeTakeFirst();
}

export async function currentAtCounter(db: Executor, counterId: number): Promise<TicketRow | undefined> {
  return db.selectFrom('ticket').selectAll().where('counter_id', '=', counterId).where('status', 'in', ['called', 'serving']).executeTakeFirst();
}

/** Conditional update: changes the ticket only if it is still in one of the expected states. */
export async function moveTicket(db: Executor, id: number, from: string[], set: Partial<Omit<TicketRow, 'id'>>): Promise<boolean> {
  const r = await db.updateTable('ticket').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setCallsSincePriority(db: Executor, counterId: number, value: number) {
  await db.updateTable('counter_open').set({ calls_since_priority: value }).where('counter_id', '=', counterId).execute();
}

export async function openCounter(db: Executor, row: { counter_id: number; staff_id: number; opened_at: string; support: number }) {
  await db
    .insertInto('counter_open')
    .values({ ...row, calls_since_priority: 0 })
    .onConflict((oc) => oc.column('counter_id').doUpdateSet({ staff_id: row.staff_id, opened_at: row.opened_at, support: row.support }))
    .execute();
}

export async function closeCounter(db: Executor, counterId: number) {
  await db.deleteFrom('counter_open').where('counter_id', '=', counterId).execute();
}

export async function parkedAt(db: Executor, officeId: number, day: string) {
  return db.selectFrom('ticket').selectAll().where('office_id', '=', officeId).where('day', '=', day).where('status', '=', 'parked').orderBy('queue_at').execute();
}

export async function insertWalkIn(db: Executor, row: { office_id: number; counter_id: number; staff_id: number; service_id: number; day: string; at: string }) {
  await db.insertInto('walk_in').values(row).execute();
}

export async function insertPeakEvent(
  db: Executor,
  row: { office_id: number; kind: string; at: string; waiting: number; oldest_wait_min: number; counter_id: number | null; staff_id: number | null; detail?: unknown },
) {
  await db
    .insertInto('peak_event')
    .values({ ...row, detail: row.detail === undefined ? null : JSON.stringify(row.detail) })
    .execute();
}

export async function peakEvents(db: Executor, officeId: number, fromIso: string) {
  return db.selectFrom('peak_event').selectAll().where('office_id', '=', officeId).where('at', '>=', fromIso).orderBy('id').execute();
}
