import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import { showInstant } from '../../platform/layout/dates.js';
import type { AppServices } from '../../platform/module.js';
import { birthDateField } from '../cases/index.js';
import * as lost from './service.js';
import { CheckPage, DonePage, ReportPage, StaffListPage } from './views.js';

const reportSchema = z
  .object({
    idNumber: idNumberSchema,
    name: fields.text(60),
    birthDate: birthDateField,
    address: fields.text(200),
    contact: fields.text(120),
    password: z.string({ error: 'err.required' }).min(6, 'lostid.err.short').max(200, 'err.tooLong'),
    passwordConfirm: z.string({ error: 'err.required' }).min(1, 'err.required'),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'lostid.err.mismatch' });

const checkSchema = z.object({ idNumber: idNumberSchema, birthDate: birthDateField, password: z.string().max(200).optional() });

export function lostIdRoutes(app: FastifyInstance, s: AppServices) {
  const deps = { database: s.database, vault: s.vault, clock: s.clock };
  const limited = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };

  app.get('/lost-id', async (req, reply) => reply.render(ReportPage({ ctx: await req.view() })));

  app.post('/lost-id', limited, async (req, reply) => {
    const parsed = parseForm(reportSchema, req.body);
    if (!parsed.ok) return reply.render(ReportPage({ ctx: await req.view(), state: parsed.state }), 422);
    try {
      const r = await lost.report(deps, parsed.data, req.ip);
      return reply.render(DonePage({ ctx: await req.view(), reference: r.reference, reportedAt: r.reportedAt }));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(ReportPage({ ctx: await req.view(), state: { values: parsed.values, errors: err.fields } }), 409);
      throw err;
    }
  });

  for (const mode of ['status', 'revoke'] as const) {
    app.get(`/lost-id/${mode}`, async (req, reply) => reply.render(CheckPage({ ctx: await req.view(), mode })));
    app.post(`/lost-id/${mode}`, limited, async (req, reply) => {
      const parsed = parseForm(checkSchema, req.body);
      if (!parsed.ok) return reply.render(CheckPage({ ctx: await req.view(), mode, state: parsed.state }), 422);
      if (mode === 'status') {
        const st = await lost.status(deps, parsed.data.idNumber, parsed.data.birthDate);
        const message = st.inForce ? req.t('lostid.inForce', { time: showInstant(st.since, req.locale) }) : req.t('lostid.none');
        return reply.render(CheckPage({ ctx: await req.view(), mode, message }));
      }
      const ok = await lost.revoke(deps, { idNumber: parsed.data.idNumber, birthDate: parsed.data.birthDate, password: parsed.data.password ?? '' }, req.ip);
      return reply.render(CheckPage({ ctx: await req.view(), mode, message: req.t(ok ? 'lostid.revoked' : 'lostid.noMatch') }), ok ? 200 : 404);
    });
  }

  app.get('/staff/lost-id', { preHandler: requireStaff('lostid.view') }, async (req, reply) =>
    reply.render(StaffListPage({ ctx: await req.view(), rows: await lost.listActive(deps, principal(req), req.ip) })),
  );

  app.post('/staff/lost-id/:id/close', { preHandler: requireStaff('lostid.view') }, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    await lost.closeOnReplacement(deps, id, principal(req), req.ip);
    reply.flash('success', 'lostid.closed');
    return reply.redirect('/staff/lost-id', 303);
  });
}
