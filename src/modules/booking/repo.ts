import { sql } from 'kysely';
import type { Db, Executor } from '../../db/index.js';
import type { BookingTable } from '../../db/schema.js';

/** Statuses that hold a seat or a place in the day (and count for one-per-day). */
export const LIVE = ['booked', 'pending', 'applied', 'checked_in'] as const;

export function serviceById(db: Executor, id: number) {
  return db.selectFrom('booking_service').selectAll().where('id', '=', id).executeTakeFirst();
}

export function serviceByCode(db: Executor, officeId: number, code: string) {
  return db.selectFrom('booking_service').selectAll().where('office_id', '=', officeId).where('code', '=', code).executeTakeFirst();
}

export function servicesOf(db: Executor, officeIds: number[], activeOnly = true) {
  if (officeIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('booking_service').selectAll().where('office_id', 'in', officeIds);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('office_id').orderBy('sort').execute();
}

export function hoursOf(db: Executor, serviceId: number) {
  return db.selectFrom('booking_hours').selectAll().where('booking_service_id', '=', serviceId).orderBy('weekday').orderBy('starts').execute();
}

export function openingsOf(db: Executor, serviceId: number, from: string) {
  return db.selectFrom('booking_opening').selectAll().where('booking_service_id', '=', serviceId).where('day', '>=', from).orderBy('day').execute();
}

/** Days closed for this service: the office's booking closures (all services or this one). */
export async function closedDays(db: Executor, officeId: number, serviceId: number, from: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('booking_closure')
    .select('day')
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where((eb) => eb.or([eb('booking_service_id', 'is', null), eb('booking_service_id', '=', serviceId)]))
    .execute();
  return new Set(rows.map((r) => r.day));
}

export function slotsOfDays(db: Executor, serviceId: number, days: string[]) {
  if (days.length === 0) return Promise.resolve([]);
  return db.selectFrom('booking_slot').selectAll().where('booking_service_id', '=', serviceId).where('day', 'in', days).execute();
}

/** Makes the slot row exist (idempotent under concurrency) and returns its id. */
export async function ensureSlot(trx: Executor, s: { serviceId: number; day: string; starts: string; ends: string; capacity: number }): Promise<number> {
  await trx
    .insertInto('booking_slot')
    .values({ booking_service_id: s.serviceId, day: s.day, starts: s.starts, ends: s.ends, capacity: s.capacity, booked: 0 })
    .onConflict((oc) => oc.columns(['booking_service_id', 'day', 'starts']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('booking_slot')
    .select('id')
    .where('booking_service_id', '=', s.serviceId)
    .where('day', '=', s.day)
    .where('starts', '=', s.starts)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes one seat if one is free, in a single conditional UPDATE: the row
 * lock (PostgreSQL) or the write lock (SQLite) makes the test and the
 * increment one step, so two requests can never both take the last seat.
 */
export async function takeSeat(trx: Executor, slotId: number): Promise<boolean> {
  const res = await trx
    .updateTable('booking_slot')
    .set({ booked: sql`booked + 1` })
    .where('id', '=', slotId)
    .where('booked', '<', sql<number>`capacity`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives back every seat a booking holds. */
export async function releaseSeats(trx: Executor, bookingId: number): Promise<void> {
  const seats = await trx.selectFrom('booking_seat').select('slot_id').where('booking_id', '=', bookingId).execute();
  for (const s of seats) {
    await trx.updateTable('booking_slot').set({ booked: sql`booked - 1` }).where('id', '=', s.slot_id).where('booked', '>', 0).execute();
  }
  await trx.deleteFrom('booking_seat').where('booking_id', '=', bookingId).execute();
}

export async function insertBooking(trx: Executor, row: Omit<BookingTable, 'id'>): Promise<number> {
  const r = await trx.insertInto('booking').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function bookingByCode(db: Executor, code: string) {
  return db.selectFrom('booking').selectAll().where('code', '=', code).executeTakeFirst();
}

export function bookingByToken(db: Executor, token: string) {
  return db.selectFrom('booking').selectAll().where('token', '=', token).executeTakeFirst();
}

export function bookingById(db: Executor, id: number) {
  return db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a booking only from one of the given statuses; false when someone else moved it first. */
export async function moveBooking(trx: Executor, id: number, from: readonly string[], set: Partial<Omit<BookingTable, 'id'>>): Promise<boolean> {
  const res = await trx
    .updateTable('booking')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A person's live booking that day, if any (the rule, checked before the index backstop). */
export function livePersonDay(trx: Executor, idHashes: string[], day: string) {
  return trx.selectFrom('booking_person').select('booking_id').where('id_hash', 'in', idHashes).where('day', '=', day).where('active', '=', 1).executeTakeFirst();
}

export function freePersons(trx: Executor, bookingId: number) {
  return trx.updateTable('booking_person').set({ active: 0 }).where('booking_id', '=', bookingId).execute();
}

export function activeSuspension(db: Executor, idHashes: string[], today: string) {
  return db
    .selectFrom('booking_suspension')
    .selectAll()
    .where('id_hash', 'in', idHashes)
    .where('lifted_at', 'is', null)
    .where('starts_on', '<=', today)
    .where('ends_on', '>', today)
    .executeTakeFirst();
}

export function lotteryOf(db: Executor, serviceId: number, day: string) {
  return db.selectFrom('booking_lottery').selectAll().where('booking_service_id', '=', serviceId).where('day', '=', day).executeTakeFirst();
}

export function lotteriesOf(db: Executor, serviceId: number, days: string[]) {
  if (days.length === 0) return Promise.resolve([]);
  return db.selectFrom('booking_lottery').selectAll().where('booking_service_id', '=', serviceId).where('day', 'in', days).execute();
}

export function dayBookings(db: Db | Executor, officeId: number, day: string) {
  return db.selectFrom('booking').selectAll().where('office_id', '=', officeId).where('day', '=', day).orderBy('starts').orderBy('id').execute();
}
