import { registerCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';
import { formsCatalog } from './i18n.js';
import { formsRoutes } from './routes.js';

export { FORM_CODES, FORMS } from './defs.js';

registerCatalog(formsCatalog);

/** Application forms filled in on screen and printed (各類申請書直接登打列印), with drafts kept by a short code. */
export const formsModule: HuzhengModule = {
  name: 'forms',
  routes: formsRoutes,
  pages: () => [{ href: '/forms', titleKey: 'forms.title', descKey: 'forms.lead', sameEverywhere: true }],
  staffTiles: [{ href: '/staff/forms', titleKey: 'forms.staffTile', descKey: 'forms.staffTileDesc', capability: 'intake.work', menu: 'cases' }],
};
