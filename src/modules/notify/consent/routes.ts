import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/index.js';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { formatRocDate, taipeiToday } from '../../../platform/calendar/index.js';
import { AppError, type FieldError, isAppError } from '../../../platform/errors.js';
import { formValues } from '../../../platform/http/forms.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { maskIdNumber } from '../../../platform/identity/index.js';
import type { FormState, FormValues } from '../../../platform/layout/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { guidesService } from '../../guides/index.js';
import { officesService } from '../../offices/index.js';
import { checklistFor } from '../followups/generate.js';
import { normaliseMobile, readConsentForm, typedFieldsFor } from './form.js';
import { type ConsentDeps, defaultEventDate, type NotifiableCase, notifiableCase, readyForConsent, recordConsent } from './record.js';
import * as repo from './repo.js';
import { consentSlipPdf } from './slip.js';
import { consentView } from './status.js';
import { ConsentFormPage } from './views/form.js';
import type { CaseSummary } from './views/parts.js';
import { ConsentStatusPage } from './views/status.js';

const caseParam = z.object({ caseId: z.coerce.number().int().positive().max(2_147_483_647) });
const slipParam = z.object({ file: z.string().regex(/^[\w-]{8,32}\.pdf$/) });

export function consentRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps: ConsentDeps = { database: s.database, vault: s.vault, clock: s.clock, baseUrl: s.config.publicBaseUrl };
  const guard = { preHandler: requireStaff('notify.work') };

  /** The case, scoped to the person's offices; every staff view of its personal data is audited. */
  async function load(req: FastifyRequest, caseId = caseParam.safeParse(req.params).data?.caseId): Promise<NotifiableCase & { summary: CaseSummary }> {
    if (caseId === undefined) throw new AppError('not_found', 'error.notFound.title');
    const n = await notifiableCase(db, s.vault, caseId, principal(req));
    const guide = await guidesService.guide(db, n.c.guide_code, req.locale, n.c.office_id);
    await recordAudit(db, { actor: principal(req), action: 'notify.consent.view', target: { type: 'case', id: n.c.id }, officeId: n.c.office_id, ip: req.ip }, s.clock());
    const closedOn = n.c.closed_at ? defaultEventDate(n.c, s.clock()) : null;
    const summary: CaseSummary = { caseId: n.c.id, number: n.c.number, guideName: guide.name, applicantName: n.c.applicant_name, idMasked: maskIdNumber(n.c.id_number), event: n.event, closedOn };
    return { ...n, summary };
  }

  async function formPage(req: FastifyRequest, reply: FastifyReply, n: NotifiableCase & { summary: CaseSummary }, state: FormState, code = 200) {
    const eligible = await repo.recipientsForEvent(db, n.office.countyId, n.event);
    const typed = typedFieldsFor(n.event, eligible).map((field) => ({ field, neededBy: eligible.filter((r) => r.fields.includes(field)).map((r) => (req.locale === 'en' ? r.nameEn : r.name)) }));
    const hasChecklist = (await checklistFor(db, n.c.guide_code, n.c.office_id)).length > 0;
    const page = ConsentFormPage({ ctx: await req.view(), s: n.summary, ready: readyForConsent(n.c.status), eligible, typed, hasChecklist, state });
    return reply.header('cache-control', 'no-store').render(page, code);
  }

  async function statusPage(req: FastifyRequest, reply: FastifyReply, n: NotifiableCase & { summary: CaseSummary }, already: boolean) {
    const v = await consentView(db, s.vault, n.c.id, req.locale);
    if (!v) throw new AppError('not_found', 'error.notFound.title');
    return reply.header('cache-control', 'no-store').render(ConsentStatusPage({ ctx: await req.view(), s: n.summary, v, already }), already ? 409 : 200);
  }

  /** What the form starts with: the closing day, and the case's own e-mail and phone to confirm or change. */
  function firstValues(req: FastifyRequest, n: NotifiableCase): FormValues {
    const day = defaultEventDate(n.c, s.clock());
    const mobile = n.c.phone ? normaliseMobile(n.c.phone) : null;
    const channel = n.c.email ? 'email' : mobile ? 'sms' : 'print';
    return { eventDate: req.locale === 'en' ? day : formatRocDate(day, 'slash'), channel, email: n.c.email ?? '', phone: n.c.phone ?? '' };
  }

  app.get('/staff/notify/cases/:caseId', guard, async (req, reply) => {
    const n = await load(req);
    if (await repo.consentOfCase(db, n.c.id)) return statusPage(req, reply, n, false);
    return formPage(req, reply, n, { values: firstValues(req, n), errors: [] });
  });

  app.post('/staff/notify/cases/:caseId', guard, async (req, reply) => {
    const n = await load(req);
    if (await repo.consentOfCase(db, n.c.id)) return statusPage(req, reply, n, true);
    if (!readyForConsent(n.c.status)) return formPage(req, reply, n, { values: {}, errors: [] }, 409);
    const values = formValues(req.body);
    const refused = (errors: FieldError[], code: number) => formPage(req, reply, n, { values, errors }, code);
    const eligible = await repo.recipientsForEvent(db, n.office.countyId, n.event);
    const form = readConsentForm(req.body, { event: n.event, eligible, today: taipeiToday(s.clock()) });
    if (!form.ok) return refused(form.errors, 422);
    try {
      const r = await recordConsent(deps, n.c.id, form.input, principal(req), req.ip);
      if (r.notices > 0) reply.flash('success', 'notify.consent.recorded', { n: r.notices });
      else reply.flash('success', 'notify.consent.refusedFlash');
      return reply.redirect(`/staff/notify/cases/${n.c.id}`, 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict' && err.messageKey === 'notify.consent.already') return statusPage(req, reply, n, true);
      if (isAppError(err) && err.code === 'validation') return refused(err.fields, 422);
      throw err;
    }
  });

  app.get('/staff/notify/consent/:file', guard, async (req, reply) => {
    const parsed = slipParam.safeParse(req.params);
    const consent = parsed.success ? await repo.consentBySlip(db, parsed.data.file.slice(0, -4)) : undefined;
    if (!consent) throw new AppError('not_found', 'error.notFound.title');
    const n = await load(req, consent.case_id);
    const locale = isLocale(n.c.locale) ? n.c.locale : 'zh-Hant';
    const v = await consentView(db, s.vault, n.c.id, locale);
    if (!v) throw new AppError('not_found', 'error.notFound.title');
    const office = await officesService.officeById(db, n.c.office_id, locale);
    const pdf = await consentSlipPdf({ officeName: office.name, caseNumber: n.c.number, applicantName: n.c.applicant_name }, v, locale);
    return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', `inline; filename="consent-${n.c.number}.pdf"`).send(pdf);
  });
}
