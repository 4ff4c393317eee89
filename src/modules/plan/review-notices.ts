import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { AppServices, StaffNotice } from '../../platform/module.js';

/** Who hears about overdue action items: those who run the office's review. */
const TOLD = new Set(['director', 'supervisor']);

/**
 * 「N 項管考事項逾期」 on the staff home of an office's director and
 * supervisors: open action items whose due date is before today, one line
 * per plan of the office that has any, linking to that plan's overdue list.
 */
export async function planNotices(staff: StaffPrincipal, s: AppServices): Promise<StaffNotice[]> {
  if (staff.officeId === null || !TOLD.has(staff.role)) return [];
  const rows = await s.database.db
    .selectFrom('plan_action')
    .innerJoin('plan', 'plan.id', 'plan_action.plan_id')
    .select(['plan.id as planId', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('plan.office_id', '=', staff.officeId)
    .where('plan_action.state', '=', 'open')
    .where('plan_action.due_on', '<', taipeiToday(s.clock()))
    .groupBy('plan.id')
    .orderBy('plan.id', 'desc')
    .execute();
  return rows.map((r) => ({ key: 'plan.review.notice.overdue', params: { n: Number(r.n) }, href: `/staff/plan/${r.planId}/actions?filter=overdue` }));
}
