import { type Database, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { ServiceRow } from './book.js';
import * as repo from './repo.js';
import { fromMinutes, toMinutes, type WeeklyHours, type WindowRules } from './rules.js';

export type ServiceRules = Pick<WindowRules, 'slotMinutes' | 'capacity' | 'minDays' | 'minWorkingDays' | 'maxDays' | 'cutoff'> & { active: boolean; hours: WeeklyHours[] };

/**
 * A service's rules and weekly hours, saved together. A lower capacity
 * only stops new bookings: slots already booked past it keep their seats.
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
      updated_at: now.toISOString(),
    });
    await repo.replaceHours(trx, svc.id, r.hours);
    await repo.setFutureCapacity(trx, svc.id, r.capacity, taipeiToday(now));
    await recordAudit(trx, { actor: staff, action: 'booking.service_edit', officeId: svc.office_id, detail: { service: svc.code, capacity: r.capacity }, ip }, now);
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
