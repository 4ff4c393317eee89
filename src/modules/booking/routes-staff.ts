import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { can } from '../../platform/auth/roles.js';
import { taipeiToday } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { maskIdNumber } from '../../platform/identity/index.js';
import { showDate } from '../../platform/layout/dates.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { ticketLabelsOfBookings } from '../queue/index.js';
import { staffDirectory } from '../staff/index.js';
import { normalizeBookingCode } from './codes.js';
import type { BookingRow } from './manage.js';
import * as repo from './repo.js';
import { slotInstant } from './rules.js';
import { assignHomeVisit, checkIn, decideHall, markServed, staffNoShow } from './staff-ops.js';
import { DaySheetPage, type RequestRow, RequestsPage, type SheetRow } from './views/staff-day.js';
import type { BookingWeb } from './web.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import { askedOfficeCode } from '../../platform/http/office-query.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const dayQuery = z.object({ office: z.string().max(40).optional().catch(undefined), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined) });

/** The counter's side: the day sheet, check-in, no-shows, home-visit assignment and hall decisions. */
export function staffBookingRoutes(app: FastifyInstance, s: AppServices, web: BookingWeb) {
  const db = s.database.db;
  const guard = { preHandler: requireStaff('booking.work') };
  const actor = (req: FastifyRequest) => ({ staff: principal(req), ip: req.ip });

  async function sheet(req: FastifyRequest, q: { office?: string | undefined; day?: string | undefined }, state?: FormState) {
    const office = await staffOfficeFor(db, req, q.office);
    const day = q.day ?? taipeiToday(s.clock());
    const now = s.clock();
    const [rows, services, offices] = await Promise.all([repo.dayBookings(db, office.id, day), repo.servicesOf(db, [office.id], false), staffOffices(db, req)]);
    const tickets = await ticketLabelsOfBookings(db, rows.map((r) => r.id));
    const view: SheetRow[] = rows
      .filter((r) => r.status !== 'applied' && r.status !== 'not_drawn')
      .map((r) => {
        const svc = services.find((x) => x.id === r.booking_service_id);
        const started = r.day !== null && r.starts !== null && slotInstant(r.day, r.starts) <= now;
        return {
          id: r.id,
          code: r.code,
          starts: r.starts,
          ends: r.ends,
          service: (req.locale === 'en' ? svc?.name_en : svc?.name_zh) ?? '',
          kind: svc?.kind ?? '',
          people: r.partner_name ? `${r.name}、${r.partner_name}` : r.name,
          idMasked: maskIdNumber(s.vault.decrypt(r.id_enc)),
          phone: r.phone,
          status: r.status,
          ticket: tickets.get(r.id) ?? null,
          canCheckIn: r.status === 'booked' && day === taipeiToday(now) && svc?.queue_service_code != null,
          canNoShow: r.status === 'booked' && started,
          canServe: (r.status === 'booked' && svc?.kind === 'home_visit') || (r.status === 'checked_in' && svc?.kind !== 'counter' && svc?.kind !== 'marriage'),
        };
      });
    await recordAudit(db, { actor: principal(req), action: 'booking.sheet.view', officeId: office.id, detail: { day, rows: view.length }, ip: req.ip }, now);
    return DaySheetPage({
      ctx: await req.view(),
      offices: offices.map((o) => ({ code: o.code, name: o.name })),
      officeCode: office.code,
      day,
      rows: view,
      manage: can(principal(req).role, 'booking.manage'),
      state,
      totals: { booked: view.filter((v) => !['cancelled', 'closed', 'rejected'].includes(v.status)).length, came: view.filter((v) => v.status === 'checked_in' || v.status === 'served').length, noShow: view.filter((v) => v.status === 'no_show').length },
    });
  }

  app.get('/staff/booking', guard, async (req, reply) => reply.render(await sheet(req, dayQuery.parse(req.query ?? {}))));

  /** A booking of an office this person covers, or 404. */
  async function covered(req: FastifyRequest): Promise<BookingRow> {
    const { id } = idParam.parse(req.params);
    const b = await repo.bookingById(db, id);
    const offices = await staffOffices(db, req);
    if (!b || !offices.some((o) => o.id === b.office_id)) throw new AppError('not_found', 'error.notFound.title');
    return b;
  }

  const backTo = (req: FastifyRequest, fallback: string) => {
    const back = (req.body as { back?: unknown } | undefined)?.back;
    return typeof back === 'string' && back.startsWith('/staff/booking') ? back : fallback;
  };

  async function act(req: FastifyRequest, reply: FastifyReply, run: (b: BookingRow) => Promise<string>) {
    const b = await covered(req);
    try {
      const key = await run(b);
      reply.flash('success', key, { code: b.code });
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'conflict' && err.code !== 'unavailable')) throw err;
      reply.flash('warning', err.messageKey, err.params);
    }
    return reply.redirect(backTo(req, `/staff/booking?day=${b.day ?? ''}`), 303);
  }

  app.post('/staff/booking/:id/checkin', guard, (req, reply) =>
    act(req, reply, async (b) => {
      const t = await checkIn(web.deps(req), b, actor(req));
      reply.flash('info', 'booking.staff.ticketIssued', { label: t.label });
      return 'booking.staff.checkedIn';
    }),
  );
  app.post('/staff/booking/:id/noshow', guard, (req, reply) => act(req, reply, async (b) => {
      await staffNoShow(web.deps(req), b, actor(req));
      return 'booking.staff.markedNoShow';
    }));
  app.post('/staff/booking/:id/served', guard, (req, reply) => act(req, reply, async (b) => {
      await markServed(web.deps(req), b, actor(req));
      return 'booking.staff.markedServed';
    }));

  app.post('/staff/booking/checkin', guard, async (req, reply) => {
    const q = { office: String((req.body as { office?: unknown })?.office ?? '') };
    const parsed = parseForm(z.object({ code: fields.text(20) }), req.body);
    if (!parsed.ok) return reply.render(await sheet(req, q, parsed.state), 422);
    const office = await staffOfficeFor(db, req, q.office);
    const b = await repo.bookingByCode(db, normalizeBookingCode(parsed.data.code));
    if (!b || b.office_id !== office.id) return reply.render(await sheet(req, q, { values: parsed.values, errors: [{ field: 'code', key: 'booking.kiosk.unknown' }] }), 404);
    try {
      const t = await checkIn(web.deps(req), b, actor(req));
      reply.flash('success', 'booking.staff.ticketIssued', { label: t.label });
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'conflict' && err.code !== 'unavailable')) throw err;
      return reply.render(await sheet(req, q, { values: parsed.values, errors: [{ field: 'code', key: err.messageKey, params: err.params }] }), 409);
    }
    return reply.redirect(`/staff/booking?office=${office.code}`, 303);
  });

  async function requestsPage(req: FastifyRequest) {
    const covered = await staffOffices(db, req);
    // every covered office by default; ?office= narrows the board to one (county admins)
    const asked = askedOfficeCode(req);
    const offices = asked ? covered.filter((o) => o.code === asked) : covered;
    const ids = offices.map((o) => o.id);
    const services = await repo.servicesOf(db, ids, false);
    const wanted = services.filter((x) => x.kind === 'home_visit' || x.kind === 'hall');
    const rows = await repo.requestsOf(db, wanted.map((w) => w.id));
    const staff = await staffDirectory.activeStaffOf(db, ids);
    const t = req.t;
    const view: RequestRow[] = rows
      .map((r) => {
        const svc = wanted.find((w) => w.id === r.booking_service_id)!;
        const d = JSON.parse(r.details) as Record<string, string | string[]>;
        const details = Object.entries(d).map(([k, v]) => ({
          label: t(`booking.f.${k}`),
          value: k === 'reason' ? t(`booking.reason.${v}`) : Array.isArray(v) ? v.map((x) => showDate(x, req.locale, true)).join('、') : String(v),
        }));
        return {
          id: r.id,
          code: r.code,
          kind: svc.kind,
          service: req.locale === 'en' ? svc.name_en : svc.name_zh,
          people: r.name,
          phone: r.phone,
          createdAt: r.created_at,
          dueOn: r.due_on,
          day: r.day,
          starts: r.starts,
          ends: r.ends,
          status: r.status,
          details,
          assignedTo: staff.find((x) => x.id === r.assigned_staff_id)?.display_name ?? null,
          village: typeof d.village === 'string' ? d.village : '',
        };
      })
      .filter((r) => r.kind === 'home_visit' || r.status === 'pending')
      // officers go out by village: group the board that way
      .sort((a, b) => a.village.localeCompare(b.village, 'zh-Hant') || (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
    await recordAudit(db, { actor: principal(req), action: 'booking.requests.view', detail: { rows: view.length }, ip: req.ip }, s.clock());
    return RequestsPage({
      ctx: await req.view(),
      choice: officeChoice(covered, offices.length === 1 && covered.length > 1 ? offices[0]!.code : '', true),
      rows: view,
      staffOptions: staff.map((x) => ({ value: String(x.id), label: x.display_name })),
      manage: can(principal(req).role, 'booking.manage'),
      today: taipeiToday(s.clock()),
    });
  }

  app.get('/staff/booking/requests', guard, async (req, reply) => reply.render(await requestsPage(req)));

  app.post('/staff/booking/:id/assign', guard, async (req, reply) => {
    const b = await covered(req);
    const parsed = parseForm(z.object({ staffId: z.coerce.number().int().positive('err.choice'), day: fields.date(), starts: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.err.time') }), req.body);
    if (!parsed.ok) {
      reply.flash('warning', parsed.state.errors[0]?.key ?? 'err.invalid');
      return reply.redirect('/staff/booking/requests', 303);
    }
    const officer = (await staffDirectory.activeStaffOf(db, [b.office_id])).find((x) => x.id === parsed.data.staffId);
    if (!officer) throw new AppError('bad_request', 'err.choice');
    await assignHomeVisit(web.deps(req), b, { staffId: officer.id, day: parsed.data.day, starts: parsed.data.starts }, actor(req));
    reply.flash('success', 'booking.staff.assigned', { code: b.code });
    return reply.redirect('/staff/booking/requests', 303);
  });

  app.post('/staff/booking/:id/hall', guard, async (req, reply) => {
    const b = await covered(req);
    const parsed = parseForm(z.object({ decision: z.enum(['approve', 'reject']), reason: fields.optionalText(200) }), req.body);
    if (!parsed.ok) throw new AppError('bad_request', 'err.choice');
    try {
      await decideHall(web.deps(req), b, parsed.data.decision === 'approve', parsed.data.reason ?? null, actor(req));
      reply.flash('success', parsed.data.decision === 'approve' ? 'booking.staff.approved' : 'booking.staff.rejected', { code: b.code });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      reply.flash('warning', err.messageKey);
    }
    return reply.redirect('/staff/booking/requests', 303);
  });
}
