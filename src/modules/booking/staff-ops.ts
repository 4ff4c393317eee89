import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { markFiguresDirty } from '../../platform/figures/index.js';
import { AppError } from '../../platform/errors.js';
import { officesService } from '../offices/index.js';
import { issueTicket } from '../queue/index.js';
import { scheduleJobs } from './book.js';
import type { BookingDeps } from './deps.js';
import { type BookingRow, endBooking, markNoShow } from './manage.js';
import { queueBookingMail } from './messages.js';
import * as repo from './repo.js';
import { fromMinutes, slotInstant, toMinutes } from './rules.js';
import { readBookingSettings } from './settings.js';

type Actor = { staff: StaffPrincipal | null; ip: string | null };

async function audit(deps: BookingDeps, actor: Actor, action: string, b: { id: number; office_id: number }, detail?: Record<string, unknown>) {
  if (!actor.staff) return;
  await recordAudit(deps.database.db, { actor: actor.staff, action, target: { type: 'booking', id: b.id }, officeId: b.office_id, ip: actor.ip, ...(detail ? { detail } : {}) }, deps.clock());
}

/**
 * Check-in, at the counter or the kiosk: inside the window the booking
 * becomes a priority ticket of the queue. Too late and it lapses as a
 * no-show, with the walk-in queue as the way on.
 */
export async function checkIn(deps: BookingDeps, b: BookingRow, actor: Actor): Promise<{ label: string; code: string }> {
  const now = deps.clock();
  if (b.status === 'checked_in') throw new AppError('conflict', 'booking.err.alreadyIn');
  if (b.status !== 'booked' || !b.day || !b.starts) throw new AppError('conflict', 'booking.err.notLive');
  const settings = await readBookingSettings(deps.database.db, b.office_id);
  const start = slotInstant(b.day, b.starts).getTime();
  if (b.day > taipeiToday(now)) throw new AppError('conflict', 'booking.err.notToday', { params: { date: b.day } });
  if (now.getTime() < start - settings.earlyMinutes * 60_000) {
    throw new AppError('conflict', 'booking.err.tooEarly', { params: { time: fromMinutes(Math.max(0, toMinutes(b.starts) - settings.earlyMinutes)) } });
  }
  if (now.getTime() > start + settings.lateMinutes * 60_000) {
    await writeTransaction(deps.database, (trx) => markNoShow(trx, b, settings, now, 'late'));
    throw new AppError('conflict', 'booking.err.late', { params: { minutes: settings.lateMinutes } });
  }
  const service = await repo.serviceById(deps.database.db, b.booking_service_id);
  const queueService = service?.queue_service_code ? (await officesService.servicesOfOffices(deps.database.db, [b.office_id])).find((x) => x.code === service.queue_service_code) : undefined;
  if (!queueService) throw new AppError('conflict', 'booking.err.noQueue');
  // claim the booking first, so two check-ins at once make one ticket
  const claimed = await writeTransaction(deps.database, (trx) => repo.moveBooking(trx, b.id, ['booked'], { status: 'checked_in', checked_in_at: now.toISOString(), updated_at: now.toISOString() }));
  if (!claimed) throw new AppError('conflict', 'booking.err.alreadyIn');
  try {
    const ticket = await issueTicket({ database: deps.database, events: deps.events, clock: deps.clock }, { officeId: b.office_id, serviceId: queueService.id, priority: true, channel: 'booking', bookingId: b.id });
    await repo.moveBooking(deps.database.db, b.id, ['checked_in'], { ticket_id: ticket.id });
    await audit(deps, actor, 'booking.checkin', b, { ticket: ticket.label });
    return { label: ticket.label, code: ticket.code };
  } catch (err) {
    await repo.moveBooking(deps.database.db, b.id, ['checked_in'], { status: 'booked', checked_in_at: null });
    throw err;
  }
}

export async function staffNoShow(deps: BookingDeps, b: BookingRow, actor: Actor): Promise<void> {
  const settings = await readBookingSettings(deps.database.db, b.office_id);
  if (b.day && b.starts && slotInstant(b.day, b.starts) > deps.clock()) throw new AppError('conflict', 'booking.err.notYet');
  const ok = await writeTransaction(deps.database, (trx) => markNoShow(trx, b, settings, deps.clock(), 'staff'));
  if (!ok) throw new AppError('conflict', 'booking.err.notLive');
  await audit(deps, actor, 'booking.noshow', b);
}

/**
 * Closes a day (typhoon, power cut): no new bookings, and every live
 * booking ends with a notice to the citizen, in one transaction.
 */
