import { addDays, daysBetween, type IsoDate, weekday } from '../platform/calendar/index.js';
import { type CheckIn, type DayContext, identity, instant, isOpenAt, minuteMs, type Row, SERVICE_WEIGHT, weightOf } from './activity-day.js';
import { type BookingServiceInfo, hhmm, type Minutes } from './activity-offices.js';
import { base64urlOf, bookingCodeOf, chance, intBetween, mobile, personName, pick, poisson, weighted } from './activity-random.js';

/** A day's bookings, and which of them checked in at the counter (each also a ticket of the day). */
export interface DayBookings {
  rows: Row[];
  checkIns: CheckIn[];
}

function slotsOf(s: BookingServiceInfo, day: IsoDate): Minutes[] {
  // a make-up working Saturday keeps Monday's hours (booking README)
  const periods = s.hours.get(weekday(day)) ?? (weekday(day) === 6 || weekday(day) === 0 ? s.hours.get(1) : undefined) ?? [];
  const out: Minutes[] = [];
  for (const [a, b] of periods) for (let m = a; m + s.slotMinutes <= b; m += s.slotMinutes) out.push(m);
  return out;
}

const LEAD_DAYS: [number, number][] = [
  [1, 0.3],
  [2, 0.22],
  [3, 0.15],
  [4, 0.11],
  [5, 0.09],
  [6, 0.07],
  [7, 0.06],
];
const REFERRALS: [string, number][] = [
  ['welfare', 0.35],
  ['village_chief', 0.25],
  ['hotline1999', 0.15],
  ['line0800', 0.1],
  ['other', 0.15],
];
const HOME_REASONS = ['disability', 'elderly', 'elderly', 'illness', 'other'];

/** The bookings for this day (made days before), and which of them checked in at the counter. */
export function bookingsOfDay(ctx: DayContext, rate: number): DayBookings {
  const { office, day, rng } = ctx;
  const rows: Row[] = [];
  const checkIns: CheckIn[] = [];
  const byKind = (kind: string) => office.bookingServices.filter((s) => s.kind === kind);
  const counters = byKind('counter').filter((s) => slotsOf(s, day).length > 0);
  const choices: [BookingServiceInfo, number][] = [
    ...counters.map((s): [BookingServiceInfo, number] => [s, 0.93 * (SERVICE_WEIGHT[s.code] ?? 0.1)]),
    ...byKind('home_visit').map((s): [BookingServiceInfo, number] => [s, 0.012]),
    ...byKind('director').filter((s) => slotsOf(s, day).length > 0).map((s): [BookingServiceInfo, number] => [s, 0.006]),
    ...byKind('hall').filter((s) => slotsOf(s, day).length > 0).map((s): [BookingServiceInfo, number] => [s, 0.008]),
  ];
  if (choices.length === 0) return { rows, checkIns };
  const n = poisson(rng, ctx.volume * rate);
  for (let i = 0; i < n; i++) {
    const s = weighted(rng, choices);
    const serial = ++ctx.serials.booking;
    const home = s.kind === 'home_visit';
    let starts: Minutes;
    if (home) starts = intBetween(rng, 9, 15) * 60;
    else {
      const slots = slotsOf(s, day).filter((m) => isOpenAt(ctx.hours, m) || s.kind !== 'counter');
      starts = slots.length ? weighted(rng, slots.map((m) => [m, weightOf(m)] as const)) : ctx.hours.opens;
    }
    const ends = starts + (home ? 60 : s.slotMinutes);
    const lead = home ? intBetween(rng, 1, 7) : s.kind === 'counter' ? Math.min(Math.max(1, s.maxDays), weighted(rng, LEAD_DAYS)) : intBetween(rng, s.kind === 'hall' ? 3 : 1, Math.max(3, s.maxDays));
    const createdDay = addDays(day, -lead);
    const byStaff = home ? chance(rng, 0.65) : chance(rng, 0.12);
    const createdMin = byStaff ? intBetween(rng, 9 * 60, 16 * 60 + 30) : intBetween(rng, 7 * 60, 23 * 60 + 50);
    const createdAt = instant(createdDay, minuteMs(createdMin, rng));
    const status = home
      ? weighted(rng, [['served', 0.93], ['cancelled', 0.07]] as const)
      : s.kind === 'counter'
        ? weighted(rng, [['checked_in', 0.79], ['no_show', 0.08], ['cancelled', 0.13]] as const)
        : weighted(rng, [['served', 0.86], ['no_show', s.kind === 'hall' ? 0 : 0.05], ['cancelled', 0.09]] as const);
    let checkedIn: string | null = null;
    let ended: string | null = null;
    let endReason: string | null = null;
    let updated = createdAt;
    if (status === 'checked_in' || (status === 'served' && s.kind === 'director')) {
      const at = Math.max(ctx.hours.opens, starts - intBetween(rng, 3, 40));
      checkedIn = instant(day, minuteMs(at, rng));
      updated = checkedIn;
      if (status === 'checked_in') checkIns.push({ serviceCode: s.queueServiceCode, at });
    }
    if (status === 'served') ended = updated = instant(day, minuteMs(ends, rng));
    if (status === 'no_show') {
      ended = updated = instant(day, (starts + 15) * 60_000);
      endReason = 'late';
    }
    if (status === 'cancelled') {
      const before = Math.max(0, daysBetween(createdDay, day) - 1);
      ended = updated = instant(addDays(createdDay, intBetween(rng, 0, before)), minuteMs(intBetween(rng, 8 * 60, 22 * 60), rng));
      if (ended < createdAt) ended = updated = createdAt;
    }
    const who = identity(ctx, serial, 20);
    const channel = home ? (byStaff ? 'referral' : 'online') : byStaff ? (chance(rng, 0.7) ? 'phone' : 'counter') : 'online';
    const details = home
      ? { address: `${office.code} 示範路 ${intBetween(rng, 1, 300)} 號`, village: `示範${intBetween(rng, 1, 12)}村`, reason: pick(rng, HOME_REASONS), preferredDays: [day], note: '' }
      : s.kind === 'director'
        ? { topic: '戶籍登記疑難案件諮詢' }
        : s.kind === 'hall'
          ? { purpose: '結婚儀式', guests: String(intBetween(rng, 10, 80)) }
          : {};
    const staffId = pick(rng, office.staffIds);
    rows.push({
      office_id: office.id,
      booking_service_id: s.id,
      code: bookingCodeOf(serial),
      token: base64urlOf(serial, 6, 15),
      status,
      day,
      starts: hhmm(starts),
      ends: hhmm(ends),
      name: personName(rng),
      ...who,
      phone: mobile(rng),
      email: chance(rng, 0.6) ? `b${serial}@example.com` : null,
      partner_name: null,
      partner_id_hash: null,
      partner_id_enc: null,
      details: JSON.stringify(details),
      locale: chance(rng, 0.03) ? 'en' : 'zh-Hant',
      channel,
      ticket_id: null,
      petition_id: null,
      assigned_staff_id: home ? staffId : null,
      due_on: home ? office.calendar.addWorkingDays(createdDay, 3) : null,
      created_at: createdAt,
      updated_at: updated,
      checked_in_at: checkedIn,
      ended_at: ended,
      end_reason: endReason,
      placed_by: byStaff ? staffId : null,
      referral: home && byStaff ? weighted(rng, REFERRALS) : null,
      referral_note: null,
    });
  }
  return { rows, checkIns };
}
