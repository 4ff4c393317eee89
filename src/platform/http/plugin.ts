import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import type { Database } from '../../db/index.js';
import type { StaffPrincipal } from '../auth/roles.js';
import { findSession, type SessionPolicy, touchSession } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { type Locale, toLocale, translator, type Translate } from '../i18n/index.js';
import type { CountyInfo, Flash, NavLink, OfficeInfo, ViewContext } from './context.js';
import { csrfTokenFor, csrfTokenValid } from './csrf.js';
import { requestNow } from './demo-clock.js';
import { registerInputGuard } from './input-guard.js';

export const COOKIE = { session: 'hz_sid', anon: 'hz_anon', lang: 'hz_lang', flash: 'hz_flash' } as const;

/** What the app tells the plugin about the site around a page. */
export interface SiteResolver {
  county(locale: Locale): Promise<CountyInfo | null>;
  nav(req: FastifyRequest, office: OfficeInfo | null, t: Translate): NavLink[];
  /** The footer's "last updated": the latest of the page's own last change (when the route knows it) and the office record. */
  lastUpdated(office: OfficeInfo | null, page: string | null): string | null;
}

export interface HttpPluginOptions {
  database: Database;
  sessionSecret: string;
  sessionPolicy: SessionPolicy;
  cookieSecure: boolean;
  demo: () => boolean;
  clock: () => Date;
  site: SiteResolver;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    staff: StaffPrincipal | null;
    sessionToken: string | null;
    sessionExpired: boolean;
    anonId: string | null;
    flashes: Flash[];
    csrfToken(): string;
    /** This request's clock: the real one, or in the demo the real one plus this browser's demo offset (platform/http/demo-clock.ts). */
    now(): Date;
    /** throws AppError('csrf') unless the submitted token matches */
    assertCsrf(submitted: unknown): void;
    /** lastUpdated: when what this page shows last changed (an ISO instant), if the route knows */
    view(opts?: { office?: OfficeInfo | null; lastUpdated?: string | null }): Promise<ViewContext>;
  }
  interface FastifyReply {
    render(page: VNode, status?: number): FastifyReply;
    flash(kind: Flash['kind'], key: string, params?: Record<string, string | number>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** 'manual': the handler checks CSRF itself (multipart bodies) */
    csrf?: 'manual';
  }
}

const flashSchema = z.array(
  z.object({
    kind: z.enum(['success', 'info', 'warning']),
    key: z.string().max(100),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function langSwitchHref(url: string, locale: Locale): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', locale === 'en' ? 'zh-Hant' : 'en');
  return `${u.pathname}${u.search}`;
}

async function httpPlugin(app: FastifyInstance, opts: HttpPluginOptions) {
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure };

  app.decorateRequest('locale', 'zh-Hant');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('staff', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('anonId', null);
  app.decorateRequest('flashes', null as unknown as Flash[]);
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    return csrfTokenFor(opts.sessionSecret, this.sessionToken ?? this.anonId ?? '');
  });
  app.decorateRequest('now', function (this: FastifyRequest) {
    return requestNow(this, opts.demo(), opts.clock);
  });
  app.decorateRequest('assertCsrf', function (this: FastifyRequest, submitted: unknown) {
    const binding = this.sessionToken ?? this.anonId;
    if (!binding || !csrfTokenValid(opts.sessionSecret, binding, submitted)) {
      throw new AppError('csrf', 'error.csrf.title');
    }
  });
  app.decorateRequest('view', async function (this: FastifyRequest, vopts: { office?: OfficeInfo | null; lastUpdated?: string | null } = {}) {
    const office = vopts.office ?? null;
    return {
      locale: this.locale,
      t: this.t,
      path: pathOf(this.url),
      langSwitchHref: langSwitchHref(this.url, this.locale),
      csrfToken: this.csrfToken(),
      now: this.now(),
      staff: this.staff,
      county: await opts.site.county(this.locale),
      office,
      nav: opts.site.nav(this, office, this.t),
      flash: this.flashes,
      demo: opts.demo(),
      lastUpdated: opts.site.lastUpdated(office, vopts.lastUpdated ?? null),
    } satisfies ViewContext;
  });

  app.decorateReply('render', function (this: FastifyReply, page: VNode, status = 200) {
    const html = `<!doctype html>${render(page)}`;
    return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.decorateReply('flash', function (this: FastifyReply, kind: Flash['kind'], key: string, params?: Record<string, string | number>) {
    const list: Flash[] = [{ kind, key, ...(params ? { params } : {}) }];
    this.setCookie(COOKIE.flash, JSON.stringify(list), { ...cookieBase, signed: true, maxAge: 60 });
    return this;
  });

  app.addHook('onRequest', async (req, reply) => {
    // Language: ?lang= wins and is remembered; zh-Hant is the default.
    const queryLang = toLocale((req.query as Record<string, string | undefined> | undefined)?.lang);
    const cookieLang = toLocale(req.cookies[COOKIE.lang]);
    req.locale = queryLang ?? cookieLang ?? 'zh-Hant';
    if (queryLang && queryLang !== cookieLang) {
      reply.setCookie(COOKIE.lang, queryLang, { ...cookieBase, httpOnly: false, maxAge: 365 * 86400 });
    }
    req.t = translator(req.locale);

    const token = req.cookies[COOKIE.session];
    if (token) {
      const found = await findSession(opts.database.db, token, opts.sessionPolicy, opts.clock());
      if (found.state === 'active') {
        req.staff = found.session.principal;
        req.sessionToken = token;
        await touchSession(opts.database.db, found.session, opts.clock());
      } else {
        req.sessionExpired = found.state === 'expired';
        reply.clearCookie(COOKIE.session, { path: '/' });
      }
    }
    if (!req.sessionToken) {
      const anon = req.cookies[COOKIE.anon];
      if (anon && /^[\w-]{20,64}$/.test(anon)) {
        req.anonId = anon;
      } else {
        req.anonId = randomBytes(24).toString('base64url');
        reply.setCookie(COOKIE.anon, req.anonId, { ...cookieBase, maxAge: 30 * 86400 });
      }
    }

    req.flashes = [];
    const rawFlash = req.cookies[COOKIE.flash];
    if (rawFlash) {
      const unsigned = req.unsignCookie(rawFlash);
      if (unsigned.valid && unsigned.value) {
        try {
          const parsed = flashSchema.safeParse(JSON.parse(unsigned.value));
          if (parsed.success) req.flashes = parsed.data;
        } catch {
          // a damaged flash cookie is dropped, never an error
        }
      }
      reply.clearCookie(COOKIE.flash, { path: '/' });
    }
  });

  // after the hook above (its refusals render in the visitor's language), before any route or the CSRF check
  registerInputGuard(app);

  app.addHook('preHandler', async (req) => {
    if (!UNSAFE.has(req.method) || req.routeOptions.config?.csrf === 'manual') return;
    const body = req.body as Record<string, unknown> | undefined;
    req.assertCsrf(body?._csrf ?? req.headers['x-csrf-token']);
  });
}

export default fp(httpPlugin, { name: 'huzheng-http', dependencies: ['@fastify/cookie'] });
