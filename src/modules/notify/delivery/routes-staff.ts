import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { isAppError } from '../../../platform/errors.js';
import { addDays, daysBetween, taipeiToday } from '../../../platform/calendar/index.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import type { FormState } from '../../../platform/layout/forms.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import type { DeliveryDeps } from './deps.js';
import * as oversee from './oversee.js';
import { NoticePage, RecipientPage, SummaryPage } from './views/staff.js';

const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;

const periodQuery = z.object({ from: z.string().max(40).optional().catch(undefined), to: z.string().max(40).optional().catch(undefined) });
const periodForm = z
  .object({ from: fields.date('notify.delivery.period.err.date'), to: fields.date('notify.delivery.period.err.date') })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'notify.delivery.period.err.order' })
  .refine((p) => daysBetween(p.from, p.to) < MAX_DAYS, { path: ['to'], message: 'notify.delivery.period.err.tooLong' });

/**
 * The Taipei days asked for; the last 30 days when none. A wrong date, a
 * reversed or too long range comes back beside its field with what was
 * typed, and the page shows the default meanwhile.
 */
export function askedPeriod(req: FastifyRequest, today: string): { from: string; to: string; state?: FormState } {
  const q = periodQuery.parse(req.query ?? {});
  const fallback = { from: addDays(today, -(DEFAULT_DAYS - 1)), to: today };
  const from = q.from?.trim() ?? '';
  const to = q.to?.trim() ?? '';
  if (!from && !to) return fallback;
  const parsed = parseForm(periodForm, { from: from || to, to: to || from });
  if (!parsed.ok) return { ...fallback, state: { values: { from, to }, errors: parsed.state.errors } };
  return parsed.data;
}

const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

/** /staff/notify, one notice, one agency; the retry. Supervisors and up, their own office (county staff pick one). */
export function staffRoutes(app: FastifyInstance, deps: DeliveryDeps) {
  const guard = { preHandler: requireStaff('notify.oversee') };
  const db = deps.database.db;

  async function scope(req: FastifyRequest) {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const offices = await staffOffices(db, req);
    return { office, offices, choice: officeChoice(offices, office.code) };
  }

  app.get('/staff/notify', guard, async (req, reply) => {
    const { office, choice } = await scope(req);
    const period = askedPeriod(req, taipeiToday(deps.clock()));
    const data = await oversee.summary(deps, office.id, period, req.locale);
    return reply.render(SummaryPage({ ctx: await req.view({ office }), choice, from: period.from, to: period.to, state: period.state, data }), period.state ? 422 : 200);
  });

  app.get('/staff/notify/notices/:id', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { offices } = await scope(req);
    const n = await oversee.noticeHistory(deps, id, offices.map((o) => o.id), req.locale);
    // the page is about the notice's office, whichever the picker last showed
    const office = offices.find((o) => o.id === n.officeId) ?? offices[0]!;
    return reply.render(NoticePage({ ctx: await req.view({ office }), choice: officeChoice(offices, office.code), n }));
  });

  app.post('/staff/notify/notices/:id/retry', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { offices } = await scope(req);
    try {
      await oversee.retry(deps, id, offices.map((o) => o.id), principal(req), req.ip);
      reply.flash('success', 'notify.delivery.retried', { id });
    } catch (err) {
      // a second click, or a notice whose data is gone: said on the notice's page
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect(`/staff/notify/notices/${id}`, 303);
  });

  app.get('/staff/notify/by-recipient/:id', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { office, choice } = await scope(req);
    const period = askedPeriod(req, taipeiToday(deps.clock()));
    const data = await oversee.byRecipient(deps, office, id, period, req.locale);
    return reply.render(RecipientPage({ ctx: await req.view({ office }), choice, from: period.from, to: period.to, state: period.state, data }), period.state ? 422 : 200);
  });
}
