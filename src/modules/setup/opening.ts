import type { Db } from '../../db/index.js';
import { addDays, type IsoDate, taipeiTime, toTaipeiIsoDate, weekday } from '../../platform/calendar/index.js';
import { calendarService } from '../calendar/index.js';
import { officesService } from '../offices/index.js';

/**
 * When an office next opens, from its weekly hours and its calendar (days
 * off, make-up Saturdays, its own closures): what a closed kiosk tells the
 * person standing in front of it. It belongs with the offices' "open now"
 * and may move there; it lives here because the closed-kiosk notice is this
 * change's.
 */
export interface Opening {
  date: IsoDate;
  /** 'HH:mm' in Taipei */
  time: string;
  at: Date;
}

/** A calendar year and a bit: a schedule with no open day in it has none at all. */
const SEARCH_DAYS = 400;

export function taipeiInstant(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/**
 * The first working day from `now`'s Taipei date on (today only while `now`
 * is before the chosen time) that has hours, at the time `pick` chooses from
 * those hours (null: that day does not qualify).
 */
async function firstOpenDay(
  db: Db,
  officeId: number,
  now: Date,
  pick: (opens: string, closes: string) => string | null,
): Promise<Opening | null> {
  const [hours, cal] = await Promise.all([officesService.weeklyHours(db, officeId), calendarService.officeCalendar(db, officeId)]);
  if (hours.length === 0) return null;
  const today = toTaipeiIsoDate(now);
  const nowTime = taipeiTime(now);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const date = addDays(today, i);
    if (!cal.isWorkingDay(date)) continue;
    const h = hours.find((row) => row.weekday === weekday(date));
    if (!h) continue;
    const time = pick(h.opens, h.closes);
    if (time === null || (i === 0 && time <= nowTime)) continue;
    return { date, time, at: taipeiInstant(date, time) };
  }
  return null;
}

/** The next time the office opens its doors after `now` (today's opening when it is still early). */
export function nextOpening(db: Db, officeId: number, now: Date): Promise<Opening | null> {
  return firstOpenDay(db, officeId, now, (opens) => opens);
}

/**
 * The demo's "a working morning at 10:00": the next working day at 10:00
 * (today, when it is earlier than that), or at opening time on a day that
 * opens later; never a day that closes by 10:00.
 */
export function nextDemoMorning(db: Db, officeId: number, now: Date): Promise<Opening | null> {
  return firstOpenDay(db, officeId, now, (opens, closes) => {
    const at = opens > '10:00' ? opens : '10:00';
    return at < closes ? at : null;
  });
}
