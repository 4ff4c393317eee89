import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ZodError, z } from 'zod';
import type { Config } from './config.js';
import { type Database, isDataException, isUniqueViolation } from './db/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { bookingModule } from './modules/booking/index.js';
import { casesModule } from './modules/cases/index.js';
import { guidesModule } from './modules/guides/index.js';
import { figuresModule } from './modules/figures/index.js';
import { notifyModule } from './modules/notify/index.js';
import { populationModule } from './modules/population/index.js';
import { houseNumbersModule } from './modules/house-numbers/index.js';
import { planModule } from './modules/plan/index.js';
import { reportsModule } from './modules/reports/index.js';
import { lostIdModule } from './modules/lost-id/index.js';
import { officesModule, officesService, openOfficeOnly } from './modules/offices/index.js';
import { queueModule } from './modules/queue/index.js';
import { surveysModule } from './modules/surveys/index.js';
import { contentModule } from './modules/content/index.js';
import { petitionsModule } from './modules/petitions/index.js';
import { siteModule } from './modules/site/index.js';
import { setupModule } from './modules/setup/index.js';
import { configFileModule } from './modules/config-file/index.js';
import { staffModule } from './modules/staff/index.js';
import { newsletterModule } from './modules/newsletter/index.js';
import { linkCheckModule } from './modules/link-check/index.js';
import { trainingModule } from './modules/training/index.js';
import { manualModule } from './modules/manual/index.js';
import { precheckModule } from './modules/precheck/index.js';
import { formsModule } from './modules/forms/index.js';
import { can, type StaffPrincipal } from './platform/auth/roles.js';
import { AppError, isAppError, statusFor } from './platform/errors.js';
import type { EventBus } from './platform/events/index.js';
import { createMemoryBus } from './platform/events/index.js';
import { bundleClientScripts } from './platform/http/client-scripts.js';
import { BODY_LIMIT } from './platform/http/input-guard.js';
import httpPlugin, { type SiteResolver } from './platform/http/plugin.js';
import { sharedRateLimitStore } from './platform/http/rate-limit-store.js';
import { RefusedPage, refusedPageFits } from './platform/http/RefusedPage.js';
import { SseHub } from './platform/http/sse.js';
import { createVault, parseMasterKey } from './platform/identity/index.js';
import { ErrorPage } from './platform/layout/ErrorPage.js';
import { LOG_REDACT_PATHS, redactUrl } from './platform/log.js';
import { type AppServices, type HomeBlock, type HuzhengModule, type JobHandlers, type SitePage, STAFF_MENUS, type StaffTile } from './platform/module.js';
import { readSetting } from './platform/settings.js';

/** Client scripts in src/web, bundled at start-up. */
const CLIENT_SCRIPTS = ['queue-live', 'board', 'kiosk', 'console', 'booking'];

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  config: Config;
  database: Database;
  events?: EventBus;
  clock?: () => Date;
  /** tests pass false to keep output quiet */
  logger?: boolean;
  /** readable lines instead of JSON (a terminal outside production) */
  prettyLogs?: boolean;
}

export interface HuzhengApp {
  app: FastifyInstance;
  hub: SseHub;
  services: AppServices;
  modules: HuzhengModule[];
  jobHandlers(): JobHandlers;
}

