import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { bookingFigures, figureSheets } from './figures.js';
import * as repo from './repo.js';
import { bookingSettingsSchema, readBookingSettings, writeBookingSettings } from './settings.js';
import { serviceEditRoutes } from './routes-service.js';
import { parsePeriods } from './schedule.js';

export { parsePeriods };
import { closeDay, liftSuspension, reopenDay } from './staff-ops.js';
import { ClosePage, FiguresPage, ServiceListPage, SettingsPage, SuspensionsPage } from './views/staff-admin.js';
import type { BookingWeb } from './web.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');

/** Supervisors: schedules, openings, lotteries, closing a day, suspensions, settings and figures. */
export function adminBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('booking.manage') };

  app.get('/staff/booking/services', guard, async (req, reply) => {
    const q = z.object({ office: z.string().max(40).optional().catch(undefined) }).parse(req.query ?? {});
    const offices = await staffOffices(db, req);
    // ?office= narrows the list to one office (where the set-up links lead); without it, every office covered
    const shown = q.office ? offices.filter((o) => o.code === q.office) : offices;
    const rows = await repo.servicesOf(db, shown.map((o) => o.id), false);
    const services = rows.map((r) => ({ id: r.id, office: offices.find((o) => o.id === r.office_id)?.name ?? '', name: req.locale === 'en' ? r.name_en : r.name_zh, active: r.active === 1, capacity: r.capacity, slotMinutes: r.slot_minutes }));
    const setup = can(principal(req).role, 'setup.office') ? { officeCode: (await staffOfficeFor(db, req, q.office)).code } : undefined;
    return reply.render(ServiceListPage({ ctx: await req.view(), services, setup }));
  });

  serviceEditRoutes(app, s, web);

  /** the office a close-a-day page or form is about: ?office= on the page, the hidden field on its forms */
  const officeOfCloseForm = (req: FastifyRequest) => staffOfficeFor(db, req, askedOfficeCode(req));

  async function closePage(req: FastifyRequest, state?: FormState) {
    const office = await officeOfCloseForm(req);
    const services = await repo.servicesOf(db, [office.id], false);
    const name = (id: number | null) => (id === null ? req.t('booking.close.all') : ((req.locale === 'en' ? services.find((x) => x.id === id)?.name_en : services.find((x) => x.id === id)?.name_zh) ?? ''));
    const closures = await repo.closuresFrom(db, office.id, taipeiToday(s.clock()));
    return ClosePage({
      ctx: await req.view(),
      choice: officeChoice(await staffOffices(db, req), office.code),
      state,
      services: services.map((x) => ({ value: String(x.id), label: req.locale === 'en' ? x.name_en : x.name_zh })),
      closures: closures.map((c) => ({ id: c.id, day: c.day, service: name(c.booking_service_id), reason: c.reason })),
    });
  }

  app.get('/staff/booking/close', guard, async (req, reply) => reply.render(await closePage(req)));

  app.post('/staff/booking/close', guard, async (req, reply) => {
    const parsed = parseForm(z.object({ day: fields.date(), service: z.string().optional(), reason: fields.text(200) }), req.body);
    if (!parsed.ok) return reply.render(await closePage(req, parsed.state), 422);
    const office = await officeOfCloseForm(req);
    if (parsed.data.day < taipeiToday(s.clock())) return reply.render(await closePage(req, { values: parsed.values, errors: [{ field: 'day', key: 'booking.err.pastDay' }] }), 422);
    const serviceId = parsed.data.service ? Number(parsed.data.service) : null;
    if (serviceId !== null && !(await repo.servicesOf(db, [office.id], false)).some((x) => x.id === serviceId)) throw new AppError('bad_request', 'err.choice');
    const n = await closeDay(web.deps(req), { officeId: office.id, serviceId, day: parsed.data.day, reason: parsed.data.reason }, { staff: principal(req), ip: req.ip });
    reply.flash('success', 'booking.close.done', { n });
    return reply.redirect(`/staff/booking/close?office=${office.code}`, 303);
  });

  app.post('/staff/booking/close/:id/reopen', guard, async (req, reply) => {
    const { id } = z.object({ id: z.coerce.number().int() }).parse(req.params);
    const office = await officeOfCloseForm(req);
    await reopenDay(web.deps(req), id, office.id, { staff: principal(req), ip: req.ip });
    reply.flash('success', 'booking.close.reopened');
    return reply.redirect(`/staff/booking/close?office=${office.code}`, 303);
  });

  async function suspensionsPage(req: FastifyRequest, state?: FormState) {
    const today = taipeiToday(s.clock());
    const rows = await repo.suspendedNow(db, today);
    const names = await Promise.all(rows.map((r) => repo.latestNameOf(db, r.id_hash)));
    return SuspensionsPage({ ctx: await req.view(), state, active: rows.map((r, i) => ({ name: names[i] ?? '—', startsOn: r.starts_on, endsOn: r.ends_on })) });
  }

  app.get('/staff/booking/suspensions', guard, async (req, reply) => reply.render(await suspensionsPage(req)));

  app.post('/staff/booking/suspensions/lift', guard, async (req, reply) => {
    const parsed = parseForm(z.object({ idNumber: idNumberSchema, reason: fields.text(200) }), req.body);
    if (!parsed.ok) return reply.render(await suspensionsPage(req, parsed.state), 422);
    const lifted = await liftSuspension(web.deps(req), parsed.data.idNumber, parsed.data.reason, { staff: principal(req), ip: req.ip });
    if (!lifted) return reply.render(await suspensionsPage(req, { values: parsed.values, errors: [{ field: 'idNumber', key: 'booking.susp.none' }] }), 404);
    reply.flash('success', 'booking.susp.lifted');
    return reply.redirect('/staff/booking/suspensions', 303);
  });

  const settingsForm = z.object({
    onePerDay: z.enum(['0', '1']),
    lateMinutes: int(0, 120),
    earlyMinutes: int(0, 240),
    noShowLimit: int(1, 20),
    suspendMonths: int(1, 24),
    reminderHour: int(0, 23),
    antiBot: z.enum(['off', 'hot', 'always'], { error: 'err.choice' }),
    hotDates: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(/[,，\s]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'booking.err.hotDates')).max(50, 'err.tooLong')),
  });

  async function settingsPage(req: FastifyRequest, state?: FormState) {
    const office = await staffOfficeFor(db, req, (req.query as { office?: string } | undefined)?.office);
    const st = await readBookingSettings(db, office.id);
    const values = { ...Object.fromEntries(Object.entries(st).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '0') : Array.isArray(v) ? v.join(', ') : String(v)])) };
    const offices = await staffOffices(db, req);
    return { office, page: SettingsPage({ ctx: await req.view(), state: state ?? { values, errors: [] }, offices: offices.map((o) => ({ value: o.code, label: o.name })), officeCode: office.code }) };
  }

  app.get('/staff/booking/settings', guard, async (req, reply) => reply.render((await settingsPage(req)).page));

  app.post('/staff/booking/settings', guard, async (req, reply) => {
    const parsed = parseForm(settingsForm, req.body);
    if (!parsed.ok) return reply.render((await settingsPage(req, parsed.state)).page, 422);
    const { office } = await settingsPage(req);
    const value = bookingSettingsSchema.parse({ ...parsed.data, onePerDay: parsed.data.onePerDay === '1' });
    await writeBookingSettings(db, office.id, value, principal(req).id, s.clock());
    await recordAudit(db, { actor: principal(req), action: 'booking.settings', officeId: office.id, detail: value, ip: req.ip }, s.clock());
    reply.flash('success', 'booking.svc.saved');
    return reply.redirect(`/staff/booking/settings?office=${office.code}`, 303);
  });

  const range = z.object({ office: z.string().max(40).optional().catch(undefined), from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined) });
  async function figures(req: FastifyRequest) {
    const q = range.parse(req.query ?? {});
    const office = await staffOfficeFor(db, req, q.office);
    const today = taipeiToday(s.clock());
    const from = q.from ?? addDays(today, -30);
    const to = q.to ?? addDays(today, 7);
    const services = await repo.servicesOf(db, [office.id], false);
    const f = await bookingFigures(db, office.id, from, to, (id) => {
      const x = services.find((v) => v.id === id);
      return (req.locale === 'en' ? x?.name_en : x?.name_zh) ?? String(id);
    });
    return { office, from, to, f, sheets: figureSheets(f, req.t) };
  }
  const statsGuard = { preHandler: requireStaff('booking.stats') };
  app.get('/staff/booking/figures', statsGuard, async (req, reply) => {
    const { office, from, to, f } = await figures(req);
    return reply.render(FiguresPage({ ctx: await req.view(), f, from, to, choice: officeChoice(await staffOffices(db, req), office.code) }));
  });
  app.get('/staff/booking/figures.csv', statsGuard, async (req, reply) => {
    const { office, from, to, sheets } = await figures(req);
    const first = sheets[0]!;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="booking-${office.code}-${from}-${to}.csv"`).send(toCsv(first.headers, first.rows));
  });
  app.get('/staff/booking/figures.ods', statsGuard, async (req, reply) => {
    const { office, from, to, sheets } = await figures(req);
    return reply.type(ODS_MIME).header('content-disposition', `attachment; filename="booking-${office.code}-${from}-${to}.ods"`).send(Buffer.from(toOds(sheets, { title: `${office.name} ${from}–${to}` })));
  });
}
