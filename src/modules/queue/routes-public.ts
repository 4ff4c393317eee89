import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../platform/errors.js';
import type { SseHub } from '../../platform/http/sse.js';
import type { AppServices } from '../../platform/module.js';
import { marqueeItems } from '../content/index.js';
import { officesService } from '../offices/index.js';
import { nextOpening, queueClock } from '../setup/index.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { queueChannel, type QueueDeps } from './deps.js';
import { serviceOffered } from './admin-repo.js';
import { cancelTicket, issueTicket } from './issue.js';
import * as repo from './repo.js';
import { readQueueSettings } from './settings.js';
import { buildSnapshot } from './snapshot.js';
import { qrSvg, ticketView } from './ticket-view.js';
import { BoardPage, KioskPage, KioskTicketPage } from './views/hall.js';
import { TicketPage, WaitPage } from './views/public.js';

const officeParams = z.object({ office: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const codeParams = z.object({ code: z.string().regex(/^[\w-]{8,32}$/) });
const takeBody = z.object({ serviceId: z.coerce.number({ error: 'queue.err.noService' }).int('queue.err.noService').positive('queue.err.noService').max(2_147_483_647, 'queue.err.noService') });

export function publicQueueRoutes(app: FastifyInstance, s: AppServices, hub: SseHub) {
  const db = s.database.db;
  const deps: QueueDeps = { database: s.database, events: s.events, clock: s.clock };
  const baseUrl = (req: FastifyRequest) => s.config.publicBaseUrl;

  async function officeOf(req: FastifyRequest) {
    const { office } = officeParams.parse(req.params);
    return officesService.officeByCode(db, office, req.locale);
  }

  async function waitPage(req: FastifyRequest, form?: { values: Record<string, string>; errors: { field: string; key: string }[] }) {
    const office = await officeOf(req);
    const now = req.now();
    const [snapshot, settings, today] = await Promise.all([
      buildSnapshot(db, office.id, toTaipeiIsoDate(now), now),
      readQueueSettings(db, office.id),
      officesService.todayStatus(db, office.id, now),
    ]);
    return WaitPage({
      clock: await queueClock(db, req, office.id, !today.openNow),
      ctx: await req.view({ office }),
      snapshot,
      defaultMinutes: settings.defaultServiceMinutes,
      canTake: today.openNow,
      remoteEnabled: settings.remoteEnabled,
      form,
    });
  }

  app.get('/o/:office/queue', async (req, reply) => reply.render(await waitPage(req)));

  app.post('/o/:office/queue/take', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (req, reply) => {
    const office = await officeOf(req);
    const parsed = takeBody.safeParse(req.body);
    const values = { serviceId: String((req.body as Record<string, unknown>)?.serviceId ?? '') };
    if (!parsed.success) return reply.render(await waitPage(req, { values, errors: [{ field: 'serviceId', key: 'queue.err.noService' }] }), 422);
    try {
      // a service no active counter serves would give a number nobody calls
      if (!(await serviceOffered(db, office.id, parsed.data.serviceId))) throw new AppError('not_found', 'queue.err.noService');
      const t = await issueTicket({ ...deps, clock: () => req.now() }, { officeId: office.id, serviceId: parsed.data.serviceId, priority: false, channel: 'phone' });
      return reply.redirect(`/q/${t.code}`, 303);
    } catch (err) {
      if (isAppError(err) && (err.code === 'unavailable' || err.code === 'not_found')) {
        return reply.render(await waitPage(req, { values, errors: [{ field: 'serviceId', key: err.messageKey }] }), 409);
      }
      throw err;
    }
  });

  app.get('/o/:office/queue/events', async (req, reply) => {
    const office = await officeOf(req);
    const now = req.now();
    hub.stream(req, reply, queueChannel(office.id), await buildSnapshot(db, office.id, toTaipeiIsoDate(now), now));
  });

  app.get('/o/:office/queue/state.json', async (req) => {
    const office = await officeOf(req);
    const now = req.now();
    return buildSnapshot(db, office.id, toTaipeiIsoDate(now), now);
  });

  app.get('/q/:code', async (req, reply) => {
    const { code } = codeParams.parse(req.params);
    const t = await repo.ticketByCode(db, code);
    if (!t) return reply.callNotFound();
    const office = await officesService.officeById(db, t.office_id, req.locale);
    const view = await ticketView(db, t, req.locale, req.now());
    return reply.render(TicketPage({ ctx: await req.view({ office }), ticket: view, qrSvg: await qrSvg(`${baseUrl(req)}/q/${t.code}`) }));
  });

  app.post('/q/:code/cancel', async (req, reply) => {
    const { code } = codeParams.parse(req.params);
    const t = await repo.ticketByCode(db, code);
    if (!t) return reply.callNotFound();
    await cancelTicket(deps, code).catch((err) => {
      if (!(isAppError(err) && err.code === 'conflict')) throw err;
    });
    reply.flash('info', 'queue.ticket.cancelledFlash', { label: t.label });
    return reply.redirect(`/q/${code}`, 303);
  });

  async function kiosk(req: FastifyRequest, priority: boolean, errorKey?: string) {
    const office = await officeOf(req);
    const now = req.now();
    const [snapshot, today] = await Promise.all([buildSnapshot(db, office.id, toTaipeiIsoDate(now), now), officesService.todayStatus(db, office.id, now)]);
    const ctx = await req.view({ office });
    // closed (or past the last ticket of the day): the page says until when instead of a bare refusal
    const closedNow = !today.openNow || errorKey === 'queue.err.closed';
    const clock = await queueClock(db, req, office.id, closedNow);
    return KioskPage({ ctx, snapshot, priority, clock, error: errorKey && errorKey !== 'queue.err.closed' ? req.t(errorKey) : undefined });
  }

  app.get('/o/:office/kiosk', async (req, reply) => reply.render(await kiosk(req, false)));
  app.get('/o/:office/kiosk/priority', async (req, reply) => reply.render(await kiosk(req, true)));

  app.post('/o/:office/kiosk/ticket', async (req, reply) => {
    const office = await officeOf(req);
    const body = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647), priority: z.enum(['0', '1']).default('0') }).safeParse(req.body);
    if (!body.success) return reply.render(await kiosk(req, false, 'queue.err.noService'), 422);
    try {
      if (!(await serviceOffered(db, office.id, body.data.serviceId))) throw new AppError('not_found', 'queue.err.noService');
      const t = await issueTicket({ ...deps, clock: () => req.now() }, { officeId: office.id, serviceId: body.data.serviceId, priority: body.data.priority === '1', channel: 'kiosk' });
      return reply.redirect(`/o/${office.code}/kiosk/ticket/${t.code}`, 303);
    } catch (err) {
      if (isAppError(err) && (err.code === 'unavailable' || err.code === 'not_found')) {
        return reply.render(await kiosk(req, body.data.priority === '1', err.messageKey), 409);
      }
      throw err;
    }
  });

  app.get('/o/:office/kiosk/ticket/:code', async (req, reply) => {
    const office = await officeOf(req);
    const { code } = codeParams.parse(req.params);
    const t = await repo.ticketByCode(db, code);
    if (!t || t.office_id !== office.id) return reply.callNotFound();
    const view = await ticketView(db, t, req.locale, req.now());
    return reply.render(KioskTicketPage({ ctx: await req.view({ office }), ticket: view, qrSvg: await qrSvg(`${baseUrl(req)}/q/${t.code}`) }));
  });

  app.get('/o/:office/board', async (req, reply) => {
    const office = await officeOf(req);
    const now = req.now();
    const [snapshot, settings, news, today] = await Promise.all([
      buildSnapshot(db, office.id, toTaipeiIsoDate(now), now),
      readQueueSettings(db, office.id),
      marqueeItems(db, office.id, req.locale, now),
      officesService.todayStatus(db, office.id, now),
    ]);
    // outside hours the banner says when calling resumes instead of a bare dash
    const closed = today.openNow ? null : { next: await nextOpening(db, office.id, now) };
    // the hall scrolls the office's own line and every news item published for the marquee
    const own = req.locale === 'en' ? settings.marqueeEn || settings.marqueeZh : settings.marqueeZh;
    const marquee = [own, ...news].filter(Boolean).join('　・　');
    return reply.render(BoardPage({ ctx: await req.view({ office }), snapshot, marquee, english: settings.announceEnglish, closed }));
  });
}