/** Modules in the order their routes register; each contributes pages, menu entries and staff tiles. */
function composeModules(demo: () => boolean, hub: () => SseHub, services: () => AppServices): HuzhengModule[] {
  const modules: HuzhengModule[] = [];
  const pagesFor = (code: string | null): SitePage[] => modules.flatMap((m) => m.pages?.(code) ?? []);
  const officeLinks = (code: string) => pagesFor(code).filter((p) => p.href !== `/o/${code}`);
  const tiles = (): StaffTile[] => modules.flatMap((m) => m.staffTiles ?? []);
  const notices = async (staff: StaffPrincipal) => (await Promise.all(modules.map((m) => m.staffNotices?.(staff, services()) ?? []))).flat();
  const homeBlocks = async (officeId: number | null, officeCode: string | null, locale: 'zh-Hant' | 'en') =>
    (await Promise.all(modules.map((m) => m.homeBlock?.(officeId, officeCode, locale, services()) ?? null))).filter((b): b is HomeBlock => b !== null);
  modules.push(officesModule(officeLinks, homeBlocks), queueModule(hub), bookingModule, guidesModule, casesModule, lostIdModule, petitionsModule, surveysModule, contentModule(pagesFor), siteModule(pagesFor), staffModule(tiles, demo, notices), calendarModule, setupModule(demo), configFileModule, figuresModule, reportsModule, planModule, notifyModule, populationModule, houseNumbersModule, newsletterModule, linkCheckModule, trainingModule, manualModule, precheckModule, formsModule);
  return modules;
}

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || (req.headers.accept ?? '').includes('application/json');
}

