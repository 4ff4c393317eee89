import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/guard.js';
import { AppError, type FieldError, isAppError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { readMultipart } from '../../platform/http/multipart.js';
import { emptyForm, type FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { loadPlan, type PlanContext } from './access.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from './files.js';
import type { Measure, PlanItem } from './model.js';
import { handSchema } from './plan-forms.js';
import { handMonths, saveHandValue } from './plan-hand.js';
import { navCan, refusal } from './plan-http.js';
import * as repo from './plan-repo.js';
import { HandPage } from './views/plan-hand.js';

/** A hand-entered measure: its months' values with their evidence, and the form that enters or replaces one. */
export function handRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;

  function handMeasure(c: PlanContext, req: FastifyRequest): { item: PlanItem; measure: Measure } {
    const id = Number((req.params as { measure?: string }).measure);
    for (const item of c.tree.flat) {
      const measure = item.measures.find((m) => m.id === id && m.indicatorKey === null);
      if (measure) return { item, measure };
    }
    throw new AppError('not_found', 'error.notFound.title');
  }

  async function page(req: FastifyRequest, c: PlanContext, state?: FormState, alert?: string) {
    const { item, measure } = handMeasure(c, req);
    const months = handMonths(c.tree.plan.year, s.clock());
    return HandPage({
      ctx: await req.view(),
      plan: c.tree.plan,
      item,
      measure,
      months,
      entries: await repo.handValues(db, measure.id),
      canEdit: navCan(c.staff, c.tree.plan).edit,
      state: state ?? emptyForm({ month: months.at(-1) ?? '' }),
      alert,
    });
  }

  app.get('/staff/plan/:plan/hand/:measure', { preHandler: requireStaff('plan.view') }, async (req, reply) => reply.render(await page(req, await loadPlan(db, req))));

  app.post('/staff/plan/:plan/hand/:measure', { preHandler: requireStaff('plan.edit'), config: { csrf: 'manual' } }, async (req, reply) => {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: EVIDENCE_MAX_BYTES, allowed: EVIDENCE_TYPES });
    req.assertCsrf(form.fields._csrf);
    const c = await loadPlan(db, req, 'plan.edit');
    const { measure } = handMeasure(c, req);
    const parsed = parseForm(handSchema, form.fields);
    const values = formValues(form.fields);
    const errors: FieldError[] = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'file', key: `plan.err.file.${form.fileError}` });
    if (!parsed.ok || errors.length) return reply.render(await page(req, c, { values, errors }), 422);
    const file = form.files[0] ? { filename: form.files[0].filename, mime: form.files[0].mime, bytes: form.files[0].bytes } : null;
    try {
      await saveHandValue(s.database, c.tree.plan, measure, { ...parsed.data, file }, c.staff, req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await page(req, c, { values, errors: err.fields }), 422);
      if (isAppError(err) && err.code === 'conflict') return reply.render(await page(req, c, { values, errors: [] }, refusal(req, err)), 409);
      throw err;
    }
    reply.flash('success', 'plan.flash.handSaved');
    return reply.redirect(`/staff/plan/${c.tree.plan.id}/hand/${measure.id}`, 303);
  });
}
