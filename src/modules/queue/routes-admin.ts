import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError, isAppError } from '../../platform/errors.js';
import type { OfficeInfo } from '../../platform/http/context.js';
import { fields, formValues, parseForm } from '../../platform/http/forms.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import * as admin from './admin-repo.js';
import { type CounterInput, counterDiff, SERVICE_CODE, type ServiceInput, saveCounter, saveService, ticketAtCounter } from './admin-service.js';
import { type QueueDeps, publishChange } from './deps.js';
import * as repo from './repo.js';
import { CounterConfirmPage, CounterEditPage, CountersPage, ServiceEditPage, ServicesPage } from './views/admin.js';

const MAX_ID = 2_147_483_647;
const idParam = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });
const officeQuery = z.object({ office: z.string().max(40).optional() });
const flag = z.enum(['0', '1'], { error: 'err.choice' });

const counterForm = z.object({
  number: z.coerce.number({ error: 'queue.admin.err.number' }).int('queue.admin.err.number').min(1, 'queue.admin.err.number').max(99, 'queue.admin.err.number'),
  nameZh: fields.text(40),
  nameEn: fields.text(60),
  services: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^\d{1,10}$/, 'err.choice').transform(Number).pipe(z.number().int().positive().max(MAX_ID, 'err.choice'))).max(50, 'err.choice')),
  priorityFirst: flag,
  openDefault: flag,
  active: flag.default('1'),
});

const serviceForm = z.object({
  code: z.string({ error: 'err.required' }).trim().min(1, 'err.required').regex(SERVICE_CODE, 'queue.admin.err.code').optional(),
  letter: z.string({ error: 'err.required' }).trim().min(1, 'err.required').toUpperCase().regex(/^[A-Z]$/, 'queue.admin.err.letter'),
  nameZh: fields.text(60),
  nameEn: fields.text(100),
  avgMinutes: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? Number(v.trim()) : null))
    .pipe(z.number({ error: 'queue.admin.err.minutes' }).int('queue.admin.err.minutes').min(1, 'queue.admin.err.minutes').max(120, 'queue.admin.err.minutes').nullable()),
  sort: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(0, 'err.invalid').max(999, 'err.invalid'),
  active: flag.default('1'),
});

