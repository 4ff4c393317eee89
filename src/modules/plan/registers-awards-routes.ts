import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import type { FieldError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { readMultipart } from '../../platform/http/multipart.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, type EvidenceFile } from './files.js';
import { type AwardInput, type AwardRow, awardById, awardSchema, awardsOf, saveAward } from './registers-awards.js';
import { dateValue } from './registers-checks-routes.js';
import { coveredOffice, idParam, notFound, type RegisterScope, registerScope } from './registers-common.js';
import { AwardEditPage, AwardsPage } from './views/registers-awards.js';
import { registerHref } from './views/registers-parts.js';

const savedValues = (a: AwardRow, locale: 'zh-Hant' | 'en'): FormState => ({
  values: { year: String(a.year), name: a.name, awardedBy: a.awardedBy, state: a.state, decidedOn: dateValue(a.decidedOn, locale), note: a.note },
  errors: [],
});

type Read = { ok: true; input: AwardInput; file: EvidenceFile | null; fields: Record<string, unknown> } | { ok: false; state: FormState; fields: Record<string, unknown> };

/** 獎項殊榮: everyone reads; supervisors and up record an award and its evidence. */
export function awardRoutes(app: FastifyInstance, s: AppServices): void {
  const db = s.database.db;
  const view = { preHandler: requireStaff('plan.view') };
  // a multipart body: the handler checks the CSRF token once the form is read
  const edit = { preHandler: requireStaff('plan.edit'), config: { csrf: 'manual' as const } };
  const today = () => taipeiToday(s.clock());

  /** The form and its file; a refused file is a message beside the file field, with everything typed kept. */
  async function readAward(req: FastifyRequest): Promise<Read> {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: EVIDENCE_MAX_BYTES, allowed: EVIDENCE_TYPES });
    req.assertCsrf(form.fields._csrf);
    const parsed = parseForm(awardSchema(today), form.fields);
    const errors: FieldError[] = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'file', key: `plan.reg.award.err.file.${form.fileError}`, params: { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 } });
    if (!parsed.ok || errors.length) return { ok: false, state: { values: formValues(form.fields), errors }, fields: form.fields };
    const f = form.files[0];
    return { ok: true, input: parsed.data, file: f ? { filename: f.filename, mime: f.mime, bytes: f.bytes } : null, fields: form.fields };
  }

  async function listPage(req: FastifyRequest, scope: RegisterScope, state?: FormState) {
    return AwardsPage({ ctx: await req.view(), scope, rows: await awardsOf(db, scope.office.id, scope.year), canEdit: can(principal(req).role, 'plan.edit'), state });
  }

  async function awardOf(req: FastifyRequest): Promise<{ award: AwardRow; scope: RegisterScope }> {
    const award = await awardById(db, idParam(req.params));
    if (!award) throw notFound();
    const office = await coveredOffice(db, req, award.officeId);
    return { award, scope: { office, choice: officeChoice(await staffOffices(db, req), office.code), year: award.year, today: today() } };
  }

  app.get('/staff/plan/awards', view, async (req, reply) => reply.render(await listPage(req, await registerScope(db, req, s.clock()))));

  app.post('/staff/plan/awards', edit, async (req, reply) => {
    const read = await readAward(req);
    const scope = await registerScope(db, req, s.clock(), read.fields);
    if (!read.ok) return reply.render(await listPage(req, scope, read.state), 422);
    await saveAward(s.database, null, scope.office, read.input, read.file, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.award.saved');
    return reply.redirect(registerHref('awards', { office: scope.office, year: read.input.year }), 303);
  });

  app.get('/staff/plan/awards/:id', { preHandler: requireStaff('plan.edit') }, async (req, reply) => {
    const { award, scope } = await awardOf(req);
    return reply.render(AwardEditPage({ ctx: await req.view(), scope, award, state: savedValues(award, req.locale) }));
  });

  app.post('/staff/plan/awards/:id', edit, async (req, reply) => {
    const { award, scope } = await awardOf(req);
    const read = await readAward(req);
    if (!read.ok) return reply.render(AwardEditPage({ ctx: await req.view(), scope, award, state: read.state }), 422);
    await saveAward(s.database, award.id, scope.office, read.input, read.file, principal(req), req.ip, s.clock());
    reply.flash('success', 'plan.reg.award.saved');
    return reply.redirect(registerHref('awards', { office: scope.office, year: read.input.year }), 303);
  });
}