export async function closeDay(deps: BookingDeps, input: { officeId: number; serviceId: number | null; day: string; reason: string }, actor: Actor & { staff: StaffPrincipal }): Promise<number> {
  const now = deps.clock();
  const n = await writeTransaction(deps.database, async (trx) => {
    await repo.insertClosure(trx, { office_id: input.officeId, booking_service_id: input.serviceId, day: input.day, reason: input.reason, created_by: actor.staff.id, created_at: now.toISOString() });
    const live = (await repo.dayBookings(trx, input.officeId, input.day)).filter(
      (b) => ['booked', 'pending', 'applied'].includes(b.status) && (input.serviceId === null || b.booking_service_id === input.serviceId),
    );
    for (const b of live) await endBooking(deps, b, 'closed', input.reason, trx);
    await recordAudit(trx, { actor: actor.staff, action: 'booking.close_day', officeId: input.officeId, detail: { day: input.day, service: input.serviceId, notified: live.length }, ip: actor.ip }, now);
    return live.length;
  });
  return n;
}

export async function reopenDay(deps: BookingDeps, closureId: number, officeId: number, actor: Actor & { staff: StaffPrincipal }) {
  await repo.deleteClosure(deps.database.db, officeId, closureId);
  await recordAudit(deps.database.db, { actor: actor.staff, action: 'booking.reopen_day', officeId, detail: { closure: closureId }, ip: actor.ip }, deps.clock());
}

/** The ceremony hall: staff approve a request (it already holds its time) or turn it down. */
export async function decideHall(deps: BookingDeps, b: BookingRow, approve: boolean, reason: string | null, actor: Actor): Promise<void> {
  const now = deps.clock();
  if (!approve) {
    if (!(await endBooking(deps, b, 'rejected', reason))) throw new AppError('conflict', 'booking.err.notLive');
    await audit(deps, actor, 'booking.hall_reject', b);
    return;
  }
  const settings = await readBookingSettings(deps.database.db, b.office_id);
  await writeTransaction(deps.database, async (trx) => {
    if (!(await repo.moveBooking(trx, b.id, ['pending'], { status: 'booked', updated_at: now.toISOString() }))) throw new AppError('conflict', 'booking.err.notLive');
    const service = await repo.serviceById(trx, b.booking_service_id);
    if (service) await queueBookingMail(trx, { booking: { ...b, status: 'booked' }, service, kind: 'approved', baseUrl: deps.baseUrl, now });
    await scheduleJobs(trx, b, settings, now);
  });
  await audit(deps, actor, 'booking.hall_approve', b);
}

/** A home visit gets its officer (by village) and its day. */
export async function assignHomeVisit(deps: BookingDeps, b: BookingRow, input: { staffId: number; day: string; starts: string }, actor: Actor): Promise<void> {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const set = { status: 'booked', assigned_staff_id: input.staffId, day: input.day, starts: input.starts, ends: fromMinutes(toMinutes(input.starts) + 60), updated_at: now.toISOString() };
    if (!(await repo.moveBooking(trx, b.id, ['pending', 'booked'], set))) throw new AppError('conflict', 'booking.err.notLive');
    if (b.day && b.day !== input.day) await markFiguresDirty(trx, b.office_id, b.day, now);
    const service = await repo.serviceById(trx, b.booking_service_id);
    if (service) await queueBookingMail(trx, { booking: { ...b, ...set }, service, kind: 'assigned', baseUrl: deps.baseUrl, now });
  });
  await audit(deps, actor, 'booking.home_assign', b, { staff: input.staffId, day: input.day });
}

export async function markServed(deps: BookingDeps, b: BookingRow, actor: Actor): Promise<void> {
  const now = deps.clock().toISOString();
  if (!(await repo.moveBooking(deps.database.db, b.id, ['booked', 'checked_in'], { status: 'served', ended_at: now, updated_at: now }))) throw new AppError('conflict', 'booking.err.notLive');
  await audit(deps, actor, 'booking.served', b);
}

/** Lifts a suspension early; the reason is kept and the act is in the audit log. */
export async function liftSuspension(deps: BookingDeps, idNumber: string, reason: string, actor: Actor & { staff: StaffPrincipal }): Promise<boolean> {
  const now = deps.clock();
  const h = deps.vault.hash(idNumber);
  const lifted = await repo.liftSuspensions(deps.database.db, h, { lifted_at: now.toISOString(), lifted_by: actor.staff.id, lift_reason: reason });
  if (lifted) await recordAudit(deps.database.db, { actor: actor.staff, action: 'booking.lift_suspension', detail: { reason }, ip: actor.ip }, now);
  return lifted;
}
