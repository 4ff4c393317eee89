import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { principal, requireStaff } from '../../platform/auth/guard.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { FormState } from '../../platform/layout/forms.js';
import type { AppServices } from '../../platform/module.js';
import { staffOfficeFor, staffOffices } from '../offices/index.js';
import { officeChoice } from '../../platform/layout/OfficePicker.js';
import type { QueueDeps } from './deps.js';
import { activeAlert, closeSupportCounter, openSupportCounter, peakState } from './peak.js';
import * as repo from './repo.js';
import { statsRoutes } from './routes-stats.js';
import { type QueueSettings, readQueueSettings, writeQueueSettings } from './settings.js';
import { buildSnapshot } from './snapshot.js';
import { OfficeView, SettingsPage } from './views/supervisor.js';

const int = (min: number, max: number) => z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(min, 'err.invalid').max(max, 'err.invalid');
const optionalCap = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? Number(v.trim()) : undefined))
  .pipe(z.number({ error: 'err.invalid' }).int('err.invalid').positive('err.invalid').max(100_000, 'err.invalid').optional());

export function officeFor(s: AppServices, req: FastifyRequest, code?: string) {
  return staffOfficeFor(s.database.db, req, code);
}

function settingsValues(s: QueueSettings, office: string): Record<string, string> {
  const v: Record<string, string> = {
    office,
    ruleMode: s.priorityRule.mode,
    ruleValue: String(s.priorityRule.mode === 'weight' ? s.priorityRule.minutes : s.priorityRule.n),
    peakWaiting: String(s.peak.waiting),
    peakMinutes: String(s.peak.oldestMinutes),
    recallMinSeconds: String(s.recallMinSeconds),
    stopBefore: String(s.stopIssuingMinutesBeforeClose),
    remoteEnabled: s.remoteEnabled ? '1' : '',
    announceEnglish: s.announceEnglish ? '1' : '',
    marqueeZh: s.marqueeZh,
    marqueeEn: s.marqueeEn,
    supportStaff: s.supportStaff.join(', '),
  };
  for (const [k, n] of Object.entries(s.dailyCap)) v[`cap_${k}`] = String(n);
  for (const [k, n] of Object.entries(s.remoteCap)) v[`remote_${k}`] = String(n);
  return v;
}

