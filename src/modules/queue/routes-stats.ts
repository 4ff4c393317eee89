import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import type { AppServices } from '../../platform/module.js';
import { officeFor } from './routes-supervisor.js';
import { dayStats, hourChartSvg, statsSheets } from './stats.js';
import { StatsPage } from './views/stats.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { staffOffices } from '../offices/index.js';

const query = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  office: z.string().max(40).optional().catch(undefined),
});

export function statsRoutes(app: FastifyInstance, s: AppServices) {
  const guard = { preHandler: requireStaff('queue.stats') };

  async function load(req: FastifyRequest) {
    const q = query.parse(req.query ?? {});
    const office = await officeFor(s, req, q.office);
    const choice = officeChoice(await staffOffices(s.database.db, req), office.code);
    const date = q.date ?? taipeiToday(s.clock());
    const stats = await dayStats(s.database.db, office.id, date, req.locale);
    return { office, choice, date, stats, sheets: statsSheets(stats, req.t) };
  }

  app.get('/staff/queue/stats', guard, async (req, reply) => {
    const { choice, date, stats, sheets } = await load(req);
    return reply.render(StatsPage({ ctx: await req.view(), date, choice, sheets, walkIns: stats.walkIns }));
  });

  app.get('/staff/queue/stats.csv', guard, async (req, reply) => {
    const { office, date, sheets } = await load(req);
    const first = sheets[0]!;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="queue-${office.code}-${date}.csv"`)
      .send(toCsv(first.headers, first.rows));
  });

  app.get('/staff/queue/stats.ods', guard, async (req, reply) => {
    const { office, date, sheets } = await load(req);
    return reply
      .type(ODS_MIME)
      .header('content-disposition', `attachment; filename="queue-${office.code}-${date}.ods"`)
      .send(Buffer.from(toOds(sheets, { title: `${office.name} ${date}` })));
  });

  // Shown through <img>: the SVG keeps its own inline styles, which the page CSP would block.
  app.get('/staff/queue/stats/chart.svg', guard, async (req, reply) => {
    const { office, date, stats } = await load(req);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="queue-${office.code}-${date}.svg"`)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(hourChartSvg(stats, req.t));
  });
}
