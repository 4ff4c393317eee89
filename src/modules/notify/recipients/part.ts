import type { NotifyPart } from '../part.js';
import { recipientsCatalog } from './i18n.js';
import { recipientsRoutes } from './routes.js';
import { LIST_PATH } from './views/list.js';

/** The county's registry of recipient agencies: county admins keep it, supervisors and up read it. */
export const recipientsPart: NotifyPart = {
  routes: recipientsRoutes,
  staffTiles: [{ href: LIST_PATH, titleKey: 'notify.recipients.tile.title', descKey: 'notify.recipients.tile.desc', capability: 'notify.oversee', menu: 'notify' }],
  catalog: recipientsCatalog,
};
