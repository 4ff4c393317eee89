import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { type Capability, can, type StaffPrincipal } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { type PlanContext, loadPlan } from './access.js';
import { comparisonSheet, countyComparison } from './eval-county.js';
import { evalFileTitle, evaluationPdf, measuresSheet, scoresSheet } from './eval-exports.js';
import { readCountyForm, readSelfForm } from './eval-form.js';
import { buildEvaluation, type EvalModel } from './eval-model.js';
import { type EvalOffice, reviewEvaluation, saveSelf, submitEvaluation } from './eval-service.js';
import { CountyEvalPage } from './views/eval-county.js';
import { type EvalPageProps, EvalPage, evalHref } from './views/eval-page.js';

type EvalContext = PlanContext & { office: EvalOffice };

const yearQuery = z.object({ year: z.coerce.number().int().min(1912).max(9999).optional().catch(undefined) });

/** Self-evaluation, the county's review and the county's comparison of offices item by item. */
export function evalRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const edit = { preHandler: requireStaff('plan.edit') };
  const review = { preHandler: requireStaff('plan.review') };

  /** An office's plan this person may read (the county's own plan has no self-evaluation: 404). */
  async function load(req: FastifyRequest, capability: Capability): Promise<EvalContext> {
    const c = await loadPlan(db, req, capability);
    if (!c.office) throw new AppError('not_found', 'error.notFound.title');
    return { ...c, office: c.office };
  }
  const modelOf = (c: EvalContext) => buildEvaluation(db, c.tree, c.office, taipeiToday(s.clock()));
  const canOf = (staff: StaffPrincipal) => ({ edit: can(staff.role, 'plan.edit'), submit: can(staff.role, 'plan.submit'), review: can(staff.role, 'plan.review') });
  const who = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });

  async function page(req: FastifyRequest, c: EvalContext, extra: Pick<EvalPageProps, 'self' | 'county' | 'alert'> = {}) {
    return EvalPage({ ctx: await req.view(), model: await modelOf(c), can: canOf(c.staff), ...extra });
  }

  /** A rule that said no: the page again with the message beside nothing in particular (a lost race says what the state is now). */
  async function refused(req: FastifyRequest, reply: FastifyReply, c: EvalContext, err: AppError) {
    const state = err.params.state;
    const alert = req.t(err.messageKey, state !== undefined ? { state: req.t(`plan.eval.state.${state}`) } : err.params);
    return reply.render(await page(req, c, { alert }), 409);
  }
  const ours = (err: unknown, code: 'validation' | 'conflict'): err is AppError => isAppError(err) && err.code === code && err.messageKey.startsWith('plan.eval.');

  app.get('/staff/plan/:plan/evaluation', view, async (req, reply) => reply.render(await page(req, await load(req, 'plan.view'))));

  app.post('/staff/plan/:plan/evaluation', edit, async (req, reply) => {
    const c = await load(req, 'plan.edit');
    const m = await modelOf(c);
    const form = readSelfForm(
      req.body,
      m.items,
      m.files.map((f) => f.id),
    );
    if (form.op === 'submit' && !can(c.staff.role, 'plan.submit')) throw new AppError('forbidden', 'error.forbidden.title');
    if (!form.ok) return reply.render(await page(req, c, { self: form.state }), 422);
    try {
      if (form.op === 'submit') await submitEvaluation(s.database, c.tree.plan.id, c.office, form.input, who(req));
      else await saveSelf(s.database, c.tree.plan.id, c.office, form.input, who(req));
    } catch (err) {
      if (ours(err, 'validation')) return reply.render(await page(req, c, { self: { values: form.values, errors: err.fields } }), 422);
      if (ours(err, 'conflict')) return refused(req, reply, c, err);
      throw err;
    }
    reply.flash('success', form.op === 'submit' ? 'plan.eval.flash.submitted' : 'plan.eval.flash.saved');
    return reply.redirect(evalHref(c.tree.plan.id), 303);
  });

  app.post('/staff/plan/:plan/evaluation/review', review, async (req, reply) => {
    const c = await load(req, 'plan.review');
    const m = await modelOf(c);
    const form = readCountyForm(req.body, m.items);
    if (!form.ok) return reply.render(await page(req, c, { county: form.state }), 422);
    try {
      await reviewEvaluation(s.database, c.tree.plan.id, c.office, form.input, form.op, who(req));
    } catch (err) {
      if (ours(err, 'validation')) return reply.render(await page(req, c, { county: { values: form.values, errors: err.fields } }), 422);
      if (ours(err, 'conflict')) return refused(req, reply, c, err);
      throw err;
    }
    reply.flash('success', `plan.eval.flash.${form.op}`);
    return reply.redirect(evalHref(c.tree.plan.id), 303);
  });

  fileRoutes(app, s, load, modelOf);
  countyRoutes(app, s);
}

