import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { awardRoutes } from './registers-awards-routes.js';
import { checkRoutes } from './registers-checks-routes.js';
import { idParam, type RegisterScope, registerScope } from './registers-common.js';
import { attachmentHeader, evidenceFor } from './registers-files.js';
import { recordReview, reviewInput, reviewSchema, reviewsOf } from './registers-process.js';
import { proposalRoutes } from './registers-proposals-routes.js';
import { registerHref } from './views/registers-parts.js';
import { type GuideChoice, ProcessReviewsPage } from './views/registers-process.js';

/** Spot checks and defects, proposals, process reviews, awards, and the evidence files behind them. */
export function registerRoutes(app: FastifyInstance, s: AppServices): void {
  checkRoutes(app, s);
  proposalRoutes(app, s);
  processRoutes(app, s);
  awardRoutes(app, s);
  fileRoutes(app, s);
}

/** 流程、書表檢討: everyone reads; supervisors and up record. */
function processRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  const edit = { preHandler: requireStaff('plan.edit') };
  const today = () => taipeiToday(s.clock());

  /** The office's own guides in force, or the county library's while it has none. */
  const guidesOf = async (req: FastifyRequest, officeId: number): Promise<GuideChoice[]> =>
    (await guidesService.officeGuideList(db, officeId, req.locale)).guides.map((g) => ({ code: g.code, name: g.name }));

  async function page(req: FastifyRequest, scope: RegisterScope, state?: FormState) {
    return ProcessReviewsPage({
      ctx: await req.view(),
      scope,
      rows: await reviewsOf(db, scope.office.id, scope.year),
      guides: await guidesOf(req, scope.office.id),
      canEdit: can(principal(req).role, 'plan.edit'),
      state,
    });
  }

  app.get('/staff/plan/process-reviews', view, async (req, reply) => reply.render(await page(req, await registerScope(db, req, s.clock()))));

  app.post('/staff/plan/process-reviews', edit, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const scope = await registerScope(db, req, s.clock(), body);
    const parsed = parseForm(reviewSchema(today), body);
    if (!parsed.ok) return reply.render(await page(req, scope, parsed.state), 422);
    const input = reviewInput(parsed.data as Parameters<typeof reviewInput>[0]);
    if (input.guideCode && !(await guidesOf(req, scope.office.id)).some((g) => g.code === input.guideCode)) {
      return reply.render(await page(req, scope, { values: parsed.values, errors: [{ field: 'guide', key: 'err.choice' }] }), 422);
    }
    await recordReview(s.database, scope.office, input, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.process.saved');
    return reply.redirect(registerHref('process-reviews', { office: scope.office, year: Number(input.reviewedOn.slice(0, 4)) }), 303);
  });
}

/** Evidence downloads: only for people who may read that office's (or county's) plan; 404 for everyone else. */
function fileRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  app.get('/staff/plan/files/:file', { preHandler: requireStaff('plan.view') }, async (req, reply) => {
    const f = await evidenceFor(db, principal(req), idParam(req.params, 'file'));
    return reply
      .type(f.mime)
      .header('content-disposition', attachmentHeader(f.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(f.bytes);
  });
}
