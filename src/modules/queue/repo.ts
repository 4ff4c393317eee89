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

/**
 * Counts one more ticket of the day for a service, only while it stays within
 * the caps: one conditional UPDATE on the day's counter row. Concurrent
 * callers on other connections wait for the row lock and re-check the
 * condition against the committed count (PostgreSQL re-evaluates the WHERE
 * of a blocked UPDATE; SQLite writers are serialised), so the caps cannot be
 * passed; the CHECK on the row is the backstop. Returns which cap refused,
 * or null when the ticket may be given.
 */
export async function takeIssueSlot(
  db: Executor,
  k: { officeId: number; serviceId: number; day: string; phone: boolean; cap: number | null; phoneCap: number | null },
): Promise<'cap' | 'phoneCap' | null> {
  await db
    .insertInto('queue_issued')
    .values({ office_id: k.officeId, service_id: k.serviceId, day: k.day, issued: 0, phone_issued: 0, cap: k.cap, phone_cap: k.phoneCap })
    .onConflict((oc) => oc.columns(['office_id', 'service_id', 'day']).doNothing())
    .execute();
  const r = await db
    .updateTable('queue_issued')
    .set({
      issued: sql`issued + 1`,
      cap: k.cap,
      // only a phone ticket moves the phone cap: a kiosk ticket must not store a
      // lowered phone cap beneath the phone tickets already given (the CHECK)
      ...(k.phone ? { phone_issued: sql<number>`phone_issued + 1`, phone_cap: k.phoneCap } : {}),
    })
    .where('office_id', '=', k.officeId)
    .where('service_id', '=', k.serviceId)
    .where('day', '=', k.day)
    .$if(k.cap !== null, (q) => q.where('issued', '<', k.cap!))
    .$if(k.phone && k.phoneCap !== null, (q) => q.where('phone_issued', '<', k.phoneCap!))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return null;
  // refused: say which cap, the daily one first (what the citizen can act on)
  const row = await db
    .selectFrom('queue_issued')
    .select(['issued'])
    .where('office_id', '=', k.officeId)
    .where('service_id', '=', k.serviceId)
    .where('day', '=', k.day)
    .executeTakeFirstOrThrow();
  return k.cap !== null && row.issued >= k.cap ? 'cap' : 'phoneCap';
}

/** A service of the office still offered (kiosk, phone, booking check-in). */
export function activeService(db: Executor, officeId: number, serviceId: number) {
  return db.selectFrom('service').selectAll().where('id', '=', serviceId).where('office_id', '=', officeId).where('active', '=', 1).executeTakeFirst();
}

/** A service of the office, retired or not (a ticket may be sent to any of them). */
export function serviceOfOffice(db: Executor, officeId: number, serviceId: number) {
  return db.selectFrom('service').select('id').where('id', '=', serviceId).where('office_id', '=', officeId).executeTakeFirst();
}

/** The office and its county, to tell whether a staff member covers a counter there. */
export function officeAndCounty(db: Executor, officeId: number) {
  return db.selectFrom('office').select(['id', 'county_id']).where('id', '=', officeId).executeTakeFirstOrThrow();
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
 * The open-counter row, locked for the rest of the transaction on PostgreSQL
 * (SQLite's BEGIN IMMEDIATE already serialises writers). Everything that
 * puts a ticket at a counter or closes it takes this lock first, so two
 * clicks on "call next" for one counter (two tabs, a double click) or a call
 * racing a close run one after the other and the second sees the first.
 */
export async function lockOpenCounter(db: Executor, dialect: DialectName, counterId: number) {
  let q = db.selectFrom('counter_open').selectAll().where('counter_id', '=', counterId);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
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

/**
 * Serialises peak-flip recording for one office until the transaction ends:
 * a transaction-scoped advisory lock on PostgreSQL (its READ COMMITTED
 * transactions would otherwise both see "no alert yet"); SQLite's BEGIN
 * IMMEDIATE already holds the database's one write lock.
 */
export async function lockPeak(db: Executor, dialect: DialectName, officeId: number) {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PEAK_LOCK}, ${officeId})`.execute(db);
}
/** first key of the two-key advisory lock: "peak" in ASCII */
const PEAK_LOCK = 0x7065616b;

export async function peakEvents(db: Executor, officeId: number, fromIso: string) {
  return db.selectFrom('peak_event').selectAll().where('office_id', '=', officeId).where('at', '>=', fromIso).orderBy('id').execute();
}

/** Tickets a counter finished: on a day, or since an instant (a support counter's opening). */
export async function servedAtCounter(db: Executor, counterId: number, when: { day: string } | { since: string }): Promise<number> {
  const r = await db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('counter_id', '=', counterId)
    .where((eb) => ('day' in when ? eb('day', '=', when.day) : eb('finished_at', '>=', when.since)))
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The office's counters in service, with who has each open, for the clerk to pick one. */
export function countersToPick(db: Executor, officeId: number) {
  return db
    .selectFrom('counter')
    .leftJoin('counter_open', 'counter_open.counter_id', 'counter.id')
    .select(['counter.id', 'counter.number', 'counter.name_zh', 'counter.name_en', 'counter_open.staff_id', 'counter_open.support'])
    .where('counter.office_id', '=', officeId)
    .where('counter.active', '=', 1)
    .orderBy('counter.number')
    .execute();
}

/** Which services each counter of the office serves, by name. */
export function counterServiceNames(db: Executor, officeId: number) {
  return db
    .selectFrom('counter_service')
    .innerJoin('service', 'service.id', 'counter_service.service_id')
    .select(['counter_service.counter_id', 'service.name_zh', 'service.name_en'])
    .where('service.office_id', '=', officeId)
    .execute();
}

/** The office's other counters, for the console's transfer choice. */
export function otherCounters(db: Executor, officeId: number, counterId: number) {
  return db.selectFrom('counter').select(['id', 'number']).where('office_id', '=', officeId).where('id', '!=', counterId).orderBy('number').execute();
}

/** The services whose caps the settings page sets, in their order. */
export function servicesForSettings(db: Executor, officeId: number) {
  return db.selectFrom('service').select(['code', 'name_zh', 'name_en']).where('office_id', '=', officeId).orderBy('sort').execute();
}

export function serviceCodes(db: Executor, officeId: number) {
  return db.selectFrom('service').select('code').where('office_id', '=', officeId).execute();
}
