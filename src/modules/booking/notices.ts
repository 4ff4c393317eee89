import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';
import { pendingRequests } from './repo.js';

/** On the staff home: home visits past their 3-working-day promise, and hall requests waiting for a decision. */
export async function bookingNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (!can(staff.role, 'booking.work')) return [];
  const db = s.database.db;
  const rows = await pendingRequests(db, staff.officeId);
  const today = taipeiToday(s.clock());
  const out: StaffNotice[] = [];
  const late = rows.filter((r) => r.kind === 'home_visit' && r.due_on !== null && r.due_on < today).length;
  const halls = rows.filter((r) => r.kind === 'hall').length;
  if (late > 0) out.push({ key: 'booking.notice.homeLate', params: { n: late }, href: '/staff/booking/requests' });
  if (halls > 0) out.push({ key: 'booking.notice.hall', params: { n: halls }, href: '/staff/booking/requests' });
  return out;
}
