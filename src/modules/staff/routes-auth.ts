import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff, safeNext } from '../../platform/auth/guard.js';
import { dummyHash } from '../../platform/auth/password.js';
import { can } from '../../platform/auth/roles.js';
import { parseForm } from '../../platform/http/forms.js';
import { COOKIE } from '../../platform/http/plugin.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import type { AppServices, StaffNotice, StaffTile } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { changeOwnPassword, signIn, signOut } from './auth-service.js';
import { AccountPage } from './views/AccountPage.js';
import { LoginPage } from './views/LoginPage.js';
import { StaffHome } from './views/StaffHome.js';

const loginSchema = z.object({
  username: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(60, 'err.tooLong'),
  password: z.string({ error: 'err.required' }).min(1, 'err.required').max(200, 'err.tooLong'),
  next: z.string().optional(),
});

const passwordSchema = z.object({
  current: z.string({ error: 'err.required' }).min(1, 'err.required').max(200, 'err.tooLong'),
  next: z.string({ error: 'err.required' }).min(1, 'err.required').max(200, 'err.tooLong'),
  confirm: z.string({ error: 'err.required' }).min(1, 'err.required').max(200, 'err.tooLong'),
});

export const DEMO_PASSWORD = 'Huzheng-demo-2026';
export const DEMO_USERS = ['admin', 'county', 'director.zhubei', 'supervisor.zhubei', 'clerk.zhubei', 'clerk.jianshi'];

export function authRoutes(
  app: FastifyInstance,
  s: AppServices,
  tiles: () => StaffTile[],
  demo: () => boolean,
  notices: (staff: StaffPrincipal) => Promise<StaffNotice[]>,
) {
  const deps = { database: s.database, secret: s.config.sessionSecret, policy: s.config.session };
  // the dummy hash failed sign-ins are checked against is made now, not on the first unknown name
  void dummyHash();
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: s.config.cookieSecure };
  const demoHint = (t: (k: string, p?: Record<string, string>) => string) =>
    demo() ? t('staff.login.demoHint', { users: DEMO_USERS.join('、'), password: DEMO_PASSWORD }) : undefined;

  app.get('/staff/login', async (req, reply) => {
    const q = z.object({ next: z.string().optional(), expired: z.string().optional() }).safeParse(req.query);
    if (req.staff) return reply.redirect(safeNext(q.success ? q.data.next : undefined), 303);
    const notice = q.success && q.data.expired ? req.t('staff.login.expired') : undefined;
    const ctx = await req.view();
    return reply.render(LoginPage({ ctx, next: safeNext(q.success ? q.data.next : undefined), notice, demoHint: demoHint(req.t) }));
  });

  app.post('/staff/login', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(loginSchema, req.body);
    const next = safeNext((req.body as Record<string, unknown> | undefined)?.next);
    if (!parsed.ok) {
      return reply.render(LoginPage({ ctx: await req.view(), state: parsed.state, next, demoHint: demoHint(req.t) }), 422);
    }
    const result = await signIn(deps, parsed.data, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, now: s.clock() });
    if (!result.ok) {
      const key = result.reason === 'locked' ? 'staff.login.locked' : 'staff.login.failed';
      const state = { values: { username: parsed.values.username }, errors: [{ field: 'username', key }] };
      return reply.render(LoginPage({ ctx: await req.view(), state, next, demoHint: demoHint(req.t) }), result.reason === 'locked' ? 423 : 401);
    }
    reply.setCookie(COOKIE.session, result.token, cookieOpts);
    reply.clearCookie(COOKIE.anon, { path: '/' });
    return reply.redirect(result.principal.mustChangePassword ? '/staff/account' : next, 303);
  });

  app.post('/staff/logout', async (req, reply) => {
    if (req.sessionToken) await signOut(s.database, req.sessionToken, req.staff, { ip: req.ip, now: s.clock() });
    reply.clearCookie(COOKIE.session, { path: '/' });
    reply.flash('info', 'staff.loggedOut');
    return reply.redirect('/staff/login', 303);
  });

  app.get('/staff', { preHandler: requireStaff() }, async (req, reply) => {
    const staff = principal(req);
    const ctx = await req.view();
    const mine = tiles().filter((tile) => can(staff.role, tile.capability));
    let scope = req.t('staff.home.allOffices');
    if (staff.officeId !== null) {
      scope = (await officesService.officeById(s.database.db, staff.officeId, req.locale)).name;
    } else if (staff.role === 'county_admin' && ctx.county) {
      scope = ctx.county.name;
    }
    return reply.render(StaffHome({ ctx, tiles: mine, scope, notices: await notices(staff) }));
  });

  app.get('/staff/account', { preHandler: requireStaff('account.self') }, async (req, reply) => {
    return reply.render(AccountPage({ ctx: await req.view() }));
  });

  app.post('/staff/account', { preHandler: requireStaff('account.self') }, async (req, reply) => {
    const staff = principal(req);
    const parsed = parseForm(passwordSchema, req.body);
    if (!parsed.ok) return reply.render(AccountPage({ ctx: await req.view(), state: parsed.state }), 422);
    const r = await changeOwnPassword(s.database, staff, req.sessionToken!, parsed.data, { ip: req.ip, now: s.clock() });
    if (!r.ok) return reply.render(AccountPage({ ctx: await req.view(), state: { values: {}, errors: r.errors } }), 422);
    reply.flash('success', 'account.changed');
    return reply.redirect('/staff', 303);
  });
}
