import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { setupCatalog } from './i18n.js';
import { setupRoutes } from './routes.js';

export { nextDemoMorning, nextOpening, type Opening } from './opening.js';
export { queueClock } from './queue-clock.js';
export * as setupService from './service.js';
export { openingText, type QueueBack, type QueueClock, QueueClockNotice } from './views/QueueClockNotice.js';

registerCatalog(setupCatalog);

/**
 * The first start of a real install (/setup, a one-time token printed on
 * the console) and the demo's per-browser clock (/demo/clock) with the
 * queue pages' closed notice.
 */
export function setupModule(demo: () => boolean): HuzhengModule {
  return {
    name: 'setup',
    routes: (app, s) => setupRoutes(app, s, demo),
  };
}
