import { type Executor, writeTransaction } from '../../db/index.js';
import { isUniqueViolation } from '../../db/index.js';
import type { BookingServiceTable, BookingTable } from '../../db/schema.js';
import { recordAudit } from '../../platform/audit/index.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { calendarService } from '../calendar/index.js';
import { availability, type DayView } from './availability.js';
import { newBookingCode, newBookingToken } from './codes.js';
import { type BookingDeps, LAPSE_JOB, REMINDER_JOB } from './deps.js';
import { queueBookingMail } from './messages.js';
import * as repo from './repo.js';
import { slotInstant } from './rules.js';
import { type BookingSettings, readBookingSettings } from './settings.js';

export type ServiceRow = Omit<BookingServiceTable, 'id'> & { id: number };

export interface Applicant {
  name: string;
  idNumber: string;
  birthDate: string;
  phone: string;
  email?: string | undefined;
}

export interface PlaceInput {
  serviceId: number;
  day?: string | undefined;
  starts?: string | undefined;
  /** the ceremony hall: how many consecutive slots */
  slotCount?: number | undefined;
  applicant: Applicant;
  partner?: { name: string; idNumber: string } | undefined;
  details: Record<string, string | string[]>;
  locale: Locale;
  channel: 'online' | 'counter' | 'phone' | 'referral';
  /** a booking staff place for a caller: who placed it and, for a home visit, who referred the person */
  intake?: { staff: { id: number; username: string }; ip: string | null; referral?: string | null | undefined; referralNote?: string | null | undefined } | undefined;
  /** the days the citizen was just shown (saves computing them twice); the seat is still taken in the transaction */
  days?: DayView[] | undefined;
  /** the service row and the office's booking settings the caller has just read (saves reading them twice) */
  service?: ServiceRow | undefined;
  settings?: BookingSettings | undefined;
}

export interface Placed {
  id: number;
  code: string;
  token: string;
  status: 'booked' | 'pending' | 'applied';
}

const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('validation', key, { fields: [{ field, key, ...(params ? { params } : {}) }], ...(params ? { params } : {}) });

/** The chosen slot(s), if the window still offers them; the day's view for the lottery check. */
async function chosenSlots(deps: BookingDeps, service: ServiceRow, input: PlaceInput, now: Date) {
  const days = input.days ?? (await availability(deps.database.db, service, now, input.locale)).days;
  const day = days.find((d) => d.day === input.day);
  const count = service.kind === 'hall' ? Math.max(1, Math.min(8, input.slotCount ?? 1)) : 1;
  const first = day ? day.slots.findIndex((s) => s.starts === input.starts) : -1;
  const slots = day && first >= 0 ? day.slots.slice(first, first + count) : [];
  // hall slots must be back to back: a lunch break in the middle is not one booking
  const contiguous = slots.every((s, i) => i === 0 || s.starts === slots[i - 1]?.ends);
  if (!day || slots.length !== count || !contiguous) throw fieldError('slot', 'booking.err.slotGone');
  return { day, slots };
}

/**
 * The chosen slots were full when just read: refused without opening a
 * write transaction (on SQLite that would queue behind every booking for
 * the write lock). Only a refusal is decided on this read; a seat is
 * still only ever given by the conditional UPDATE in the transaction.
 */
export function seatsGone(day: DayView, slots: readonly { left: number }[]): boolean {
  return !day.lottery && slots.some((s) => s.left < 1);
}

/** Takes one seat of each slot; the first booking of a slot makes its row. Null: full. */
async function takeSeats(trx: Executor, serviceId: number, day: string, slots: readonly { starts: string; ends: string; capacity: number }[]): Promise<number[] | null> {
  const ids: number[] = [];
  for (const s of slots) {
    const key = { serviceId, day, starts: s.starts };
    let id = await repo.takeSeatAt(trx, key);
    if (id === null) {
      // no row yet, or full: make sure the row exists and try once more (a row another booking just made counts as existing)
      await repo.ensureSlotRow(trx, { ...key, ends: s.ends, capacity: s.capacity });
      id = await repo.takeSeatAt(trx, key);
    }
    if (id === null) return null;
    ids.push(id);
  }
  return ids;
}

async function refuseIfSuspended(deps: BookingDeps, hashes: string[], today: string) {
  const s = await repo.activeSuspension(deps.database.db, hashes, today);
  if (s) throw new AppError('forbidden', 'booking.err.suspended', { params: { until: s.ends_on } });
}

/**
 * Makes a booking. Everything is one write transaction: the one-per-day
 * rule, the seat (conditional update), the booking, its people, the
 * confirmation e-mail and the reminder and lapse jobs. If any part fails,
 * nothing is stored.
 */
