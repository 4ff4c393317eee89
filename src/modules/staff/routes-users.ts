import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { assignableRoles, coversOffice, ROLES } from '../../platform/auth/roles.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import * as users from './users-service.js';
import { UserEditPage, UsersPage } from './views/UsersPage.js';

const accountSchema = z.object({
  username: z
    .string({ error: 'err.required' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'err.username')
    .optional(),
  displayName: fields.text(60),
  email: fields.optionalEmail(),
  role: z.enum(ROLES, { error: 'err.choice' }),
  officeId: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .pipe(z.number().int().positive().optional()),
  password: z.string().max(200, 'err.tooLong').optional(),
  active: z.string().optional(),
});

const idParam = z.object({ id: z.coerce.number().int().positive() });

export function userRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('users.manage') };

  async function officesInScope(req: FastifyRequest) {
    const staff = principal(req);
    return (await officesService.listOfficeInfos(db, req.locale)).filter((o) => coversOffice(staff, o));
  }

  /** ?office= (or the form's hidden office): one office the person covers, to list and to add accounts to. */
  async function pickedOffice(req: FastifyRequest) {
    const offices = await officesInScope(req);
    return { offices, picked: offices.find((o) => o.code === askedOfficeCode(req)) };
  }

  async function listPage(req: FastifyRequest, state?: FormState) {
    const staff = principal(req);
    const { offices, picked } = await pickedOffice(req);
    const rows = await users.listAccounts(db, staff, s.config.sessionSecret, s.clock(), picked?.id);
    // a new account defaults to the office being looked at
    const form = state ?? { values: { officeId: picked ? String(picked.id) : '' }, errors: [] };
    return UsersPage({ ctx: await req.view(), rows, roles: assignableRoles(staff.role), offices, state: form, choice: officeChoice(offices, picked?.code ?? '', true) });
  }

  async function editPage(req: FastifyRequest, id: number, state?: FormState, passwordState?: FormState) {
    const staff = principal(req);
    const row = await users.loadAccountInScope(db, staff, id);
    const locked = (await users.listAccounts(db, staff, s.config.sessionSecret, s.clock())).find((r) => r.id === id)?.locked ?? false;
    const current: FormState = state ?? {
      values: {
        displayName: row.display_name,
        email: row.email ?? '',
        role: row.role,
        officeId: row.office_id ? String(row.office_id) : '',
        active: row.active ? '1' : '',
      },
      errors: [],
    };
    return UserEditPage({
      ctx: await req.view(),
      account: { id: row.id, username: row.username, locked },
      roles: assignableRoles(staff.role),
      offices: await officesInScope(req),
      state: current,
      passwordState,
    });
  }

  app.get('/staff/users', guard, async (req, reply) => reply.render(await listPage(req)));

  app.post('/staff/users', guard, async (req, reply) => {
    const staff = principal(req);
    const parsed = parseForm(accountSchema.required({ username: true }), req.body);
    if (!parsed.ok) return reply.render(await listPage(req, parsed.state), 422);
    const d = parsed.data;
    const r = await users.createAccount(
      s.database,
      staff,
      { username: d.username, displayName: d.displayName, email: d.email, role: d.role, officeId: d.officeId, password: d.password },
      await officesInScope(req),
      { ip: req.ip, now: s.clock() },
    );
    if (!r.ok) return reply.render(await listPage(req, { values: parsed.values, errors: r.errors }), 422);
    reply.flash('success', 'users.created', { username: d.username });
    const back = (await pickedOffice(req)).picked;
    return reply.redirect(back ? `/staff/users?office=${encodeURIComponent(back.code)}` : '/staff/users', 303);
  });

  app.get('/staff/users/:id', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    return reply.render(await editPage(req, id));
  });

  app.post('/staff/users/:id', guard, async (req, reply) => {
    const staff = principal(req);
    const { id } = idParam.parse(req.params);
    const parsed = parseForm(accountSchema, req.body);
    if (!parsed.ok) return reply.render(await editPage(req, id, parsed.state), 422);
    const d = parsed.data;
    const r = await users.updateAccount(
      s.database,
      staff,
      id,
      { username: '', displayName: d.displayName, email: d.email, role: d.role, officeId: d.officeId, active: d.active === '1' },
      await officesInScope(req),
      { ip: req.ip, now: s.clock() },
    );
    if (!r.ok) return reply.render(await editPage(req, id, { values: parsed.values, errors: r.errors }), 422);
    const row = await users.loadAccountInScope(db, staff, id);
    reply.flash('success', 'users.updated', { username: row.username });
    return reply.redirect('/staff/users', 303);
  });

  app.post('/staff/users/:id/password', guard, async (req, reply) => {
    const staff = principal(req);
    const { id } = idParam.parse(req.params);
    const password = String((req.body as Record<string, unknown> | undefined)?.password ?? '');
    const r = await users.resetAccountPassword(s.database, staff, id, password, { ip: req.ip, now: s.clock() });
    if (!r.ok) return reply.render(await editPage(req, id, undefined, { values: {}, errors: r.errors }), 422);
    reply.flash('success', 'users.passwordReset', { username: r.username });
    return reply.redirect(`/staff/users/${id}`, 303);
  });

  app.post('/staff/users/:id/unlock', guard, async (req, reply) => {
    const staff = principal(req);
    const { id } = idParam.parse(req.params);
    const username = await users.unlockAccount(s.database, staff, id, s.config.sessionSecret, { ip: req.ip, now: s.clock() });
    reply.flash('success', 'users.unlocked', { username });
    return reply.redirect(`/staff/users/${id}`, 303);
  });
}
