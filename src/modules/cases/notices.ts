import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';
import { calendarService } from '../calendar/index.js';
import * as repo from './repo.js';

/** Overdue cases and cases due within one working day, at the top of the supervisor's home. */
export async function caseNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (staff.officeId === null || !can(staff.role, 'cases.oversee')) return [];
  const today = taipeiToday(s.clock());
  const rows = (await repo.openCases(s.database.db, [staff.officeId])).filter((r) => r.status !== 'waiting_docs');
  const tomorrow = (await calendarService.officeCalendar(s.database.db, staff.officeId)).addWorkingDays(today, 1);
  const overdue = rows.filter((r) => r.due_on < today).length;
  const soon = rows.filter((r) => r.due_on >= today && r.due_on <= tomorrow).length;
  const out: StaffNotice[] = [];
  if (overdue > 0) out.push({ key: 'cases.notice.overdue', params: { n: overdue }, href: '/staff/cases' });
  if (soon > 0) out.push({ key: 'cases.notice.dueSoon', params: { n: soon }, href: '/staff/cases' });
  return out;
}
