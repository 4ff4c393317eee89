import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { Capability, StaffPrincipal } from './auth/roles.js';
import type { EventBus } from './events/index.js';
import type { Vault } from './identity/index.js';

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
export const STAFF_MENUS = ['desk', 'booking', 'cases', 'notify', 'petitions', 'surveys', 'content', 'figures', 'plan', 'settings'] as const;
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
