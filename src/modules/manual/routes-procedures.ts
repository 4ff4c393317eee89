import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { isAppError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { covered, forbidden, manages, mayWriteScope, officeView, writesCounty } from './access.js';
import { procedureSchema } from './model.js';
import { renderMarkdown } from './render.js';
import * as repo from './repo.js';
import { announceManualChange } from './search.js';
import * as manual from './service.js';
import { withOffice } from './views/common.js';
import { ManualHome, ProcedureForm, ProcedurePage, RevisionsPage } from './views/procedures.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

/** The work manual: list, read, write (knowledge.manage), revisions. */
export function procedureRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const view = { preHandler: requireStaff('knowledge.view') };
  const manage = { preHandler: requireStaff('knowledge.manage') };
  const guideNames = async (req: FastifyRequest) => new Map((await guidesService.listGuides(db, req.locale)).map((g) => [g.code, g.name]));

  /** A procedure the person may read: the county's, or one of an office they cover. */
  async function readable(req: FastifyRequest, id: number) {
    const p = await repo.procedureById(db, id);
    if (!p) return null;
    if (p.office_id !== null && !(await covered(db, req)).some((o) => o.id === p.office_id)) throw forbidden();
    return p;
  }

  /** The office the page was switched to (?office=, a form's hidden office), if the person covers it; '' for none. */
  const officeOf = async (req: FastifyRequest) => (await officeView(db, req)).picked?.code ?? '';

  app.get('/staff/manual', view, async (req, reply) => {
    const { officeIds, choice } = await officeView(db, req);
    const offices = await covered(db, req);
    const names = await guideNames(req);
    const rows = (await repo.procedures(db, officeIds)).map((p) => ({ id: p.id, code: p.guide_code, guideName: names.get(p.guide_code) ?? p.guide_code, title: p.title, office: offices.find((o) => o.id === p.office_id)?.name ?? null, revision: p.revision, updatedAt: p.updated_at }));
    return reply.render(ManualHome({ ctx: await req.view(), rows, canEdit: manages(req), choice }));
  });

  app.get('/staff/manual/procedures/:id', view, async (req, reply) => {
    const p = await readable(req, idParam.parse(req.params).id);
    if (!p) return reply.callNotFound();
    const office = (await covered(db, req)).find((o) => o.id === p.office_id)?.name ?? null;
    const rulings = (await manual.listRulings(db)).filter((r) => r.links.includes(p.guide_code)).map((r) => ({ id: r.id, number: r.number, subject: r.subject }));
    const html = { steps: renderMarkdown(p.steps), checks: renderMarkdown(p.checks), mistakes: renderMarkdown(p.mistakes), basis: renderMarkdown(p.basis) };
    const canEdit = await mayWriteScope(db, req, p.office_id);
    return reply.render(ProcedurePage({ ctx: await req.view(), p: { id: p.id, code: p.guide_code, title: p.title, office, revision: p.revision, html, rulings }, canEdit, office: await officeOf(req) }));
  });

  app.get('/staff/manual/procedures/:id/revisions', view, async (req, reply) => {
    const p = await readable(req, idParam.parse(req.params).id);
    if (!p) return reply.callNotFound();
    const revisions = await manual.revisionsWithDiffs(db, await repo.procedureRevs(db, p.id), (r) => ({ title: r.title, steps: r.steps, checks: r.checks, mistakes: r.mistakes, basis: r.basis }));
    return reply.render(RevisionsPage({ ctx: await req.view(), title: p.title, back: `/staff/manual/procedures/${p.id}`, revisions, office: await officeOf(req) }));
  });

  async function newForm(req: FastifyRequest, state: FormState) {
    const guides = [...(await guideNames(req))].map(([value, label]) => ({ value, label: `${label}（${value}）` }));
    const offices = await covered(db, req);
    const scopes = [...(writesCounty(req) ? [{ value: 'county', label: req.t('manual.scope.county') }] : []), ...offices.map((o) => ({ value: String(o.id), label: req.t('manual.scope.office', { office: o.name }) }))];
    return ProcedureForm({ ctx: await req.view(), state, action: '/staff/manual/procedures', guides, scopes, office: await officeOf(req) });
  }

  // the office the page was switched to, else the county's (county staff) or the person's own office; 全縣通用 stays on offer to county staff
  app.get('/staff/manual/procedures/new', manage, async (req, reply) => {
    const { picked } = await officeView(db, req);
    const scope = picked ? String(picked.id) : writesCounty(req) ? 'county' : String(principal(req).officeId ?? '');
    return reply.render(await newForm(req, { values: { scope }, errors: [] }));
  });

  app.post('/staff/manual/procedures', manage, async (req, reply) => {
    const parsed = parseForm(procedureSchema, req.body);
    if (!parsed.ok) return reply.render(await newForm(req, parsed.state), 422);
    const scope = parsed.data.scope ?? 'county';
    const officeId = scope === 'county' ? null : Number(scope);
    const values = formValues(req.body);
    if (!Number.isInteger(officeId ?? 0) || !(await mayWriteScope(db, req, officeId))) return reply.render(await newForm(req, { values, errors: [{ field: 'scope', key: 'manual.err.scope' }] }), 422);
    if (!(await guideNames(req)).has(parsed.data.guideCode)) return reply.render(await newForm(req, { values, errors: [{ field: 'guideCode', key: 'err.choice' }] }), 422);
    try {
      const id = await manual.saveProcedure(s.database, null, officeId, parsed.data, principal(req), s.clock());
      await announceManualChange(s);
      reply.flash('success', 'manual.saved');
      return reply.redirect(withOffice(`/staff/manual/procedures/${id}`, await officeOf(req)), 303);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      return reply.render(await newForm(req, { values, errors: [{ field: 'guideCode', key: err.messageKey }] }), 409);
    }
  });

  async function editForm(req: FastifyRequest, id: number, state: FormState) {
    return ProcedureForm({ ctx: await req.view(), state, action: `/staff/manual/procedures/${id}`, guides: null, scopes: null, office: await officeOf(req) });
  }

  app.get('/staff/manual/procedures/:id/edit', manage, async (req, reply) => {
    const p = await readable(req, idParam.parse(req.params).id);
    if (!p) return reply.callNotFound();
    if (!(await mayWriteScope(db, req, p.office_id))) throw forbidden();
    const values = { guideCode: p.guide_code, title: p.title, steps: p.steps, checks: p.checks, mistakes: p.mistakes, basis: p.basis, revision: String(p.revision) };
    return reply.render(await editForm(req, p.id, { values, errors: [] }));
  });

  app.post('/staff/manual/procedures/:id', manage, async (req, reply) => {
    const p = await readable(req, idParam.parse(req.params).id);
    if (!p) return reply.callNotFound();
    if (!(await mayWriteScope(db, req, p.office_id))) throw forbidden();
    const parsed = parseForm(procedureSchema, { ...(req.body as object), guideCode: p.guide_code });
    if (!parsed.ok) return reply.render(await editForm(req, p.id, parsed.state), 422);
    try {
      await manual.saveProcedure(s.database, p.id, p.office_id, parsed.data, principal(req), s.clock());
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      return reply.render(await editForm(req, p.id, { values: formValues(req.body), errors: [{ field: 'title', key: err.messageKey }] }), 409);
    }
    await announceManualChange(s);
    reply.flash('success', 'manual.saved');
    return reply.redirect(withOffice(`/staff/manual/procedures/${p.id}`, await officeOf(req)), 303);
  });
}
