import { type Database, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { ServiceRow } from './book.js';
import * as repo from './repo.js';
import type { WeeklyHours, WindowRules } from './rules.js';

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
