import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { parseForm } from '../../platform/http/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import type { Period } from '../figures/index.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { historySheet, linesSheet, reportFileTitle, reportPdf } from './exports.js';
import { decisionSchema, readFill } from './fill.js';
import { buildReport, decideReport, monthOf, type ReportOffice, reportMonth, saveFill, submitReport } from './service.js';
import { monthOptions } from './views/parts.js';
import { type ReportPageProps, ReportPage } from './views/report.js';

export const toReportOffice = (o: OfficeInfo): ReportOffice => ({ id: o.id, countyId: o.countyId, code: o.code, name: o.name });

const target = z.object({ office: z.string().max(40), month: z.string().regex(/^\d{4}-\d{2}$/) });
const pickQuery = z.object({
  office: z.string().max(40).optional().catch(undefined),
  month: z.string().max(7).optional().catch(undefined),
});

/** One office's monthly report: the page, filling it in, submitting, the county's decision, and its files. */
export function reportRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const view = { preHandler: requireStaff('figures.office') };
  const fill = { preHandler: requireStaff('report.fill') };
  const decide = { preHandler: requireStaff('figures.county') };

  /** The office (one this person covers, else 404: another office's report is not even there) and the month (up to this one). */
  async function resolve(req: FastifyRequest): Promise<{ office: ReportOffice; offices: OfficeInfo[]; month: Period }> {
    const p = target.safeParse(req.params);
    const notFound = new AppError('not_found', 'error.notFound.title');
    if (!p.success) throw notFound;
    const offices = await staffOffices(db, req);
    const office = offices.find((o) => o.code === p.data.office);
    const month = monthOf(p.data.month, s.clock());
    if (!office || !month) throw notFound;
    return { office: toReportOffice(office), offices, month };
  }

  async function page(req: FastifyRequest, r: Awaited<ReturnType<typeof resolve>>, extra: Pick<ReportPageProps, 'fill' | 'decide' | 'alert'> = {}) {
    const now = s.clock();
    const today = taipeiToday(now);
    const role = principal(req).role;
    return ReportPage({
      ctx: await req.view(),
      model: await buildReport(db, r.office, r.month),
      choice: officeChoice(r.offices, r.office.code),
      months: monthOptions(today.slice(0, 7), r.month.key),
      can: { fill: can(role, 'report.fill'), submit: can(role, 'report.submit'), decide: can(role, 'figures.county'), template: can(role, 'figures.county') },
      ended: r.month.to < today,
      ...extra,
    });
  }

  /** A rule that said no: the page again with the message (a lost race says the state changed). */
  async function refused(req: FastifyRequest, reply: FastifyReply, r: Awaited<ReturnType<typeof resolve>>, err: AppError) {
    const state = err.params.state;
    const alert = req.t(err.messageKey, state !== undefined ? { state: req.t(`reports.state.${state}`) } : err.params);
    return reply.render(await page(req, r, { alert }), 409);
  }

  // the picker's GET form: straight to the report's own address (county staff without an office: the county's list)
  app.get('/staff/reports', view, async (req, reply) => {
    const q = pickQuery.parse(req.query ?? {});
    const month = (q.month ? monthOf(q.month, s.clock()) : null) ?? reportMonth(s.clock());
    if (!q.office && can(principal(req).role, 'figures.county')) return reply.redirect(`/staff/reports/county?month=${month.key}`, 303);
    const office = await staffOfficeFor(db, req, q.office);
    return reply.redirect(`/staff/reports/${office.code}/${month.key}`, 303);
  });

  app.get('/staff/reports/:office/:month', view, async (req, reply) => reply.render(await page(req, await resolve(req))));

  app.post('/staff/reports/:office/:month', fill, async (req, reply) => {
    const r = await resolve(req);
    const staff = principal(req);
    const model = await buildReport(db, r.office, r.month);
    const form = readFill(
      req.body,
      model.lines.map((l) => l.line),
    );
    if (form.op === 'submit' && !can(staff.role, 'report.submit')) throw new AppError('forbidden', 'error.forbidden.title');
    if (!form.ok) return reply.render(await page(req, r, { fill: form.state }), 422);
    try {
      if (form.op === 'submit') await submitReport(s.database, r.office, r.month, form.input, staff, req.ip, s.clock());
      else await saveFill(s.database, r.office, r.month, form.input, staff, req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await page(req, r, { fill: { values: form.values, errors: err.fields } }), 422);
      if (isAppError(err) && err.code === 'conflict' && err.messageKey.startsWith('reports.')) return refused(req, reply, r, err);
      throw err;
    }
    reply.flash('success', form.op === 'submit' ? 'reports.flash.submitted' : 'reports.flash.saved');
    return reply.redirect(`/staff/reports/${r.office.code}/${r.month.key}`, 303);
  });

  app.post('/staff/reports/:office/:month/decide', decide, async (req, reply) => {
    const r = await resolve(req);
    const parsed = parseForm(decisionSchema, req.body);
    if (!parsed.ok) return reply.render(await page(req, r, { decide: parsed.state }), 422);
    try {
      await decideReport(s.database, r.office, r.month, parsed.data.decision, parsed.data.comment, principal(req), req.ip, s.clock());
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return reply.render(await page(req, r, { decide: { values: parsed.values, errors: err.fields } }), 422);
      if (isAppError(err) && err.code === 'conflict' && err.messageKey.startsWith('reports.')) return refused(req, reply, r, err);
      throw err;
    }
    reply.flash('success', parsed.data.decision === 'accept' ? 'reports.flash.accepted' : 'reports.flash.returned');
    return reply.redirect(`/staff/reports/${r.office.code}/${r.month.key}`, 303);
  });

  const fileName = (r: { office: ReportOffice; month: Period }, ext: string) => `report-${r.office.code}-${r.month.key}.${ext}`;

  app.get('/staff/reports/:office/:month/report.ods', view, async (req, reply) => {
    const r = await resolve(req);
    const m = await buildReport(db, r.office, r.month);
    const ods = toOds([linesSheet(m, req.t, req.locale), historySheet(m, req.t, req.locale)], { title: reportFileTitle(m, req.t, req.locale), now: s.clock() });
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="${fileName(r, 'ods')}"`).send(Buffer.from(ods));
  });

  app.get('/staff/reports/:office/:month/report.csv', view, async (req, reply) => {
    const r = await resolve(req);
    const sheet = linesSheet(await buildReport(db, r.office, r.month), req.t, req.locale);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(r, 'csv')}"`).send(toCsv(sheet.headers, sheet.rows));
  });

  app.get('/staff/reports/:office/:month/history.csv', view, async (req, reply) => {
    const r = await resolve(req);
    const sheet = historySheet(await buildReport(db, r.office, r.month), req.t, req.locale);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="report-history-${r.office.code}-${r.month.key}.csv"`).send(toCsv(sheet.headers, sheet.rows));
  });

  app.get('/staff/reports/:office/:month/report.pdf', view, async (req, reply) => {
    const r = await resolve(req);
    const pdf = await reportPdf(await buildReport(db, r.office, r.month), req.t, req.locale);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName(r, 'pdf')}"`).send(pdf);
  });
}
