import type { Executor } from '../../db/index.js';
import { type CalendarDay, OfficeCalendar } from './office-calendar.js';
import { addDays, eachDay, toTaipeiIsoDate, weekday } from './roc.js';

/*
 * The office calendar as stored: the government's national calendar
 * (imported once a year for everyone) plus each office's own closures.
 * Every working-day deadline in the system is counted on it, and the
 * offices module shows it on each office's home, so it lives here rather
 * than in the calendar module (which edits it and needs the offices list:
 * keeping the read here keeps the two modules from importing each other).
 */

export async function allCalendarDays(db: Executor): Promise<CalendarDay[]> {
  const rows = await db.selectFrom('calendar_day').select(['date', 'off', 'note']).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, off: r.off === 1, note: r.note }));
}

export async function closuresOf(db: Executor, officeId: number) {
  return db.selectFrom('office_closure').selectAll().where('office_id', '=', officeId).orderBy('date').execute();
}

/**
 * The calendar is read on every booking and deadline but changes a few
 * times a year: keep it per database handle for a short while. Changes made
 * through the calendar module drop it at once; another process sees them
 * within the TTL. Transactions are their own handles, so they always read fresh.
 */
const CALENDAR_TTL_MS = 30_000;
const calendarCache = new WeakMap<object, Map<number | null, { calendar: OfficeCalendar; until: number }>>();

export function forgetCalendars(db: Executor): void {
  calendarCache.delete(db);
}

export async function officeCalendar(db: Executor, officeId: number | null): Promise<OfficeCalendar> {
  const cached = calendarCache.get(db)?.get(officeId);
  if (cached && cached.until > Date.now()) return cached.calendar;
  const [days, closures] = await Promise.all([allCalendarDays(db), officeId === null ? [] : closuresOf(db, officeId)]);
  const calendar = new OfficeCalendar({ days, closures: closures.map((c) => ({ date: c.date, reason: c.reason })) });
  const perDb = calendarCache.get(db) ?? new Map();
  calendarCache.set(db, perDb);
  perDb.set(officeId, { calendar, until: Date.now() + CALENDAR_TTL_MS });
  return calendar;
}

/** Weekdays in the next `days` days when the office is closed (holidays, typhoon days): for the office home page. */
export async function upcomingWeekdaysOff(db: Executor, officeId: number, now: Date, days: number) {
  const cal = await officeCalendar(db, officeId);
  const today = toTaipeiIsoDate(now);
  return eachDay(addDays(today, 1), addDays(today, days))
    .filter((d) => {
      const wd = weekday(d);
      return wd !== 0 && wd !== 6 && !cal.isWorkingDay(d);
    })
    .map((date) => {
      const d = cal.describe(date);
      return { date, note: d.closure ?? d.note };
    });
}
