import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { coversOffice } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';
import { LOCALES } from '../../platform/i18n/index.js';
import { idNumberSchema, maskIdNumber } from '../../platform/identity/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import { type OfficeChoice, officeChoice } from '../../platform/layout/OfficePicker.js';
import { lifeEventOfGuide } from '../../platform/life-events.js';
import type { AppServices } from '../../platform/module.js';
import { calendarService } from '../calendar/index.js';
import { guidesService } from '../guides/index.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import { ticketOfDay } from '../queue/index.js';
import * as repo from './repo.js';
import { type CaseDeps, issueSlip, lookup, moveCase, openCase, singleNoticeShare } from './service.js';
import { slipPdf, slipView } from './slip.js';
import { isCaseState, NEXT } from './states.js';
import { CaseStatusPage, LookupPage, SlipPage } from './views/public.js';
import { CaseDetailPage, CaseListPage, CounterSlipPage, NewCasePage } from './views/staff.js';

/** A date of birth as people type it: 1980-05-06, 69/05/06, 民國69年5月6日. */
export const birthDateField = fields.birthDate('cases.err.birth');

const newCaseSchema = z.object({
  guide: z.string({ error: 'err.choice' }).min(1, 'err.choice').max(60),
  name: fields.text(60),
  idNumber: idNumberSchema,
  birthDate: birthDateField,
  email: fields.optionalEmail(),
  phone: z.string().trim().max(20, 'err.tooLong').regex(/^[\d\s()+#-]*$/, 'err.invalid').optional(),
  ticket: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]\d{3})?$/, 'cases.err.ticket')
    .optional(),
  // the language the citizen reads the case e-mails in
  locale: z.enum(LOCALES, { error: 'err.choice' }).optional(),
});

const slipSchema = z.object({
  missing: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(Number).filter(Number.isInteger))),
  slipNote: fields.optionalText(1000),
  within: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(60, 'err.invalid'),
});

const lookupSchema = z.object({
  number: z.string({ error: 'err.required' }).trim().min(1, 'err.required').max(40, 'err.tooLong'),
  idNumber: z.string().trim().max(20).optional(),
  birthDate: z.string().trim().max(20).optional(),
});

/** Look-ups a minute per address (README); the per-case lock in the service holds across addresses. */
export const LOOKUP_PER_MINUTE = 10;

const idParam = z.object({ id: z.coerce.number().int().positive() });
const codeParam = z.object({ code: z.string().regex(/^[\w-]{8,32}$/) });

