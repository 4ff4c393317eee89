import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can, coversOffice } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { loadPlan } from './access.js';
import { countyColumns, planProgress } from './plan-progress.js';
import { createSchema } from './plan-forms.js';
import { navCan, officeName, reviewMonth } from './plan-http.js';
import { plansForYear, startPlan } from './plan-list.js';
import * as repo from './plan-repo.js';
import { editRoutes } from './plan-routes-edit.js';
import { handRoutes } from './plan-routes-hand.js';
import { stateRoutes } from './plan-routes-state.js';
import { PlanListPage } from './views/plan-list.js';
import { PlanPage } from './views/plan-page.js';

/** The plan itself: list, create from a template, items and measures, hand values, states, revisions. */
export function planRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const edit = { preHandler: requireStaff('plan.edit') };
  const today = () => taipeiToday(s.clock());
  const thisYear = () => Number(today().slice(0, 4));

  // ---- the list and the create form ---------------------------------------

  async function scope(req: FastifyRequest) {
    const staff = principal(req);
    const offices = await staffOffices(db, req);
    const countyIds = staff.countyId !== null ? [staff.countyId] : [...new Set(offices.map((o) => o.countyId))];
    return { staff, offices, countyIds };
  }

  const createYears = () => [thisYear() - 1, thisYear(), thisYear() + 1];

  async function listPage(req: FastifyRequest, year: number, state?: FormState) {
    const { staff, offices, countyIds } = await scope(req);
    const years = [...new Set([...(await repo.planYears(db, offices.map((o) => o.id), countyIds)), ...createYears(), year])].sort((a, b) => b - a);
    const create = [
      ...(can(staff.role, 'plan.review') ? countyIds.map((c) => ({ value: `county:${c}`, label: countyIds.length > 1 ? `${req.t('plan.countyPlan')} #${c}` : req.t('plan.countyPlan') })) : []),
      ...(can(staff.role, 'plan.edit') ? offices.filter((o) => !o.closed).map((o) => ({ value: o.code, label: o.name })) : []),
    ];
    const lines = await plansForYear(db, offices, countyIds, year);
    const defaults = emptyForm({ office: offices.find((o) => o.id === staff.officeId)?.code ?? create[0]?.value ?? '', year: String(year), source: 'template:huxi103' });
    return PlanListPage({ ctx: await req.view(), year, years, lines, create, createYears: createYears(), state: state ?? defaults });
  }

  const yearQuery = z.object({ year: z.coerce.number().int().min(1912).max(2200).optional().catch(undefined) });

  app.get('/staff/plan', view, async (req, reply) => {
    const q = yearQuery.parse(req.query ?? {});
    return reply.render(await listPage(req, q.year ?? thisYear()));
  });

  app.post('/staff/plan', edit, async (req, reply) => {
    const parsed = parseForm(createSchema, req.body);
    const year = parsed.ok ? parsed.data.year : thisYear();
    if (!parsed.ok) return reply.render(await listPage(req, year, parsed.state), 422);
    const { staff, offices, countyIds } = await scope(req);
    const d = parsed.data;
    const county = /^county:(\d+)$/.exec(d.office);
    const office = county ? null : offices.find((o) => o.code === d.office && !o.closed);
    const countyId = county ? Number(county[1]) : office?.countyId;
    const errors = [];
    if (county ? !can(staff.role, 'plan.review') || !countyIds.includes(Number(county[1])) : !office) errors.push({ field: 'office', key: 'err.choice' });
    if (!createYears().includes(d.year)) errors.push({ field: 'year', key: 'err.choice' });
    if (errors.length || countyId === undefined) return reply.render(await listPage(req, year, { values: parsed.values, errors }), 422);
    try {
      const id = await startPlan(s.database, { countyId, officeId: office?.id ?? null, year: d.year, source: d.source }, staff, req.ip, s.clock());
      reply.flash('success', 'plan.flash.created');
      return reply.redirect(`/staff/plan/${id}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await listPage(req, year, { values: parsed.values, errors: err.fields }), 422);
      throw err;
    }
  });

  // ---- the plan -------------------------------------------------------------

  app.get('/staff/plan/:plan', view, async (req, reply) => {
    const c = await loadPlan(db, req);
    const common = { tree: c.tree, officeName: officeName(c), officeCode: c.office?.code ?? null, can: navCan(c.staff, c.tree.plan), month: reviewMonth(c.tree.plan, today()) };
    if (!c.office) {
      // an office's staff read the county plan against their own office only; county staff against every office
      const offices = (await repo.openOfficesOfCounty(db, c.tree.plan.countyId))
        .map((o) => ({ id: o.id, code: o.code, countyId: o.county_id, name: req.locale === 'en' ? o.name_en : o.name_zh }))
        .filter((o) => coversOffice(c.staff, o));
      const { window, columns } = await countyColumns(db, c.tree, offices, today());
      return reply.render(PlanPage({ ctx: await req.view(), ...common, window, progress: new Map(), columns }));
    }
    const { window, values } = await planProgress(db, c.tree, c.office, today());
    return reply.render(PlanPage({ ctx: await req.view(), ...common, window, progress: values }));
  });

  stateRoutes(app, s);
  editRoutes(app, s);
  handRoutes(app, s);
}
