import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { summarySheet } from './exports.js';
import { applyOp, editorValues, readEditor, rowsOf, validateRows } from './lines.js';
import { toReportOffice } from './routes.js';
import { monthOf, reportMonth } from './service.js';
import { countySummary } from './summary.js';
import { currentTemplate, highestKeyEver, saveTemplate } from './template.js';
import { CountyPage } from './views/county.js';
import { monthOptions } from './views/parts.js';
import { TemplatePage } from './views/template.js';

const monthQuery = z.object({ month: z.string().max(7).optional().catch(undefined) });

/** The county's side: the report's template, and every office's report for a month with the summary files. */
export function countyReportRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const county = { preHandler: requireStaff('figures.county') };

  /** The county this person works for (a system admin, who has none: the county of the offices there are). */
  async function scope(req: FastifyRequest) {
    const offices = await staffOffices(db, req);
    const countyId = principal(req).countyId ?? offices[0]?.countyId;
    if (countyId === undefined) throw new AppError('forbidden', 'error.forbidden.title');
    return { countyId, offices: offices.filter((o) => o.countyId === countyId).map(toReportOffice) };
  }

  app.get('/staff/reports/template', county, async (req, reply) => {
    const { countyId } = await scope(req);
    const current = await currentTemplate(db, countyId);
    const rows = rowsOf(current?.lines ?? []);
    return reply.render(TemplatePage({ ctx: await req.view(), current, rows, state: { values: editorValues(rows), errors: [] } }));
  });

  app.post('/staff/reports/template', county, async (req, reply) => {
    const { countyId } = await scope(req);
    const current = await currentTemplate(db, countyId);
    const { rows, op } = readEditor(req.body);
    if (op.type !== 'save') {
      const next = applyOp(rows, op);
      return reply.render(TemplatePage({ ctx: await req.view(), current, rows: next, state: { values: editorValues(next), errors: [] } }));
    }
    const checked = validateRows(rows, await highestKeyEver(db, countyId));
    if (!checked.ok) return reply.render(TemplatePage({ ctx: await req.view(), current, rows, state: { values: editorValues(rows), errors: checked.errors } }), 422);
    const saved = await saveTemplate(s.database, countyId, checked.lines, principal(req), req.ip, s.clock());
    reply.flash(saved.changed ? 'success' : 'info', saved.changed ? 'reports.flash.templateSaved' : 'reports.flash.templateSame', { n: saved.version });
    return reply.redirect('/staff/reports/template', 303);
  });

  async function load(req: FastifyRequest) {
    const q = monthQuery.parse(req.query ?? {});
    const month = (q.month ? monthOf(q.month, s.clock()) : null) ?? reportMonth(s.clock());
    const { countyId, offices } = await scope(req);
    return { countyId, summary: await countySummary(db, countyId, offices, month) };
  }

  app.get('/staff/reports/county', county, async (req, reply) => {
    const { countyId, summary } = await load(req);
    const months = monthOptions(taipeiToday(s.clock()).slice(0, 7), summary.month.key);
    return reply.render(CountyPage({ ctx: await req.view(), summary, months, hasTemplate: (await currentTemplate(db, countyId)) !== null }));
  });

  app.get('/staff/reports/county/summary.ods', county, async (req, reply) => {
    const { summary } = await load(req);
    const sheet = summarySheet(summary, req.t, req.locale);
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="reports-${summary.month.key}.ods"`)
      .send(Buffer.from(toOds([sheet], { title: sheet.name, now: s.clock() })));
  });

  app.get('/staff/reports/county/summary.csv', county, async (req, reply) => {
    const { summary } = await load(req);
    const sheet = summarySheet(summary, req.t, req.locale);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="reports-${summary.month.key}.csv"`).send(toCsv(sheet.headers, sheet.rows));
  });
}
