import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { formatRocDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { loadPlan, type PlanContext } from './access.js';
import { dateSchema, fileSchema } from './plan-forms.js';
import { navCan, officeName, refusal, reviewMonth } from './plan-http.js';
import * as repo from './plan-repo.js';
import { readSnapshot } from './plan-snapshot.js';
import { movePlan, NEXT, type Step } from './plan-state.js';
import { RevisionsPage, SnapshotPage } from './views/plan-revisions.js';
import { StatePage } from './views/plan-state.js';

/** The plan's state (filed with the county, published, closed) and its revisions. */
export function stateRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const submit = { preHandler: requireStaff('plan.submit') };
  const today = () => taipeiToday(s.clock());

  // ---- its state: filed with the county, published, closed ----------------

  async function statePage(req: FastifyRequest, c: PlanContext, state?: FormState, alert?: string) {
    const on = formatRocDate(today(), 'slash');
    return StatePage({ ctx: await req.view(), tree: c.tree, officeName: officeName(c), can: navCan(c.staff, c.tree.plan), month: reviewMonth(c.tree.plan, today()), state: state ?? emptyForm({ on }), alert });
  }

  app.get('/staff/plan/:plan/state', view, async (req, reply) => reply.render(await statePage(req, await loadPlan(db, req))));

  app.post('/staff/plan/:plan/state', submit, async (req, reply) => {
    const c = await loadPlan(db, req, 'plan.submit');
    const next = NEXT[c.tree.plan.state];
    const to = (req.body as { to?: unknown } | undefined)?.to;
    if (!next || to !== next) return reply.render(await statePage(req, c, undefined, refusal(req, new AppError('conflict', 'plan.err.stateChanged', { params: { state: c.tree.plan.state } }))), 409);
    const parsed = next === 'filed' ? parseForm(fileSchema, req.body) : parseForm(dateSchema, req.body);
    if (!parsed.ok) return reply.render(await statePage(req, c, parsed.state), 422);
    const step = (next === 'filed' ? { to: next, ...parsed.data } : { to: next, on: parsed.data.on }) as Step;
    try {
      await movePlan(s.database, c.tree.plan.id, step, c.staff, req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await statePage(req, c, { values: parsed.values, errors: err.fields }), 422);
      if (isAppError(err) && err.code === 'conflict') return reply.render(await statePage(req, c, undefined, refusal(req, err)), 409);
      throw err;
    }
    reply.flash('success', `plan.flash.${next}`);
    return reply.redirect(`/staff/plan/${c.tree.plan.id}`, 303);
  });

  // ---- revisions --------------------------------------------------------------

  app.get('/staff/plan/:plan/revisions', view, async (req, reply) => {
    const c = await loadPlan(db, req);
    const rows = await repo.revisionsOf(db, c.tree.plan.id);
    return reply.render(RevisionsPage({ ctx: await req.view(), plan: c.tree.plan, officeName: officeName(c), rows, can: navCan(c.staff, c.tree.plan), month: reviewMonth(c.tree.plan, today()) }));
  });

  app.get('/staff/plan/:plan/revisions/:rev', view, async (req: FastifyRequest, reply: FastifyReply) => {
    const c = await loadPlan(db, req);
    const rev = z.object({ rev: z.coerce.number().int().positive().max(1_000_000) }).safeParse(req.params);
    const row = rev.success ? await repo.revisionOf(db, c.tree.plan.id, rev.data.rev) : undefined;
    if (!row) throw new AppError('not_found', 'error.notFound.title');
    return reply.render(SnapshotPage({ ctx: await req.view(), plan: c.tree.plan, officeName: officeName(c), row, snap: readSnapshot(row.snapshot) }));
  });

}
