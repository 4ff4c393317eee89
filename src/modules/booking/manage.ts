import { timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/index.js';
import { isUniqueViolation, writeTransaction } from '../../db/index.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { markFiguresDirty } from '../../platform/figures/index.js';
import { AppError } from '../../platform/errors.js';
import { normalizeIdNumber } from '../../platform/identity/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { availability } from './availability.js';
import { type ServiceRow, scheduleJobs } from './book.js';
import { normalizeBookingCode } from './codes.js';
import type { BookingDeps } from './deps.js';
import { type MessageKind, queueBookingMail } from './messages.js';
import * as repo from './repo.js';
import { slotInstant } from './rules.js';
import { type BookingSettings, readBookingSettings } from './settings.js';

export type BookingRow = NonNullable<Awaited<ReturnType<typeof repo.bookingById>>>;

const sameHash = (a: string, b: string | null) => b !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A citizen's look-up: the code and the ID number of either person on the
 * booking. A miss never says which of the two was wrong.
 */
export async function findForCitizen(deps: BookingDeps, code: string, idNumber: string): Promise<BookingRow | null> {
  const b = await repo.bookingByCode(deps.database.db, normalizeBookingCode(code));
  const h = deps.vault.hash(normalizeIdNumber(idNumber));
  if (!b || !(sameHash(h, b.id_hash) || sameHash(h, b.partner_id_hash))) return null;
  return b;
}

async function serviceOf(db: Executor, b: BookingRow): Promise<ServiceRow> {
  const s = await repo.serviceById(db, b.booking_service_id);
  if (!s) throw new AppError('not_found', 'booking.err.noService');
  return s;
}

/**
 * Ends a live booking (cancelled, closed, rejected, not drawn): gives back
 * its seats, frees the people's day, and queues the notice, all at once.
 */
export async function endBooking(
  deps: BookingDeps,
  b: BookingRow,
  to: 'cancelled' | 'closed' | 'rejected' | 'not_drawn',
  reason: string | null,
  trxIn?: Executor,
): Promise<boolean> {
  const now = deps.clock();
  const run = async (trx: Executor) => {
    const moved = await repo.moveBooking(trx, b.id, ['booked', 'pending', 'applied'], { status: to, ended_at: now.toISOString(), end_reason: reason, updated_at: now.toISOString() });
    if (!moved) return false;
    await repo.releaseSeats(trx, b.id);
    await repo.freePersons(trx, b.id);
    const kind: MessageKind = to;
    await queueBookingMail(trx, { booking: { ...b, status: to }, service: await serviceOf(trx, b), kind, baseUrl: deps.baseUrl, reason: reason ?? undefined, now });
    return true;
  };
  return trxIn ? run(trxIn) : writeTransaction(deps.database, run);
}

/** The citizen cancels: allowed until the booked time starts. */
export async function cancelByCitizen(deps: BookingDeps, b: BookingRow): Promise<void> {
  if (b.day && b.starts && slotInstant(b.day, b.starts) <= deps.clock()) throw new AppError('conflict', 'booking.err.tooLateToCancel');
  if (!(await endBooking(deps, b, 'cancelled', null))) throw new AppError('conflict', 'booking.err.notLive');
}

/**
 * Moves a booking to another time of the same service, under the same
 * rules as a new booking: the window, one per day, and a free seat taken
 * by the conditional update. The old seat is given back in the same
 * transaction, so a failed move leaves the booking as it was.
 */
export async function reschedule(deps: BookingDeps, b: BookingRow, to: { day: string; starts: string }, locale: Locale): Promise<void> {
  if (b.status !== 'booked' || !b.day || !b.starts) throw new AppError('conflict', 'booking.err.notMovable');
  const now = deps.clock();
  if (slotInstant(b.day, b.starts) <= now) throw new AppError('conflict', 'booking.err.tooLateToCancel');
  const service = await serviceOf(deps.database.db, b);
  const settings = await readBookingSettings(deps.database.db, b.office_id);
  const { days } = await availability(deps.database.db, service, now, locale);
  const day = days.find((d) => d.day === to.day);
  const slot = day?.slots.find((s) => s.starts === to.starts);
  if (!day || !slot || day.lottery) throw new AppError('validation', 'booking.err.slotGone', { fields: [{ field: 'slot', key: 'booking.err.slotGone' }] });
  const hashes = [b.id_hash, ...(b.partner_id_hash ? [b.partner_id_hash] : [])];
  try {
    await writeTransaction(deps.database, async (trx) => {
      const current = await repo.bookingById(trx, b.id);
      if (current?.status !== 'booked' || current.day !== b.day || current.starts !== b.starts) throw new AppError('conflict', 'booking.err.notMovable');
      await repo.releaseSeats(trx, b.id);
      await repo.freePersons(trx, b.id);
      if (settings.onePerDay && (await repo.livePersonDay(trx, hashes, to.day))) throw new AppError('conflict', 'booking.err.onePerDay');
      const slotId = await repo.ensureSlot(trx, { serviceId: service.id, day: to.day, starts: slot.starts, ends: slot.ends, capacity: slot.capacity });
      if (!(await repo.takeSeat(trx, slotId))) throw new AppError('conflict', 'booking.err.full');
      await repo.holdSeats(trx, b.id, [slotId]);
      if (settings.onePerDay) await repo.holdPersonDay(trx, b.id, hashes, to.day);
      const moved = { day: to.day, starts: slot.starts, ends: slot.ends, updated_at: now.toISOString() };
      await repo.moveBooking(trx, b.id, ['booked'], moved);
      // the day it left counts one booking fewer: no row names that day any more
      if (b.day !== to.day) await markFiguresDirty(trx, b.office_id, b.day!, now);
      await scheduleJobs(trx, { id: b.id, day: to.day, starts: slot.starts }, settings, now);
      await queueBookingMail(trx, { booking: { ...b, ...moved }, service, kind: 'rescheduled', baseUrl: deps.baseUrl, now });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'booking.err.onePerDay', { cause: err });
    throw err;
  }
}

/**
 * A booking nobody came for. After the office's limit of no-shows the
 * person's online booking is suspended; the count starts again after a
 * suspension begins or is lifted.
 */
export async function markNoShow(trx: Executor, b: BookingRow, settings: BookingSettings, now: Date, reason: string): Promise<boolean> {
  const moved = await repo.moveBooking(trx, b.id, ['booked'], { status: 'no_show', ended_at: now.toISOString(), end_reason: reason, updated_at: now.toISOString() });
  if (!moved) return false;
  const today = taipeiToday(now);
  for (const h of [b.id_hash, ...(b.partner_id_hash ? [b.partner_id_hash] : [])]) {
    if (await repo.activeSuspension(trx, [h], today)) continue;
    const last = await repo.lastSuspension(trx, h);
    const since = last ? (last.lifted_at ?? '').slice(0, 10) || last.starts_on : '0000-00-00';
    if ((await repo.noShowsSince(trx, h, since)) >= settings.noShowLimit) {
      const ends = addMonths(today, settings.suspendMonths);
      await repo.insertSuspension(trx, { id_hash: h, starts_on: today, ends_on: ends, reason: 'no_show', created_at: now.toISOString(), lifted_at: null, lifted_by: null, lift_reason: null });
    }
  }
  return true;
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

