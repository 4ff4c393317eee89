import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { daysBetween, isIsoDate, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { Translate } from '../../platform/i18n/index.js';
import { showDate } from '../../platform/layout/dates.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { officeFor } from './routes-supervisor.js';
import { hourChartSvg, MAX_STATS_DAYS, rangeStats, statsSheets } from './stats.js';
import { StatsPage } from './views/stats.js';

const query = z.object({
  /** one day: the links made before runs of days */
  date: z.string().max(40).optional().catch(undefined),
  from: z.string().max(40).optional().catch(undefined),
  to: z.string().max(40).optional().catch(undefined),
  office: z.string().max(40).optional().catch(undefined),
});

const rangeForm = z
  .object({ from: fields.date('queue.stats.err.date'), to: fields.date('queue.stats.err.date') })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'queue.stats.err.order' })
  .refine((r) => daysBetween(r.from, r.to) + 1 <= MAX_STATS_DAYS, { path: ['to'], message: 'queue.stats.err.tooLong' });

/**
 * The days asked for: from/to (either alone is that one day), else the old
 * ?date= as a single day, else today. A wrong date, a reversed range or one
 * longer than 366 days comes back as field errors with what was typed.
 */
export function askedDays(q: z.infer<typeof query>, today: string): { from: string; to: string; state?: FormState } {
  const from = q.from?.trim() ?? '';
  const to = q.to?.trim() ?? '';
  if (!from && !to) {
    const day = q.date && isIsoDate(q.date) ? q.date : today;
    return { from: day, to: day };
  }
  const parsed = parseForm(rangeForm, { from: from || to, to: to || from });
  if (!parsed.ok) {
    // one field left empty is that one day: a wrong date is told beside the field it was typed in
    const errors = parsed.state.errors.filter((e) => (e.field === 'from' ? from : to));
    return { from: today, to: today, state: { values: { from, to }, errors } };
  }
  return { from: parsed.data.from, to: parsed.data.to };
}

/** 民國115年11月24日, or 民國115年11月2日至民國115年11月24日. */
export function daysLabel(from: string, to: string, locale: 'zh-Hant' | 'en', t: Translate): string {
  return from === to ? showDate(from, locale) : t('queue.stats.range', { from: showDate(from, locale), to: showDate(to, locale) });
}

export function statsRoutes(app: FastifyInstance, s: AppServices) {
  const guard = { preHandler: requireStaff('queue.stats') };

  async function load(req: FastifyRequest) {
    const q = query.parse(req.query ?? {});
    const office = await officeFor(s, req, q.office);
    const choice = officeChoice(await staffOffices(s.database.db, req), office.code);
    return { office, choice, ...askedDays(q, taipeiToday(s.clock())) };
  }

  /** The figures of the days asked for; wrong days stop a download here (the page shows its form instead). */
  async function figures(req: FastifyRequest) {
    const base = await load(req);
    if (base.state) throw new AppError('validation', base.state.errors[0]?.key ?? 'queue.stats.err.fix');
    const stats = await rangeStats(s.database.db, base.office.id, base.from, base.to, req.locale);
    const span = base.from === base.to ? base.from : `${base.from}_${base.to}`;
    return { ...base, stats, span, sheets: statsSheets(stats, req.t) };
  }

  app.get('/staff/queue/stats', guard, async (req, reply) => {
    const base = await load(req);
    const ctx = await req.view();
    if (base.state) return reply.render(StatsPage({ ctx, from: base.from, to: base.to, choice: base.choice, state: base.state, data: null }), 422);
    const { from, to, choice, stats, sheets } = await figures(req);
    return reply.render(StatsPage({ ctx, from, to, choice, data: { sheets, walkIns: stats.walkIns } }));
  });

  app.get('/staff/queue/stats.csv', guard, async (req, reply) => {
    const { office, span, sheets } = await figures(req);
    const first = sheets[0]!;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="queue-${office.code}-${span}.csv"`)
      .send(toCsv(first.headers, first.rows));
  });

  app.get('/staff/queue/stats.ods', guard, async (req, reply) => {
    const { office, from, to, span, sheets } = await figures(req);
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="queue-${office.code}-${span}.ods"`)
      .send(Buffer.from(toOds(sheets, { title: `${office.name} ${daysLabel(from, to, req.locale, req.t)}` })));
  });

  // Shown through <img>: the SVG keeps its own inline styles, which the page CSP would block.
  app.get('/staff/queue/stats/chart.svg', guard, async (req, reply) => {
    const { office, span, stats } = await figures(req);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="queue-${office.code}-${span}.svg"`)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(hourChartSvg(stats, req.t));
  });
}
