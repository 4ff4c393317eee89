export { bookingFigureSource } from './rollup.js';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import { createAntiBot } from './anti-bot.js';
import { bookingCatalog } from './i18n.js';
import { bookingSetupCatalog } from './i18n-setup.js';
import { bookingJobs } from './jobs.js';
import { bookingNotices } from './notices.js';
import { adminBookingRoutes } from './routes-admin.js';
import { myBookingRoutes } from './routes-mine.js';
import { intakeBookingRoutes } from './routes-intake.js';
import { publicBookingRoutes } from './routes-public.js';
import { setupBookingRoutes } from './routes-setup.js';
import { staffBookingRoutes } from './routes-staff.js';
import { bookingWeb } from './web.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import { bookingIndicators, bookingIndicatorsCatalog } from './indicators.js';

export { placeBooking } from './book.js';
export { checkIn } from './staff-ops.js';
export { bookingByCode, bookingVisit, linkPetition } from './repo.js';
/** for the configuration file (one sheet of booking services per office) */
export { applyBookingServiceRows, BOOKING_SERVICE_COLUMNS, bookingServiceRowSchema, exportBookingServiceRows } from './sheet.js';

registerCatalog(bookingCatalog);
registerIndicators(bookingIndicators);
registerCatalog(bookingIndicatorsCatalog);
registerCatalog(bookingSetupCatalog);

function routes(app: FastifyInstance, s: AppServices) {
  const web = bookingWeb(s);
  // the app's clock, so a stamp's reading time is measured on the same clock as everything else (and tests can pin it)
  const antiBot = createAntiBot(s.database.db, createHash('sha256').update(`anti-bot:${s.config.sessionSecret}`).digest('hex'), { now: () => s.clock().getTime() });
  publicBookingRoutes(app, s, web, antiBot);
  myBookingRoutes(app, s, web, antiBot);
  staffBookingRoutes(app, s, web);
  adminBookingRoutes(app, s, web);
  setupBookingRoutes(app, s);
  intakeBookingRoutes(app, s, web);
}

/**
 * Online booking (網路預約): counter services, holiday marriage
 * registration, home visits, meeting the director and the ceremony hall;
 * check-in turns a booking into a priority ticket of the queue.
 */
export const bookingModule: HuzhengModule = {
  name: 'booking',
  routes,
  pages: (code) => [{ href: code ? `/o/${code}/booking` : '/booking', titleKey: 'booking.title', descKey: 'booking.lead', navOrder: 15 }],
  staffTiles: [
    { href: '/staff/booking', titleKey: 'booking.staff.title', descKey: 'booking.staff.tileDesc', capability: 'booking.work', menu: 'booking' },
    { href: '/staff/booking/figures', titleKey: 'booking.staff.figures', descKey: 'booking.staff.figuresDesc', capability: 'booking.stats', menu: 'booking' },
    { href: '/staff/booking/new', titleKey: 'booking.intake.tile', descKey: 'booking.intake.tileDesc', capability: 'intake.work', menu: 'booking' },
    { href: '/staff/booking/services/new', titleKey: 'booking.setup.tile', descKey: 'booking.setup.tileDesc', capability: 'setup.office', menu: 'settings' },
  ],
  staffNotices: bookingNotices,
  jobs: (s) =>
    bookingJobs(() => ({
      database: s.database,
      vault: s.vault,
      clock: s.clock,
      events: s.events,
      baseUrl: s.config.publicBaseUrl,
    })),
};
