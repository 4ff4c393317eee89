import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { ODS_MIME, toCsv, toOds } from '../../platform/export/index.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { idNumberSchema } from '../../platform/identity/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { bookingFigures, figureSheets } from './figures.js';
import { drawLottery, openLottery } from './lottery.js';
import * as repo from './repo.js';
import { bookingSettingsSchema, readBookingSettings, writeBookingSettings } from './settings.js';
import { parsePeriods, saveServiceRules } from './schedule.js';

export { parsePeriods };
import { closeDay, liftSuspension, reopenDay } from './staff-ops.js';
import { ClosePage, FiguresPage, type OpeningRow, ServiceEditPage, ServiceListPage, SettingsPage, SuspensionsPage } from './views/staff-admin.js';
import type { BookingWeb } from './web.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');
const hhmm = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.err.time');
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

const hoursField = z.string().optional().transform((v, ctx) => {
  const p = parsePeriods(v ?? '');
  if (!p) {
    ctx.addIssue({ code: 'custom', message: 'booking.err.hours' });
    return z.NEVER;
  }
  return p;
});

const serviceSchema = z
  .object({
    slotMinutes: int(5, 240),
    capacity: int(0, 500),
    minDays: int(0, 60),
    minWorkingDays: z.enum(['0', '1']),
    maxDays: int(1, 365),
    cutoff: z.union([hhmm, z.literal('')]).optional(),
    active: z.enum(['0', '1']),
    ...Object.fromEntries(WEEKDAYS.map((d) => [`hours${d}`, hoursField])),
  })
  .refine((v) => v.maxDays >= v.minDays, { path: ['maxDays'], message: 'booking.err.maxBeforeMin' });

const openingSchema = z
  .object({ day: fields.date(), starts: hhmm, ends: hhmm, capacity: z.string().optional().transform((v) => (v?.trim() ? Number(v) : null)).pipe(z.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(500, 'err.invalid').nullable()), note: fields.text(100), hot: z.enum(['0', '1']) })
  .refine((v) => v.ends > v.starts, { path: ['ends'], message: 'booking.err.endsBeforeStarts' });

