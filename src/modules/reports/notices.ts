import { can, type StaffPrincipal } from '../../platform/auth/roles.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import * as repo from './repo.js';
import { reportMonth } from './service.js';
import { currentTemplate } from './template.js';

const monthParams = (key: string) => ({ roc: Number(key.slice(0, 4)) - 1911, m: Number(key.slice(5, 7)), month: key });

/**
 * Last month's report, for whoever fills it in or submits it: due while it
 * is a draft (or not begun), and returned with the county's comment. The
 * county hears how many reports wait for its decision. Nothing before the
 * county has written a template.
 */
export async function reportNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  const db = s.database.db;
  const out: StaffNotice[] = [];
  if (can(staff.role, 'figures.county') && staff.countyId !== null) {
    const waiting = await repo.submittedIn(db, staff.countyId);
    const n = waiting.reduce((a, w) => a + w.n, 0);
    if (waiting[0]) out.push({ key: 'reports.notice.toReview', params: { n }, href: `/staff/reports/county?month=${waiting[0].month}` });
  }
  if (staff.officeId === null || !can(staff.role, 'report.fill')) return out;
  const office = await officesService.officeById(db, staff.officeId, 'zh-Hant');
  if (!(await currentTemplate(db, office.countyId))) return out;
  const month = reportMonth(s.clock());
  const row = await repo.reportOf(db, office.id, month.key);
  const href = `/staff/reports/${office.code}/${month.key}`;
  if (!row || row.state === 'draft') out.push({ key: 'reports.notice.due', params: monthParams(month.key), href });
  else if (row.state === 'returned') out.push({ key: 'reports.notice.returned', params: monthParams(month.key), href });
  return out;
}
