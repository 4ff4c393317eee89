import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { instantRange } from '../../platform/figures/index.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { readMultipart } from '../../platform/http/multipart.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { staffDirectory } from '../staff/index.js';
import { colleagues, forbidden, listChoice, manages, managesOffice, personFor } from './access.js';
import { recordSchema } from './model.js';
import * as repo from './repo.js';
import * as training from './service.js';
import { carriedOffice, withOffice } from './views/common.js';
import { HistoryPage, type RecordRow, RecordForm, ResultsPage } from './views/records.js';

const CERTIFICATE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const CERTIFICATE_MAX = 5 * 1024 * 1024;
const idParam = z.object({ id: z.coerce.number().int().positive() });
const yearQuery = z.object({ year: z.string().regex(/^\d{4}$/).optional().catch(undefined), office: z.string().max(40).optional().catch(undefined) });

const toRecordRow = (r: Awaited<ReturnType<typeof repo.recordsIn>>[number]): RecordRow => ({ id: r.id, title: r.title, provider: r.provider, mode: r.mode, startDate: r.start_date, endDate: r.end_date, hoursCenti: r.hours_centi, certificateNo: r.certificate_no, hasFile: r.file_name !== null });

/** Training records, one's history, and the office's results. */
export function recordRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const view = { preHandler: requireStaff('knowledge.view') };
  const manage = { preHandler: requireStaff('knowledge.manage') };
  const yearOf = (req: FastifyRequest) => yearQuery.parse(req.query ?? {}).year ?? taipeiToday(s.clock()).slice(0, 4);

  app.get('/staff/training/people/:id', view, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const person = await personFor(db, req, id);
    const year = yearOf(req);
    const attempts = (await repo.attemptsOfStaff(db, id)).map((a) => ({ id: a.id, title: a.title, status: a.status, startedAt: a.started_at, submittedAt: a.submitted_at, late: a.late === 1, correct: a.correct, total: a.total, passPercent: a.pass_percent }));
    const records = (await repo.recordsIn(db, { staffId: id }, `${year}-01-01`, `${year}-12-31`)).map(toRecordRow);
    const { choice } = await listChoice(db, req);
    return reply.render(HistoryPage({ ctx: await req.view(), name: person.name, own: person.own, attempts, records, year, office: carriedOffice(choice) }));
  });

  /** Managers pick the colleague (of the office switched to with ?office=, else of every office they cover); everyone else records their own. */
  async function formPage(req: FastifyRequest, state: FormState, body?: Record<string, unknown>) {
    if (!manages(req)) return RecordForm({ ctx: await req.view(), state, people: null, choice: null });
    const { ids, choice } = await listChoice(db, req, body);
    const people = (await staffDirectory.activeStaffOf(db, ids)).map((p) => ({ value: String(p.id), label: p.display_name }));
    return RecordForm({ ctx: await req.view(), state, people, choice });
  }

  app.get('/staff/training/records/new', view, async (req, reply) => reply.render(await formPage(req, { values: { staffId: String(principal(req).id), mode: 'external' }, errors: [] })));

  app.post('/staff/training/records', { ...view, config: { csrf: 'manual' } }, async (req, reply) => {
    const form = await readMultipart(req, { maxFiles: 1, maxBytes: CERTIFICATE_MAX, allowed: CERTIFICATE_TYPES });
    req.assertCsrf(form.fields._csrf);
    const me = principal(req);
    const parsed = parseForm(recordSchema, form.fields);
    const errors = parsed.ok ? [] : [...parsed.state.errors];
    if (form.fileError) errors.push({ field: 'file', key: `training.err.file.${form.fileError}` });
    const asked = z.coerce.number().int().positive().safeParse(form.fields.staffId);
    const staffId = asked.success ? asked.data : me.id;
    let officeId: number | null = null;
    if (staffId === me.id) officeId = me.officeId ?? (await staffOfficeFor(db, req, askedOfficeCode(req, form.fields))).id;
    else if (manages(req)) officeId = (await colleagues(db, req)).find((p) => p.id === staffId)?.office_id ?? null;
    else throw forbidden();
    if (officeId === null) errors.push({ field: 'staffId', key: 'training.err.person' });
    if (!parsed.ok || errors.length || officeId === null) return reply.render(await formPage(req, { values: formValues(form.fields), errors }, form.fields), 422);
    const file = form.files[0] ? { name: form.files[0].filename, mime: form.files[0].mime, bytes: form.files[0].bytes } : null;
    await training.addRecord(s.database, staffId, officeId, parsed.data, file, me, s.clock());
    reply.flash('success', 'training.recordSaved');
    return reply.redirect(withOffice(`/staff/training/people/${staffId}?year=${parsed.data.startDate.slice(0, 4)}`, askedOfficeCode(req, form.fields) ?? ''), 303);
  });

  app.get('/staff/training/records/:id/certificate', view, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const r = await repo.recordFile(db, id);
    if (!r?.file) return reply.callNotFound();
    if (r.staff_id !== principal(req).id && !(await managesOffice(db, req, r.office_id))) throw forbidden();
    const name = encodeURIComponent(r.file_name ?? 'certificate');
    return reply
      .header('content-type', r.file_mime ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(r.file));
  });

  app.get('/staff/training/results', manage, async (req, reply) => {
    const { office: asked } = yearQuery.parse(req.query ?? {});
    const offices = await staffOffices(db, req);
    // another office's results: refused, never quietly swapped for one's own
    if (asked && !offices.some((o) => o.code === asked)) throw forbidden();
    const office = await staffOfficeFor(db, req, asked);
    const year = yearOf(req);
    const { start, end } = instantRange(`${year}-01-01`, `${year}-12-31`);
    const quizzes = training.quizResults(await repo.submittedIn(db, [office.id], start, end));
    const staff = await staffDirectory.activeStaffOf(db, [office.id]);
    const hours = training.hoursTotals(staff, await repo.recordsIn(db, { officeIds: [office.id] }, `${year}-01-01`, `${year}-12-31`));
    return reply.render(ResultsPage({ ctx: await req.view({ office }), year, officeCode: office.code, offices: offices.map((o) => ({ value: o.code, label: o.name })), quizzes, hours }));
  });
}
