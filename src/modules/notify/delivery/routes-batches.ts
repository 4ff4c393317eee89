import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../../platform/auth/guard.js';
import { AppError, isAppError } from '../../../platform/errors.js';
import { ODS_MIME } from '../../../platform/export/index.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import { askedOfficeCode } from '../../../platform/http/office-query.js';
import type { FormState } from '../../../platform/layout/forms.js';
import { officeChoice } from '../../../platform/layout/OfficePicker.js';
import { staffOfficeFor, staffOffices } from '../../offices/index.js';
import { batchList, batchOds, batchOverview, batchPdf, handOver, makeBatch } from './batches.js';
import type { DeliveryDeps } from './deps.js';
import { BatchesPage } from './views/batches.js';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const fileParam = z.object({ file: z.string().regex(/^\d{1,10}\.(ods|pdf)$/) });
const makeForm = z.object({ recipient: z.coerce.number().int().positive().max(2 ** 31 - 1) });
const handOverForm = z.object({ date: fields.date('notify.delivery.handover.err.date') });

/** The printed lists for agencies with neither e-mail nor webhook (notify.oversee, own office). */
export function batchRoutes(app: FastifyInstance, deps: DeliveryDeps) {
  const guard = { preHandler: requireStaff('notify.oversee') };
  const db = deps.database.db;

  async function scope(req: FastifyRequest) {
    const office = await staffOfficeFor(db, req, askedOfficeCode(req));
    const offices = await staffOffices(db, req);
    return { office, offices, choice: officeChoice(offices, office.code) };
  }

  async function page(req: FastifyRequest, reply: FastifyReply, handover?: { id: number; state: FormState }) {
    const { office, choice } = await scope(req);
    const data = await batchOverview(deps, office, req.locale);
    return reply.render(BatchesPage({ ctx: await req.view({ office }), choice, data, handover }), handover ? 422 : 200);
  }
  const back = (code: string) => `/staff/notify/batches?office=${encodeURIComponent(code)}`;

  app.get('/staff/notify/batches', guard, async (req, reply) => page(req, reply));

  app.post('/staff/notify/batches', guard, async (req, reply) => {
    const { office } = await scope(req);
    const { recipient } = makeForm.parse(req.body);
    try {
      const made = await makeBatch(deps, office, recipient, principal(req), req.ip);
      reply.flash('success', 'notify.delivery.batch.listed', { id: made.batchId, n: made.notices });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect(back(office.code), 303);
  });

  app.get('/staff/notify/batches/:file', guard, async (req, reply) => {
    const parsed = fileParam.safeParse(req.params);
    if (!parsed.success) throw new AppError('not_found', 'error.notFound.title');
    const [idText, kind] = parsed.data.file.split('.') as [string, 'ods' | 'pdf'];
    const offices = await staffOffices(db, req);
    const list = await batchList(deps, Number(idText), offices.map((o) => o.id), req.t, req.locale, principal(req), req.ip, kind);
    const officeName = offices.find((o) => o.id === list.officeId)?.name ?? '';
    const name = `notify-batch-${list.id}.${kind}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (kind === 'ods') return reply.type(ODS_MIME).send(Buffer.from(batchOds(list, req.t, officeName, deps.clock())));
    return reply.type('application/pdf').send(await batchPdf(list, req.t, req.locale, officeName));
  });

  app.post('/staff/notify/batches/:id/handover', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { office, offices } = await scope(req);
    const parsed = parseForm(handOverForm, req.body);
    if (!parsed.ok) return page(req, reply, { id, state: parsed.state });
    try {
      const n = await handOver(deps, id, parsed.data.date, offices.map((o) => o.id), principal(req), req.locale, req.ip);
      reply.flash('success', 'notify.delivery.handover.done', { id, n });
    } catch (err) {
      if (isAppError(err) && err.code === 'validation') return page(req, reply, { id, state: { values: parsed.values, errors: err.fields ?? [] } });
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect(back(office.code), 303);
  });
}
