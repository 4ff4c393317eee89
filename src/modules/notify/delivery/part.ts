import { can } from '../../../platform/auth/roles.js';
import type { AppServices } from '../../../platform/module.js';
import { DELIVER_JOB, PURGE_JOB } from '../body.js';
import type { NotifyPart } from '../part.js';
import { deliverHandler } from './deliver.js';
import { deliveryDeps } from './deps.js';
import { deliveryCatalog } from './i18n.js';
import { failedNoticeCount } from './oversee.js';
import { purgeHandler } from './purge.js';
import { ackRoutes } from './routes-ack.js';
import { batchRoutes } from './routes-batches.js';
import { staffRoutes } from './routes-staff.js';

export { scheduleNotifyPurge } from './purge.js';

/**
 * Delivering notices to the recipient agencies (webhook, e-mail, printed
 * list), their acknowledgement, the supervisor's pages over them, and the
 * daily purge of what they carried.
 */
export const deliveryPart: NotifyPart = {
  routes(app, services: AppServices) {
    const deps = deliveryDeps(services);
    ackRoutes(app, deps);
    staffRoutes(app, deps);
    batchRoutes(app, deps);
  },
  staffTiles: [
    { href: '/staff/notify', titleKey: 'notify.delivery.tile', descKey: 'notify.delivery.tileDesc', capability: 'notify.oversee', menu: 'notify' },
    { href: '/staff/notify/batches', titleKey: 'notify.delivery.batch.tile', descKey: 'notify.delivery.batch.tileDesc', capability: 'notify.oversee', menu: 'notify' },
  ],
  jobs(services) {
    const deps = deliveryDeps(services);
    return { [DELIVER_JOB]: deliverHandler(deps), [PURGE_JOB]: purgeHandler(services.database) };
  },
  async staffNotices(staff, services) {
    if (staff.officeId === null || !can(staff.role, 'notify.oversee')) return [];
    const n = await failedNoticeCount(services, staff.officeId);
    return n > 0 ? [{ key: 'notify.delivery.notice.failed', params: { n }, href: '/staff/notify' }] : [];
  },
  catalog: deliveryCatalog,
};