export async function placeBooking(deps: BookingDeps, input: PlaceInput): Promise<Placed> {
  const db = deps.database.db;
  const now = deps.clock();
  const today = taipeiToday(now);
  const service = input.service?.id === input.serviceId ? input.service : await repo.serviceById(db, input.serviceId);
  if (service?.active !== 1) throw new AppError('not_found', 'booking.err.noService');
  const settings = input.settings ?? (await readBookingSettings(db, service.office_id));
  const idHash = deps.vault.hash(input.applicant.idNumber);
  const partnerHash = input.partner ? deps.vault.hash(input.partner.idNumber) : null;
  if (service.parties === 2 && !input.partner) throw fieldError('partnerName', 'err.required');
  if (partnerHash && partnerHash === idHash) throw fieldError('partnerIdNumber', 'booking.err.samePerson');
  const hashes = partnerHash ? [idHash, partnerHash] : [idHash];
  await refuseIfSuspended(deps, hashes, today);

  const homeVisit = service.kind === 'home_visit';
  const chosen = homeVisit ? null : await chosenSlots(deps, service, input, now);
  const lottery = chosen ? lotteryState(chosen.day, now) : 'none';
  const status: Placed['status'] = lottery === 'open' ? 'applied' : homeVisit || service.needs_approval === 1 ? 'pending' : 'booked';
  if (chosen && status !== 'applied' && seatsGone(chosen.day, chosen.slots)) throw new AppError('conflict', 'booking.err.full');
  const dueOn = homeVisit ? (await calendarService.officeCalendar(db, service.office_id)).addWorkingDays(today, 3) : null;

  const day = chosen?.day.day ?? null;
  const slots = chosen && status !== 'applied' ? chosen.slots : [];
  // everything that needs no lock is done before the transaction opens: the ID numbers' encryption, the codes
  const row = bookingRow(deps, input, { service, status, day, slots: chosen?.slots ?? [], idHash, partnerHash, dueOn, now });
  try {
    return await writeTransaction(deps.database, async (trx) => {
      if (day && settings.onePerDay && (await repo.livePersonDay(trx, hashes, day))) throw new AppError('conflict', 'booking.err.onePerDay');
      const id = await repo.insertBooking(trx, row);
      if (day && settings.onePerDay) await repo.holdPersonDay(trx, id, hashes, day);
      const booking = { ...row, id };
      await queueBookingMail(trx, { booking, service, kind: status === 'applied' ? 'applied' : 'confirmed', baseUrl: deps.baseUrl, now });
      if (status === 'booked') await scheduleJobs(trx, booking, settings, now);
      // staff booking for a caller: who did it, in the same transaction (never the ID number)
      if (input.intake) {
        await recordAudit(
          trx,
          { actor: input.intake.staff, action: 'booking.intake.create', target: { type: 'booking', id }, officeId: service.office_id, detail: { service: service.code, channel: input.channel, referral: row.referral, status, day, starts: row.starts }, ip: input.intake.ip },
          now,
        );
      }
      // the seat last: on PostgreSQL the slot's row lock, which every booking of that slot waits for, is then held only until the commit
      const slotIds = day && slots.length ? await takeSeats(trx, service.id, day, slots) : [];
      if (!slotIds) throw new AppError('conflict', 'booking.err.full');
      await repo.holdSeats(trx, id, slotIds);
      return { id, code: row.code, token: row.token, status };
    });
  } catch (err) {
    // the partial unique index caught a second booking the same day that raced past the check
    if (isUniqueViolation(err)) throw new AppError('conflict', 'booking.err.onePerDay', { cause: err });
    throw err;
  }
}

/** The booking row as stored: ID numbers only as hash and ciphertext. */
function bookingRow(
  deps: BookingDeps,
  input: PlaceInput,
  b: { service: ServiceRow; status: Placed['status']; day: string | null; slots: readonly { starts: string; ends: string }[]; idHash: string; partnerHash: string | null; dueOn: string | null; now: Date },
): Omit<BookingTable, 'id'> {
  const iso = b.now.toISOString();
  return {
    office_id: b.service.office_id,
    booking_service_id: b.service.id,
    code: newBookingCode(),
    token: newBookingToken(),
    status: b.status,
    day: b.day,
    starts: b.slots[0]?.starts ?? null,
    ends: b.slots.at(-1)?.ends ?? null,
    name: input.applicant.name,
    id_hash: b.idHash,
    id_enc: deps.vault.encrypt(input.applicant.idNumber),
    birth_hash: deps.vault.hash(`birth:${input.applicant.birthDate}`),
    phone: input.applicant.phone,
    email: input.applicant.email ?? null,
    partner_name: input.partner?.name ?? null,
    partner_id_hash: b.partnerHash,
    partner_id_enc: input.partner ? deps.vault.encrypt(input.partner.idNumber) : null,
    details: JSON.stringify(input.details),
    locale: input.locale,
    channel: input.channel,
    ticket_id: null,
    petition_id: null,
    assigned_staff_id: null,
    due_on: b.dueOn,
    created_at: iso,
    updated_at: iso,
    checked_in_at: null,
    ended_at: null,
    end_reason: null,
    placed_by: input.intake?.staff.id ?? null,
    referral: input.intake?.referral ?? null,
    referral_note: input.intake?.referralNote ?? null,
  };
}

function lotteryState(day: DayView, now: Date): 'none' | 'open' {
  if (!day.lottery) return 'none';
  if (day.lottery.drawn || now.toISOString() >= day.lottery.applyUntil) throw fieldError('slot', 'booking.err.lotteryClosed');
  return 'open';
}

/**
 * The reminder the day before and the lapse check after the grace period,
 * as jobs due at those instants: no scheduler to forget, and a restart
 * loses nothing. Each job looks at the booking again when it runs.
 */
export async function scheduleJobs(
  trx: Parameters<typeof enqueueJob>[0],
  b: { id: number; day: string | null; starts: string | null },
  settings: BookingSettings,
  now: Date,
): Promise<void> {
  if (!b.day || !b.starts) return;
  const start = slotInstant(b.day, b.starts);
  const remindAt = new Date(slotInstant(b.day, '00:00').getTime() - (24 - settings.reminderHour) * 3_600_000);
  const key = `${b.id}:${b.day}:${b.starts}`;
  if (remindAt > now) await enqueueJob(trx, { kind: REMINDER_JOB, payload: { bookingId: b.id, day: b.day, starts: b.starts }, runAt: remindAt, dedupeKey: `reminder:${key}` }, now);
  const lapseAt = new Date(start.getTime() + settings.lateMinutes * 60_000 + 1000);
  await enqueueJob(trx, { kind: LAPSE_JOB, payload: { bookingId: b.id, day: b.day, starts: b.starts }, runAt: lapseAt, dedupeKey: `lapse:${key}` }, now);
}
