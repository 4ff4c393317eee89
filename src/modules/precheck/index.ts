import { registerCatalog } from '../../platform/i18n/index.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { registerCounterTicketNotes } from '../queue/index.js';
import { precheckCatalog } from './i18n.js';
import { precheckIndicators } from './indicators.js';
import { precheckRoutes } from './routes.js';
import { checklistOfTicket } from './service.js';

export { type HistoryTicket, seedPrecheckFromTickets, seedPrecheckHistory } from './seed.js';

registerCatalog(precheckCatalog);
registerIndicators(precheckIndicators);

// the counter that calls a pre-checked ticket sees 「已預檢」 and the ticked list
registerCounterTicketNotes(async (db, ticketId, locale) => {
  const list = await checklistOfTicket(db, ticketId, locale);
  return list ? { tagKey: 'precheck.prechecked', titleKey: 'precheck.consoleList', items: list.items } : null;
});

/** The roaming pre-check (走動式櫃台): documents checked in the hall, then a pre-checked ticket or a one-time notice slip. */
export const precheckModule: HuzhengModule = {
  name: 'precheck',
  routes: precheckRoutes,
  staffTiles: [{ href: '/staff/precheck', titleKey: 'precheck.tile', descKey: 'precheck.tileDesc', capability: 'precheck.work', menu: 'desk' }],
};
