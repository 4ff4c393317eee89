import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../../platform/auth/guard.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import type { AppServices } from '../../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import { monthOf, monthReport, shiftMonth } from './service.js';
import { MessagesPage } from './views.js';

/** How far back the month picker reaches. */
const MONTHS_BACK = 24;

const querySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export function messagesRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;

  // supervisors and up see their own office; county staff pick one with ?office=
  app.get('/staff/notify/messages', { preHandler: requireStaff('notify.oversee') }, async (req, reply) => {
    const q = querySchema.parse(req.query ?? {});
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const offices = await staffOffices(db, req);
    const latest = monthOf(s.clock());
    const months = Array.from({ length: MONTHS_BACK }, (_, i) => shiftMonth(latest, -i));
    // a month outside the picker's reach shows the latest rather than an empty page that looks like "nothing sent"
    const month = q.month && months.includes(q.month) ? q.month : latest;
    const report = await monthReport(db, office.id, month, q.page ?? 1);
    return reply.render(MessagesPage({ ctx: await req.view({ office }), choice: officeChoice(offices, office.code), report, months, latest }));
  });
}
