import { can } from '../../../platform/auth/roles.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import type { NotifyPart } from '../part.js';
import { remindersCatalog } from './i18n.js';
import * as repo from './repo.js';
import { reminderRoutes } from './routes.js';
import { BASE } from './views/shared.js';

/**
 * The register of people the office must remind to register (主動提醒):
 * court judgments, hospital birth and death reports, two years abroad. The
 * list, the entry with its contacts (letter, text, e-mail, call, visit) and
 * outcome, the add form and the CSV import; a notice on the staff home when
 * entries are overdue.
 */
export const remindersPart: NotifyPart = {
  routes: reminderRoutes,
  staffTiles: [{ href: BASE, titleKey: 'notify.reminders.title', descKey: 'notify.reminders.tileDesc', capability: 'notify.work', menu: 'notify' }],
  async staffNotices(staff, s) {
    if (staff.officeId === null || !can(staff.role, 'notify.work')) return [];
    const n = await repo.overdueCount(s.database.db, staff.officeId, taipeiToday(s.clock()));
    return n > 0 ? [{ key: 'notify.reminders.notice.overdue', params: { n }, href: `${BASE}?overdue=1` }] : [];
  },
  catalog: remindersCatalog,
};
