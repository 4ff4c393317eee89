import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { Capability, StaffPrincipal } from './auth/roles.js';
import type { EventBus } from './events/index.js';
import type { Vault } from './identity/index.js';
import type { ModuleCatalog } from './i18n/index.js';

/** What every module is given: the shared services, nothing global. */
export interface AppServices {
  config: Config;
  database: Database;
  clock: () => Date;
  vault: Vault;
  events: EventBus;
  log: FastifyBaseLogger;
}

/** A public page, for the sitemap, the main menu and the page search. */
export interface SitePage {
  href: string;
  titleKey: string;
  descKey?: string;
  /** show in the main menu, in this order (lower first) */
  navOrder?: number;
  /** the same service at every office (a lost-ID report is national): the site search lists the county's page only */
  sameEverywhere?: boolean;
}

/** The groups of the staff menu, in the order they are shown. */
export const STAFF_MENUS = ['desk', 'booking', 'cases', 'notify', 'petitions', 'surveys', 'content', 'knowledge', 'figures', 'plan', 'settings'] as const;
export type StaffMenu = (typeof STAFF_MENUS)[number];

/** A tile on the staff home page, shown only to roles with the capability; also an entry of the staff menu's group. */
export interface StaffTile {
  href: string;
  titleKey: string;
  descKey: string;
  capability: Capability;
  menu: StaffMenu;
}

/** Something a person must act on, shown at the top of their staff home. */
export interface StaffNotice {
  key: string;
  params?: Record<string, string | number>;
  href?: string;
}

/** A short list another module puts on the county and office home pages (latest news). */
export interface HomeBlock {
  titleKey: string;
  moreHref: string;
  items: { href: string; label: string; date: string | null }[];
}

export interface JobHandlers {
  [kind: string]: (payload: unknown, ctx: { jobId: number; attempt: number; now: Date }) => Promise<void>;
}

/**
 * A feature module: routes plus what it contributes to the shared site.
 * `pages(officeCode)` gets null for county-wide pages.
 */
export interface HuzhengModule {
  name: string;
  routes(app: FastifyInstance, services: AppServices): Promise<void> | void;
  pages?(officeCode: string | null): SitePage[];
  staffTiles?: StaffTile[];
  staffNotices?(staff: StaffPrincipal, services: AppServices): Promise<StaffNotice[]>;
  jobs?(services: AppServices): JobHandlers;
  homeBlock?(officeId: number | null, officeCode: string | null, locale: 'zh-Hant' | 'en', services: AppServices): Promise<HomeBlock | null>;
}

/** One area of a module split by use case (import, pages, look-up …): its routes, tiles, jobs, words and site pages. */
export interface ModulePart {
  routes: HuzhengModule['routes'];
  pages?: HuzhengModule['pages'];
  staffTiles?: NonNullable<HuzhengModule['staffTiles']>;
  jobs?: HuzhengModule['jobs'];
  staffNotices?: HuzhengModule['staffNotices'];
  homeBlock?: HuzhengModule['homeBlock'];
  catalog: ModuleCatalog;
}

/** A module made of parts: routes, tiles, jobs, notices and pages are the parts' together; the first part with a home block gives it. */
export function moduleOfParts(name: string, parts: readonly ModulePart[]): HuzhengModule {
  const withHome = parts.find((p) => p.homeBlock);
  return {
    name,
    async routes(app, services) {
      for (const p of parts) await p.routes(app, services);
    },
    pages: (officeCode) => parts.flatMap((p) => p.pages?.(officeCode) ?? []),
    staffTiles: parts.flatMap((p) => p.staffTiles ?? []),
    jobs: (services) => Object.assign({}, ...parts.map((p) => p.jobs?.(services) ?? {})),
    async staffNotices(staff, services) {
      const lists = await Promise.all(parts.map((p) => p.staffNotices?.(staff, services) ?? []));
      return lists.flat();
    },
    ...(withHome?.homeBlock ? { homeBlock: withHome.homeBlock } : {}),
  };
}
