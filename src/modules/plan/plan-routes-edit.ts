import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { loadPlan, type PlanContext } from './access.js';
import type { Measure, PlanItem } from './model.js';
import { savePlanFields } from './plan-edit.js';
import { itemSchema, measureSchema, planFieldsSchema } from './plan-forms.js';
import { bodyReason, editor, navCan, officeName, reasonOf, refusal, reviewMonth } from './plan-http.js';
import { addItem, deleteItem, moveItem, saveItem } from './plan-items.js';
import { addMeasure, deleteMeasure, measureInput, saveMeasure } from './plan-measures.js';
import { PlanEditPage, withReason } from './views/plan-edit.js';
import { ItemPage, savedItem } from './views/plan-item.js';
import { MeasurePage, savedMeasure } from './views/plan-measure.js';

const idOf = (req: FastifyRequest, name: string): number | null => {
  const v = Number((req.params as Record<string, string | undefined>)[name]);
  return Number.isSafeInteger(v) && v > 0 ? v : null;
};
const notFound = () => new AppError('not_found', 'error.notFound.title');
const parentQuery = z.object({ parent: z.coerce.number().int().positive().optional().catch(undefined) });

/** Editing the plan: its fields, its items (add, edit, move, delete) and their measures. Every save is a revision. */
export function editRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('plan.edit') };
  const load = (req: FastifyRequest) => loadPlan(db, req, 'plan.edit');
  const today = () => taipeiToday(s.clock());
  const base = (c: PlanContext) => `/staff/plan/${c.tree.plan.id}`;

  function itemIn(c: PlanContext, id: number | null): PlanItem {
    const item = c.tree.flat.find((i) => i.id === id);
    if (!item) throw notFound();
    return item;
  }
  function measureIn(c: PlanContext, id: number | null): { item: PlanItem; measure: Measure } {
    for (const item of c.tree.flat) {
      const measure = item.measures.find((m) => m.id === id);
      if (measure) return { item, measure };
    }
    throw notFound();
  }

  async function editPage(req: FastifyRequest, c: PlanContext, opts: { fields?: FormState; alert?: string; reason?: string | null } = {}) {
    const { plan } = c.tree;
    const reason = opts.reason === undefined ? reasonOf(req) : opts.reason;
    const asked = Object.hasOwn((req.query as object) ?? {}, 'reason');
    const gate: FormState = asked && !reason ? { values: { reason: '' }, errors: [{ field: 'reason', key: 'plan.err.reasonRequired' }] } : emptyForm();
    const fields = opts.fields ?? emptyForm({ title: plan.title, basis: plan.basis, goals: plan.goals, reason: reason ?? '' });
    return PlanEditPage({ ctx: await req.view(), tree: c.tree, officeName: officeName(c), can: navCan(c.staff, plan), month: reviewMonth(plan, today()), reason, fields, gate, alert: opts.alert });
  }

  /** A failed save: the form again with the messages beside the fields (422), or the rule that said no (409). */
  async function failed(req: FastifyRequest, reply: FastifyReply, err: unknown, form: (state: FormState | undefined, alert?: string) => Promise<Parameters<FastifyReply['render']>[0]>, values: Record<string, string | undefined>) {
    if (isAppError(err) && err.code === 'validation') return reply.render(await form({ values, errors: err.fields.length ? err.fields : [{ field: '_form', key: err.messageKey }] }), 422);
    if (isAppError(err) && err.code === 'conflict') return reply.render(await form({ values, errors: [] }, refusal(req, err)), 409);
    throw err;
  }

  app.get('/staff/plan/:plan/edit', guard, async (req, reply) => reply.render(await editPage(req, await load(req))));

  app.post('/staff/plan/:plan/edit', guard, async (req, reply) => {
    const c = await load(req);
    const parsed = parseForm(planFieldsSchema, req.body);
    const page = (fields: FormState | undefined, alert?: string) => editPage(req, c, { ...(fields ? { fields } : {}), ...(alert ? { alert } : {}), reason: bodyReason(req.body) });
    if (!parsed.ok) return reply.render(await page(parsed.state), 422);
    try {
      await savePlanFields(s.database, c.tree.plan.id, parsed.data, editor(req, c.staff, s.clock(), parsed.data.reason));
    } catch (err) {
      return failed(req, reply, err, page, parsed.values);
    }
    reply.flash('success', 'plan.flash.saved');
    return reply.redirect(withReason(`${base(c)}/edit`, parsed.data.reason), 303);
  });

  // ---- items ------------------------------------------------------------------

  async function itemPage(req: FastifyRequest, c: PlanContext, item: PlanItem | null, parent: PlanItem | null, state?: FormState, alert?: string) {
    const reason = reasonOf(req) ?? bodyReason(req.body);
    return ItemPage({ ctx: await req.view(), plan: c.tree.plan, item, parent, reason, state: state ?? (item ? savedItem(item, reason) : emptyForm({ reason: reason ?? '' })), alert });
  }

  const parentOf = (req: FastifyRequest, c: PlanContext) => {
    const p = parentQuery.parse(req.query ?? {}).parent;
    return p === undefined ? null : itemIn(c, p);
  };

  app.get('/staff/plan/:plan/items/new', guard, async (req, reply) => {
    const c = await load(req);
    return reply.render(await itemPage(req, c, null, parentOf(req, c)));
  });

  app.post('/staff/plan/:plan/items', guard, async (req, reply) => {
    const c = await load(req);
    const parent = parentOf(req, c);
    const parsed = parseForm(itemSchema, req.body);
    const page = (state: FormState | undefined, alert?: string) => itemPage(req, c, null, parent, state ?? (parsed.ok ? undefined : parsed.state), alert);
    if (!parsed.ok) return reply.render(await page(parsed.state), 422);
    try {
      const id = await addItem(s.database, c.tree.plan.id, parent?.id ?? null, parsed.data, editor(req, c.staff, s.clock(), parsed.data.reason));
      reply.flash('success', 'plan.flash.itemAdded');
      return reply.redirect(withReason(`${base(c)}/items/${id}`, parsed.data.reason), 303);
    } catch (err) {
      return failed(req, reply, err, page, parsed.values);
    }
  });

  app.get('/staff/plan/:plan/items/:item', guard, async (req, reply) => {
    const c = await load(req);
    return reply.render(await itemPage(req, c, itemIn(c, idOf(req, 'item')), null));
  });

  app.post('/staff/plan/:plan/items/:item', guard, async (req, reply) => {
    const c = await load(req);
    const item = itemIn(c, idOf(req, 'item'));
    const parsed = parseForm(itemSchema, req.body);
    const page = (state: FormState | undefined, alert?: string) => itemPage(req, c, item, null, state, alert);
    if (!parsed.ok) return reply.render(await page(parsed.state), 422);
    try {
      await saveItem(s.database, c.tree.plan.id, item.id, parsed.data, editor(req, c.staff, s.clock(), parsed.data.reason));
    } catch (err) {
      return failed(req, reply, err, page, parsed.values);
    }
    reply.flash('success', 'plan.flash.saved');
    return reply.redirect(withReason(`${base(c)}/edit`, parsed.data.reason), 303);
  });

  /** Move and delete are buttons on the edit page: a refusal comes back there, in words. */
  async function button(req: FastifyRequest, reply: FastifyReply, c: PlanContext, run: (reason: string | null) => Promise<void>, flash: string) {
    const reason = bodyReason(req.body);
    try {
      await run(reason);
    } catch (err) {
      if (isAppError(err) && (err.code === 'conflict' || err.code === 'validation')) return reply.render(await editPage(req, c, { alert: refusal(req, err), reason }), err.code === 'conflict' ? 409 : 422);
      throw err;
    }
    reply.flash('success', flash);
    return reply.redirect(withReason(`${base(c)}/edit`, reason), 303);
  }

  app.post('/staff/plan/:plan/items/:item/move', guard, async (req, reply) => {
    const c = await load(req);
    const item = itemIn(c, idOf(req, 'item'));
    const dir = z.enum(['up', 'down']).safeParse((req.body as { dir?: unknown } | undefined)?.dir);
    if (!dir.success) throw new AppError('bad_request', 'err.invalid');
    return button(req, reply, c, (reason) => moveItem(s.database, c.tree.plan.id, item.id, dir.data, editor(req, c.staff, s.clock(), reason)), 'plan.flash.moved');
  });

  app.post('/staff/plan/:plan/items/:item/delete', guard, async (req, reply) => {
    const c = await load(req);
    const item = itemIn(c, idOf(req, 'item'));
    return button(req, reply, c, (reason) => deleteItem(s.database, c.tree.plan.id, item.id, editor(req, c.staff, s.clock(), reason)), 'plan.flash.itemDeleted');
  });

  measureRoutes(app, s, { load, itemIn, measureIn, failed, button });
}

