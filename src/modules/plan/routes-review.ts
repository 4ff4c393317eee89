import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { ODS_MIME, toOds } from '../../platform/export/index.js';
import { type FormBody, formValues, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { loadPlan, type PlanContext } from './access.js';
import { buildPack, packAsOf, packMonth, type ReviewPack, readMeeting } from './pack.js';
import { ACTION_FILTERS, addAction, addSchema, closeAction, closeSchema, listActions, packActions } from './review-actions.js';
import { actionsSheet, measuresSheet, packFileTitle, packPdf } from './review-exports.js';
import { frozenPack, meetingSchema, saveMeeting } from './review-meeting.js';
import { ActionsPage } from './views/review-actions.js';
import { type ReviewPageProps, ReviewPage, reviewHref } from './views/review-pack.js';
import { reviewMonths } from './views/review-parts.js';

const viewQuery = z.object({ view: z.enum(['now', 'discussed']).optional().catch(undefined) });
const pickQuery = z.object({ month: z.string().max(7).optional().catch(undefined) });
const filterQuery = z.object({ filter: z.enum(ACTION_FILTERS).catch('all') });
const actionParam = z.object({ action: z.coerce.number().int().positive() });

interface Resolved {
  plan: PlanContext;
  month: string;
  today: string;
}

type Extra = Pick<ReviewPageProps, 'forms' | 'alert'>;

/** The monthly review pack (所務會議) with its meeting and action items, and the plan's list of action items. */
export function reviewRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const staff = { preHandler: requireStaff('plan.view') };
  const notFound = () => new AppError('not_found', 'error.notFound.title');
  const today = () => taipeiToday(s.clock());
  /** The review a plan offers first: this month, or December of a year gone by; none for a year still to come. */
  const latestMonth = (year: number) => {
    const now = today().slice(0, 7);
    return `${year}` > now.slice(0, 4) ? null : `${year}` === now.slice(0, 4) ? now : `${year}-12`;
  };

  /** The plan (read, or the capability asked for) and a month of its year that has begun. */
  async function resolve(req: FastifyRequest, capability: 'plan.view' | 'plan.edit' = 'plan.view'): Promise<Resolved> {
    const plan = await loadPlan(db, req, capability);
    const month = String((req.params as Record<string, unknown>).month ?? '');
    const day = today();
    packMonth(month, plan.tree.plan.year);
    if (month > day.slice(0, 7)) throw notFound();
    return { plan, month, today: day };
  }

  const planRef = (r: Resolved) => ({ id: r.plan.tree.plan.id, countyId: r.plan.tree.plan.countyId, officeId: r.plan.tree.plan.officeId });

  /** The figures frozen at the meeting (the default once there is one), or the current ones; actions and minutes always as they are. */
  async function packOf(r: Resolved, asked: 'now' | 'discussed' | undefined): Promise<{ pack: ReviewPack; frozenAt: string | null; view: 'now' | 'discussed' }> {
    const id = r.plan.tree.plan.id;
    const frozen = await frozenPack(db, id, r.month);
    if (!frozen || asked === 'now') return { pack: await buildPack(db, id, r.month, r.today), frozenAt: frozen?.takenAt ?? null, view: 'now' };
    const asOf = packAsOf(packMonth(r.month, r.plan.tree.plan.year), r.today);
    const [actions, meeting] = await Promise.all([packActions(db, id, r.month, asOf), readMeeting(db, id, r.month)]);
    return { pack: { ...frozen.pack, actions, meeting }, frozenAt: frozen.takenAt, view: 'discussed' };
  }

  async function page(req: FastifyRequest, r: Resolved, extra: Extra = {}) {
    const asked = viewQuery.parse(req.query ?? {}).view;
    const p = await packOf(r, asked);
    return ReviewPage({
      ctx: await req.view(),
      ...p,
      months: reviewMonths(r.plan.tree.plan.year, r.today.slice(0, 7)),
      canEdit: can(principal(req).role, 'plan.edit'),
      ...extra,
    });
  }

  const again = async (req: FastifyRequest, reply: FastifyReply, r: Resolved, extra: Extra, status: number) => reply.render(await page(req, r, extra), status);

  app.get('/staff/plan/:plan/review', staff, async (req, reply) => {
    const { tree } = await loadPlan(db, req);
    const asked = pickQuery.parse(req.query ?? {}).month;
    const month = asked && asked.slice(0, 4) === String(tree.plan.year) ? asked : latestMonth(tree.plan.year);
    if (!month) throw notFound();
    return reply.redirect(reviewHref(tree.plan.id, month), 303);
  });

  app.get('/staff/plan/:plan/review/:month', staff, async (req, reply) => reply.render(await page(req, await resolve(req))));

  app.get('/staff/plan/:plan/review/:month/pack.ods', staff, async (req, reply) => {
    const r = await resolve(req);
    const { pack } = await packOf(r, viewQuery.parse(req.query ?? {}).view);
    const ods = toOds([measuresSheet(pack, req.t, req.locale), actionsSheet(pack, req.t, req.locale)], { title: packFileTitle(pack, req.t, req.locale), now: s.clock() });
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="review-${pack.plan.id}-${r.month}.ods"`).send(Buffer.from(ods));
  });

  app.get('/staff/plan/:plan/review/:month/pack.pdf', staff, async (req, reply) => {
    const r = await resolve(req);
    const { pack, frozenAt, view } = await packOf(r, viewQuery.parse(req.query ?? {}).view);
    const pdf = await packPdf(pack, req.t, req.locale, view === 'discussed' ? frozenAt : null);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="review-${pack.plan.id}-${r.month}.pdf"`).send(pdf);
  });

  app.post('/staff/plan/:plan/review/:month/meeting', staff, async (req, reply) => {
    const r = await resolve(req, 'plan.edit');
    const parsed = parseForm(meetingSchema, req.body);
    if (!parsed.ok) return again(req, reply, r, { forms: { meeting: parsed.state } }, 422);
    try {
      // the figures as they stand when the meeting is first saved are what it discussed
      const pack = await buildPack(db, r.plan.tree.plan.id, r.month, r.today);
      await saveMeeting(s.database, planRef(r), pack, parsed.data, r.today, principal(req), req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return again(req, reply, r, { forms: { meeting: { values: parsed.values, errors: err.fields } } }, 422);
      throw err;
    }
    reply.flash('success', 'plan.review.flash.meeting');
    return reply.redirect(reviewHref(r.plan.tree.plan.id, r.month), 303);
  });

  app.post('/staff/plan/:plan/review/:month/actions', staff, async (req, reply) => {
    const r = await resolve(req, 'plan.edit');
    const parsed = parseForm(addSchema, req.body);
    if (!parsed.ok) return again(req, reply, r, { forms: { add: parsed.state } }, 422);
    try {
      await addAction(s.database, planRef(r), r.month, parsed.data, principal(req), req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return again(req, reply, r, { forms: { add: { values: parsed.values, errors: err.fields } } }, 422);
      throw err;
    }
    reply.flash('success', 'plan.review.flash.added');
    return reply.redirect(reviewHref(r.plan.tree.plan.id, r.month), 303);
  });

  app.post('/staff/plan/:plan/review/:month/actions/:action/close', staff, async (req, reply) => {
    const r = await resolve(req, 'plan.edit');
    const p = actionParam.safeParse(req.params);
    if (!p.success) throw notFound();
    const id = p.data.action;
    // each open action has its own form, its fields named after it: read them as one closing
    const body = (req.body ?? {}) as FormBody;
    const parsed = parseForm(closeSchema, { state: body[`state_${id}`], note: body[`note_${id}`] });
    const own = (state: FormState): FormState => ({
      values: formValues(body),
      errors: state.errors.map((e) => ({ ...e, field: `${e.field}_${id}` })),
    });
    if (!parsed.ok) return again(req, reply, r, { forms: { close: { id, state: own(parsed.state) } } }, 422);
    try {
      await closeAction(s.database, planRef(r), id, r.month, parsed.data, principal(req), req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return again(req, reply, r, { alert: req.t(err.messageKey) }, 409);
      throw err;
    }
    reply.flash('success', 'plan.review.flash.closed');
    return reply.redirect(reviewHref(r.plan.tree.plan.id, r.month), 303);
  });

  app.get('/staff/plan/:plan/actions', staff, async (req, reply) => {
    const { tree } = await loadPlan(db, req);
    const { filter } = filterQuery.parse(req.query ?? {});
    const actions = await listActions(db, tree.plan.id, filter, today());
    return reply.render(ActionsPage({ ctx: await req.view(), plan: { id: tree.plan.id, title: tree.plan.title }, backMonth: latestMonth(tree.plan.year), filter, actions }));
  });
}
