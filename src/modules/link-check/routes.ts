import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import type { AppServices } from '../../platform/module.js';
import * as service from './service.js';
import { LinkCheckPage } from './views/LinkCheckPage.js';

/** The editors' link check page, "check now", and (county admins) the external-links switch. */
export function linkCheckRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('content.edit') };

  app.get('/staff/link-check', guard, async (req, reply) => {
    const d = await service.pageData(db);
    return reply.render(
      LinkCheckPage({
        ctx: await req.view(),
        view: {
          last: d.last?.finished_at ? { finishedAt: d.last.finished_at, links: d.last.links, broken: d.last.broken } : null,
          open: d.open ? (d.open.status === 'running' ? 'running' : 'queued') : null,
          broken: d.broken.map((l) => ({ url: l.url, status: l.http_status, error: l.error, checkedAt: l.checked_at, places: l.places.map((p) => ({ source: p.source, sourceId: p.source_id, locale: p.locale, title: p.title })) })),
          unchecked: d.unchecked,
          external: d.settings.external,
          mayConfigure: can(principal(req).role, 'setup.county'),
        },
      }),
    );
  });

  app.post('/staff/link-check/run', guard, async (req, reply) => {
    const queued = await service.requestRun(s.database, principal(req).id, s.clock());
    reply.flash(queued ? 'success' : 'warning', queued ? 'linkCheck.queued' : 'linkCheck.alreadyOpen');
    return reply.redirect('/staff/link-check', 303);
  });

  app.post('/staff/link-check/settings', { preHandler: requireStaff('setup.county') }, async (req, reply) => {
    const body = z.object({ external: z.union([z.string(), z.array(z.string())]).optional() }).parse(req.body ?? {});
    const external = Array.isArray(body.external) ? body.external.includes('1') : body.external === '1';
    const now = s.clock();
    await writeTransaction(s.database, async (trx) => {
      const current = await service.readSettings(trx);
      await service.writeSettings(trx, { ...current, external }, principal(req).id, now);
      await recordAudit(trx, { actor: principal(req), action: 'link_check.settings', detail: { external }, ip: req.ip }, now);
    });
    reply.flash('success', 'linkCheck.externalSaved');
    return reply.redirect('/staff/link-check', 303);
  });
}
