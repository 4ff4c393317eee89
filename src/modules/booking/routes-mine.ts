import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import type { AntiBot } from './anti-bot.js';
import { availability } from './availability.js';
import { normalizeBookingCode } from './codes.js';
import { lookupSchema } from './forms.js';
import { type BookingRow, cancelByCitizen, findForCitizen, reschedule } from './manage.js';
import { asLocale, bookingIcs } from './messages.js';
import * as repo from './repo.js';
import { slotInstant } from './rules.js';
import { checkIn } from './staff-ops.js';
import { DaysPage, TimesPage } from './views/choose.js';
import { KioskCheckInPage } from './views/kiosk.js';
import { BookingPage, CancelPage, ManagePage, type MyBooking } from './views/mine.js';
import { type BookingWeb, serviceView } from './web.js';

const tokenParam = z.object({ token: z.string().regex(/^[\w-]{16,40}$/) });

/** A booking's own pages (by its link), the look-up by code and ID number, and kiosk check-in. */
export function myBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb, antiBot: AntiBot) {
  const db = s.database.db;

  async function byToken(req: FastifyRequest): Promise<BookingRow> {
    const { token } = tokenParam.parse(req.params);
    const b = await repo.bookingByToken(db, token);
    if (!b) throw new AppError('not_found', 'error.notFound.title');
    return b;
  }

  async function view(req: FastifyRequest, b: BookingRow): Promise<MyBooking> {
    const service = await repo.serviceById(db, b.booking_service_id);
    if (!service) throw new AppError('not_found', 'booking.err.noService');
    const office = await officesService.officeById(db, b.office_id, req.locale);
    const sv = serviceView(service, req.locale);
    const ahead = !b.day || !b.starts || slotInstant(b.day, b.starts) > s.clock();
    return {
      token: b.token,
      code: b.code,
      status: b.status,
      serviceName: sv.name,
      kind: service.kind,
      officeName: office.name,
      officeAddress: office.address,
      officePhone: office.phone,
      day: b.day,
      starts: b.starts,
      ends: b.ends,
      name: b.name,
      partnerName: b.partner_name,
      documents: sv.documents,
      inPerson: sv.inPerson,
      // the QR holds only the booking code, for the kiosk's scanner
      qrSvg: await QRCode.toString(b.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      canChange: ahead && ['booked', 'pending', 'applied'].includes(b.status),
      canMove: ahead && b.status === 'booked' && service.kind !== 'home_visit' && service.kind !== 'hall',
      dueOn: b.due_on,
      endReason: b.end_reason === 'late' ? req.t('booking.reason.late') : b.end_reason === 'staff' ? null : b.end_reason,
    };
  }

  app.get('/b/:token', async (req, reply) => {
    const b = await byToken(req);
    const office = await officesService.officeById(db, b.office_id, req.locale);
    const fresh = (req.query as { new?: string } | undefined)?.new === '1';
    return reply.header('cache-control', 'no-store').render(BookingPage({ ctx: await req.view({ office }), b: await view(req, b), fresh }));
  });

  app.get('/b/:token/booking.ics', async (req, reply) => {
    const b = await byToken(req);
    const service = await repo.serviceById(db, b.booking_service_id);
    const locale = asLocale(req.locale);
    const office = await officesService.officeById(db, b.office_id, locale);
    const ics = service ? bookingIcs(b, service, office, locale) : null;
    if (!ics) return reply.callNotFound();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="booking-${b.code}.ics"`).send(ics);
  });

  app.get('/b/:token/cancel', async (req, reply) => {
    const b = await byToken(req);
    return reply.render(CancelPage({ ctx: await req.view(), b: await view(req, b) }));
  });

  app.post('/b/:token/cancel', async (req, reply) => {
    const b = await byToken(req);
    try {
      await cancelByCitizen(web.deps(req), b);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(CancelPage({ ctx: await req.view(), b: await view(req, b), errorKey: err.messageKey }), 409);
      throw err;
    }
    reply.flash('success', 'booking.cancel.done', { code: b.code });
    return reply.redirect(`/b/${b.token}`, 303);
  });

  async function movePages(req: FastifyRequest, b: BookingRow) {
    const service = await repo.serviceById(db, b.booking_service_id);
    if (!service || b.status !== 'booked') throw new AppError('conflict', 'booking.err.notMovable');
    const office = await officesService.officeById(db, b.office_id, req.locale);
    const { days } = await availability(db, service, s.clock(), req.locale);
    return { office, service: serviceView(service, req.locale), days: days.filter((d) => !d.lottery) };
  }

  app.get('/b/:token/reschedule', async (req, reply) => {
    const b = await byToken(req);
    const { office, service, days } = await movePages(req, b);
    return reply.render(DaysPage({ ctx: await req.view({ office }), office, service, days, basePath: `/b/${b.token}/reschedule`, heading: req.t('booking.reschedule.title') }));
  });

  async function movePage(req: FastifyRequest, b: BookingRow, dayIso: string, errorKey?: string) {
    const { office, service, days } = await movePages(req, b);
    const day = days.find((d) => d.day === dayIso);
    if (!day) return null;
    return TimesPage({
      ctx: await req.view({ office }),
      office,
      service,
      day,
      action: `/b/${b.token}/reschedule`,
      method: 'post',
      hidden: { _csrf: (await req.view()).csrfToken },
      state: errorKey ? { values: {}, errors: [{ field: 'starts', key: errorKey }] } : undefined,
      backHref: `/b/${b.token}/reschedule`,
    });
  }

  app.get('/b/:token/reschedule/:day', async (req, reply) => {
    const b = await byToken(req);
    const { day } = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).parse(req.params);
    const page = await movePage(req, b, day);
    return page ? reply.render(page) : reply.redirect(`/b/${b.token}/reschedule`, 303);
  });

  app.post('/b/:token/reschedule', async (req, reply) => {
    const b = await byToken(req);
    const parsed = parseForm(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'booking.err.chooseTime'), starts: z.string({ error: 'booking.err.chooseTime' }).regex(/^\d\d:\d\d$/, 'booking.err.chooseTime') }), req.body);
    const dayIso = String((req.body as { day?: unknown } | undefined)?.day ?? '');
    if (!parsed.ok) {
      const page = await movePage(req, b, dayIso, 'booking.err.chooseTime');
      return page ? reply.render(page, 422) : reply.redirect(`/b/${b.token}/reschedule`, 303);
    }
    try {
      await reschedule(web.deps(req), b, parsed.data, req.locale);
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'conflict' && err.code !== 'validation')) throw err;
      const page = await movePage(req, b, dayIso, err.messageKey);
      if (page) return reply.render(page, 409);
      throw err;
    }
    reply.flash('success', 'booking.reschedule.done');
    return reply.redirect(`/b/${b.token}`, 303);
  });

  app.get('/booking/manage', async (req, reply) => reply.render(ManagePage({ ctx: await req.view() })));

  app.post('/booking/manage', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(lookupSchema, req.body);
    if (!parsed.ok) return reply.render(ManagePage({ ctx: await req.view(), state: parsed.state }), 422);
    const b = await findForCitizen(web.deps(req), parsed.data.code, parsed.data.idNumber);
    if (!b) return reply.render(ManagePage({ ctx: await req.view(), state: { values: { code: parsed.values.code }, errors: [] }, notFound: true }), 404);
    return reply.redirect(`/b/${b.token}`, 303);
  });

  app.get('/booking/challenge', async (_req, reply) => reply.header('cache-control', 'no-store').send(await antiBot.pow.challenge()));

  // kiosk: the scanner types the QR's booking code into the field, or the citizen does
  const kioskSchema = z.object({ code: fields.text(20) });
  async function kioskPage(req: FastifyRequest, errorKey?: string, params?: Record<string, string | number>) {
    const office = await officesService.officeByCode(db, z.string().max(40).parse((req.params as { office: string }).office), req.locale);
    return { office, page: KioskCheckInPage({ ctx: await req.view({ office }), officeCode: office.code, error: errorKey ? req.t(errorKey, params) : undefined }) };
  }

  app.get('/o/:office/kiosk/booking', async (req, reply) => reply.render((await kioskPage(req)).page));

  app.post('/o/:office/kiosk/booking', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = parseForm(kioskSchema, req.body);
    const { office, page } = await kioskPage(req, parsed.ok ? undefined : 'booking.kiosk.enterCode');
    if (!parsed.ok) return reply.render(page, 422);
    const b = await repo.bookingByCode(db, normalizeBookingCode(parsed.data.code));
    if (!b || b.office_id !== office.id) return reply.render((await kioskPage(req, 'booking.kiosk.unknown')).page, 404);
    try {
      const ticket = await checkIn(web.deps(req), b, { staff: null, ip: req.ip });
      return reply.redirect(`/o/${office.code}/kiosk/ticket/${ticket.code}`, 303);
    } catch (err) {
      if (isAppError(err) && (err.code === 'conflict' || err.code === 'unavailable')) return reply.render((await kioskPage(req, err.messageKey, err.params)).page, 409);
      throw err;
    }
  });
}
