import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { FORMS, type FormCode, isFormCode } from './defs.js';
import { draftSchema, printSchema } from './schema.js';
import * as forms from './service.js';
import { DraftSavedPage, FormPage, IndexPage, OpenDraftPage } from './views.js';

/** Public POSTs (print, save a draft) and draft look-ups by code are limited per address, like other public forms. */
const POST_LIMIT = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };
const LOOKUP_LIMIT = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };

const formParam = z.object({ form: z.string().max(20) });
const codeParam = z.object({ code: z.string().max(20) });
const codeQuery = z.object({ code: z.string().max(40).optional() }).catch({});
const actionField = z.object({ action: z.enum(['print', 'draft']).catch('print') });

function formOf(req: FastifyRequest): FormCode | null {
  const { form } = formParam.parse(req.params);
  return isFormCode(form) ? form : null;
}

export function formsRoutes(app: FastifyInstance, s: AppServices) {
  const deps = { database: s.database, vault: s.vault, clock: s.clock };

  /** Prints (the PDF, no-store) or re-renders the page with the messages beside the fields and the values kept. */
  async function print(req: FastifyRequest, reply: FastifyReply, code: FormCode, page: (state: FormState) => Promise<unknown>) {
    const parsed = parseForm(printSchema(FORMS[code], s.clock), req.body);
    if (!parsed.ok) return page(parsed.state);
    const pdf = await forms.printForm(deps, code, parsed.data);
    return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', `inline; filename="form-${code}.pdf"`).send(pdf);
  }

  app.get('/forms', async (req, reply) => reply.render(IndexPage({ ctx: await req.view() })));

  app.get('/forms/draft', async (req, reply) => {
    const { code } = codeQuery.parse(req.query);
    if (code === undefined) return reply.render(OpenDraftPage({ ctx: await req.view() }));
    const normal = forms.normalizeCode(code);
    if (!normal) return reply.render(OpenDraftPage({ ctx: await req.view(), state: { values: { code }, errors: [{ field: 'code', key: 'forms.draftMissing' }] } }), 422);
    return reply.redirect(`/forms/draft/${normal}`, 303);
  });

  app.get('/forms/draft/:code', LOOKUP_LIMIT, async (req, reply) => {
    const { code } = codeParam.parse(req.params);
    try {
      const d = await forms.openDraft(deps, code);
      const state = { values: d.values, errors: [] };
      return reply.header('cache-control', 'no-store').render(FormPage({ ctx: await req.view(), code: d.form, state, action: `/forms/${d.form}`, draftCode: d.code }));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'not_found') throw err;
      return reply.render(OpenDraftPage({ ctx: await req.view(), state: { values: { code }, errors: [{ field: 'code', key: 'forms.draftMissing' }] } }), 404);
    }
  });

  app.get('/forms/:form', async (req, reply) => {
    const code = formOf(req);
    if (!code) throw new AppError('not_found', 'error.notFound.title');
    return reply.render(FormPage({ ctx: await req.view(), code, action: `/forms/${code}` }));
  });

  app.post('/forms/:form', POST_LIMIT, async (req, reply) => {
    const code = formOf(req);
    if (!code) throw new AppError('not_found', 'error.notFound.title');
    const page = async (state: FormState) => reply.header('cache-control', 'no-store').render(FormPage({ ctx: await req.view(), code, state, action: `/forms/${code}` }), 422);
    if (actionField.parse(req.body ?? {}).action === 'print') return print(req, reply, code, page);
    const parsed = parseForm(draftSchema(FORMS[code]), req.body);
    if (!parsed.ok) return page(parsed.state);
    const saved = await forms.saveDraft(deps, code, parsed.data);
    return reply.render(DraftSavedPage({ ctx: await req.view(), code: saved.code, expiresAt: saved.expiresAt }));
  });

  // ---- at the counter (every staff role: intake.work) ----------------------
  const intake = { preHandler: requireStaff('intake.work') };
  const staffOpenPage = async (req: FastifyRequest, reply: FastifyReply, code: string, status: number) =>
    reply.render(OpenDraftPage({ ctx: await req.view(), staff: true, state: { values: { code }, errors: [{ field: 'code', key: 'forms.draftMissing' }] } }), status);

  app.get('/staff/forms', intake, async (req, reply) => {
    const { code } = codeQuery.parse(req.query);
    if (code === undefined) {
      const month = toTaipeiIsoDate(s.clock()).slice(0, 7);
      const prints = { month, rows: await forms.printsOfMonth(deps, month) };
      return reply.render(OpenDraftPage({ ctx: await req.view(), staff: true, prints }));
    }
    const normal = forms.normalizeCode(code);
    return normal ? reply.redirect(`/staff/forms/${normal}`, 303) : staffOpenPage(req, reply, code, 422);
  });

  app.get('/staff/forms/:code', intake, async (req, reply) => {
    const { code } = codeParam.parse(req.params);
    try {
      const d = await forms.openDraft(deps, code);
      const state = { values: d.values, errors: [] };
      return reply.header('cache-control', 'no-store').render(FormPage({ ctx: await req.view(), code: d.form, state, action: `/staff/forms/${d.code}`, staff: true, draftCode: d.code }));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'not_found') throw err;
      return staffOpenPage(req, reply, code, 404);
    }
  });

  app.post('/staff/forms/:code', intake, async (req, reply) => {
    const { code } = codeParam.parse(req.params);
    const d = await forms.openDraft(deps, code);
    const page = async (state: FormState) =>
      reply.header('cache-control', 'no-store').render(FormPage({ ctx: await req.view(), code: d.form, state, action: `/staff/forms/${d.code}`, staff: true, draftCode: d.code }), 422);
    return print(req, reply, d.form, page);
  });
}
