import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOffices } from '../offices/index.js';
import { drawLottery, openLottery } from './lottery.js';
import * as repo from './repo.js';
import type { BookingKind } from './rules.js';
import { followsOfficeHours, officeHoursLine, saveServiceRules } from './schedule.js';
import { hoursText, WEEKDAYS } from './setup.js';
import type { HoursStatus } from './views/hours.js';
import { type OpeningRow, ServiceEditPage } from './views/staff-service.js';
import type { BookingWeb } from './web.js';

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');
const hhmm = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.err.time');


const serviceSchema = z
  .object({
    slotMinutes: int(5, 240),
    capacity: int(0, 500),
    minDays: int(0, 60),
    minWorkingDays: z.enum(['0', '1']),
    maxDays: int(1, 365),
    cutoff: z.union([hhmm, z.literal('')]).optional(),
    active: z.enum(['0', '1']),
    ...Object.fromEntries(WEEKDAYS.map((d) => [`hours${d}`, hoursText])),
  })
  .refine((v) => v.maxDays >= v.minDays, { path: ['maxDays'], message: 'booking.err.maxBeforeMin' });

const openingSchema = z
  .object({ day: fields.date(), starts: hhmm, ends: hhmm, capacity: z.string().optional().transform((v) => (v?.trim() ? Number(v) : null)).pipe(z.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(500, 'err.invalid').nullable()), note: fields.text(100), hot: z.enum(['0', '1']) })
  .refine((v) => v.ends > v.starts, { path: ['ends'], message: 'booking.err.endsBeforeStarts' });

/** One service's rules, weekly hours, special openings and lotteries (supervisors). */
export function serviceEditRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('booking.manage') };

  async function coveredService(req: FastifyRequest) {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    const svc = await repo.serviceById(db, id);
    if (!svc || !(await staffOffices(db, req)).some((o) => o.id === svc.office_id)) throw new AppError('not_found', 'error.notFound.title');
    return svc;
  }

  async function editPage(req: FastifyRequest, state?: FormState, openingState?: FormState, confirmRetire?: number) {
    const svc = await coveredService(req);
    const today = taipeiToday(s.clock());
    const [hours, openings, lotteries, applied, officeHours] = await Promise.all([
      repo.hoursOf(db, svc.id),
      repo.openingsOf(db, svc.id, today),
      repo.lotteriesFrom(db, svc.id, today),
      repo.applicationsByDay(db, svc.id),
      officeHoursLine(db, svc.office_id, req.t),
    ]);
    const status: HoursStatus = { applies: svc.kind !== 'home_visit' && svc.openings_only === 0, follows: svc.uses_office_hours === 1, officeHours };
    const values: Record<string, string> = {
      slotMinutes: String(svc.slot_minutes),
      capacity: String(svc.capacity),
      minDays: String(svc.min_days),
      minWorkingDays: String(svc.min_working_days),
      maxDays: String(svc.max_days),
      cutoff: svc.cutoff ?? '',
      active: String(svc.active),
    };
    // a service following the office's hours has none of its own: its fields stay blank, which is what "follow" means on save
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
    return ServiceEditPage({ ctx: await req.view(), id: svc.id, name: req.locale === 'en' ? svc.name_en : svc.name_zh, state: state ?? { values, errors: [] }, hours: status, openings: rows, openingState, confirmRetire });
  }

  app.get('/staff/booking/services/:id', guard, async (req, reply) => reply.render(await editPage(req)));

  app.post('/staff/booking/services/:id', guard, async (req, reply) => {
    const svc = await coveredService(req);
    const body = { ...(req.body as Record<string, unknown>) };
    // "back to the office's hours": whatever is in the day fields is dropped, so it cannot stand in the way
    if (body.useOfficeHours === '1') for (const d of WEEKDAYS) body[`hours${d}`] = '';
    const parsed = parseForm(serviceSchema, body);
    if (!parsed.ok) return reply.render(await editPage(req, parsed.state), 422);
    const d = parsed.data as z.output<typeof serviceSchema> & Record<string, { starts: string; ends: string }[]>;
    const hours = WEEKDAYS.flatMap((wd) => (d[`hours${wd}`] ?? []).map((p) => ({ weekday: wd, starts: p.starts, ends: p.ends })));
    const officeHours = followsOfficeHours(svc.kind as BookingKind, svc.openings_only === 1, hours);
    if (officeHours && (await officeHoursLine(db, svc.office_id, req.t)) === null) {
      return reply.render(await editPage(req, { values: parsed.values, errors: [{ field: 'hours1', key: 'booking.err.noHours' }] }), 422);
    }
    // stopping a service that still has bookings ahead: say how many stay valid, and apply only on the confirmed second save
    if (svc.active === 1 && d.active === '0' && body.confirmRetire !== '1') {
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
        officeHours,
        hours,
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
}
