import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';
import { calendarService } from '../calendar/index.js';
import * as repo from './repo.js';

/**
 * The escalation ladder on the staff home: the handler sees their own due
 * tomorrow or late; at the breach the section chief (supervisor) sees it;
 * later the director does. Open follow-ups go to supervisors.
 */
export async function petitionNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (!can(staff.role, 'petitions.work')) return [];
  const db = s.database.db;
  const rows = await repo.unanswered(db, staff.officeId);
  const today = taipeiToday(s.clock());
  const tomorrow = (await calendarService.officeCalendar(db, staff.officeId)).addWorkingDays(today, 1);
  const out: StaffNotice[] = [];
  const mine = rows.filter((r) => r.assignee_id === staff.id && r.due_on !== null && r.due_on <= tomorrow).length;
  if (mine > 0) out.push({ key: 'petitions.notice.mine', params: { n: mine }, href: '/staff/petitions?filter=mine' });
  const level = staff.role === 'supervisor' ? 1 : staff.role === 'clerk' ? 99 : 2;
  const escalated = rows.filter((r) => r.escalation >= level).length;
  if (escalated > 0) out.push({ key: 'petitions.notice.escalated', params: { n: escalated }, href: '/staff/petitions?filter=overdue' });
  if (can(staff.role, 'petitions.approve')) {
    const n = await repo.openFollowupCount(db, staff.officeId);
    if (n > 0) out.push({ key: 'petitions.notice.followups', params: { n }, href: '/staff/petitions/followups' });
  }
  return out;
}
