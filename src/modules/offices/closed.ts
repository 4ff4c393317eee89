import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { officeByCode } from './service.js';
import { ClosedOfficePage } from './views/ClosedOffice.js';

/**
 * A deactivated office's public pages (/o/<code> and below) say it is
 * closed and point to its successor. Other modules' public routes use one
 * of these:
 *
 *   const closed = await closedOfficeReply(req, reply, office); if (closed) return closed;
 *   app.get('/o/:office/queue', { preHandler: openOfficeOnly(db) }, …)
 *
 * The page answers 200: it is the office's page now, with the way onwards.
 */
export async function closedOfficeReply(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo): Promise<FastifyReply | null> {
  if (!office.closed) return null;
  return reply.render(ClosedOfficePage({ ctx: await req.view({ office }) }));
}

const params = z.object({ office: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/** preHandler for a public route with an :office parameter; an unknown code goes on to the route's own 404. */
export function openOfficeOnly(db: Db) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const p = params.safeParse(req.params);
    if (!p.success) return;
    const office = await officeByCode(db, p.data.office, req.locale).catch(() => null);
    if (office?.closed) return closedOfficeReply(req, reply, office);
  };
}