interface Helpers {
  load: (req: FastifyRequest) => Promise<PlanContext>;
  itemIn: (c: PlanContext, id: number | null) => PlanItem;
  measureIn: (c: PlanContext, id: number | null) => { item: PlanItem; measure: Measure };
  failed: (req: FastifyRequest, reply: FastifyReply, err: unknown, form: (state: FormState | undefined, alert?: string) => Promise<Parameters<FastifyReply['render']>[0]>, values: Record<string, string | undefined>) => Promise<FastifyReply>;
  button: (req: FastifyRequest, reply: FastifyReply, c: PlanContext, run: (reason: string | null) => Promise<void>, flash: string) => Promise<FastifyReply>;
}

function measureRoutes(app: FastifyInstance, s: AppServices, h: Helpers): void {
  const guard = { preHandler: requireStaff('plan.edit') };
  const base = (c: PlanContext) => `/staff/plan/${c.tree.plan.id}`;

  async function measurePage(req: FastifyRequest, c: PlanContext, item: PlanItem, measure: Measure | null, state?: FormState, alert?: string) {
    const reason = reasonOf(req) ?? bodyReason(req.body);
    const start = measure ? savedMeasure(measure, reason) : emptyForm({ kind: 'indicator', reason: reason ?? '' });
    return MeasurePage({ ctx: await req.view(), plan: c.tree.plan, item, measure, reason, state: state ?? start, alert });
  }

  /** The form read and checked: the schema, then the registry (an unknown indicator is refused beside the select). */
  function readMeasure(body: unknown) {
    const parsed = parseForm(measureSchema, body);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true as const, input: measureInput(parsed.data), reason: parsed.data.reason, values: parsed.values };
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return { ok: false as const, state: { values: parsed.values, errors: err.fields } };
      throw err;
    }
  }

  app.get('/staff/plan/:plan/items/:item/measures/new', guard, async (req, reply) => {
    const c = await h.load(req);
    return reply.render(await measurePage(req, c, h.itemIn(c, idOf(req, 'item')), null));
  });

  app.post('/staff/plan/:plan/items/:item/measures', guard, async (req, reply) => {
    const c = await h.load(req);
    const item = h.itemIn(c, idOf(req, 'item'));
    const form = readMeasure(req.body);
    const page = (state: FormState | undefined, alert?: string) => measurePage(req, c, item, null, state, alert);
    if (!form.ok) return reply.render(await page(form.state), 422);
    try {
      await addMeasure(s.database, c.tree.plan.id, item.id, form.input, editor(req, c.staff, s.clock(), form.reason));
    } catch (err) {
      return h.failed(req, reply, err, page, form.values);
    }
    reply.flash('success', 'plan.flash.measureAdded');
    return reply.redirect(withReason(`${base(c)}/items/${item.id}`, form.reason), 303);
  });

  app.get('/staff/plan/:plan/measures/:measure', guard, async (req, reply) => {
    const c = await h.load(req);
    const { item, measure } = h.measureIn(c, idOf(req, 'measure'));
    return reply.render(await measurePage(req, c, item, measure));
  });

  app.post('/staff/plan/:plan/measures/:measure', guard, async (req, reply) => {
    const c = await h.load(req);
    const { item, measure } = h.measureIn(c, idOf(req, 'measure'));
    const form = readMeasure(req.body);
    const page = (state: FormState | undefined, alert?: string) => measurePage(req, c, item, measure, state, alert);
    if (!form.ok) return reply.render(await page(form.state), 422);
    try {
      await saveMeasure(s.database, c.tree.plan.id, measure.id, form.input, editor(req, c.staff, s.clock(), form.reason));
    } catch (err) {
      return h.failed(req, reply, err, page, form.values);
    }
    reply.flash('success', 'plan.flash.saved');
    return reply.redirect(withReason(`${base(c)}/items/${item.id}`, form.reason), 303);
  });

  app.post('/staff/plan/:plan/measures/:measure/delete', guard, async (req, reply) => {
    const c = await h.load(req);
    const { measure } = h.measureIn(c, idOf(req, 'measure'));
    return h.button(req, reply, c, (reason) => deleteMeasure(s.database, c.tree.plan.id, measure.id, editor(req, c.staff, s.clock(), reason)), 'plan.flash.measureDeleted');
  });
}