/** The self-evaluation pack as files: what the page shows, frozen figures once submitted. */
function fileRoutes(app: FastifyInstance, s: AppServices, load: (req: FastifyRequest, c: Capability) => Promise<EvalContext>, modelOf: (c: EvalContext) => Promise<EvalModel>): void {
  const view = { preHandler: requireStaff('plan.view') };
  const fileName = (c: EvalContext, ext: string) => `evaluation-${c.office.code}-${c.tree.plan.year}.${ext}`;

  app.get('/staff/plan/:plan/evaluation.ods', view, async (req, reply) => {
    const c = await load(req, 'plan.view');
    const m = await modelOf(c);
    const ods = toOds([scoresSheet(m, req.t), measuresSheet(m, req.t, req.locale)], { title: evalFileTitle(m, req.t), now: s.clock() });
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="${fileName(c, 'ods')}"`).send(Buffer.from(ods));
  });

  app.get('/staff/plan/:plan/evaluation.pdf', view, async (req, reply) => {
    const c = await load(req, 'plan.view');
    const pdf = await evaluationPdf(await modelOf(c), req.t, req.locale);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName(c, 'pdf')}"`).send(pdf);
  });

}

/** The county's table of offices side by side, and its files. */
function countyRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const review = { preHandler: requireStaff('plan.review') };

  async function load(req: FastifyRequest) {
    const year = yearQuery.parse(req.query ?? {}).year ?? Number(taipeiToday(s.clock()).slice(0, 4));
    const offices = await staffOffices(db, req);
    // a system admin works for no county: the county of the offices there are
    const countyId = principal(req).countyId ?? offices[0]?.countyId;
    if (countyId === undefined) throw new AppError('forbidden', 'error.forbidden.title');
    const mine = offices.filter((o) => o.countyId === countyId).map((o) => ({ id: o.id, code: o.code, name: o.name }));
    return { countyId, year, comparison: await countyComparison(db, countyId, mine, year) };
  }

  app.get('/staff/plan/county', review, async (req, reply) => {
    const { countyId, year, comparison } = await load(req);
    const planned = await db.selectFrom('plan').select('year').distinct().where('county_id', '=', countyId).execute();
    const years = [...new Set([Number(taipeiToday(s.clock()).slice(0, 4)), year, ...planned.map((p) => p.year)])].sort((a, b) => b - a);
    return reply.render(CountyEvalPage({ ctx: await req.view(), comparison, years }));
  });

  app.get('/staff/plan/county.csv', review, async (req, reply) => {
    const { year, comparison } = await load(req);
    const sheet = comparisonSheet(comparison, req.t, req.locale);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="plan-evaluations-${year}.csv"`).send(toCsv(sheet.headers, sheet.rows));
  });

  app.get('/staff/plan/county.ods', review, async (req, reply) => {
    const { year, comparison } = await load(req);
    const sheet = comparisonSheet(comparison, req.t, req.locale);
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="plan-evaluations-${year}.ods"`)
      .send(Buffer.from(toOds([sheet], { title: sheet.name, now: s.clock() })));
  });
}