export async function buildApp(opts: BuildOptions): Promise<HuzhengApp> {
  const { config, database } = opts;
  const clock = opts.clock ?? (() => new Date());
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: LOG_REDACT_PATHS,
            ...(opts.prettyLogs ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId', singleLine: true } } } : {}),
            serializers: {
              req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
            },
          },
    trustProxy: config.trustProxy,
    // form and JSON bodies (platform/http/input-guard.ts); multipart routes bound their own
    bodyLimit: BODY_LIMIT,
  });

  const demoFlag = { value: await readSetting(database.db, 'global', 'demo', z.boolean().default(false)) };
  const services: AppServices = {
    config,
    database,
    clock,
    vault: createVault(parseMasterKey(config.personalDataKey)),
    events: opts.events ?? createMemoryBus(),
    log: app.log,
  };
  const hub = new SseHub(services.events);
  const modules = composeModules(() => demoFlag.value, () => hub, () => services);
  const scripts = await bundleClientScripts(ROOT, CLIENT_SCRIPTS);

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 5 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // an office's own map tiles (MAP_TILE_URL) are the one outside source of images
        imgSrc: ["'self'", 'data:', ...(config.mapTileUrl ? [new URL(config.mapTileUrl.replaceAll(/[{}]/g, '')).origin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // counted across processes: in the database, or Redis when REDIS_URL is set (one SQLite process: in memory)
  const limits = await sharedRateLimitStore(config, database);
  app.addHook('onClose', limits.close);
  await app.register(rateLimit, {
    ...(limits.store ? { store: limits.store } : {}),
    // the global flood guard stays in each process with the database store (rate-limit-store.ts): each of this
    // machine's WEB_CONCURRENCY processes allows its share, so an address gets the limit in all, never N times it
    max: config.redisUrl ? config.rateLimitPerMinute : Math.max(1, Math.ceil(config.rateLimitPerMinute / config.webConcurrency)),
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('rate_limited', 'error.rateLimited.title'),
  });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'public'), prefix: '/static/', maxAge: '1h' });

  const site: SiteResolver = {
    county: (locale) => officesService.countyInfo(database.db, locale),
    nav: (req, office, t) => {
      const path = req.url.split('?')[0] ?? '';
      if (path.startsWith('/staff')) {
        const staff = req.staff;
        if (!staff) return [];
        const tiles = modules.flatMap((m) => m.staffTiles ?? []).filter((tile) => can(staff.role, tile.capability));
        const grouped = STAFF_MENUS.flatMap((menu) => tiles.filter((tile) => tile.menu === menu));
        return [
          { href: '/staff', label: t('staff.title'), current: path === '/staff' },
          ...grouped.map((p) => ({ href: p.href, label: t(p.titleKey), current: p.href === path, group: t(`staff.menu.${p.menu}`) })),
        ];
      }
      const code = office?.code ?? null;
      const entries = modules.flatMap((m) => m.pages?.(code) ?? []).filter((p) => p.navOrder !== undefined);
      entries.sort((a, b) => (a.navOrder ?? 0) - (b.navOrder ?? 0));
      return entries.map((p) => ({ href: p.href, label: t(p.titleKey), current: p.href === path }));
    },
    lastUpdated: (office, page) => officesService.lastUpdated(office, page),
  };
  await app.register(httpPlugin, {
    database,
    sessionSecret: config.sessionSecret,
    sessionPolicy: config.session,
    cookieSecure: config.cookieSecure,
    demo: () => demoFlag.value,
    clock,
    site,
  });

  // a deactivated office: every public page below /o/<code> says so and points to its successor
  const closedOffice = openOfficeOnly(database.db);
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.url?.startsWith('/o/:office')) return closedOffice(req, reply);
  });

  app.get('/js/:name', async (req, reply) => {
    const name = String((req.params as { name: string }).name).replace(/\.js$/, '');
    const body = scripts.get(name);
    if (!body) return reply.callNotFound();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);
  });
  app.addHook('onClose', async () => hub.close());

  app.get('/healthz', async () => {
    await database.db.selectFrom('county').select('id').limit(1).execute();
    return { status: 'ok', database: database.dialect };
  });

  for (const m of modules) await m.routes(app, services);

  app.setNotFoundHandler(async (req, reply) => {
    if (wantsJson(req)) return reply.code(404).send({ error: { code: 'not_found' } });
    const ctx = await req.view();
    return reply.render(ErrorPage({ ctx, code: 'not_found' }), 404);
  });

  app.setErrorHandler(async (err: FastifyError | AppError | ZodError, req, reply) => {
    let appErr: AppError;
    if (isAppError(err)) appErr = err;
    else if (err instanceof ZodError) appErr = new AppError('bad_request', 'error.badRequest.title', { cause: err });
    // the one place a lost race on a unique index (both databases) becomes the friendly 409, whatever route it came from
    else if (isUniqueViolation(err)) appErr = new AppError('conflict', 'error.conflict.body', { cause: err });
    // a value PostgreSQL itself refused (an id past the integer range …) came from the request: a 400, not a 500, but logged, since a schema should have said no first
    else if (isDataException(err)) {
      req.log.warn({ err }, 'value refused by the database');
      appErr = new AppError('bad_request', 'error.badRequest.title', { cause: err });
    } else if ('statusCode' in err && err.statusCode === 429) appErr = new AppError('rate_limited', 'error.rateLimited.title');
    // Fastify's body errors: FST_ERR_CTP_BODY_TOO_LARGE 413, FST_ERR_CTP_INVALID_MEDIA_TYPE 415, the rest (bad JSON, bad length) 400
    else if ('statusCode' in err && err.statusCode === 413) appErr = new AppError('payload_too_large', 'error.tooLarge.body', { cause: err });
    else if ('statusCode' in err && err.statusCode === 415) appErr = new AppError('unsupported_media_type', 'error.unsupportedType.body', { cause: err });
    else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      appErr = new AppError(err.statusCode === 404 ? 'not_found' : 'bad_request', 'error.badRequest.title', { cause: err });
    } else {
      req.log.error({ err }, 'unhandled error');
      appErr = new AppError('internal', 'error.internal.title', { cause: err });
    }
    const status = statusFor(appErr.code);
    if (wantsJson(req)) {
      return reply.code(status).send({ error: { code: appErr.code, message: req.t ? req.t(appErr.messageKey) : appErr.messageKey } });
    }
    if (appErr.code === 'unauthenticated') return reply.redirect('/staff/login', 303);
    if (!req.t) return reply.code(status).type('text/plain; charset=utf-8').send(appErr.code);
    const ctx = await req.view();
    if (refusedPageFits(appErr.code, appErr.messageKey)) {
      return reply.render(RefusedPage({ ctx, code: appErr.code, messageKey: appErr.messageKey, params: appErr.params, fields: appErr.fields }), status);
    }
    return reply.render(ErrorPage({ ctx, code: appErr.code, reference: appErr.code === 'internal' ? req.id : undefined }), status);
  });

  return {
    app,
    hub,
    services,
    modules,
    jobHandlers: () => Object.assign({}, ...modules.map((m) => m.jobs?.(services) ?? {})),
  };
}
