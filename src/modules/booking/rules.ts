import { addDays, type IsoDate, type OfficeCalendar, taipeiTime, toTaipeiIsoDate, weekday } from '../../platform/calendar/index.js';

/**
 * Which days and times can be booked, as pure functions of the service's
 * rules, the office calendar and the clock. Nothing here touches the
 * database, so the window rules are tested across holidays directly.
 */
export type BookingKind = 'counter' | 'marriage' | 'home_visit' | 'director' | 'hall';
export const BOOKING_KINDS: readonly BookingKind[] = ['counter', 'marriage', 'home_visit', 'director', 'hall'];

export interface WindowRules {
  kind: BookingKind;
  slotMinutes: number;
  capacity: number;
  /** earliest day: this many days after today (working days when minWorkingDays) */
  minDays: number;
  minWorkingDays: boolean;
  /** latest day: this many calendar days after today */
  maxDays: number;
  /** HH:MM on the working day before a day, after which that day can no longer be booked */
  cutoff: string | null;
  /** bookable only on special openings (holiday marriage registration) */
  openingsOnly: boolean;
}

export interface WeeklyHours {
  weekday: number;
  starts: string;
  ends: string;
}

export interface Opening {
  day: IsoDate;
  starts: string;
  ends: string;
  capacity: number | null;
  note: string;
  hot: boolean;
}

export interface DayPlan {
  day: IsoDate;
  periods: { starts: string; ends: string }[];
  capacity: number;
  note: string;
  hot: boolean;
}

export interface SlotTime {
  starts: string;
  ends: string;
}

export const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
export const fromMinutes = (n: number): string => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;

/** The first day the window allows, before the cut-off is looked at. */
export function earliestDay(rules: WindowRules, cal: OfficeCalendar, today: IsoDate): IsoDate {
  if (rules.minWorkingDays) return cal.addWorkingDays(today, rules.minDays);
  return addDays(today, rules.minDays);
}

/**
 * The cut-off belongs to the working day before the booked day: Monday's
 * bookings close at 15:00 on Friday, and after a long weekend on the last
 * working day before it, because that is when the office prepares.
 */
export function cutoffPassed(rules: WindowRules, cal: OfficeCalendar, day: IsoDate, now: Date): boolean {
  if (!rules.cutoff) return false;
  const today = toTaipeiIsoDate(now);
  const lastDay = cal.previousWorkingDay(day);
  if (today > lastDay) return true;
  return today === lastDay && taipeiTime(now) >= rules.cutoff;
}

/** Hours the office keeps for this service on a working day; a make-up Saturday keeps Monday's. */
function weeklyFor(day: IsoDate, hours: WeeklyHours[]): WeeklyHours[] {
  const own = hours.filter((h) => h.weekday === weekday(day));
  if (own.length > 0) return own;
  if (weekday(day) === 6 || weekday(day) === 0) return hours.filter((h) => h.weekday === 1);
  return [];
}

/** A dated change of the office's hours (office_hours_exception): closed, or open only opens–closes. */
export interface DayException {
  closed: boolean;
  opens: string | null;
  closes: string | null;
}

export interface DayInputs {
  hours: WeeklyHours[];
  openings: Opening[];
  closedDays: Set<IsoDate>;
  /** the office's dated exceptions; absent in callers that have none */
  exceptions?: Map<IsoDate, DayException>;
}

/**
 * A day's periods cut to the office's exception for that day: a closed day
 * has none; shortened hours (an afternoon off for a staff event) keep only
 * what lies inside them, so no slot is offered while the doors are shut.
 */
function withinException(periods: { starts: string; ends: string }[], ex: DayException | undefined): { starts: string; ends: string }[] {
  if (!ex) return periods;
  if (ex.closed || !ex.opens || !ex.closes) return [];
  const { opens, closes } = ex;
  return periods.map((p) => ({ starts: p.starts > opens ? p.starts : opens, ends: p.ends < closes ? p.ends : closes })).filter((p) => p.starts < p.ends);
}

/**
 * The days a citizen may choose now. A special opening wins over the
 * calendar (a Saturday opened for marriage registration); a closure wins
 * over everything.
 */
export function bookableDays(
  rules: WindowRules,
  cal: OfficeCalendar,
  now: Date,
  input: DayInputs,
): DayPlan[] {
  const today = toTaipeiIsoDate(now);
  const first = earliestDay(rules, cal, today);
  const last = addDays(today, rules.maxDays);
  const out: DayPlan[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (day <= today || cutoffPassed(rules, cal, day, now)) continue;
    const plan = planForDay(rules, cal, day, input);
    if (plan) out.push(plan);
  }
  return out;
}

/** What a day offers for this service, window aside: an opening, else the weekly hours on a working day. */
export function planForDay(
  rules: WindowRules,
  cal: OfficeCalendar,
  day: IsoDate,
  input: DayInputs,
): DayPlan | null {
  if (input.closedDays.has(day)) return null;
  const opening = input.openings.find((o) => o.day === day);
  if (opening) return { day, periods: [{ starts: opening.starts, ends: opening.ends }], capacity: opening.capacity ?? rules.capacity, note: opening.note, hot: opening.hot };
  if (rules.openingsOnly || !cal.isWorkingDay(day)) return null;
  // a special opening (above) is the office's own decision for that day and outranks its dated exception
  const periods = withinException(
    weeklyFor(day, input.hours).map((h) => ({ starts: h.starts, ends: h.ends })),
    input.exceptions?.get(day),
  );
  return periods.length > 0 ? { day, periods, capacity: rules.capacity, note: '', hot: false } : null;
}

/** The slot start times of a day: whole slots inside each period. */
export function slotsOf(plan: DayPlan, slotMinutes: number): SlotTime[] {
  const out: SlotTime[] = [];
  for (const p of plan.periods) {
    for (let t = toMinutes(p.starts); t + slotMinutes <= toMinutes(p.ends); t += slotMinutes) {
      out.push({ starts: fromMinutes(t), ends: fromMinutes(t + slotMinutes) });
    }
  }
  return out;
}

/** A slot that has already begun cannot be booked, even inside the window. */
export function slotStillAhead(day: IsoDate, starts: string, now: Date): boolean {
  const today = toTaipeiIsoDate(now);
  return day > today || (day === today && starts > taipeiTime(now));
}

/** The instant a slot starts, Taipei time (UTC+8, no daylight saving). */
export function slotInstant(day: IsoDate, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}
