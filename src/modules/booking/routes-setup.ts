import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import { APPLICATION_CATALOG } from './catalog-data.js';
import * as repo from './repo.js';
import { BOOKING_KINDS, type BookingKind } from './rules.js';
import { officeHoursLine } from './schedule.js';
import { createService, serviceFormSchema, setServiceActive, specValues } from './setup.js';
import { copyServices, createFromCatalog } from './setup-copy.js';
import { CatalogPage, CopyPage, NewServicePage, RetirePage } from './views/staff-setup.js';

const officeQuery = z.object({ office: z.string().max(40).optional().catch(undefined), kind: z.string().max(20).optional().catch(undefined), from: z.string().max(40).optional().catch(undefined) });
const codesBody = z.object({
  codes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().max(40)).min(1, 'booking.err.noneTicked').max(200)),
});

/**
 * Go-live: an office's booking services made in the staff area: a new one of
 * any kind, a copy of another office's, many at once from the built-in list,
 * and retiring one without touching the bookings it already has.
 */
export function setupBookingRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('setup.office') };

  /** The office asked for with ?office=; asking for one not covered is refused, never quietly swapped for another. */
  async function targetOffice(req: FastifyRequest) {
    const q = officeQuery.parse(req.query ?? {});
    const offices = await staffOffices(db, req);
    if (q.office && !offices.some((o) => o.code === q.office)) throw new AppError('forbidden', 'error.forbidden.title');
    const office = await staffOfficeFor(db, req, q.office);
    return { office, offices: offices.map((o) => ({ value: o.code, label: o.name })), q };
  }

  async function newPage(req: FastifyRequest, state?: FormState) {
    const { office, offices, q } = await targetOffice(req);
    const kind: BookingKind = (BOOKING_KINDS as readonly string[]).includes(q.kind ?? '') ? (q.kind as BookingKind) : 'counter';
    const [queues, guides, officeHours] = await Promise.all([officesService.servicesOfOffices(db, [office.id]), guidesService.listGuides(db, req.locale), officeHoursLine(db, office.id, req.t)]);
    return NewServicePage({
      ctx: await req.view(),
      // a counter or marriage booking checks in to household registration when the office has that queue
      state: state ?? { values: specValues({ kind, queueCode: (kind === 'counter' || kind === 'marriage') && queues.some((x) => x.code === 'registration') ? 'registration' : null }), errors: [] },
      offices,
      officeCode: office.code,
      officeHours,
      queues: queues.map((x) => ({ value: x.code, label: req.locale === 'en' ? x.name_en : x.name_zh })),
      guides: guides.map((g) => ({ value: g.code, label: g.name })),
    });
  }

  app.get('/staff/booking/services/new', guard, async (req, reply) => reply.render(await newPage(req)));

  app.post('/staff/booking/services/new', guard, async (req, reply) => {
    const { office } = await targetOffice(req);
    const parsed = parseForm(serviceFormSchema, req.body);
    if (!parsed.ok) return reply.render(await newPage(req, parsed.state), 422);
    try {
      const id = await createService(s.database, office.id, parsed.data, principal(req), s.clock(), req.ip);
      reply.flash('success', 'booking.setup.created', { name: parsed.data.nameZh });
      return reply.redirect(`/staff/booking/services/${id}`, 303);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation') throw err;
      return reply.render(await newPage(req, { values: parsed.values, errors: err.fields }), 422);
    }
  });

  async function copyPage(req: FastifyRequest, state?: FormState, fromGiven?: string) {
    const { office, offices, q } = await targetOffice(req);
    // any office of the same county may be copied from: booking services are public, and one county shares its rules
    const county = (await officesService.listOfficeInfos(db, req.locale)).filter((o) => o.countyId === office.countyId && o.id !== office.id);
    const from = county.find((o) => o.code === (fromGiven ?? q.from)) ?? null;
    const [theirs, ours] = await Promise.all([from ? repo.servicesOf(db, [from.id], true) : Promise.resolve([]), repo.servicesOf(db, [office.id], false)]);
    return CopyPage({
      ctx: await req.view(),
      state,
      offices,
      officeCode: office.code,
      sources: county.map((o) => ({ value: o.code, label: o.name })),
      fromCode: from?.code ?? null,
      services: theirs.map((r) => ({ value: r.code, label: req.locale === 'en' ? r.name_en : r.name_zh, here: ours.some((o) => o.code === r.code) })),
    });
  }

  app.get('/staff/booking/services/copy', guard, async (req, reply) => reply.render(await copyPage(req)));

  app.post('/staff/booking/services/copy', guard, async (req, reply) => {
    const { office } = await targetOffice(req);
    const from = z.object({ from: z.string().max(40) }).parse(req.body);
    const parsed = parseForm(codesBody, req.body);
    if (!parsed.ok) return reply.render(await copyPage(req, parsed.state, from.from), 422);
    const source = (await officesService.listOfficeInfos(db, req.locale)).find((o) => o.code === from.from && o.countyId === office.countyId && o.id !== office.id);
    if (!source) throw new AppError('bad_request', 'err.choice');
    const r = await copyServices(s.database, { officeId: source.id, codes: parsed.data.codes }, office.id, principal(req), s.clock(), req.ip);
    reply.flash('success', 'booking.setup.done', { created: r.created.length, skipped: r.skipped.length });
    return reply.redirect(`/staff/booking/services?office=${office.code}`, 303);
  });

  async function catalogPage(req: FastifyRequest, state?: FormState) {
    const { office, offices } = await targetOffice(req);
    const ours = await repo.servicesOf(db, [office.id], false);
    return CatalogPage({
      ctx: await req.view(),
      state,
      offices,
      officeCode: office.code,
      entries: APPLICATION_CATALOG.map((e) => ({ value: e.code, label: req.locale === 'en' ? e.name[1] : e.name[0], here: ours.some((o) => o.code === e.code) })),
    });
  }

  app.get('/staff/booking/services/catalog', guard, async (req, reply) => reply.render(await catalogPage(req)));

  app.post('/staff/booking/services/catalog', guard, async (req, reply) => {
    const { office } = await targetOffice(req);
    const parsed = parseForm(codesBody, req.body);
    if (!parsed.ok) return reply.render(await catalogPage(req, parsed.state), 422);
    const r = await createFromCatalog(s.database, office.id, parsed.data.codes, principal(req), s.clock(), req.ip);
    reply.flash('success', 'booking.setup.done', { created: r.created.length, skipped: r.skipped.length });
    return reply.redirect(`/staff/booking/services?office=${office.code}`, 303);
  });

  async function coveredService(req: FastifyRequest) {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(req.params);
    const svc = await repo.serviceById(db, id);
    const offices = await staffOffices(db, req);
    const office = offices.find((o) => o.id === svc?.office_id);
    if (!svc || !office) throw new AppError('not_found', 'error.notFound.title');
    return { svc, office };
  }

  const name = (req: FastifyRequest, svc: { name_zh: string; name_en: string }) => (req.locale === 'en' ? svc.name_en : svc.name_zh);

  app.get('/staff/booking/services/:id/retire', guard, async (req, reply) => {
    const { svc, office } = await coveredService(req);
    const future = await repo.futureLiveCount(db, svc.id, taipeiToday(s.clock()));
    return reply.render(RetirePage({ ctx: await req.view(), id: svc.id, name: name(req, svc), future, officeCode: office.code }));
  });

  /**
   * Without `confirm` and with bookings still to come, this only shows the
   * confirmation page: the change applies on the second, confirmed post.
   */
  app.post('/staff/booking/services/:id/retire', guard, async (req, reply) => {
    const { svc, office } = await coveredService(req);
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === '1';
    if (!confirmed) {
      const future = await repo.futureLiveCount(db, svc.id, taipeiToday(s.clock()));
      if (future > 0) return reply.render(RetirePage({ ctx: await req.view(), id: svc.id, name: name(req, svc), future, officeCode: office.code }));
    }
    const r = await setServiceActive(s.database, svc, false, principal(req), s.clock(), req.ip);
    reply.flash('success', 'booking.setup.retired', { name: name(req, svc), n: r.future });
    return reply.redirect(`/staff/booking/services?office=${office.code}`, 303);
  });

  app.post('/staff/booking/services/:id/reinstate', guard, async (req, reply) => {
    const { svc, office } = await coveredService(req);
    await setServiceActive(s.database, svc, true, principal(req), s.clock(), req.ip);
    reply.flash('success', 'booking.setup.reinstated', { name: name(req, svc) });
    return reply.redirect(`/staff/booking/services?office=${office.code}`, 303);
  });
}
