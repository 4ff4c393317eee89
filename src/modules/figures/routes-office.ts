import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { daysBetween, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { FIGURE_KEYS, figureDef } from './headline.js';
import { GRAINS, MAX_RANGE_DAYS, monthToDate, namesFor, officeFigures, usableGrain, wholePeriod } from './office.js';
import { officeChartSvg } from './office-chart.js';
import { officeTables } from './office-tables.js';
import { type Period, parsePeriod, rangePeriod } from './periods.js';
import { OfficeFiguresPage } from './views/office.js';

const query = z.object({
  office: z.string().max(40).optional().catch(undefined),
  period: z.string().max(30).optional().catch(undefined),
  grain: z.enum(GRAINS).optional().catch(undefined),
  from: z.string().max(40).optional().catch(undefined),
  to: z.string().max(40).optional().catch(undefined),
  figure: z
    .string()
    .refine((k) => FIGURE_KEYS.includes(k))
    .optional()
    .catch(undefined),
  table: z.string().max(40).optional().catch(undefined),
});

/** A run of days typed into the page: real dates (2026-11-03 or 115/11/03), in order, at most ten years. */
const rangeForm = z
  .object({ from: fields.date('figures.office.err.date'), to: fields.date('figures.office.err.date') })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'figures.office.err.order' })
  .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, { path: ['to'], message: 'figures.office.err.tooLong' });

/**
 * The period a request asks for: the typed run of days (from/to) when
 * either is filled in, else ?period= (a month, quarter, year or run of days
 * from the picker or a link), else today's month so far. A bad run of days
 * comes back as field errors with what was typed.
 */
export function askedPeriod(q: { period?: string | undefined; from?: string | undefined; to?: string | undefined }, today: string): { period: Period; state?: FormState } {
  let from = q.from?.trim() ?? '';
  let to = q.to?.trim() ?? '';
  if (!from && !to && q.period) {
    const p = parsePeriod(q.period);
    if (p && p.kind !== 'range') return { period: p };
    if (p) [from, to] = [p.from, p.to];
  }
  if (!from && !to) return { period: monthToDate(today) };
  const parsed = parseForm(rangeForm, { from, to });
  if (!parsed.ok) return { period: monthToDate(today), state: parsed.state };
  return { period: wholePeriod(rangePeriod(parsed.data.from, parsed.data.to)), state: { values: { from, to }, errors: [] } };
}

export async function officeRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const db = services.database.db;
  const guard = { preHandler: requireStaff('figures.office') };

  async function load(req: FastifyRequest) {
    const q = query.parse(req.query ?? {});
    const office = await staffOfficeFor(db, req, q.office);
    const choice = officeChoice(await staffOffices(db, req), office.code);
    const today = taipeiToday(services.clock());
    const { period, state } = askedPeriod(q, today);
    const { grain, narrowed } = usableGrain(period, q.grain);
    const chart = figureDef(q.figure ?? 'tickets') ?? figureDef('tickets')!;
    return { q, office, choice, today, period, state, grain, narrowed, chart };
  }

  /** The figures and their tables; a bad run of days stops here (the page shows the form instead). */
  async function figuresOf(req: FastifyRequest) {
    const base = await load(req);
    if (base.state?.errors.length) throw new AppError('validation', base.state.errors[0]!.key);
    const f = await officeFigures(db, base.office.id, base.period, base.grain);
    const names = await namesFor(db, base.office.id, f.tally, req.locale);
    return { ...base, f, tables: officeTables(f, names, base.chart, req.t, req.locale) };
  }

  const fileName = (code: string, p: Period, ext: string) => `figures-${code}-${p.kind === 'range' ? `${p.from}_${p.to}` : p.key}.${ext}`;

  app.get('/staff/figures/office', guard, async (req, reply) => {
    const base = await load(req);
    const ctx = await req.view();
    // the last five years, and the shown period's year when a link goes further back
    const thisYear = Number(base.today.slice(0, 4));
    const years = [...new Set([...Array.from({ length: 5 }, (_, i) => thisYear - i), Number(base.period.from.slice(0, 4))])].sort((a, b) => b - a);
    if (base.state?.errors.length) {
      return reply.render(OfficeFiguresPage({ ctx, choice: base.choice, officeName: base.office.name, period: base.period, grain: base.grain, narrowed: false, chart: base.chart, years, state: base.state, data: null }), 422);
    }
    const { f, tables } = await figuresOf(req);
    return reply.render(OfficeFiguresPage({ ctx, choice: base.choice, officeName: base.office.name, period: base.period, grain: base.grain, narrowed: base.narrowed, chart: base.chart, years, state: base.state, data: { f, tables } }));
  });

  app.get('/staff/figures/office.csv', guard, async (req, reply) => {
    const { office, period, tables, q } = await figuresOf(req);
    const one = tables.find((x) => x.id === q.table);
    if (q.table && !one) throw new AppError('not_found', 'error.notFound.title');
    let body: string;
    if (one) body = toCsv(one.sheet.headers, one.sheet.rows);
    else {
      // every table in one file, each under its name and a blank line, as the petitions figures do
      const [first, ...rest] = tables.map((x) => x.sheet);
      body = toCsv(first!.headers, [...first!.rows, ...rest.flatMap((s) => [[], [s.name], s.headers, ...s.rows])]);
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(office.code, period, one ? `${one.id}.csv` : 'csv')}"`)
      .send(body);
  });

  app.get('/staff/figures/office.ods', guard, async (req, reply) => {
    const { office, period, tables } = await figuresOf(req);
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="${fileName(office.code, period, 'ods')}"`)
      .send(Buffer.from(toOds(tables.map((x) => x.sheet), { title: `${office.name} ${period.key}`, now: services.clock() })));
  });

  // Shown through <img>: the SVG keeps its own inline styles, which the page CSP would block.
  app.get('/staff/figures/office.svg', guard, async (req, reply) => {
    const { office, period, f, chart } = await figuresOf(req);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileName(office.code, period, 'svg')}"`)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(officeChartSvg(f, chart, req.t, req.locale));
  });
}
