import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { isAppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import { showInstant } from '../../platform/layout/dates.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { birthDateField } from '../cases/index.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import * as lost from './service.js';
import { maskIdNumber } from '../../platform/identity/index.js';
import { CheckPage, DonePage, PhoneDonePage, PhoneFormPage, PhoneReadBackPage, ReportPage, StaffListPage } from './views.js';

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

// the county-level form asks which office; an office's own form (/o/<office>/lost-id) knows it
const officeField = z.object({ office: z.string({ error: 'err.choice' }).trim().min(1, 'err.choice').max(40, 'err.choice') });

// a report taken by phone: the public form's fields, no password (one is made and given to the caller), an optional e-mail to send it to
const phoneSchema = z.object({
  idNumber: idNumberSchema,
  name: fields.text(60),
  birthDate: birthDateField,
  address: fields.text(200),
  contact: fields.text(120),
  email: fields.optionalEmail(),
});
// the clerk must have read the record back to the caller before it is recorded
const readBackSchema = z.object({ readBack: z.literal('1', { error: 'lostid.err.readBack' }) });

const checkSchema = z.object({ idNumber: idNumberSchema, birthDate: birthDateField, password: z.string().max(200).optional() });

export function lostIdRoutes(app: FastifyInstance, s: AppServices) {
  const deps = { database: s.database, vault: s.vault, clock: s.clock };
  const limited = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };

  const officeOf = (req: FastifyRequest) => officesService.officeByCode(s.database.db, z.string().max(40).parse((req.params as { office: string }).office), req.locale);
  const officeChoices = async (req: FastifyRequest) => (await officesService.listOfficeInfos(s.database.db, req.locale)).map((o) => ({ value: o.code, label: o.name }));

  async function submit(req: FastifyRequest, reply: FastifyReply, office: OfficeInfo | null) {
    const page = async (state: FormState, code: number) =>
      reply.render(ReportPage({ ctx: await req.view({ office }), state, officeCode: office?.code, offices: office ? undefined : await officeChoices(req) }), code);
    const parsed = parseForm(office ? reportSchema : reportSchema.and(officeField), req.body);
    if (!parsed.ok) return page(parsed.state, 422);
    let target = office;
    if (!target) {
      const code = (parsed.data as { office?: string }).office ?? '';
      target = (await officesService.listOfficeInfos(s.database.db, req.locale)).find((o) => o.code === code) ?? null;
      if (!target) return page({ values: parsed.values, errors: [{ field: 'office', key: 'err.choice' }] }, 422);
    }
    try {
      const r = await lost.report(deps, { ...parsed.data, officeId: target.id }, req.ip);
      return reply.render(DonePage({ ctx: await req.view({ office }), reference: r.reference, reportedAt: r.reportedAt }));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return page({ values: parsed.values, errors: err.fields }, 409);
      throw err;
    }
  }

  app.get('/lost-id', async (req, reply) => reply.render(ReportPage({ ctx: await req.view(), offices: await officeChoices(req) })));
  app.post('/lost-id', limited, async (req, reply) => submit(req, reply, null));
  app.get('/o/:office/lost-id', async (req, reply) => {
    const office = await officeOf(req);
    return reply.render(ReportPage({ ctx: await req.view({ office }), officeCode: office.code }));
  });
  app.post('/o/:office/lost-id', limited, async (req, reply) => submit(req, reply, await officeOf(req)));

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

  // office staff see their office's reports; county staff every office of the county, or the one picked with ?office=
  app.get('/staff/lost-id', { preHandler: requireStaff('lostid.view') }, async (req, reply) => {
    const offices = await staffOffices(s.database.db, req);
    const code = z.string().max(40).optional().catch(undefined).parse((req.query as { office?: string } | undefined)?.office);
    const picked = offices.find((o) => o.code === code);
    const shown = picked ? [picked] : offices;
    const rows = await lost.listActive(deps, principal(req), shown.map((o) => o.id), req.ip);
    const names = new Map(offices.map((o) => [o.id, o.name]));
    return reply.render(
      StaffListPage({
        ctx: await req.view({ office: picked ?? (offices.length === 1 ? (offices[0] ?? null) : null) }),
        rows: rows.map((r) => ({ ...r, office: names.get(r.officeId) ?? '' })),
        offices: offices.length > 1 ? offices.map((o) => ({ value: o.code, label: o.name })) : [],
        officeCode: picked?.code ?? '',
      }),
    );
  });

  app.post('/staff/lost-id/:id/close', { preHandler: requireStaff('lostid.view') }, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    const offices = await staffOffices(s.database.db, req);
    await lost.closeOnReplacement(deps, id, principal(req), offices.map((o) => o.id), req.ip);
    reply.flash('success', 'lostid.closed');
    return reply.redirect('/staff/lost-id', 303);
  });

  // ---- a report taken by phone (every staff role: intake.work) ------------
  const intake = { preHandler: requireStaff('intake.work') };
  const phoneOffice = async (req: FastifyRequest, code: unknown) => {
    const office = await staffOfficeFor(s.database.db, req, z.string().max(40).optional().catch(undefined).parse(code));
    const offices = (await staffOffices(s.database.db, req)).map((o) => ({ value: o.code, label: o.name }));
    return { office, offices };
  };

  app.get('/staff/lost-id/phone', intake, async (req, reply) => {
    const { office, offices } = await phoneOffice(req, (req.query as { office?: unknown } | undefined)?.office);
    return reply.render(PhoneFormPage({ ctx: await req.view({ office }), office, offices }));
  });

  app.post('/staff/lost-id/phone', intake, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { office, offices } = await phoneOffice(req, body.office);
    const ctx = async () => req.view({ office });
    const form = async (state: FormState, code: number) => reply.header('cache-control', 'no-store').render(PhoneFormPage({ ctx: await ctx(), state, office, offices }), code);
    const parsed = parseForm(phoneSchema, body);
    if (!parsed.ok) return form(parsed.state, 422);
    const d = parsed.data;
    if (body.step === 'edit') return form({ values: { ...parsed.values, office: office.code }, errors: [] }, 200);
    const values = { ...parsed.values, office: office.code };
    const readBack = { office: { code: office.code, name: office.name }, idMasked: maskIdNumber(d.idNumber), name: d.name, birthDate: d.birthDate, address: d.address, contact: d.contact, email: d.email ?? null };
    const readBackPage = async (state: FormState | undefined, code: number) =>
      reply.header('cache-control', 'no-store').render(PhoneReadBackPage({ ctx: await ctx(), r: readBack, values, state }), code);
    if (body.step !== 'confirm') return readBackPage(undefined, 200);
    const confirmed = parseForm(readBackSchema, body);
    if (!confirmed.ok) return readBackPage(confirmed.state, 422);
    try {
      const r = await lost.reportByPhone(deps, { officeId: office.id, ...d, locale: req.locale }, principal(req), req.ip);
      // the password (when not e-mailed) is on this one response only: never cached, never shown again
      return reply.header('cache-control', 'no-store').render(PhoneDonePage({ ctx: await ctx(), reference: r.reference, reportedAt: r.reportedAt, password: r.password, email: d.email ?? null }));
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return form({ values: parsed.values, errors: err.fields ?? [] }, 409);
      throw err;
    }
  });
}
