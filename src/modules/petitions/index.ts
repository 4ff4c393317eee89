export { petitionsFigureSource } from './rollup.js';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import type { PetitionDeps } from './deps.js';
import { petitionJobs } from './escalation.js';
import { petitionCatalog } from './i18n.js';
import { type PetitionInput, recordFromStaff as record } from './intake.js';
import { petitionNotices } from './notices.js';
import { adminPetitionRoutes } from './routes-admin.js';
import { publicPetitionRoutes } from './routes-public.js';
import { staffPetitionRoutes } from './routes-staff.js';
import { registerIndicators } from '../../platform/indicators/index.js';
import { petitionsIndicators, petitionsIndicatorsCatalog } from './indicators.js';

registerCatalog(petitionCatalog);
registerIndicators(petitionsIndicators);
registerCatalog(petitionsIndicatorsCatalog);

/** The config object itself (not a copy of the address), so links follow config.publicBaseUrl as it is when the mail is made. */
export const petitionDeps = (s: Pick<AppServices, 'database' | 'vault' | 'clock' | 'config'>): PetitionDeps => ({ database: s.database, vault: s.vault, clock: s.clock, config: s.config });

/**
 * Records a petition another module received (a survey comment). Callers may
 * still pass `baseUrl` (the surveys module does; it now holds the configured
 * address, see config.ts): it is taken as the configured address. Prefer
 * `petitionDeps(services)`.
 */
export function recordFromStaff(deps: PetitionDeps | (Omit<PetitionDeps, 'config'> & { baseUrl: string }), input: PetitionInput, staff: StaffPrincipal, ip: string | null) {
  const full: PetitionDeps = 'config' in deps ? deps : { database: deps.database, vault: deps.vault, clock: deps.clock, config: { publicBaseUrl: deps.baseUrl } };
  return record(full, input, staff, ip);
}

function routes(app: FastifyInstance, s: AppServices) {
  const deps = () => petitionDeps(s);
  publicPetitionRoutes(app, s, deps);
  staffPetitionRoutes(app, s, deps);
  adminPetitionRoutes(app, s);
}

/**
 * Petitions (陳情): the director's mailbox and the opinion box on the site,
 * and every other channel recorded by staff, in one case model with the
 * legal reply limits, pauses, extensions, §172 transfer and §173 decline,
 * an escalation ladder, replies, satisfaction and follow-ups.
 */
export const petitionsModule: HuzhengModule = {
  name: 'petitions',
  routes,
  pages: (code) => [{ href: code ? `/o/${code}/mailbox` : '/mailbox', titleKey: 'nav.mailbox', descKey: 'petitions.form.lead', navOrder: 90 }],
  staffTiles: [
    { href: '/staff/petitions', titleKey: 'petitions.staff.title', descKey: 'petitions.staff.tileDesc', capability: 'petitions.work', menu: 'petitions' },
    { href: '/staff/petitions/figures', titleKey: 'petitions.staff.figures', descKey: 'petitions.staff.figuresDesc', capability: 'petitions.stats', menu: 'petitions' },
  ],
  staffNotices: petitionNotices,
  jobs: (s) => petitionJobs(() => petitionDeps(s)),
};
