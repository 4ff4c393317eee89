import { sql } from 'kysely';
import type { Db, Executor } from '../../db/index.js';
import type { BookingClosureTable, BookingServiceTable, BookingSuspensionTable, BookingTable } from '../../db/schema.js';

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

/**
 * Takes one seat of a slot named by its service, day and start, if the
 * slot row exists and has one free: the same single conditional UPDATE as
 * takeSeat, returning the slot's id, so the common case is one statement.
 * Null: no row yet, or full.
 */
export async function takeSeatAt(trx: Executor, s: { serviceId: number; day: string; starts: string }): Promise<number | null> {
  const row = await trx
    .updateTable('booking_slot')
    .set({ booked: sql`booked + 1` })
    .where('booking_service_id', '=', s.serviceId)
    .where('day', '=', s.day)
    .where('starts', '=', s.starts)
    .where('booked', '<', sql<number>`capacity`)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Makes the slot row exist (idempotent under concurrency), without reading it back. */
export async function ensureSlotRow(trx: Executor, s: { serviceId: number; day: string; starts: string; ends: string; capacity: number }): Promise<void> {
  await trx
    .insertInto('booking_slot')
    .values({ booking_service_id: s.serviceId, day: s.day, starts: s.starts, ends: s.ends, capacity: s.capacity, booked: 0 })
    .onConflict((oc) => oc.columns(['booking_service_id', 'day', 'starts']).doNothing())
    .execute();
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

export function lotteriesFrom(db: Executor, serviceId: number, from: string) {
  return db.selectFrom('booking_lottery').selectAll().where('booking_service_id', '=', serviceId).where('day', '>=', from).execute();
}

/** Lottery applications waiting for the draw, per day. */
export function applicationsByDay(db: Executor, serviceId: number) {
  return db.selectFrom('booking').select(['day', (eb) => eb.fn.countAll<number>().as('n')]).where('booking_service_id', '=', serviceId).where('status', '=', 'applied').groupBy('day').execute();
}

export async function updateServiceRules(
  trx: Executor,
  serviceId: number,
  rules: { slot_minutes: number; capacity: number; min_days: number; min_working_days: number; max_days: number; cutoff: string | null; active: number; uses_office_hours: number; updated_at: string },
) {
  await trx.updateTable('booking_service').set(rules).where('id', '=', serviceId).execute();
}

export async function replaceHours(trx: Executor, serviceId: number, periods: { weekday: number; starts: string; ends: string }[]) {
  await trx.deleteFrom('booking_hours').where('booking_service_id', '=', serviceId).execute();
  for (const p of periods) await trx.insertInto('booking_hours').values({ booking_service_id: serviceId, ...p }).execute();
}

/** A new capacity for slots after `day`; seats already given stay given, so a slot never drops below its bookings. */
export async function setFutureCapacity(trx: Executor, serviceId: number, capacity: number, day: string) {
  await trx
    .updateTable('booking_slot')
    .set({ capacity: sql`case when booked > ${capacity} then booked else ${capacity} end` })
    .where('booking_service_id', '=', serviceId)
    .where('day', '>', day)
    .execute();
}

export async function upsertOpening(db: Executor, o: { booking_service_id: number; day: string; starts: string; ends: string; capacity: number | null; note_zh: string; note_en: string; hot: number }) {
  const { booking_service_id: _id, day: _day, ...rest } = o;
  await db
    .insertInto('booking_opening')
    .values(o)
    .onConflict((oc) => oc.columns(['booking_service_id', 'day']).doUpdateSet(rest))
    .execute();
}

export async function deleteOpening(db: Executor, serviceId: number, openingId: number) {
  await db.deleteFrom('booking_opening').where('id', '=', openingId).where('booking_service_id', '=', serviceId).execute();
}

export function closuresFrom(db: Executor, officeId: number, from: string) {
  return db.selectFrom('booking_closure').selectAll().where('office_id', '=', officeId).where('day', '>=', from).orderBy('day').execute();
}

export function suspendedNow(db: Executor, today: string, limit = 200) {
  return db.selectFrom('booking_suspension').selectAll().where('lifted_at', 'is', null).where('ends_on', '>', today).orderBy('starts_on', 'desc').limit(limit).execute();
}

/** The name on a person's latest booking: how a suspension is shown without its ID number. */
export async function latestNameOf(db: Executor, idHash: string): Promise<string | null> {
  return (await db.selectFrom('booking').select('name').where('id_hash', '=', idHash).orderBy('id', 'desc').executeTakeFirst())?.name ?? null;
}

/** Home visits (open or assigned) and hall requests still to decide. */
export function requestsOf(db: Executor, serviceIds: number[]) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('booking').selectAll().where('booking_service_id', 'in', serviceIds).where('status', 'in', ['pending', 'booked']).orderBy('created_at').execute();
}

/** What a booking says about a visit (for surveys): office, status, its ticket, its service in the queue. */
export function bookingVisit(db: Executor, token: string) {
  return db
    .selectFrom('booking')
    .innerJoin('booking_service', 'booking_service.id', 'booking.booking_service_id')
    .select(['booking.office_id', 'booking.status', 'booking.ticket_id', 'booking_service.queue_service_code'])
    .where('booking.token', '=', token)
    .executeTakeFirst();
}

/** A meeting with the director recorded as a petition: the booking keeps the link. */
export async function linkPetition(db: Executor, bookingId: number, petitionId: number) {
  await db.updateTable('booking').set({ petition_id: petitionId }).where('id', '=', bookingId).execute();
}

export async function insertClosure(db: Executor, row: Omit<BookingClosureTable, 'id'>) {
  await db.insertInto('booking_closure').values(row).execute();
}

export async function deleteClosure(db: Executor, officeId: number, closureId: number) {
  await db.deleteFrom('booking_closure').where('id', '=', closureId).where('office_id', '=', officeId).execute();
}

/** Ends a person's running suspensions early; false when there was none. */
export async function liftSuspensions(db: Executor, idHash: string, set: { lifted_at: string; lifted_by: number; lift_reason: string }): Promise<boolean> {
  const res = await db.updateTable('booking_suspension').set(set).where('id_hash', '=', idHash).where('lifted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function holdSeats(trx: Executor, bookingId: number, slotIds: number[]) {
  if (slotIds.length) await trx.insertInto('booking_seat').values(slotIds.map((slot_id) => ({ booking_id: bookingId, slot_id }))).execute();
}

/** Marks the people of a booking as booked that day (the one-booking-per-day rule's unique index). */
export async function holdPersonDay(trx: Executor, bookingId: number, idHashes: string[], day: string) {
  if (idHashes.length) await trx.insertInto('booking_person').values(idHashes.map((id_hash) => ({ booking_id: bookingId, id_hash, day, active: 1 }))).execute();
}

export function lastSuspension(db: Executor, idHash: string) {
  return db.selectFrom('booking_suspension').select(['starts_on', 'lifted_at']).where('id_hash', '=', idHash).orderBy('id', 'desc').executeTakeFirst();
}

/** No-shows of a person (as applicant or partner) on or after a day. */
export async function noShowsSince(db: Executor, idHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('booking')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('id_hash', '=', idHash), eb('partner_id_hash', '=', idHash)]))
    .where('status', '=', 'no_show')
    .where('day', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertSuspension(db: Executor, row: Omit<BookingSuspensionTable, 'id'>) {
  await db.insertInto('booking_suspension').values(row).execute();
}

/** Opens (or moves the deadline of) a day's lottery. */
export async function openLottery(db: Executor, serviceId: number, day: string, applyUntil: string) {
  await db
    .insertInto('booking_lottery')
    .values({ booking_service_id: serviceId, day, apply_until: applyUntil, seed: null, drawn_at: null, drawn_by: null, result_hash: null })
    .onConflict((oc) => oc.columns(['booking_service_id', 'day']).doUpdateSet({ apply_until: applyUntil }))
    .execute();
}

/**
 * Claims the draw of a lottery for this transaction: true for exactly one
 * caller, however many press "draw" at once (a conditional UPDATE, so the
 * second draw never runs on a stale list).
 */
export async function claimDraw(db: Executor, lotteryId: number, set: { seed: string; drawn_at: string; drawn_by: number }): Promise<boolean> {
  const r = await db.updateTable('booking_lottery').set(set).where('id', '=', lotteryId).where('drawn_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordDrawResult(db: Executor, lotteryId: number, resultHash: string) {
  await db.updateTable('booking_lottery').set({ result_hash: resultHash }).where('id', '=', lotteryId).execute();
}

/** Home visits and hall requests waiting for staff, of one office or (null) all. */
export function pendingRequests(db: Executor, officeId: number | null) {
  let q = db
    .selectFrom('booking')
    .innerJoin('booking_service', 'booking_service.id', 'booking.booking_service_id')
    .select(['booking_service.kind', 'booking.due_on'])
    .where('booking.status', '=', 'pending');
  if (officeId !== null) q = q.where('booking.office_id', '=', officeId);
  return q.execute();
}

// ---- services created by staff (go-live) ----

export async function insertService(trx: Executor, row: Omit<BookingServiceTable, 'id'>): Promise<number> {
  const r = await trx.insertInto('booking_service').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Every field but the office and the code: what a config import may change on an existing service. */
export async function updateService(trx: Executor, serviceId: number, set: Partial<Omit<BookingServiceTable, 'id' | 'office_id' | 'code'>>) {
  await trx.updateTable('booking_service').set(set).where('id', '=', serviceId).execute();
}

export async function setServiceActive(trx: Executor, serviceId: number, active: number, updatedAt: string) {
  await trx.updateTable('booking_service').set({ active, updated_at: updatedAt }).where('id', '=', serviceId).execute();
}

export async function lastSort(trx: Executor, officeId: number): Promise<number> {
  const r = await trx.selectFrom('booking_service').select((eb) => eb.fn.max<number>('sort').as('n')).where('office_id', '=', officeId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function hoursOfServices(db: Executor, serviceIds: number[]) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('booking_hours').selectAll().where('booking_service_id', 'in', serviceIds).orderBy('weekday').orderBy('starts').execute();
}

/**
 * Bookings of a service that still lie ahead and hold a place (booked,
 * pending, applied, checked in), plus undated home-visit requests: what a
 * retirement leaves running.
 */
export async function futureLiveCount(db: Executor, serviceId: number, today: string): Promise<number> {
  const r = await db
    .selectFrom('booking')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('booking_service_id', '=', serviceId)
    .where('status', 'in', [...LIVE])
    .where((eb) => eb.or([eb('day', '>=', today), eb('day', 'is', null)]))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
