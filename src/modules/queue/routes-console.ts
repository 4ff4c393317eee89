import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { coversOffice } from '../../platform/auth/roles.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import type { AppServices } from '../../platform/module.js';
import { officesService, staffOfficeFor, staffOffices } from '../offices/index.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import * as counter from './counter.js';
import type { QueueDeps } from './deps.js';
import * as repo from './repo.js';
import { buildSnapshot, lineName } from './snapshot.js';
import { ConsolePage, CounterPick, type TicketNote } from './views/console.js';
import type { Db } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';

/**
 * What another module knows about a called ticket and shows its clerk (the
 * roaming pre-check's ticked list): registered from that module's index, so
 * the queue never imports it. `tagKey` is a catalog key ("已預檢").
 */
export type CounterTicketNotes = (db: Db, ticketId: number, locale: Locale) => Promise<TicketNote | null>;
const ticketNotes: CounterTicketNotes[] = [];
export function registerCounterTicketNotes(fn: CounterTicketNotes): void {
  ticketNotes.push(fn);
}

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : undefined))
  .pipe(z.number().int().positive().max(2_147_483_647).optional());

export function consoleRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps: QueueDeps = { database: s.database, events: s.events, clock: s.clock };
  const guard = { preHandler: requireStaff('queue.serve') };

  /** ?office=<code> as on every staff page; an old numeric office id still works */
  async function officeForStaff(req: FastifyRequest) {
    const q = z.object({ office: z.string().max(40).optional() }).safeParse(req.query);
    const asked = q.success ? q.data.office : undefined;
    const covered = await staffOffices(db, req);
    const code = asked && /^\d+$/.test(asked) ? covered.find((o) => o.id === Number(asked))?.code : asked;
    const office = await staffOfficeFor(db, req, code);
    return { office, choice: officeChoice(covered, office.code) };
  }

  app.get('/staff/queue', guard, async (req, reply) => {
    const { office, choice } = await officeForStaff(req);
    const rows = await repo.countersToPick(db, office.id);
    const services = await repo.counterServiceNames(db, office.id);
    const counters = rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: req.locale === 'en' ? r.name_en : r.name_zh,
      services: services.filter((x) => x.counter_id === r.id).map((x) => (req.locale === 'en' ? x.name_en : x.name_zh)),
      open: r.staff_id !== null,
      support: r.support === 1,
    }));
    return reply.render(CounterPick({ ctx: await req.view(), counters, choice }));
  });

  async function consolePage(req: FastifyRequest, counterId: number, error?: string) {
    const staff = principal(req);
    const c = await repo.counterById(db, counterId);
    if (!c) throw new AppError('not_found', 'error.notFound.title');
    const office = await officesService.officeById(db, c.office_id, req.locale);
    if (!coversOffice(staff, office)) throw new AppError('forbidden', 'error.forbidden.title');
    const now = s.clock();
    const day = toTaipeiIsoDate(now);
    const [snapshot, current, parked, others, open, served] = await Promise.all([
      buildSnapshot(db, office.id, day, now),
      repo.currentAtCounter(db, counterId),
      repo.parkedAt(db, office.id, day),
      repo.otherCounters(db, office.id, counterId),
      repo.counterOpen(db, counterId),
      repo.servedAtCounter(db, counterId, { day }),
    ]);
    const line = current ? snapshot.lines.find((l) => l.serviceId === current.service_id) : undefined;
    const notes = current ? (await Promise.all(ticketNotes.map((fn) => fn(db, current.id, req.locale)))).filter((n): n is TicketNote => n !== null) : [];
    return ConsolePage({
      ctx: await req.view(),
      counter: { id: c.id, number: c.number, name: req.locale === 'en' ? c.name_en : c.name_zh, open: !!open },
      officeCode: office.code,
      current: current
        ? { id: current.id, label: current.label, status: current.status, serviceName: line ? lineName(line, req.locale) : '', priority: current.priority === 1, recallCount: current.recall_count }
        : null,
      snapshot,
      parked: parked.map((p) => ({ id: p.id, label: p.label })),
      otherCounters: others,
      servedToday: served,
      notes,
      error,
    });
  }

  app.get('/staff/queue/counters/:id', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    if (!(await repo.counterOpen(db, id))) return reply.redirect('/staff/queue', 303);
    return reply.render(await consolePage(req, id));
  });

  /** Runs one console action; a rule the clerk ran into is shown on the console, not as an error page. */
  async function act(req: FastifyRequest, reply: FastifyReply, id: number, fn: () => Promise<{ flash?: [string, Record<string, string>] } | undefined>) {
    try {
      const r = await fn();
      if (r?.flash) reply.flash('success', r.flash[0], r.flash[1]);
      return reply.redirect(`/staff/queue/counters/${id}`, 303);
    } catch (err) {
      if (isAppError(err) && (err.code === 'conflict' || err.code === 'validation')) {
        return reply.render(await consolePage(req, id, req.t(err.messageKey, err.params)), 409);
      }
      throw err;
    }
  }

  app.post('/staff/queue/counters/:id/open', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    await counter.openCounter(deps, principal(req), id);
    return reply.redirect(`/staff/queue/counters/${id}`, 303);
  });

  app.post('/staff/queue/counters/:id/close', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    try {
      await counter.closeCounter(deps, principal(req), id);
      return reply.redirect('/staff/queue', 303);
    } catch (err) {
      if (isAppError(err) && err.code === 'conflict') return reply.render(await consolePage(req, id, req.t(err.messageKey)), 409);
      throw err;
    }
  });

  app.post('/staff/queue/counters/:id/call', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    return act(req, reply, id, async () => {
      const t = await counter.callNext({ deps, staff: principal(req), counterId: id });
      if (!t) throw new AppError('conflict', 'queue.console.empty');
      return { flash: ['queue.console.called', { label: t.label }] };
    });
  });

  const simple = { recall: 'recall', start: 'start', finish: 'finish', 'no-show': 'no_show', park: 'park' } as const;
  for (const [path, action] of Object.entries(simple)) {
    app.post(`/staff/queue/counters/:id/${path}`, guard, async (req, reply) => {
      const { id } = idParam.parse(req.params);
      return act(req, reply, id, async () => {
        const t = await counter.transition({ deps, staff: principal(req), counterId: id }, action);
        return action === 'finish' ? { flash: ['queue.console.done', { label: t.label }] } : undefined;
      });
    });
  }

  app.post('/staff/queue/counters/:id/transfer', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const body = z.object({ serviceId: optionalId, counterId: optionalId }).safeParse(req.body);
    return act(req, reply, id, async () => {
      if (!body.success || (body.data.serviceId === undefined && body.data.counterId === undefined)) throw new AppError('validation', 'queue.err.noService');
      await counter.transfer({ deps, staff: principal(req), counterId: id }, body.data);
      return undefined;
    });
  });

  app.post('/staff/queue/counters/:id/resume', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { ticketId } = z.object({ ticketId: z.coerce.number().int().positive() }).parse(req.body);
    return act(req, reply, id, async () => {
      await counter.resume({ deps, staff: principal(req), counterId: id }, ticketId);
      return undefined;
    });
  });

  app.post('/staff/queue/counters/:id/walk-in', guard, async (req, reply) => {
    const { id } = idParam.parse(req.params);
    const { serviceId } = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) }).parse(req.body);
    return act(req, reply, id, async () => {
      await counter.walkIn({ deps, staff: principal(req), counterId: id }, serviceId);
      return undefined;
    });
  });
}
