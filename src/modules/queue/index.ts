export { registerCounterTicketNotes } from './routes-console.js';
export { cancelTicket } from './issue.js';
export { queueFigureSource } from './rollup.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { SseHub } from '../../platform/http/sse.js';
import type { HuzhengModule } from '../../platform/module.js';
import { queueCatalog } from './i18n.js';
import { queueAdminCatalog } from './admin-i18n.js';
import { adminQueueRoutes } from './routes-admin.js';
import { consoleRoutes } from './routes-console.js';
import { publicQueueRoutes } from './routes-public.js';
import { supervisorRoutes } from './routes-supervisor.js';
import { peakNotices } from './notices.js';

export { issueTicket } from './issue.js';
export { ticketCode, ticketLabelsOfBookings, ticketOfDay, ticketsFromBookings, ticketVisit } from './repo-visits.js';

export {
  applyCounterRows,
  applyQueueServiceRows,
  COUNTER_COLUMNS,
  counterRowSchema,
  exportCounterRows,
  exportQueueServiceRows,
  QUEUE_SERVICE_COLUMNS,
  queueServiceRowSchema,
} from './admin-service.js';

registerCatalog(queueCatalog);
registerCatalog(queueAdminCatalog);

/**
 * The queue and number calling (叫號): kiosk, phone ticket, wait page,
 * counter console, display board, supervisor view with peak dispersal,
 * daily statistics.
 */
export function queueModule(hub: () => SseHub): HuzhengModule {
  return {
    name: 'queue',
    routes(app, s) {
      publicQueueRoutes(app, s, hub());
      consoleRoutes(app, s);
      supervisorRoutes(app, s);
      adminQueueRoutes(app, s);
    },
    pages: (code) =>
      code
        ? [
            { href: `/o/${code}/queue`, titleKey: 'queue.wait.title', descKey: 'queue.navDesc', navOrder: 10 },
            { href: `/o/${code}/kiosk`, titleKey: 'queue.kiosk.title' },
            { href: `/o/${code}/board`, titleKey: 'queue.board.title' },
          ]
        : [],
    staffNotices: peakNotices,
    staffTiles: [
      { href: '/staff/queue', titleKey: 'queue.console.tile', descKey: 'queue.console.tileDesc', capability: 'queue.serve', menu: 'desk' },
      { href: '/staff/queue/office', titleKey: 'queue.office.tile', descKey: 'queue.office.tileDesc', capability: 'queue.supervise', menu: 'desk' },
      { href: '/staff/queue/stats', titleKey: 'queue.stats.tile', descKey: 'queue.stats.tileDesc', capability: 'queue.stats', menu: 'desk' },
      { href: '/staff/queue/settings', titleKey: 'queue.settings.tile', descKey: 'queue.settings.tileDesc', capability: 'queue.settings', menu: 'desk' },
      { href: '/staff/queue/counters', titleKey: 'queue.admin.counters.tile', descKey: 'queue.admin.counters.tileDesc', capability: 'setup.office', menu: 'settings' },
      { href: '/staff/queue/services', titleKey: 'queue.admin.services.tile', descKey: 'queue.admin.services.tileDesc', capability: 'setup.office', menu: 'settings' },
    ],
  };
}