export function supervisorRoutes(app: FastifyInstance, s: AppServices) {
  const db = s.database.db;
  const deps: QueueDeps = { database: s.database, events: s.events, clock: s.clock };
  const officeQuery = z.object({ office: z.string().max(40).optional() });

  app.get('/staff/queue/office', { preHandler: requireStaff('queue.supervise') }, async (req, reply) => {
    const office = await officeFor(s, req, officeQuery.parse(req.query ?? {}).office);
    const now = s.clock();
    const day = toTaipeiIsoDate(now);
    const [snapshot, settings, alert, log] = await Promise.all([
      buildSnapshot(db, office.id, day, now),
      readQueueSettings(db, office.id),
      activeAlert(db, office.id, day),
      repo.peakEvents(db, office.id, new Date(`${day}T00:00:00+08:00`).toISOString()),
    ]);
    return reply.render(
      OfficeView({ ctx: await req.view(), officeName: office.name, officeCode: office.code, snapshot, peak: peakState(snapshot, settings, now), alert, log }),
    );
  });

  for (const action of ['open', 'close'] as const) {
    app.post(`/staff/queue/office/support/${action}`, { preHandler: requireStaff('queue.supervise') }, async (req, reply) => {
      const body = z.object({ counterId: z.coerce.number().int().positive(), office: z.string().max(40).optional() }).parse(req.body);
      const office = await officeFor(s, req, body.office);
      const now = s.clock();
      const [snapshot, settings] = await Promise.all([buildSnapshot(db, office.id, toTaipeiIsoDate(now), now), readQueueSettings(db, office.id)]);
      if (action === 'open') {
        const r = await openSupportCounter(deps, principal(req), body.counterId, snapshot, settings);
        reply.flash('success', 'queue.office.supportOpened', { counter: r.counterNumber, waiting: r.waiting });
      } else {
        const r = await closeSupportCounter(deps, principal(req), body.counterId, snapshot, settings);
        reply.flash('success', 'queue.office.supportClosed', { counter: r.counterNumber });
      }
      return reply.redirect(`/staff/queue/office?office=${office.code}`, 303);
    });
  }

  async function settingsPage(req: FastifyRequest, officeId: number, state: FormState) {
    const services = await repo.servicesForSettings(db, officeId);
    const covered = await staffOffices(db, req);
    const choice = officeChoice(covered, covered.find((o) => o.id === officeId)?.code ?? '');
    return SettingsPage({ ctx: await req.view(), state, choice, services: services.map((x) => ({ code: x.code, name: req.locale === 'en' ? x.name_en : x.name_zh })) });
  }

  app.get('/staff/queue/settings', { preHandler: requireStaff('queue.settings') }, async (req, reply) => {
    const office = await officeFor(s, req, officeQuery.parse(req.query ?? {}).office);
    const settings = await readQueueSettings(db, office.id);
    return reply.render(await settingsPage(req, office.id, { values: settingsValues(settings, office.code), errors: [] }));
  });

  app.post('/staff/queue/settings', { preHandler: requireStaff('queue.settings') }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const office = await officeFor(s, req, body.office);
    const services = await repo.serviceCodes(db, office.id);
    const schema = z.object({
      ruleMode: z.enum(['weight', 'every_n'], { error: 'err.choice' }),
      ruleValue: int(0, 240),
      peakWaiting: int(1, 1000),
      peakMinutes: int(1, 600),
      recallMinSeconds: int(0, 600),
      stopBefore: int(0, 240),
      marqueeZh: z.string().max(500, 'err.tooLong').optional(),
      marqueeEn: z.string().max(500, 'err.tooLong').optional(),
      supportStaff: z.string().max(500, 'err.tooLong').optional(),
      ...Object.fromEntries(services.flatMap((x) => [[`cap_${x.code}`, optionalCap], [`remote_${x.code}`, optionalCap]])),
    });
    const parsed = schema.safeParse(body);
    const values = { ...Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf')), office: office.code };
    if (!parsed.success || (parsed.data.ruleMode === 'every_n' && parsed.data.ruleValue < 1)) {
      const errors = parsed.success
        ? [{ field: 'ruleValue', key: 'err.invalid' }]
        : parsed.error.issues.map((i) => ({ field: String(i.path[0]), key: i.message.startsWith('err.') ? i.message : 'err.invalid' }));
      return reply.render(await settingsPage(req, office.id, { values, errors }), 422);
    }
    const d = parsed.data as z.infer<typeof schema> & Record<string, number | undefined>;
    const current = await readQueueSettings(db, office.id);
    const caps = (prefix: string) =>
      Object.fromEntries(services.map((x) => [x.code, d[`${prefix}_${x.code}`]]).filter((e): e is [string, number] => typeof e[1] === 'number'));
    const next: QueueSettings = {
      ...current,
      priorityRule: d.ruleMode === 'weight' ? { mode: 'weight', minutes: d.ruleValue } : { mode: 'every_n', n: d.ruleValue },
      peak: { waiting: d.peakWaiting, oldestMinutes: d.peakMinutes },
      recallMinSeconds: d.recallMinSeconds,
      stopIssuingMinutesBeforeClose: d.stopBefore,
      remoteEnabled: body.remoteEnabled === '1',
      announceEnglish: body.announceEnglish === '1',
      marqueeZh: d.marqueeZh ?? '',
      marqueeEn: d.marqueeEn ?? '',
      supportStaff: (d.supportStaff ?? '').split(/[,，\s]+/).filter(Boolean),
      dailyCap: caps('cap'),
      remoteCap: caps('remote'),
    };
    await writeTransaction(s.database, async (trx) => {
      await writeQueueSettings(trx, office.id, next, principal(req).id, s.clock());
      await recordAudit(trx, { actor: principal(req), action: 'queue.settings.change', target: { type: 'office', id: office.id }, officeId: office.id, countyId: office.countyId, detail: { priorityRule: next.priorityRule, peak: next.peak, dailyCap: next.dailyCap, remoteCap: next.remoteCap }, ip: req.ip }, s.clock());
    });
    reply.flash('success', 'queue.settings.saved');
    return reply.redirect(`/staff/queue/settings?office=${office.code}`, 303);
  });

  statsRoutes(app, s);
}
