import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { extraLimit } from '../../platform/http/rate-limit-store.js';
import { maskIdNumber } from '../../platform/identity/index.js';
import { showDate } from '../../platform/layout/dates.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { officesService } from '../offices/index.js';
import { availability, type DayView, type SlotView } from './availability.js';
import type { BookingSettings } from './settings.js';
import { placeBooking, seatsGone } from './book.js';
import type { AntiBot, StampForm } from './anti-bot.js';
import { type Details, detailsOf, detailsSchema, slotQuery } from './forms.js';
import * as repo from './repo.js';
import type { BookingKind } from './rules.js';
import { type BookingWeb, serviceView } from './web.js';
import { type Answer, CheckPage, DetailsPage, type SlotChoice } from './views/details.js';
import { DaysPage, ServicesPage, TimesPage } from './views/choose.js';
import { nextWorkingDays } from './availability.js';

const params = z.object({ office: z.string().max(40), service: z.string().max(40) });
const dayParams = params.extend({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** The citizen's booking flow: service → day → time → details → check → confirmation. Works without JavaScript. */
/** An error's parameters as the page shows them: an ISO day (a suspension's end) in the reader's date style. */
const datesShown = (params: Record<string, string | number>, locale: Locale) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? showDate(v, locale) : v]));

export function publicBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb, antiBot: AntiBot) {
  const db = s.database.db;

  type Loaded = Awaited<ReturnType<typeof load>>;
  async function load(req: FastifyRequest) {
    const p = params.parse(req.params);
    const office = await officesService.officeByCode(db, p.office, req.locale);
    const row = await repo.serviceByCode(db, office.id, p.service);
    if (row?.active !== 1) throw new AppError('not_found', 'booking.err.noService');
    return { office, row, service: serviceView(row, req.locale) };
  }

  async function listPage(req: FastifyRequest, officeCode?: string) {
    const offices = (await officesService.listOfficeInfos(db, req.locale)).filter((o) => !officeCode || o.code === officeCode);
    if (officeCode && offices.length === 0) throw new AppError('not_found', 'error.notFound.title');
    const rows = await repo.servicesOf(db, offices.map((o) => o.id));
    const list = offices.map((o) => ({ code: o.code, name: o.name, services: rows.filter((r) => r.office_id === o.id).map((r) => serviceView(r, req.locale)) }));
    return ServicesPage({ ctx: await req.view({ office: officeCode ? (offices[0] ?? null) : null }), offices: list });
  }

  app.get('/booking', async (req, reply) => reply.render(await listPage(req)));
  app.get('/o/:office/booking', async (req, reply) => reply.render(await listPage(req, z.string().max(40).parse((req.params as { office: string }).office))));

  app.get('/o/:office/booking/:service', async (req, reply) => {
    const { office, row, service } = await load(req);
    if (row.kind === 'home_visit') return reply.redirect(`/o/${office.code}/booking/${row.code}/details`, 303);
    const { days } = await availability(db, row, s.clock(), req.locale);
    return reply.render(DaysPage({ ctx: await req.view({ office }), office, service, days, basePath: `/o/${office.code}/booking/${row.code}` }));
  });

  /** `read`: the service and the days this request has just read, when they are fresh enough to show (saves reading them again) */
  async function timesPage(req: FastifyRequest, dayIso: string, state?: FormState, read?: { loaded: Loaded; days: DayView[] }) {
    const { office, row, service } = read?.loaded ?? (await load(req));
    const days = read?.days ?? (await availability(db, row, s.clock(), req.locale)).days;
    const day = days.find((d) => d.day === dayIso);
    const base = `/o/${office.code}/booking/${row.code}`;
    if (!day) return null;
    return TimesPage({ ctx: await req.view({ office }), office, service, day, action: `${base}/details`, state, backHref: base });
  }

  app.get('/o/:office/booking/:service/:day', async (req, reply) => {
    const { day } = dayParams.parse(req.params);
    const page = await timesPage(req, day);
    if (!page) {
      // an old or made-up link (a day gone by, past its cut-off, not open yet, no hours): say so on the page it lands on
      reply.flash('warning', 'booking.err.dayGone');
      return reply.redirect(`/o/${(req.params as { office: string }).office}/booking/${(req.params as { service: string }).service}`, 303);
    }
    return reply.render(page);
  });

  /** The slot the citizen chose, if it is still offered; null for a home visit (no slot). */
  async function chosenSlot(
    row: Awaited<ReturnType<typeof load>>['row'],
    input: unknown,
    locale: 'zh-Hant' | 'en',
  ): Promise<{ slot: SlotChoice | null; day?: DayView; days?: DayView[]; picked?: SlotView[]; settings?: BookingSettings; error?: string }> {
    if (row.kind === 'home_visit') return { slot: null };
    const q = slotQuery.safeParse(input);
    if (!q.success) return { slot: null, error: 'booking.err.chooseTime' };
    const { days, settings } = await availability(db, row, s.clock(), locale);
    const day = days.find((d) => d.day === q.data.day);
    const i = day ? day.slots.findIndex((x) => x.starts === q.data.starts) : -1;
    const count = row.kind === 'hall' ? (q.data.slots ?? 1) : 1;
    const last = day?.slots[i + count - 1];
    if (!day || i < 0 || !last) return { slot: null, error: 'booking.err.slotGone' };
    return { slot: { day: day.day, starts: q.data.starts, ends: last.ends, slots: count }, day, days, picked: day.slots.slice(i, i + count), settings };
  }

  const workingDays = (officeId: number) => nextWorkingDays(db, officeId, taipeiToday(s.clock()));

  async function detailsPage(req: FastifyRequest, reply: FastifyReply, state: FormState | undefined, status = 200) {
    const { office, row, service } = await load(req);
    const source = req.method === 'GET' ? req.query : req.body;
    const { slot, error } = await chosenSlot(row, source, req.locale);
    if (error) {
      const dayIso = (source as { day?: string } | undefined)?.day;
      const page = dayIso ? await timesPage(req, dayIso, { values: formValues(source), errors: [{ field: 'starts', key: error }] }) : null;
      if (page) return reply.render(page, 422);
      reply.flash('warning', 'booking.err.dayGone');
      return reply.redirect(`/o/${office.code}/booking/${row.code}`, 303);
    }
    return reply.render(DetailsPage({ ctx: await req.view({ office }), officeCode: office.code, service, slot, state, workingDays: await workingDays(office.id) }), status);
  }

  app.get('/o/:office/booking/:service/details', (req, reply) => detailsPage(req, reply, undefined));
  // "change your answers" from the check page: the form comes back filled in
  app.post('/o/:office/booking/:service/details', (req, reply) => detailsPage(req, reply, { values: formValues(req.body), errors: [] }));

  async function parseDetails(req: FastifyRequest, row: Awaited<ReturnType<typeof load>>['row']) {
    return parseForm(detailsSchema(row.kind as BookingKind, row.parties, await workingDays(row.office_id)), req.body);
  }

  function answersOf(req: FastifyRequest, kind: string, d: Details & Record<string, unknown>): Answer[] {
    const t = req.t;
    const a: Answer[] = [
      { label: t('booking.f.name'), value: d.name },
      { label: t('booking.f.idNumber'), value: maskIdNumber(d.idNumber) },
      { label: t('booking.f.birthDate'), value: showDate(d.birthDate, req.locale) },
      { label: t('booking.f.phone'), value: d.phone },
      { label: t('booking.f.email'), value: d.email ?? t('booking.noEmail') },
    ];
    if (typeof d.partnerName === 'string') a.push({ label: t('booking.f.partnerName'), value: d.partnerName }, { label: t('booking.f.partnerIdNumber'), value: maskIdNumber(String(d.partnerIdNumber)) });
    for (const [k, v] of Object.entries(detailsOf(kind as BookingKind, d))) {
      const shown = k === 'reason' ? t(`booking.reason.${v}`) : k === 'preferredDays' && Array.isArray(v) ? v.map((x) => showDate(x, req.locale, true)).join('、') : String(v);
      a.push({ label: t(`booking.f.${k}`), value: shown });
    }
    return a;
  }

  /** The answers as hidden fields; a list (preferred days) stays a list, one field per value. */
  function hiddenPairs(body: unknown): [string, string][] {
    const out: [string, string][] = [];
    for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      if (['day', 'starts', 'slots', 'stamp', 'altcha', '_csrf'].includes(k)) continue;
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') out.push([k, x]);
    }
    return out;
  }

  /** Who the no-JS stamp is bound to, and the form it is for. */
  const visitorOf = (req: FastifyRequest) => req.sessionToken ?? req.anonId ?? '';
  const stampForm = (officeCode: string, serviceCode: string, slot: SlotChoice | null): StampForm => ({ office: officeCode, service: serviceCode, day: slot?.day ?? '', starts: slot?.starts ?? '' });

  async function checkPage(req: FastifyRequest, data: Details, slot: SlotChoice | null, hot: boolean, errorKey?: string, errorParams?: Record<string, string | number>) {
    const { office, row, service } = await load(req);
    return CheckPage({
      ctx: await req.view({ office }),
      officeCode: office.code,
      service,
      slot,
      answers: answersOf(req, row.kind, data as Details & Record<string, unknown>),
      hidden: hiddenPairs(req.body),
      antiBot: hot,
      formStamp: antiBot.stamp(visitorOf(req), stampForm(office.code, row.code, slot)),
      errorKey,
      errorParams,
    });
  }

  app.post('/o/:office/booking/:service/check', async (req, reply) => {
    const { row } = await load(req);
    const parsed = await parseDetails(req, row);
    if (!parsed.ok) return detailsPage(req, reply, parsed.state, 422);
    const { slot, day, error } = await chosenSlot(row, req.body, req.locale);
    if (error) return detailsPage(req, reply, undefined);
    const hot = await antiBot.required(row.office_id, day ?? null);
    return reply.render(await checkPage(req, parsed.data, slot, hot));
  });

  app.post(
    '/o/:office/booking/:service/confirm',
    { preHandler: [extraLimit(app, web.perIp), extraLimit(app, web.perId)] },
    async (req, reply) => {
      const loaded = await load(req);
      const { office, row } = loaded;
      const parsed = await parseDetails(req, row);
      if (!parsed.ok) return detailsPage(req, reply, parsed.state, 422);
      const { slot, day, days, picked, settings, error } = await chosenSlot(row, req.body, req.locale);
      if (error) return detailsPage(req, reply, undefined);
      const hot = await antiBot.required(row.office_id, day ?? null, settings);
      const body = req.body as Record<string, unknown>;
      if (hot && !(await antiBot.passes(body.altcha, body.stamp, visitorOf(req), stampForm(office.code, row.code, slot)))) return reply.render(await checkPage(req, parsed.data, slot, hot, 'booking.err.pow'), 429);
      // full when just read: the times page from that same read, without a write transaction (placeBooking would refuse the same way)
      if (slot && day && days && picked && seatsGone(day, picked)) {
        const full = await timesPage(req, slot.day, { values: {}, errors: [{ field: 'starts', key: 'booking.err.full' }] }, { loaded, days });
        if (full) return reply.render(full, 409);
      }
      const d = parsed.data as Details & Record<string, unknown>;
      try {
        const placed = await placeBooking(web.deps(req), {
          serviceId: row.id,
          day: slot?.day,
          starts: slot?.starts,
          slotCount: slot?.slots,
          applicant: { name: d.name, idNumber: d.idNumber, birthDate: d.birthDate, phone: d.phone, email: d.email },
          partner: typeof d.partnerName === 'string' ? { name: d.partnerName, idNumber: String(d.partnerIdNumber) } : undefined,
          details: detailsOf(row.kind as BookingKind, d),
          locale: req.locale,
          channel: 'online',
          days,
          service: row,
          settings,
        });
        return reply.redirect(`/b/${placed.token}?new=1`, 303);
      } catch (err) {
        if (!isAppError(err)) throw err;
        const slotTaken = (err.code === 'validation' && err.fields.some((f) => f.field === 'slot')) || err.messageKey === 'booking.err.full';
        const page = slotTaken && slot ? await timesPage(req, slot.day, { values: {}, errors: [{ field: 'starts', key: err.messageKey }] }) : null;
        if (page) return reply.render(page, 409);
        if (err.code === 'conflict' || err.code === 'forbidden' || err.code === 'validation') {
          return reply.render(await checkPage(req, parsed.data, slot, hot, err.messageKey, datesShown(err.params, req.locale)), err.code === 'forbidden' ? 403 : 409);
        }
        throw err;
      }
    },
  );
}
