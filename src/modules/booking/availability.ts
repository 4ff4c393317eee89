import type { Executor } from '../../db/index.js';
import type { BookingServiceTable } from '../../db/schema.js';
import { type IsoDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { calendarService } from '../calendar/index.js';
import { officesService } from '../offices/index.js';
import * as repo from './repo.js';
import { type BookingKind, bookableDays, type DayPlan, planForDay, slotStillAhead, slotsOf, type WindowRules } from './rules.js';
import { serviceWeeklyHours } from './schedule.js';
import { type BookingSettings, isHotDay, readBookingSettings } from './settings.js';

type ServiceRow = Omit<BookingServiceTable, 'id'> & { id: number };

export function windowRules(s: ServiceRow): WindowRules {
  return {
    kind: s.kind as BookingKind,
    slotMinutes: s.slot_minutes,
    capacity: s.capacity,
    minDays: s.min_days,
    minWorkingDays: s.min_working_days === 1,
    maxDays: s.max_days,
    cutoff: s.cutoff,
    openingsOnly: s.openings_only === 1,
  };
}

export interface SlotView {
  starts: string;
  ends: string;
  capacity: number;
  left: number;
}

export interface DayView {
  day: IsoDate;
  note: string;
  hot: boolean;
  /** a lottery takes applications for this day instead of first come, first served */
  lottery: { applyUntil: string; drawn: boolean } | null;
  slots: SlotView[];
}

async function dayInputs(db: Executor, service: ServiceRow, from: IsoDate, locale: Locale) {
  const [cal, hours, openings, closed, exceptions] = await Promise.all([
    calendarService.officeCalendar(db, service.office_id),
    serviceWeeklyHours(db, service),
    repo.openingsOf(db, service.id, from),
    repo.closedDays(db, service.office_id, service.id, from),
    officesService.hoursExceptionsFrom(db, service.office_id, from),
  ]);
  return {
    cal,
    input: {
      hours,
      openings: openings.map((o) => ({ day: o.day, starts: o.starts, ends: o.ends, capacity: o.capacity, note: locale === 'en' ? o.note_en : o.note_zh, hot: o.hot === 1 })),
      closedDays: closed,
      exceptions,
    },
  };
}

/** The days and slots a citizen can choose, with the seats left in each (full ones stay listed as full). */
export async function availability(db: Executor, service: ServiceRow, now: Date, locale: Locale): Promise<{ days: DayView[]; settings: BookingSettings }> {
  const today = toTaipeiIsoDate(now);
  const [{ cal, input }, settings] = await Promise.all([dayInputs(db, service, today, locale), readBookingSettings(db, service.office_id)]);
  const plans = bookableDays(windowRules(service), cal, now, input);
  const rows = await repo.slotsOfDays(db, service.id, plans.map((p) => p.day));
  const lotteries = await repo.lotteriesOf(db, service.id, plans.map((p) => p.day));
  return {
    settings,
    days: plans.map((p) => {
      const lot = lotteries.find((l) => l.day === p.day);
      return {
        day: p.day,
        note: p.note,
        hot: isHotDay(settings, p.day, p.hot),
        lottery: lot ? { applyUntil: lot.apply_until, drawn: lot.drawn_at !== null } : null,
        slots: daySlots(p, service.slot_minutes, rows, now),
      };
    }),
  };
}

/** One day's slots whatever the window says (the day sheet, the draw). */
export async function slotsForDay(db: Executor, service: ServiceRow, day: IsoDate): Promise<SlotView[]> {
  const { cal, input } = await dayInputs(db, service, day, 'zh-Hant');
  const plan = planForDay(windowRules(service), cal, day, input);
  if (!plan) return [];
  return daySlots(plan, service.slot_minutes, await repo.slotsOfDays(db, service.id, [day]), new Date(0));
}

function daySlots(plan: DayPlan, slotMinutes: number, rows: { day: string; starts: string; capacity: number; booked: number }[], now: Date): SlotView[] {
  return slotsOf(plan, slotMinutes)
    .filter((s) => slotStillAhead(plan.day, s.starts, now))
    .map((s) => {
      const row = rows.find((r) => r.day === plan.day && r.starts === s.starts);
      const capacity = row?.capacity ?? plan.capacity;
      return { starts: s.starts, ends: s.ends, capacity, left: Math.max(0, capacity - (row?.booked ?? 0)) };
    });
}

/** The next `count` working days after `from` on the office calendar (home-visit and hall requests offer these). */
export async function nextWorkingDays(db: Executor, officeId: number, from: string, count = 10): Promise<string[]> {
  const cal = await calendarService.officeCalendar(db, officeId);
  const out: string[] = [];
  let d = from;
  for (let i = 0; i < count; i++) {
    d = cal.nextWorkingDay(d);
    out.push(d);
  }
  return out;
}