/** Supervisors: schedules, openings, lotteries, closing a day, suspensions, settings and figures. */
export function adminBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('booking.manage') };

  async function coveredService(req: FastifyRequest) {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    const svc = await repo.serviceById(db, id);
    if (!svc || !(await staffOffices(db, req)).some((o) => o.id === svc.office_id)) throw new AppError('not_found', 'error.notFound.title');
    return svc;
  }

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

  async function editPage(req: FastifyRequest, state?: FormState, openingState?: FormState, confirmRetire?: number) {
    const svc = await coveredService(req);
    const today = taipeiToday(s.clock());
    const [hours, openings, lotteries, applied] = await Promise.all([repo.hoursOf(db, svc.id), repo.openingsOf(db, svc.id, today), repo.lotteriesFrom(db, svc.id, today), repo.applicationsByDay(db, svc.id)]);
    const values: Record<string, string> = {
      slotMinutes: String(svc.slot_minutes),
      capacity: String(svc.capacity),
      minDays: String(svc.min_days),
      minWorkingDays: String(svc.min_working_days),
      maxDays: String(svc.max_days),
      cutoff: svc.cutoff ?? '',
      active: String(svc.active),
    };
    for (const d of WEEKDAYS) values[`hours${d}`] = hours.filter((h) => h.weekday === d).map((h) => `${h.starts}-${h.ends}`).join(', ');
    const rows: OpeningRow[] = openings.map((o) => {
      const lot = lotteries.find((l) => l.day === o.day);
      return {
        id: o.id,
        day: o.day,
        starts: o.starts,
        ends: o.ends,
        capacity: o.capacity,
        note: req.locale === 'en' ? o.note_en : o.note_zh,
        hot: o.hot === 1,
        lottery: lot ? { applyUntil: lot.apply_until, drawnAt: lot.drawn_at, seed: lot.seed, resultHash: lot.result_hash, applications: Number(applied.find((a) => a.day === o.day)?.n ?? 0) } : null,
      };
    });
    return ServiceEditPage({ ctx: await req.view(), id: svc.id, name: req.locale === 'en' ? svc.name_en : svc.name_zh, state: state ?? { values, errors: [] }, openings: rows, openingState, confirmRetire });
  }

  app.get('/staff/booking/services/:id', guard, async (req, reply) => reply.render(await editPage(req)));

  app.post('/staff/booking/services/:id', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const parsed = parseForm(serviceSchema, req.body);
    if (!parsed.ok) return reply.render(await editPage(req, parsed.state), 422);
    const d = parsed.data as z.output<typeof serviceSchema> & Record<string, { starts: string; ends: string }[]>;
    // stopping a service that still has bookings ahead: say how many stay valid, and apply only on the confirmed second save
    if (svc.active === 1 && d.active === '0' && (req.body as Record<string, unknown>).confirmRetire !== '1') {
      const future = await repo.futureLiveCount(db, svc.id, taipeiToday(s.clock()));
      if (future > 0) return reply.render(await editPage(req, { values: parsed.values, errors: [] }, undefined, future));
    }
    await saveServiceRules(
      s.database,
      svc,
      {
        slotMinutes: d.slotMinutes,
        capacity: d.capacity,
        minDays: d.minDays,
        minWorkingDays: d.minWorkingDays === '1',
        maxDays: d.maxDays,
        cutoff: d.cutoff || null,
        active: d.active === '1',
        hours: WEEKDAYS.flatMap((wd) => (d[`hours${wd}`] ?? []).map((p) => ({ weekday: wd, starts: p.starts, ends: p.ends }))),
      },
      principal(req),
      req.ip,
      s.clock(),
    );
    reply.flash('success', 'booking.svc.saved');
    return reply.redirect(`/staff/booking/services/${svc.id}`, 303);
  });

  app.post('/staff/booking/services/:id/openings', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const parsed = parseForm(openingSchema, req.body);
    if (!parsed.ok) return reply.render(await editPage(req, undefined, parsed.state), 422);
    const d = parsed.data;
    await repo.upsertOpening(db, { booking_service_id: svc.id, day: d.day, starts: d.starts, ends: d.ends, capacity: d.capacity, note_zh: d.note, note_en: d.note, hot: Number(d.hot) });
    await recordAudit(db, { actor: principal(req), action: 'booking.opening_add', officeId: svc.office_id, detail: { service: svc.code, day: d.day }, ip: req.ip }, s.clock());
    reply.flash('success', 'booking.svc.saved');
    return reply.redirect(`/staff/booking/services/${svc.id}`, 303);
  });

  app.post('/staff/booking/services/:id/openings/:opening/delete', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const { opening } = z.object({ opening: z.coerce.number().int() }).parse(req.params);
    await repo.deleteOpening(db, svc.id, opening);
    reply.flash('success', 'booking.svc.saved');
    return reply.redirect(`/staff/booking/services/${svc.id}`, 303);
  });

  app.post('/staff/booking/services/:id/lottery', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const parsed = parseForm(z.object({ day: fields.date(), applyUntil: fields.date() }), req.body);
    if (!parsed.ok) return reply.render(await editPage(req), 422);
    try {
      // applications close at the end of the chosen day (23:59 Taipei)
      await openLottery(web.deps(req), { serviceId: svc.id, day: parsed.data.day, applyUntil: new Date(`${parsed.data.applyUntil}T23:59:00+08:00`) }, principal(req), req.ip);
      reply.flash('success', 'booking.lottery.opened');
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect(`/staff/booking/services/${svc.id}`, 303);
  });

  app.post('/staff/booking/services/:id/lottery/draw', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const { day } = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).parse(req.body);
    try {
      const r = await drawLottery(web.deps(req), { serviceId: svc.id, day }, principal(req), req.ip);
      reply.flash('success', 'booking.lottery.done', { won: r.won.length, lost: r.lost.length });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect(`/staff/booking/services/${svc.id}`, 303);
  });

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