export function caseRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps = (req: FastifyRequest): CaseDeps => ({
    database: s.database,
    vault: s.vault,
    clock: s.clock,
    baseUrl: s.config.publicBaseUrl,
  });
  const guard = { preHandler: requireStaff('cases.work') };

  async function myOffices(req: FastifyRequest) {
    const staff = principal(req);
    return (await officesService.listOfficeInfos(db, req.locale)).filter((o) => coversOffice(staff, o));
  }
  /**
   * The office a new case or counter slip is recorded at: the one the page was
   * switched to (?office=, then the form's hidden office), else the person's own.
   */
  async function workOffice(req: FastifyRequest): Promise<{ office: Awaited<ReturnType<typeof staffOfficeFor>>; choice: OfficeChoice }> {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    return { office, choice: officeChoice(await staffOffices(db, req), office.code) };
  }
  async function guideOptions(req: FastifyRequest) {
    return (await guidesService.listGuides(db, req.locale)).map((g) => ({ code: g.code, name: g.name }));
  }

  app.get('/staff/cases', guard, async (req, reply) => {
    // every covered office's cases, or one office's with ?office=
    const all = await myOffices(req);
    const picked = all.find((o) => o.code === askedOfficeCode(req));
    const offices = picked ? [picked] : all;
    const ids = offices.map((o) => o.id);
    const [rows, guides, share] = await Promise.all([repo.openCases(db, ids), guidesService.listGuides(db, req.locale), singleNoticeShare(db, ids)]);
    const today = taipeiToday(s.clock());
    const cal = await calendarService.officeCalendar(db, offices[0]?.id ?? null);
    const tomorrow = cal.addWorkingDays(today, 1);
    const view = rows.map((r) => ({ id: r.id, number: r.number, guideName: guides.find((g) => g.code === r.guide_code)?.name ?? r.guide_code, applicantName: r.applicant_name, status: r.status, dueOn: r.due_on }));
    return reply.render(
      CaseListPage({
        ctx: await req.view(),
        overdue: view.filter((r) => r.dueOn < today && r.status !== 'waiting_docs'),
        dueSoon: view.filter((r) => r.dueOn >= today && r.dueOn <= tomorrow && r.status !== 'waiting_docs'),
        open: view,
        share,
        choice: officeChoice(all, picked?.code ?? '', true),
      }),
    );
  });

  app.get('/staff/cases/new', guard, async (req, reply) => reply.render(NewCasePage({ ctx: await req.view(), guides: await guideOptions(req), choice: (await workOffice(req)).choice })));

  app.post('/staff/cases', guard, async (req, reply) => {
    const staff = principal(req);
    const parsed = parseForm(newCaseSchema, req.body);
    const { office, choice } = await workOffice(req);
    if (!parsed.ok) return reply.render(NewCasePage({ ctx: await req.view(), guides: await guideOptions(req), state: parsed.state, choice }), 422);
    const d = parsed.data;
    // the ticket the applicant was served on today: one record from the queue to the case
    let ticketId: number | null = null;
    if (d.ticket) {
      const ticket = await ticketOfDay(db, office.id, taipeiToday(s.clock()), d.ticket);
      if (!ticket) return reply.render(NewCasePage({ ctx: await req.view(), guides: await guideOptions(req), state: { values: parsed.values, errors: [{ field: 'ticket', key: 'cases.err.ticket' }] }, choice }), 422);
      ticketId = ticket.id;
    }
    const c = await openCase(deps(req), { officeId: office.id, guideCode: d.guide, applicantName: d.name, idNumber: d.idNumber, birthDate: d.birthDate, email: d.email, phone: d.phone || undefined, ticketId, locale: d.locale }, staff, req.ip);
    reply.flash('success', 'cases.new.created', { number: c.number, reference: c.reference });
    return reply.redirect(`/staff/cases/${c.id}`, 303);
  });

  async function detailPage(req: FastifyRequest, id: number, state?: FormState, slipState?: FormState) {
    const staff = principal(req);
    const c = await repo.caseById(db, id);
    const office = c ? (await myOffices(req)).find((o) => o.id === c.office_id) : undefined;
    if (!c || !office) throw new AppError('not_found', 'error.notFound.title');
    const [guide, events, slips] = await Promise.all([guidesService.guide(db, c.guide_code, req.locale), repo.eventsOf(db, id), repo.slipsOf(db, id)]);
    // every staff view of personal data is audited
    await recordAudit(db, { actor: staff, action: 'case.view', target: { type: 'case', id }, officeId: c.office_id, ip: req.ip }, s.clock());
    return CaseDetailPage({
      ctx: await req.view(),
      state,
      slipState,
      c: {
        id,
        number: c.number,
        reference: c.reference,
        locale: c.locale,
        guideCode: c.guide_code,
        guideName: guide.name,
        status: c.status,
        applicantName: c.applicant_name,
        idMasked: maskIdNumber(s.vault.decrypt(c.id_enc)),
        receivedOn: c.received_on,
        dueOn: c.due_on,
        notices: c.notices,
        next: isCaseState(c.status) ? NEXT[c.status] : [],
        events: events.map((e) => ({ at: e.at, status: e.status, note: e.public_note })),
        slips: slips.map((x) => ({ code: x.code, createdAt: x.created_at })),
        documents: guide.documents.map((d) => d.text),
        notifyHref: notifyHref(c),
      },
    });
  }

  /**
   * The cross-agency notices page of a case whose guide is a life event, once
   * it is approved or closed. A URL, not an import: notify reads cases, never
   * the other way round.
   */
  function notifyHref(c: { id: number; guide_code: string; status: string }): string | null {
    return lifeEventOfGuide(c.guide_code) && (c.status === 'approved' || c.status === 'closed') ? `/staff/notify/cases/${c.id}` : null;
  }

  app.get('/staff/cases/:id', guard, async (req, reply) => reply.render(await detailPage(req, idParam.parse(req.params).id)));

  app.post('/staff/cases/:id/move', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    await detailPage(req, id); // scope check
    const parsed = parseForm(z.object({ to: z.string().refine(isCaseState, 'err.choice'), note: fields.optionalText(500) }), req.body);
    if (!parsed.ok) return reply.render(await detailPage(req, id, parsed.state), 422);
    try {
      await moveCase(deps(req), id, parsed.data.to as Parameters<typeof moveCase>[2], parsed.data.note ?? null, principal(req), req.ip);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(await detailPage(req, id, { values: parsed.values, errors: [{ field: 'to', key: err.messageKey }] }), 409);
      throw err;
    }
    reply.flash('success', 'cases.detail.moved');
    // a life event just closed: the citizen is still at the counter to consent to the notices
    const c = await repo.caseById(db, id);
    if (c && parsed.data.to === 'closed' && lifeEventOfGuide(c.guide_code)) return reply.redirect(notifyHref(c) ?? `/staff/cases/${id}`, 303);
    return reply.redirect(`/staff/cases/${id}`, 303);
  });

  app.post('/staff/cases/:id/slip', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const c = await repo.caseById(db, id);
    await detailPage(req, id); // scope check
    const parsed = parseForm(slipSchema, req.body);
    if (!parsed.ok || !c) return reply.render(await detailPage(req, id, undefined, parsed.ok ? undefined : parsed.state), 422);
    try {
      const { code } = await issueSlip(deps(req), { officeId: c.office_id, caseId: id, guideCode: c.guide_code, applicantName: c.applicant_name, missing: parsed.data.missing, note: parsed.data.slipNote ?? null, bringWithinDays: parsed.data.within }, principal(req), req.ip);
      reply.flash('success', 'cases.slip.created');
      return reply.redirect(`/n/${code}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await detailPage(req, id, undefined, { values: parsed.values, errors: err.fields }), 422);
      throw err;
    }
  });

  async function counterSlipPage(req: FastifyRequest, guideCode: string | null, state?: FormState) {
    const guides = await guideOptions(req);
    const code = guides.some((g) => g.code === guideCode) ? guideCode : null;
    const documents = code ? (await guidesService.guide(db, code, req.locale)).documents.map((d) => d.text) : [];
    return CounterSlipPage({ ctx: await req.view(), guides, documents, guideCode: code, state, choice: (await workOffice(req)).choice });
  }

  app.get('/staff/notices/new', guard, async (req, reply) => {
    const q = z.object({ guide: z.string().max(60).optional() }).parse(req.query ?? {});
    return reply.render(await counterSlipPage(req, q.guide ?? null));
  });

  app.post('/staff/notices', guard, async (req, reply) => {
    const staff = principal(req);
    const guideCode = String((req.body as Record<string, unknown>)?.guide ?? '');
    const parsed = parseForm(slipSchema.extend({ name: fields.text(60) }), req.body);
    if (!parsed.ok) return reply.render(await counterSlipPage(req, guideCode, parsed.state), 422);
    const { office } = await workOffice(req);
    try {
      const { code } = await issueSlip(deps(req), { officeId: office.id, caseId: null, guideCode, applicantName: parsed.data.name, missing: parsed.data.missing, note: parsed.data.slipNote ?? null, bringWithinDays: parsed.data.within }, staff, req.ip);
      reply.flash('success', 'cases.slip.created');
      return reply.redirect(`/n/${code}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await counterSlipPage(req, guideCode, { values: parsed.values, errors: err.fields }), 422);
      throw err;
    }
  });

  // public: the slip a citizen was given, by its link
  app.get('/n/:code', async (req, reply) => {
    const raw = String((req.params as { code: string }).code);
    const pdf = raw.endsWith('.pdf');
    const { code } = codeParam.parse({ code: pdf ? raw.slice(0, -4) : raw });
    const slip = await slipView(db, code, req.locale);
    if (pdf) return reply.type('application/pdf').header('content-disposition', `inline; filename="notice-${code}.pdf"`).send(await slipPdf(slip, req.t, req.locale));
    return reply.render(SlipPage({ ctx: await req.view(), slip }));
  });

  app.get('/cases/lookup', async (req, reply) => reply.render(LookupPage({ ctx: await req.view() })));

  app.post('/cases/lookup', { config: { rateLimit: { max: LOOKUP_PER_MINUTE, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(lookupSchema, req.body);
    if (!parsed.ok) return reply.render(LookupPage({ ctx: await req.view(), state: parsed.state }), 422);
    const idRaw = parsed.data.idNumber ? idNumberSchema.safeParse(parsed.data.idNumber) : undefined;
    const birthRaw = parsed.data.birthDate ? birthDateField.safeParse(parsed.data.birthDate) : undefined;
    if (!idRaw && !birthRaw) {
      return reply.render(LookupPage({ ctx: await req.view(), state: { values: parsed.values, errors: [{ field: 'idNumber', key: 'cases.err.factor' }] } }), 422);
    }
    const found = await lookup(deps(req), parsed.data.number, {
      idNumber: idRaw?.success ? idRaw.data : undefined,
      birthDate: birthRaw?.success ? birthRaw.data : undefined,
    });
    // a malformed ID or date is told apart from a miss: it is about what was typed, not about the case
    if (!found.found) {
      const state = { values: { number: parsed.values.number }, errors: [] };
      return reply.render(LookupPage({ ctx: await req.view(), state, notFound: true }), 404);
    }
    const c = (await repo.caseById(db, found.caseId))!;
    const [guide, events, slips] = await Promise.all([guidesService.guide(db, c.guide_code, req.locale), repo.eventsOf(db, c.id), repo.slipsOf(db, c.id)]);
    const lastSlip = slips[slips.length - 1];
    const waitingFor = lastSlip ? guidesService.parseDocs(lastSlip.missing).map((d) => (req.locale === 'en' ? d.en : d.zh)) : [];
    return reply.render(
      CaseStatusPage({
        ctx: await req.view(),
        c: { reference: c.reference, guideName: guide.name, status: c.status, receivedOn: c.received_on, dueOn: c.due_on, events: events.map((e) => ({ at: e.at, status: e.status, note: e.public_note })), waitingFor },
      }),
    );
  });
}
