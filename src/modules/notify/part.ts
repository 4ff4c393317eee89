import type { ModuleCatalog } from '../../platform/i18n/index.js';
import type { HuzhengModule } from '../../platform/module.js';

/** One area of the notify module (recipients, consent, delivery …): its routes, tiles, jobs and words. */
export interface NotifyPart {
  routes: HuzhengModule['routes'];
  staffTiles?: NonNullable<HuzhengModule['staffTiles']>;
  jobs?: HuzhengModule['jobs'];
  staffNotices?: HuzhengModule['staffNotices'];
  catalog: ModuleCatalog;
}
