import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { formatRocDate, taipeiToday } from '../../platform/calendar/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { type CheckRow, checkById, checkSchema, checksOf, monthlyTotals, recordCheck, updateCheck } from './registers-checks.js';
import { coveredOffice, idParam, notFound, type RegisterScope, registerScope } from './registers-common.js';
import { CheckEditPage, ChecksPage } from './views/registers-checks.js';
import { registerHref } from './views/registers-parts.js';

/** A date put back into a field as the person would type it: 115/11/23 in zh-Hant. */
export const dateValue = (iso: string | null, locale: Locale) => (iso === null ? '' : locale === 'en' ? iso : formatRocDate(iso, 'slash'));

const savedValues = (c: CheckRow, locale: Locale): FormState => ({
  values: {
    checkedOn: dateValue(c.checkedOn, locale),
    kind: c.kind,
    area: c.area,
    checker: c.checker,
    items: String(c.items),
    defects: String(c.defects),
    findings: c.findings,
    fixedOn: dateValue(c.fixedOn, locale),
  },
  errors: [],
});

/** 抽查、內部稽核: everyone reads; supervisors and up record and correct. */
export function checkRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const edit = { preHandler: requireStaff('plan.edit') };
  const today = () => taipeiToday(s.clock());

  async function listPage(req: FastifyRequest, scope: RegisterScope, state?: FormState) {
    const rows = await checksOf(db, scope.office.id, scope.year);
    const { months, total } = monthlyTotals(rows, scope.year, scope.today);
    return ChecksPage({ ctx: await req.view(), scope, rows, months, total, canEdit: can(principal(req).role, 'plan.edit'), state });
  }

  /** The check named in the address, in an office this person covers (else 404), and the page's scope: that office, the check's year. */
  async function checkOf(req: FastifyRequest): Promise<{ check: CheckRow; scope: RegisterScope }> {
    const check = await checkById(db, idParam(req.params));
    if (!check) throw notFound();
    const office = await coveredOffice(db, req, check.officeId);
    const scope = { office, choice: officeChoice(await staffOffices(db, req), office.code), year: Number(check.checkedOn.slice(0, 4)), today: today() };
    return { check, scope };
  }

  app.get('/staff/plan/checks', view, async (req, reply) => reply.render(await listPage(req, await registerScope(db, req, s.clock()))));

  app.post('/staff/plan/checks', edit, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const scope = await registerScope(db, req, s.clock(), body);
    const parsed = parseForm(checkSchema(today), body);
    if (!parsed.ok) return reply.render(await listPage(req, scope, parsed.state), 422);
    await recordCheck(s.database, scope.office, parsed.data, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.check.saved');
    return reply.redirect(registerHref('checks', { office: scope.office, year: Number(parsed.data.checkedOn.slice(0, 4)) }), 303);
  });

  app.get('/staff/plan/checks/:id', edit, async (req, reply) => {
    const { check, scope } = await checkOf(req);
    return reply.render(CheckEditPage({ ctx: await req.view(), scope, check, state: savedValues(check, req.locale) }));
  });

  app.post('/staff/plan/checks/:id', edit, async (req, reply) => {
    const { check, scope } = await checkOf(req);
    const parsed = parseForm(checkSchema(today), req.body);
    if (!parsed.ok) return reply.render(CheckEditPage({ ctx: await req.view(), scope, check, state: parsed.state }), 422);
    await updateCheck(s.database, check.id, scope.office, parsed.data, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.check.saved');
    return reply.redirect(registerHref('checks', { office: scope.office, year: Number(parsed.data.checkedOn.slice(0, 4)) }), 303);
  });
}
