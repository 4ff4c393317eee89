import { showPeriod } from '../../platform/layout/dates.js';
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as echarts from 'echarts';
import QRCode from 'qrcode';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { ODS_MIME, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { recordFromStaff } from '../petitions/index.js';
import { answerSchema, respond } from './collect.js';
import { genderPdf, genderSheets, genderTable } from './gender.js';
import { buildReport, reportSheets, serviceNames } from './report-view.js';
import * as repo from './repo.js';
import { currentVersion, kioskKey, type SurveyRow, saveSurvey, surveyById } from './service.js';
import { quarterOf } from './stats.js';
import { KioskSurveyPage } from './views/public.js';
import { ReportPage } from './views/report.js';
import { EditPage, GenderPage, type ListItem, ListPage, PHONE_CHECKS, PhoneTestsPage } from './views/staff.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });

const monthAxisTick = (key: string, locale: string) => {
  const [y, m] = key.split('-').map(Number);
  if (!y || !m) return key;
  return locale === 'en' ? `${m}/${y}` : `${y - 1911}/${m}`;
};

export function staffSurveyRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const manage = { preHandler: requireStaff('surveys.manage') };
  const report = { preHandler: requireStaff('surveys.report') };
  const answer = { preHandler: requireStaff('surveys.answer') };
  const base = (req: FastifyRequest) => s.config.publicBaseUrl;

  /** A questionnaire this person may see: their office's, or their county's. */
  async function visible(req: FastifyRequest): Promise<{ survey: SurveyRow; offices: Awaited<ReturnType<typeof staffOffices>> }> {
    const { id } = idParam.parse(req.params);
    const survey = await surveyById(db, id);
    const offices = await staffOffices(db, req);
    if (!survey || !(survey.office_id === null ? offices.some((o) => o.countyId === survey.county_id) : offices.some((o) => o.id === survey.office_id))) throw new AppError('not_found', 'error.notFound.title');
    return { survey, offices };
  }

  /** ?office= (or the form's hidden office): an office the person covers, if one was asked for. */
  const askedOffice = async (req: FastifyRequest) => {
    const asked = z.string().max(40).optional().catch(undefined).parse((req.query as { office?: unknown } | undefined)?.office ?? (req.body as { office?: unknown } | undefined)?.office);
    const offices = await staffOffices(db, req);
    return { offices, picked: offices.find((o) => o.code === asked) };
  };

  // county staff see every office's questionnaires, or one office's with ?office= (whose links and kiosk key are then shown)
  app.get('/staff/surveys', answer, async (req, reply) => {
    const { offices: all, picked } = await askedOffice(req);
    const offices = picked ? [picked] : all;
    const counties = [...new Set(offices.map((o) => o.countyId))];
    const officeIds = offices.map((o) => o.id);
    const rows = await repo.surveysOf(db, officeIds, counties);
    const staff = principal(req);
    const mine = picked ?? offices.find((o) => o.id === staff.officeId) ?? offices[0];
    const canReport = can(staff.role, 'surveys.report');
    const list: ListItem[] = [];
    for (const r of rows) {
      if (!canReport && r.kind !== 'staff') continue;
      const version = r.current_version_id ? await repo.versionById(db, r.current_version_id) : undefined;
      const web = mine && r.kind === 'service' ? `${base(req)}/o/${mine.code}/survey` : null;
      list.push({
        id: r.id,
        title: req.locale === 'en' ? r.title_en : r.title_zh,
        kind: r.kind,
        status: r.status,
        scope: r.office_id === null ? req.t('surveys.scope.county') : (offices.find((o) => o.id === r.office_id)?.name ?? ''),
        version: version?.version ?? null,
        responses: await repo.responseCountOf(db, r.id, officeIds),
        links: web && mine ? { web, kiosk: can(staff.role, 'surveys.manage') ? `/o/${mine.code}/survey/kiosk?k=${kioskKey(s.config.sessionSecret, mine.id)}` : null, qrSvg: await QRCode.toString(web, { type: 'svg', margin: 1 }) } : null,
      });
    }
    const choice = { officeCode: picked?.code ?? '', offices: all.map((o) => ({ value: o.code, label: o.name })), all: true };
    return reply.render(ListPage({ ctx: await req.view(), rows: list, canManage: can(staff.role, 'surveys.manage'), choice }));
  });

  const editSchema = z.object({
    kind: z.enum(['service', 'courtesy', 'facilities', 'online', 'staff']).optional(),
    scope: z.string().optional(),
    titleZh: fields.text(100),
    titleEn: fields.text(100),
    status: z.enum(['draft', 'open', 'closed'], { error: 'err.choice' }),
    minGroup: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(3, 'surveys.err.minGroup').max(50, 'err.invalid'),
    definition: z.string({ error: 'err.required' }).min(1, 'err.required').max(20000, 'err.tooLong'),
  });

  async function scopes(req: FastifyRequest) {
    const offices = await staffOffices(db, req);
    const county = can(principal(req).role, 'calendar.import') ? [{ value: 'county', label: req.t('surveys.scope.county') }] : [];
    return [...offices.map((o) => ({ value: String(o.id), label: o.name })), ...county];
  }

  app.get('/staff/surveys/new', manage, async (req, reply) => {
    const { picked } = await askedOffice(req);
    const state = { values: { kind: 'service', status: 'draft', minGroup: '5', definition: req.t('surveys.f.example'), ...(picked ? { scope: String(picked.id) } : {}) }, errors: [] };
    return reply.render(EditPage({ ctx: await req.view(), id: null, state, scopes: await scopes(req) }));
  });

  app.get('/staff/surveys/:id/edit', manage, async (req, reply) => {
    const { survey } = await visible(req);
    // no catch: a questionnaire without its version is a 404 (AppError not_found), and a database
    // failure must reach the error page, not show an empty editor someone might save over
    const v = await currentVersion(db, survey);
    const state = { values: { titleZh: survey.title_zh, titleEn: survey.title_en, status: survey.status, minGroup: String(survey.min_group), definition: v.definition }, errors: [] };
    return reply.render(EditPage({ ctx: await req.view(), id: survey.id, state, scopes: await scopes(req) }));
  });

  async function save(req: FastifyRequest, id: number | null) {
    const parsed = parseForm(editSchema, req.body);
    const fail = async (state: FormState) => EditPage({ ctx: await req.view(), id, state, scopes: await scopes(req) });
    if (!parsed.ok) return { page: await fail(parsed.state) };
    const d = parsed.data;
    const offices = await staffOffices(db, req);
    let officeId: number | null;
    let countyId: number;
    if (id !== null) {
      const existing = (await visible(req)).survey;
      officeId = existing.office_id;
      countyId = existing.county_id;
    } else {
      const office = offices.find((o) => String(o.id) === d.scope);
      if (d.scope === 'county' && can(principal(req).role, 'calendar.import') && offices[0]) {
        officeId = null;
        countyId = offices[0].countyId;
      } else if (office) {
        officeId = office.id;
        countyId = office.countyId;
      } else return { page: await fail({ values: parsed.values, errors: [{ field: 'scope', key: 'err.choice' }] }) };
    }
    try {
      const saved = await saveSurvey(s.database, { id, officeId, countyId, kind: d.kind ?? 'service', titleZh: d.titleZh, titleEn: d.titleEn, status: d.status, minGroup: d.minGroup, definition: d.definition }, principal(req), req.ip, s.clock());
      return { id: saved };
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return { page: await fail({ values: parsed.values, errors: err.fields }) };
      throw err;
    }
  }

  app.post('/staff/surveys', manage, async (req, reply) => {
    const r = await save(req, null);
    if (r.page) return reply.render(r.page, 422);
    reply.flash('success', 'surveys.f.saved');
    return reply.redirect('/staff/surveys', 303);
  });
  app.post('/staff/surveys/:id', manage, async (req, reply) => {
    const r = await save(req, idParam.parse(req.params).id);
    if (r.page) return reply.render(r.page, 422);
    reply.flash('success', 'surveys.f.saved');
    return reply.redirect('/staff/surveys', 303);
  });

  app.get('/staff/surveys/:id/report', report, async (req, reply) => {
    const { survey, offices } = await visible(req);
    return reply.render(ReportPage({ ctx: await req.view(), r: await buildReport(db, survey, offices, req, s.clock()) }));
  });

  app.get('/staff/surveys/:id/report.ods', report, async (req, reply) => {
    const { survey, offices } = await visible(req);
    const r = await buildReport(db, survey, offices, req, s.clock());
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="survey-${survey.id}.ods"`).send(Buffer.from(toOds(reportSheets(r, req.t, req.locale), { title: r.title })));
  });

  // Shown through <img>: the SVG keeps its own inline styles, which the page CSP would block.
  app.get('/staff/surveys/:id/trend.svg', report, async (req, reply) => {
    const { survey, offices } = await visible(req);
    const r = await buildReport(db, survey, offices, req, s.clock());
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 760, height: 320 });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK TC, Noto Sans TC, sans-serif', fontSize: 13 },
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      // months across two years, compact: 114/12, 115/1 (民國 year / month); 12/2025 in English
      xAxis: { type: 'category', data: r.months.map((m) => monthAxisTick(m.period, req.locale)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'line', name: req.t('surveys.r.rate'), data: r.months.map((m) => m.summary.rate), label: { show: true, formatter: '{c}%' }, lineStyle: { width: 3 }, color: '#0b4f6c' }],
    });
    const svg = chart.renderToSVGString();
    chart.dispose();
    return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(svg);
  });

  async function gender(req: FastifyRequest) {
    const { survey, offices } = await visible(req);
    const today = taipeiToday(s.clock());
    const q = z.string().regex(/^\d{4}-Q[1-4]$/).catch(quarterOf(addDays(today, -90))).parse((req.query as { quarter?: string } | undefined)?.quarter);
    const { serviceName } = await serviceNames(db, offices, req);
    const g = await genderTable(db, { surveyId: survey.id, officeIds: offices.map((o) => o.id) }, q, serviceName, req.t, req.locale);
    const quarters: string[] = [];
    for (let d = today, i = 0; i < 8; i++, d = addDays(d, -91)) quarters.push(quarterOf(d));
    return { survey, offices, g, serviceName, quarters: [...new Set(quarters)] };
  }
  app.get('/staff/surveys/:id/gender', report, async (req, reply) => {
    const { survey, g, serviceName, quarters } = await gender(req);
    return reply.render(GenderPage({ ctx: await req.view(), surveyId: survey.id, g, quarters, serviceName }));
  });
  app.get('/staff/surveys/:id/gender.ods', report, async (req, reply) => {
    const { survey, g, serviceName } = await gender(req);
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="gender-${survey.id}-${g.quarter}.ods"`).send(Buffer.from(toOds(genderSheets(g, req.t, serviceName), { title: `${req.t('surveys.gender.title')} ${showPeriod(g.quarter, req.locale)}` })));
  });
  app.get('/staff/surveys/:id/gender.pdf', report, async (req, reply) => {
    const { survey, offices, g, serviceName } = await gender(req);
    const pdf = await genderPdf(g, req.t, serviceName, offices.length === 1 ? (offices[0]?.name ?? '') : (await req.view()).county?.name ?? '', req.locale === 'en' ? 'en' : 'zh-TW');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="gender-${survey.id}-${g.quarter}.pdf"`).send(pdf);
  });

  // a low score with a comment becomes a petition the supervisor follows up
  app.post('/staff/surveys/:id/followup/:response', report, async (req, reply) => {
    const { survey, offices } = await visible(req);
    const { response } = z.object({ response: z.coerce.number().int() }).parse(req.params);
    const r = await repo.responseOf(db, survey.id, response);
    if (!r || !offices.some((o) => o.id === r.office_id) || survey.kind === 'staff') throw new AppError('not_found', 'error.notFound.title');
    const text = (await repo.commentsOf(db, r.id)).join('\n');
    const p = await recordFromStaff(
      { database: s.database, vault: s.vault, clock: s.clock, baseUrl: base(req) },
      { officeId: r.office_id, channel: 'survey', subject: req.t('surveys.r.followupSubject'), category: 'service', body: text || '—', language: 'zh-Hant', name: req.t('surveys.r.anonymous'), wantsReply: false, attachments: [] },
      principal(req),
      req.ip,
    );
    reply.flash('success', 'petitions.staff.recorded', { number: p.number });
    return reply.redirect(`/staff/petitions/${p.id}`, 303);
  });

  // staff satisfaction: answered signed in, stored without who; one answer per person and version
  app.get('/staff/surveys/:id/answer', answer, async (req, reply) => {
    const { survey } = await visible(req);
    if (survey.kind !== 'staff' || survey.status !== 'open') throw new AppError('not_found', 'error.notFound.title');
    const v = await currentVersion(db, survey);
    const form = { action: `/staff/surveys/${survey.id}/answer`, title: req.locale === 'en' ? survey.title_en : survey.title_zh, q: v.q, hidden: {}, visitNote: req.t('surveys.staffAnon') };
    return reply.render(KioskSurveyPage({ ctx: await req.view(), form }));
  });
  app.post('/staff/surveys/:id/answer', answer, async (req, reply) => {
    const { survey } = await visible(req);
    if (survey.kind !== 'staff' || survey.status !== 'open') throw new AppError('not_found', 'error.notFound.title');
    const v = await currentVersion(db, survey);
    const parsed = parseForm(answerSchema(v.q), req.body);
    const form = { action: `/staff/surveys/${survey.id}/answer`, title: survey.title_zh, q: v.q, hidden: {}, visitNote: req.t('surveys.staffAnon') };
    if (!parsed.ok) return reply.render(KioskSurveyPage({ ctx: await req.view(), form, state: parsed.state }), 422);
    const staff = principal(req);
    const hash = createHmac('sha256', s.config.sessionSecret).update(`staff-survey:${survey.id}:${v.id}:${staff.id}`).digest('hex');
    try {
      await respond(s.database, { surveyId: survey.id, versionId: v.id, officeId: staff.officeId ?? 0, channel: 'web', visit: { hash, officeId: staff.officeId ?? 0, serviceCode: null, counterNumber: null, waitMinutes: null }, questionnaire: v.q, answers: parsed.data as Record<string, unknown>, now: s.clock() });
    } catch (err) {
      if (!(isAppError(err) && err.code === 'conflict')) throw err;
    }
    reply.flash('success', 'surveys.thanks');
    return reply.redirect('/staff/surveys', 303);
  });

  const phoneSchema = z.object({
    calledAt: z.string({ error: 'err.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/, 'surveys.err.when'),
    answeredBy: fields.text(60),
    checks: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])).pipe(z.array(z.enum(PHONE_CHECKS))),
    note: fields.optionalText(500),
  });
  /** Phone tests are per office: the picked one, else the person's own, else the first covered (the one a new test is recorded for). */
  async function phoneOffice(req: FastifyRequest) {
    const { offices, picked } = await askedOffice(req);
    const office = picked ?? offices.find((o) => o.id === principal(req).officeId) ?? offices[0];
    if (!office) throw new AppError('forbidden', 'error.forbidden.title');
    return { office, choice: { officeCode: office.code, offices: offices.map((o) => ({ value: o.code, label: o.name })) } };
  }
  async function phonePage(req: FastifyRequest, state?: FormState) {
    const { office, choice } = await phoneOffice(req);
    const rows = await repo.phoneTests(db, [office.id]);
    return PhoneTestsPage({ ctx: await req.view(), rows: rows.map((r) => ({ id: r.id, calledAt: r.called_at, answeredBy: r.answered_by, score: r.score, passed: JSON.parse(r.checks) as string[], note: r.note })), state, choice });
  }
  app.get('/staff/surveys/phone-tests', manage, async (req, reply) => reply.render(await phonePage(req)));
  app.post('/staff/surveys/phone-tests', manage, async (req, reply) => {
    const parsed = parseForm(phoneSchema, req.body);
    if (!parsed.ok) return reply.render(await phonePage(req, parsed.state), 422);
    const staff = principal(req);
    const { office } = await phoneOffice(req);
    const d = parsed.data;
    // the score is the share of the checklist met, out of 100
    const score = Math.round((d.checks.length / PHONE_CHECKS.length) * 100);
    await repo.insertPhoneTest(db, { office_id: office.id, called_at: new Date(`${d.calledAt.replace(' ', 'T')}:00+08:00`).toISOString(), answered_by: d.answeredBy, checks: JSON.stringify(d.checks), score, note: d.note ?? null, recorded_by: staff.id, created_at: s.clock().toISOString() });
    await recordAudit(db, { actor: staff, action: 'survey.phone_test', officeId: office.id, detail: { score }, ip: req.ip }, s.clock());
    reply.flash('success', 'surveys.f.saved');
    return reply.redirect(`/staff/surveys/phone-tests?office=${office.code}`, 303);
  });
}
