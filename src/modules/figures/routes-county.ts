import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { sharedMax, smallMultipleSvg } from './charts.js';
import { leagueOf, seriesOf } from './county.js';
import { chartTallies, countyBoard } from './county-service.js';
import { type CountySheet, GROUPS, headlineSheet, leagueSheet, seriesSheet, spreadsheetNames } from './county-sheets.js';
import { FIGURE_KEYS, FIGURES, figureDef } from './headline.js';
import { monthPeriod, type Period, parsePeriod, periodLabel, previousPeriod, sameLastYear } from './periods.js';
import { CountyPage } from './views/county.js';

const query = z.object({
  // a month, a quarter or a year; anything else falls back to the last whole month
  period: z
    .string()
    .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4])?$/)
    .optional()
    .catch(undefined),
  sort: z
    .enum(FIGURE_KEYS as [string, ...string[]])
    .optional()
    .catch(undefined),
  table: z.string().max(60).optional().catch(undefined),
  office: z.string().max(40).optional().catch(undefined),
});

/** The last whole month before today (Asia/Taipei): the month a county reads its figures for. */
export function defaultPeriod(now: Date): Period {
  const today = taipeiToday(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

/** The county dashboard: every office side by side, league tables, small multiples, CSV and ODS. */
export async function countyRoutes(app: FastifyInstance, s: AppServices): Promise<void> {
  const guard = { preHandler: requireStaff('figures.county') };
  const db = s.database.db;

  async function load(req: FastifyRequest) {
    const q = query.parse(req.query ?? {});
    const period = (q.period ? parsePeriod(q.period) : null) ?? defaultPeriod(s.clock());
    const def = figureDef(q.sort ?? FIGURES[0]!.key)!;
    const board = await countyBoard(db, await staffOffices(db, req), period);
    const chart = await chartTallies(db, board.offices, period);
    const compared = { previous: previousPeriod(period), lastYear: sameLastYear(period) };
    return { q, period, def, board, chart, compared };
  }

  function sheets(req: FastifyRequest, data: Awaited<ReturnType<typeof load>>, seriesKeys: string[]): CountySheet[] {
    const { board, chart, compared } = data;
    return spreadsheetNames([
      ...GROUPS.map((g) => headlineSheet(board, g, req.t, req.locale, compared)),
      ...FIGURES.map((def) => leagueSheet(leagueOf(board, def), req.t, req.locale, compared)),
      ...seriesKeys.map((key) => {
        const def = figureDef(key)!;
        return seriesSheet(board.offices, chart.months, seriesOf(board.offices, chart.tallies, def), def, req.t, req.locale);
      }),
    ]);
  }

  app.get('/staff/figures/county', guard, async (req, reply) => {
    const data = await load(req);
    const { period, def, board, chart, compared } = data;
    const series = seriesOf(board.offices, chart.tallies, def);
    const thisYear = Number(taipeiToday(s.clock()).slice(0, 4));
    const years = [...new Set([thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4, Number(period.from.slice(0, 4))])].sort((a, b) => b - a);
    return reply.render(
      CountyPage({
        ctx: await req.view(),
        period,
        compared,
        board,
        def,
        leagues: FIGURES.map((d) => leagueOf(board, d)),
        months: chart.months,
        series,
        max: sharedMax([...series.byOffice.values()], def.unit),
        years,
      }),
    );
  });

  app.get('/staff/figures/county.csv', guard, async (req, reply) => {
    const data = await load(req);
    const table = data.q.table ?? '';
    const seriesKey = table.startsWith('series.') ? table.slice('series.'.length) : null;
    const sheet = sheets(req, data, seriesKey && figureDef(seriesKey) ? [seriesKey] : []).find((x) => x.id === table);
    if (!sheet) throw new AppError('not_found', 'error.notFound.title');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="county-${table}-${data.period.key}.csv"`)
      .send(toCsv(sheet.headers, sheet.rows));
  });

  app.get('/staff/figures/county.ods', guard, async (req, reply) => {
    const data = await load(req);
    const title = `${req.t('figures.county.title')} ${periodLabel(data.period, req.locale)}`;
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="county-${data.period.key}.ods"`)
      .send(Buffer.from(toOds(sheets(req, data, [data.def.key]), { title, now: s.clock() })));
  });

  // Shown through <img>: the SVG keeps its own inline styles, which the page CSP would block.
  app.get('/staff/figures/county/chart.svg', guard, async (req, reply) => {
    const { q, period, def, board, chart } = await load(req);
    const office = board.offices.find((o) => o.code === q.office);
    if (!office) throw new AppError('not_found', 'error.notFound.title');
    const series = seriesOf(board.offices, chart.tallies, def);
    const svg = smallMultipleSvg({ months: chart.months, values: series.byOffice.get(office.id) ?? [], max: sharedMax([...series.byOffice.values()], def.unit), locale: req.locale });
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="county-${office.code}-${def.key}-${period.key}.svg"`)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(svg);
  });
}
