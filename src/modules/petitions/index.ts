import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerCatalog } from '../../platform/i18n/index.js';
import type { AppServices, HuzhengModule } from '../../platform/module.js';
import type { PetitionDeps } from './deps.js';
import { petitionJobs } from './escalation.js';
import { petitionCatalog } from './i18n.js';
import { petitionNotices } from './notices.js';
import { adminPetitionRoutes } from './routes-admin.js';
import { publicPetitionRoutes } from './routes-public.js';
import { staffPetitionRoutes } from './routes-staff.js';

export { recordFromStaff } from './intake.js';

registerCatalog(petitionCatalog);

const depsOf = (s: AppServices, baseUrl: string): PetitionDeps => ({ database: s.database, vault: s.vault, clock: s.clock, baseUrl });

function routes(app: FastifyInstance, s: AppServices) {
  const deps = (req: FastifyRequest) => depsOf(s, s.config.publicBaseUrl ?? `${req.protocol}://${req.host}`);
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
    { href: '/staff/petitions', titleKey: 'petitions.staff.title', descKey: 'petitions.staff.tileDesc', capability: 'petitions.work' },
    { href: '/staff/petitions/figures', titleKey: 'petitions.staff.figures', descKey: 'petitions.staff.figuresDesc', capability: 'petitions.stats' },
  ],
  staffNotices: petitionNotices,
  jobs: (s) => petitionJobs(() => depsOf(s, s.config.publicBaseUrl ?? `http://localhost:${s.config.port}`)),
};
