import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { Translate } from '../../platform/i18n/index.js';
import { officesService } from '../offices/index.js';
import type { ServiceRow } from './book.js';
import * as repo from './repo.js';
import { type BookingKind, fromMinutes, toMinutes, type WeeklyHours, type WindowRules } from './rules.js';

export type ServiceRules = Pick<WindowRules, 'slotMinutes' | 'capacity' | 'minDays' | 'minWorkingDays' | 'maxDays' | 'cutoff'> & { active: boolean; officeHours: boolean; hours: WeeklyHours[] };

/**
 * A service with weekly slots whose hours are left blank follows the
 * office's opening hours. Openings-only services and home visits have no
 * weekly slots, so blank means none for them.
 */
export const followsOfficeHours = (kind: BookingKind, openingsOnly: boolean, hours: WeeklyHours[]): boolean => kind !== 'home_visit' && !openingsOnly && hours.length === 0;

type OfficeDay = Pick<officesService.HoursRow, 'weekday' | 'opens' | 'closes' | 'evening_closes' | 'lunch_open' | 'lunch_from' | 'lunch_to'>;

/** The office's opening hours as booking periods: a lunch break splits the day, an evening service ends it later. */
export function officeWeeklyHours(days: OfficeDay[]): WeeklyHours[] {
  return days.flatMap((d): WeeklyHours[] => {
    const ends = officesService.closesAt(d);
    if (d.lunch_open === 0 && d.lunch_from && d.lunch_to) {
      return [
        { weekday: d.weekday, starts: d.opens, ends: d.lunch_from },
        { weekday: d.weekday, starts: d.lunch_to, ends },
      ];
    }
    return [{ weekday: d.weekday, starts: d.opens, ends }];
  });
}

/** The weekly hours bookings follow: the office's when the service uses them, else its own. */
export async function serviceWeeklyHours(db: Executor, service: Pick<ServiceRow, 'id' | 'office_id' | 'uses_office_hours'>): Promise<WeeklyHours[]> {
  if (service.uses_office_hours === 1) return officeWeeklyHours(await officesService.weeklyHours(db, service.office_id));
  return (await repo.hoursOf(db, service.id)).map((h) => ({ weekday: h.weekday, starts: h.starts, ends: h.ends }));
}

/** Whether the office has any opening hours a service could follow (a new office may have none yet). */
export async function officeHasHours(db: Executor, officeId: number): Promise<boolean> {
  return (await officesService.weeklyHours(db, officeId)).length > 0;
}

/** The office's opening hours as one line for staff pages, or null while it has none. */
export async function officeHoursLine(db: Executor, officeId: number, t: Translate): Promise<string | null> {
  const office = await officesService.weeklyHours(db, officeId);
  return office.length > 0 ? officesService.hoursSummary(office, t) : null;
}

/**
 * A service's rules and weekly hours, saved together. A lower capacity
 * only stops new bookings: slots already booked past it keep their seats.
 * Following the office's hours keeps no rows of its own, so nothing stale
 * is left to come back.
 */
export async function saveServiceRules(database: Database, svc: ServiceRow, r: ServiceRules, staff: StaffPrincipal, ip: string | null, now: Date) {
  await writeTransaction(database, async (trx) => {
    await repo.updateServiceRules(trx, svc.id, {
      slot_minutes: r.slotMinutes,
      capacity: r.capacity,
      min_days: r.minDays,
      min_working_days: r.minWorkingDays ? 1 : 0,
      max_days: r.maxDays,
      cutoff: r.cutoff,
      active: r.active ? 1 : 0,
      uses_office_hours: r.officeHours ? 1 : 0,
      updated_at: now.toISOString(),
    });
    await repo.replaceHours(trx, svc.id, r.officeHours ? [] : r.hours);
    await repo.setFutureCapacity(trx, svc.id, r.capacity, taipeiToday(now));
    await recordAudit(trx, { actor: staff, action: 'booking.service_edit', officeId: svc.office_id, detail: { service: svc.code, capacity: r.capacity, officeHours: r.officeHours }, ip }, now);
  });
}

/** Back to the office's opening hours: the service's own weekly hours are dropped. */
export async function useOfficeHours(database: Database, svc: ServiceRow, staff: StaffPrincipal, ip: string | null, now: Date) {
  await writeTransaction(database, async (trx) => {
    await repo.updateService(trx, svc.id, { uses_office_hours: 1, updated_at: now.toISOString() });
    await repo.replaceHours(trx, svc.id, []);
    await recordAudit(trx, { actor: staff, action: 'booking.service_edit', officeId: svc.office_id, detail: { service: svc.code, officeHours: true }, ip }, now);
  });
}

/** "08:30-12:00, 13:30-16:30" → periods; blank means no bookings that weekday. */
export function parsePeriods(text: string): { starts: string; ends: string }[] | null {
  const parts = text.split(/[,，、;]/).map((p) => p.trim()).filter(Boolean);
  const out: { starts: string; ends: string }[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–~～]\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    const starts = fromMinutes(Number(m[1]) * 60 + Number(m[2]));
    const ends = fromMinutes(Number(m[3]) * 60 + Number(m[4]));
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || toMinutes(ends) <= toMinutes(starts) || toMinutes(ends) > 24 * 60) return null;
    out.push({ starts, ends });
  }
  return out;
}
