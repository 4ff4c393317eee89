import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { availability } from './availability.js';
import { placeBooking } from './book.js';
import { type Details, detailsOf, detailsSchema } from './forms.js';
import * as repo from './repo.js';
import type { BookingKind } from './rules.js';
import { readBookingSettings } from './settings.js';
import { CHANNELS, IntakeChoosePage, IntakeFormPage, REFERRALS, SlipPage } from './views/staff-intake.js';
import type { BookingWeb } from './web.js';
import { nextWorkingDays } from './availability.js';

const query = z.object({ office: z.string().max(40).optional().catch(undefined), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined) });

/** How the booking came in; for a home visit, who referred the person ("other" names them). */
const intakeSchema = z
  .object({
    channel: z.enum(CHANNELS, { error: 'err.choice' }),
    referral: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.enum(REFERRALS, { error: 'err.choice' }).nullable()),
    referralNote: z
      .string()
      .trim()
      .max(100, 'err.tooLong')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.referral === 'other' && !v.referralNote) ctx.addIssue({ code: 'custom', path: ['referralNote'], message: 'booking.err.referralNote' });
  });

const slotSchema = z.object({
  day: z.string({ error: 'booking.err.chooseTime' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'booking.err.chooseTime'),
  starts: z.string({ error: 'booking.err.chooseTime' }).regex(/^\d{2}:\d{2}$/, 'booking.err.chooseTime'),
  slots: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(8, 'err.invalid').optional().catch(undefined),
});

/**
 * Booking for a caller or a person at the counter (intake.work): the same
 * placeBooking as the public flow (window, capacity, one per person per
 * day, suspension), with the channel and who placed it recorded and audited;
 * no anti-automation step, staff are signed in. Ends on a printable slip.
 */
export function intakeBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('intake.work') };
  const manage = (req: FastifyRequest) => can(principal(req).role, 'booking.manage');

  async function target(req: FastifyRequest) {
    const q = query.parse(req.query ?? {});
    const offices = await staffOffices(db, req);
    if (q.office && !offices.some((o) => o.code === q.office)) throw new AppError('forbidden', 'error.forbidden.title');
    return { q, office: await staffOfficeFor(db, req, q.office), offices };
  }

  app.get('/staff/booking/new', guard, async (req, reply) => {
    const { office, offices } = await target(req);
    const rows = await repo.servicesOf(db, [office.id]);
    return reply.render(
      IntakeChoosePage({
        ctx: await req.view(),
        offices: offices.map((o) => ({ value: o.code, label: o.name })),
        officeCode: office.code,
        services: rows.map((r) => ({ code: r.code, kind: r.kind, name: req.locale === 'en' ? r.name_en : r.name_zh, parties: r.parties })),
        manage: manage(req),
      }),
    );
  });

  async function load(req: FastifyRequest) {
    const { q, office } = await target(req);
    const { service: code } = z.object({ service: z.string().max(40) }).parse(req.params);
    const row = await repo.serviceByCode(db, office.id, code);
    if (row?.active !== 1) throw new AppError('not_found', 'booking.err.noService');
    return { q, office, row };
  }

  const workingDays = (officeId: number) => nextWorkingDays(db, officeId, taipeiToday(s.clock()));

  async function formPage(req: FastifyRequest, dayIso: string | undefined, state?: FormState, errorKey?: string) {
    const { office, row } = await load(req);
    const days = row.kind === 'home_visit' ? [] : (await availability(db, row, s.clock(), req.locale)).days.filter((d) => d.slots.length > 0);
    const day = days.find((d) => d.day === dayIso) ?? days.find((d) => d.slots.some((x) => x.left > 0)) ?? null;
    return IntakeFormPage({
      ctx: await req.view(),
      officeCode: office.code,
      service: { code: row.code, kind: row.kind, name: req.locale === 'en' ? row.name_en : row.name_zh, parties: row.parties },
      days,
      day,
      state,
      workingDays: await workingDays(office.id),
      errorKey,
      manage: manage(req),
    });
  }

  app.get('/staff/booking/new/:service', guard, async (req, reply) => {
    const { q } = await load(req);
    return reply.render(await formPage(req, q.day));
  });

  app.post('/staff/booking/new/:service', guard, async (req, reply) => {
    const { office, row } = await load(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const dayIso = typeof body.day === 'string' ? body.day : undefined;
    const kind = row.kind as BookingKind;
    const schema = detailsSchema(kind, row.parties, await workingDays(office.id))
      .and(intakeSchema)
      .and(kind === 'home_visit' ? z.object({}) : slotSchema);
    const parsed = parseForm(schema, body);
    if (!parsed.ok) return reply.render(await formPage(req, dayIso, parsed.state), 422);
    const d = parsed.data as Details & z.output<typeof intakeSchema> & Partial<z.output<typeof slotSchema>> & Record<string, unknown>;
    if (d.channel === 'referral' && kind === 'home_visit' && !d.referral) return reply.render(await formPage(req, dayIso, { values: parsed.values, errors: [{ field: 'referral', key: 'booking.err.referralNeeded' }] }), 422);
    try {
      const placed = await placeBooking(web.deps(req), {
        serviceId: row.id,
        day: d.day,
        starts: d.starts,
        slotCount: d.slots,
        applicant: { name: d.name, idNumber: d.idNumber, birthDate: d.birthDate, phone: d.phone, email: d.email },
        partner: typeof d.partnerName === 'string' ? { name: d.partnerName, idNumber: String(d.partnerIdNumber) } : undefined,
        details: detailsOf(kind, d),
        locale: req.locale,
        channel: d.channel,
        intake: { staff: principal(req), ip: req.ip, referral: kind === 'home_visit' ? d.referral : null, referralNote: kind === 'home_visit' && d.referral === 'other' ? d.referralNote : null },
      });
      reply.flash('success', 'booking.intake.done', { code: placed.code });
      return reply.redirect(`/staff/booking/${placed.id}/slip`, 303);
    } catch (err) {
      if (!isAppError(err) || !['validation', 'conflict', 'forbidden', 'not_found'].includes(err.code)) throw err;
      // a lost slot is said beside the time; a rule (one per day, suspension) above the form; what was typed stays
      const slotTaken = (err.code === 'validation' && err.fields.some((f) => f.field === 'slot')) || err.messageKey === 'booking.err.full';
      if (slotTaken) return reply.render(await formPage(req, dayIso, { values: { ...parsed.values, starts: undefined }, errors: [{ field: 'starts', key: err.messageKey }] }), 409);
      const fields = err.fields.filter((f) => f.field !== 'slot');
      return reply.render(await formPage(req, dayIso, { values: parsed.values, errors: fields }, fields.length ? undefined : err.messageKey), err.code === 'validation' ? 422 : 409);
    }
  });

  app.get('/staff/booking/:id/slip', guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    const b = await repo.bookingById(db, id);
    const offices = await staffOffices(db, req);
    const office = offices.find((o) => o.id === b?.office_id);
    if (!b || !office) throw new AppError('not_found', 'error.notFound.title');
    const svc = await repo.serviceById(db, b.booking_service_id);
    if (!svc) throw new AppError('not_found', 'error.notFound.title');
    const en = req.locale === 'en';
    const settings = await readBookingSettings(db, office.id);
    return reply.render(
      SlipPage({
        ctx: await req.view(),
        officeCode: office.code,
        serviceCode: svc.code,
        slip: {
          code: b.code,
          status: b.status,
          service: en ? svc.name_en : svc.name_zh,
          kind: svc.kind,
          day: b.day,
          starts: b.starts,
          ends: b.ends,
          name: b.partner_name ? `${b.name}、${b.partner_name}` : b.name,
          email: b.email,
          office: { name: office.name, address: office.address, phone: office.phone },
          documents: (JSON.parse(svc.documents) as { zh: string; en: string }[]).map((x) => (en ? x.en : x.zh)),
          inPerson: en ? svc.in_person_en : svc.in_person_zh,
          lateMinutes: settings.lateMinutes,
        },
      }),
    );
  });
}