/** Counters and queue services of an office (setup.office): list, add, edit, retire. */
export function adminQueueRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps: QueueDeps = { database: s.database, events: s.events, clock: s.clock };
  const guard = { preHandler: requireStaff('setup.office') };

  /** The office asked for with ?office= (or the form's office): refused when it is not the person's to set up. */
  async function officeOf(req: FastifyRequest, code: string | undefined): Promise<OfficeInfo> {
    if (code && !(await staffOffices(db, req)).some((o) => o.code === code)) throw new AppError('forbidden', 'error.forbidden.title');
    return staffOfficeFor(db, req, code);
  }

  async function coveredOffice(req: FastifyRequest, officeId: number): Promise<OfficeInfo> {
    const office = (await staffOffices(db, req)).find((o) => o.id === officeId);
    if (!office) throw new AppError('forbidden', 'error.forbidden.title');
    return office;
  }

  const meta = (req: FastifyRequest) => ({ actor: principal(req), ip: req.ip, now: s.clock() });
  const officeChoices = async (req: FastifyRequest) => (await staffOffices(db, req)).map((o) => ({ code: o.code, name: o.name }));
  const named = (req: FastifyRequest, r: { name_zh: string; name_en: string }) => (req.locale === 'en' ? r.name_en : r.name_zh);

  /** Boards and kiosks of the office pick the change up at once. */
  const announce = (officeId: number) => publishChange(deps, officeId, toTaipeiIsoDate(s.clock()), { kind: 'setup' });

  /** A rule the service refused (a taken number or letter) goes beside its field; anything else is an error page. */
  function formError(err: unknown, values: FormState['values']): FormState {
    if (isAppError(err) && err.code === 'validation' && err.fields.length > 0) return { values, errors: err.fields };
    throw err;
  }

  // ------------------------------------------------------------------ counters

  async function serviceOptions(req: FastifyRequest, officeId: number, servedIds: number[] = []) {
    // retired services stay listed only where a counter still serves them (today's tickets are called there)
    return (await admin.servicesOfOffice(db, officeId))
      .filter((x) => x.active === 1 || servedIds.includes(x.id))
      .map((x) => ({ value: String(x.id), label: `${x.queue_prefix}　${named(req, x)}${x.active === 1 ? '' : `（${req.t('queue.admin.retired')}）`}` }));
  }

  async function countersPage(req: FastifyRequest, office: OfficeInfo, state?: FormState) {
    const [counters, pairs, services] = await Promise.all([admin.countersOfOffice(db, office.id), admin.counterServicePairs(db, office.id), admin.servicesOfOffice(db, office.id)]);
    const current = await Promise.all(counters.map((c) => ticketAtCounter(db, c.id)));
    return CountersPage({
      ctx: await req.view({ office }),
      office: { code: office.code, name: office.name },
      offices: await officeChoices(req),
      counters: counters.map((c, i) => ({
        id: c.id,
        number: c.number,
        name: named(req, c),
        // letters keep the table readable on a phone; the services page names each letter
        services: services.filter((x) => pairs.some((p) => p.counter_id === c.id && p.service_id === x.id)).map((x) => x.queue_prefix),
        priorityFirst: c.priority_first === 1,
        openDefault: c.open_default === 1,
        active: c.active === 1,
        current: current[i]?.label ?? null,
      })),
      services: await serviceOptions(req, office.id),
      state,
    });
  }

  app.get('/staff/queue/counters', guard, async (req, reply) => {
    const office = await officeOf(req, officeQuery.parse(req.query ?? {}).office);
    return reply.render(await countersPage(req, office));
  });

  const toCounterInput = (d: z.output<typeof counterForm>): CounterInput => ({
    number: d.number,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    serviceIds: [...new Set(d.services)],
    priorityFirst: d.priorityFirst === '1',
    openDefault: d.openDefault === '1',
    active: d.active === '1',
  });

  app.post('/staff/queue/counters', guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const office = await officeOf(req, typeof body.office === 'string' ? body.office : officeQuery.parse(req.query ?? {}).office);
    const parsed = parseForm(counterForm, body);
    if (!parsed.ok) return reply.render(await countersPage(req, office, parsed.state), 422);
    try {
      await writeTransaction(s.database, (trx) => saveCounter(trx, office, null, toCounterInput(parsed.data), meta(req)));
      await announce(office.id);
      reply.flash('success', 'queue.admin.counterSaved', { n: parsed.data.number });
      return reply.redirect(`/staff/queue/counters?office=${office.code}`, 303);
    } catch (err) {
      return reply.render(await countersPage(req, office, formError(err, parsed.values)), 422);
    }
  });

  async function counterOf(req: FastifyRequest) {
    const { id } = idParam.parse(req.params);
    const c = await repo.counterById(db, id);
    if (!c) throw new AppError('not_found', 'error.notFound.title');
    return { counter: c, office: await coveredOffice(req, c.office_id) };
  }

  async function counterEditPage(req: FastifyRequest, state?: FormState) {
    const { counter: c, office } = await counterOf(req);
    const served = await repo.counterServiceIds(db, c.id);
    const current = await ticketAtCounter(db, c.id);
    const values = {
      number: String(c.number),
      nameZh: c.name_zh,
      nameEn: c.name_en,
      services: served.map(String).join('\u001f'),
      'services[]': served.map(String).join('\u001f'),
      priorityFirst: String(c.priority_first),
      openDefault: String(c.open_default),
      active: String(c.active),
    };
    return CounterEditPage({
      ctx: await req.view({ office }),
      office: { code: office.code, name: office.name },
      counter: { id: c.id, number: c.number, name: named(req, c), active: c.active === 1, current: current?.label ?? null },
      services: await serviceOptions(req, office.id, served),
      state: state ?? { values, errors: [] },
    });
  }

  app.get('/staff/queue/counters/:id/edit', guard, async (req, reply) => reply.render(await counterEditPage(req)));

  /**
   * Saves a counter's change. While a ticket is called or served there, the
   * first post only shows what will happen; the change is made when the
   * confirmation comes back (confirm=1).
   */
  async function applyCounter(req: FastifyRequest, reply: FastifyReply, input: CounterInput, values: Record<string, string | string[]>, action: string) {
    const { counter: c, office } = await counterOf(req);
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === '1';
    const ticket = await ticketAtCounter(db, c.id);
    if (ticket && !confirmed) {
      const diff = await counterDiff(db, office, c.id, input);
      const keys = Object.keys(diff.after);
      if (keys.length > 0) {
        const show = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join('、') || '—' : String(v));
        const retiring = diff.before.active === 1 && diff.after.active === 0;
        return reply.render(
          CounterConfirmPage({
            ctx: await req.view({ office }),
            office: { code: office.code, name: office.name },
            counter: { id: c.id, number: c.number },
            ticket,
            changes: keys.map((k) => ({ field: req.t(`queue.admin.col.${k}`), before: show(diff.before[k]), after: show(diff.after[k]) })),
            retiring,
            action,
            values,
          }),
        );
      }
    }
    const r = await writeTransaction(s.database, (trx) => saveCounter(trx, office, c.id, input, meta(req)));
    if (r.changed) await announce(office.id);
    reply.flash('success', r.changed ? (input.active ? 'queue.admin.counterSaved' : 'queue.admin.counterRetired') : 'queue.admin.nothingChanged', { n: input.number });
    return reply.redirect(`/staff/queue/counters?office=${office.code}`, 303);
  }

  app.post('/staff/queue/counters/:id/edit', guard, async (req, reply) => {
    const parsed = parseForm(counterForm, req.body);
    if (!parsed.ok) return reply.render(await counterEditPage(req, parsed.state), 422);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: Record<string, string | string[]> = {};
    for (const k of ['number', 'nameZh', 'nameEn', 'priorityFirst', 'openDefault', 'active'] as const) values[k] = String(body[k] ?? '');
    values.services = parsed.data.services.map(String);
    const { id } = idParam.parse(req.params);
    try {
      return await applyCounter(req, reply, toCounterInput(parsed.data), values, `/staff/queue/counters/${id}/edit`);
    } catch (err) {
      return reply.render(await counterEditPage(req, formError(err, parsed.values)), 422);
    }
  });

  /** Retire: the same change as choosing 「停用」 on the edit page, everything else kept. */
  app.post('/staff/queue/counters/:id/retire', guard, async (req, reply) => {
    const { counter: c } = await counterOf(req);
    const served = await repo.counterServiceIds(db, c.id);
    const input: CounterInput = { number: c.number, nameZh: c.name_zh, nameEn: c.name_en, serviceIds: served, priorityFirst: c.priority_first === 1, openDefault: c.open_default === 1, active: false };
    return applyCounter(req, reply, input, {}, `/staff/queue/counters/${c.id}/retire`);
  });

  // ------------------------------------------------------------------ services

  async function servicesPage(req: FastifyRequest, office: OfficeInfo, state?: FormState) {
    const [services, pairs, counters] = await Promise.all([admin.servicesOfOffice(db, office.id), admin.counterServicePairs(db, office.id), admin.countersOfOffice(db, office.id)]);
    const activeCounters = new Set(counters.filter((c) => c.active === 1).map((c) => c.id));
    return ServicesPage({
      ctx: await req.view({ office }),
      office: { code: office.code, name: office.name },
      offices: await officeChoices(req),
      services: services.map((x) => ({
        id: x.id,
        code: x.code,
        letter: x.queue_prefix,
        name: named(req, x),
        avgMinutes: x.avg_minutes,
        sort: x.sort,
        active: x.active === 1,
        counters: pairs.filter((p) => p.service_id === x.id && activeCounters.has(p.counter_id)).length,
      })),
      state,
    });
  }

  app.get('/staff/queue/services', guard, async (req, reply) => {
    const office = await officeOf(req, officeQuery.parse(req.query ?? {}).office);
    return reply.render(await servicesPage(req, office));
  });

  const toServiceInput = (d: z.output<typeof serviceForm>, code: string): ServiceInput => ({
    code,
    letter: d.letter,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    avgMinutes: d.avgMinutes,
    sort: d.sort,
    active: d.active === '1',
  });

  app.post('/staff/queue/services', guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const office = await officeOf(req, typeof body.office === 'string' ? body.office : officeQuery.parse(req.query ?? {}).office);
    const parsed = parseForm(serviceForm.required({ code: true }), body);
    if (!parsed.ok) return reply.render(await servicesPage(req, office, parsed.state), 422);
    try {
      await writeTransaction(s.database, (trx) => saveService(trx, office, null, toServiceInput(parsed.data, parsed.data.code), meta(req)));
      await announce(office.id);
      reply.flash('success', 'queue.admin.serviceSaved', { name: parsed.data.nameZh });
      return reply.redirect(`/staff/queue/services?office=${office.code}`, 303);
    } catch (err) {
      return reply.render(await servicesPage(req, office, formError(err, parsed.values)), 422);
    }
  });

  async function serviceOf(req: FastifyRequest) {
    const { id } = idParam.parse(req.params);
    const x = await admin.serviceById(db, id);
    if (!x) throw new AppError('not_found', 'error.notFound.title');
    return { service: x, office: await coveredOffice(req, x.office_id) };
  }

  async function serviceEditPage(req: FastifyRequest, state?: FormState) {
    const { service: x, office } = await serviceOf(req);
    const values = { letter: x.queue_prefix, nameZh: x.name_zh, nameEn: x.name_en, avgMinutes: x.avg_minutes === null ? '' : String(x.avg_minutes), sort: String(x.sort), active: String(x.active) };
    return ServiceEditPage({
      ctx: await req.view({ office }),
      office: { code: office.code, name: office.name },
      service: { id: x.id, code: x.code, name: named(req, x), active: x.active === 1 },
      state: state ?? { values, errors: [] },
      openTickets: await admin.openTicketsOfService(db, x.id, toTaipeiIsoDate(s.clock())),
    });
  }

  app.get('/staff/queue/services/:id/edit', guard, async (req, reply) => reply.render(await serviceEditPage(req)));

  async function applyService(req: FastifyRequest, reply: FastifyReply, input: ServiceInput, values: FormState['values']) {
    const { service: x, office } = await serviceOf(req);
    try {
      const r = await writeTransaction(s.database, (trx) => saveService(trx, office, x.id, input, meta(req)));
      if (r.changed) await announce(office.id);
      reply.flash('success', r.changed ? (input.active ? 'queue.admin.serviceSaved' : 'queue.admin.serviceRetired') : 'queue.admin.nothingChanged', { name: input.nameZh });
      return reply.redirect(`/staff/queue/services?office=${office.code}`, 303);
    } catch (err) {
      return reply.render(await serviceEditPage(req, formError(err, values)), 422);
    }
  }

  app.post('/staff/queue/services/:id/edit', guard, async (req, reply) => {
    const { service: x } = await serviceOf(req);
    const parsed = parseForm(serviceForm, req.body);
    if (!parsed.ok) return reply.render(await serviceEditPage(req, parsed.state), 422);
    return applyService(req, reply, toServiceInput(parsed.data, x.code), parsed.values);
  });

  app.post('/staff/queue/services/:id/retire', guard, async (req, reply) => {
    const { service: x } = await serviceOf(req);
    const input: ServiceInput = { code: x.code, letter: x.queue_prefix, nameZh: x.name_zh, nameEn: x.name_en, avgMinutes: x.avg_minutes, sort: x.sort, active: false };
    return applyService(req, reply, input, formValues(req.body));
  });
}
