import { can } from '../../../platform/auth/roles.js';
import type { StaffNotice } from '../../../platform/module.js';
import type { NotifyPart } from '../part.js';
import { followupsCatalog } from './i18n.js';
import { openBundleCounts } from './repo.js';
import { birthRoutes } from './routes-births.js';
import { checklistRoutes } from './routes-checklists.js';
import { publicRoutes } from './routes-public.js';

/**
 * Life-event follow-ups: the after-event checklists (the county's, an
 * office's own), the list a citizen gets (/f/<code>, page and PDF), and the
 * applications taken with a birth registration and handed to other units.
 */
export const followupsPart: NotifyPart = {
  routes: (app, s) => {
    checklistRoutes(app, s);
    publicRoutes(app, s);
    birthRoutes(app, s);
  },
  staffTiles: [
    { href: '/staff/notify/births', titleKey: 'notify.births.tile', descKey: 'notify.births.tileDesc', capability: 'notify.work', menu: 'notify' },
    { href: '/staff/notify/followups', titleKey: 'notify.followups.tile', descKey: 'notify.followups.tileDesc', capability: 'notify.oversee', menu: 'notify' },
  ],
  // applications waiting to be handed over, or sent back, at the top of the office's staff home
  async staffNotices(staff, s) {
    if (staff.officeId === null || !can(staff.role, 'notify.work')) return [];
    const n = await openBundleCounts(s.database.db, staff.officeId);
    const out: StaffNotice[] = [];
    if (n.received > 0) out.push({ key: 'notify.births.notice.received', params: { n: n.received }, href: '/staff/notify/births?status=received' });
    if (n.returned > 0) out.push({ key: 'notify.births.notice.returned', params: { n: n.returned }, href: '/staff/notify/births?status=returned' });
    return out;
  },
  catalog: followupsCatalog,
};
