import type { Executor } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';

/**
 * What every live page shows, computed once per change and sent to all
 * subscribers: per service the waiting line (ids in order, for "how many
 * ahead"), recent service times for estimates, which counters are open and
 * what they call, the latest calls.
 */
export interface ServiceLine {
  serviceId: number;
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  /** waiting ticket ids in line order (priority first within equal places is decided at the counter) */
  waitingIds: number[];
  waiting: number;
  oldestQueueAt: string | null;
  /** median of today's recent service times, ms; null before the first is finished */
  recentServiceMs: number | null;
  /** open counters that serve it */
  counters: number;
  /** the service's usual minutes per person (set on the services page); null: the office's default */
  avgMinutes: number | null;
  /** offered at the kiosk and for phone tickets: active and served by at least one active counter */
  offered: boolean;
}

export interface CounterState {
  counterId: number;
  number: number;
  open: boolean;
  support: boolean;
  current: { label: string; status: string; calledAt: string | null } | null;
}

export interface RecentCall {
  ticketId: number;
  label: string;
  counterNumber: number;
  at: string;
  kind: 'called' | 'recalled';
}

export interface QueueSnapshot {
  officeId: number;
  day: string;
  at: string;
  lines: ServiceLine[];
  counters: CounterState[];
  recentCalls: RecentCall[];
}

const MAX_IDS = 150;
const RECENT_SERVICE_SAMPLE = 20;

export async function buildSnapshot(db: Executor, officeId: number, day: string, now: Date): Promise<QueueSnapshot> {
  const [services, waiting, counters, open, current, calls, finished, counterServices] = await Promise.all([
    // retired services too: their tickets of today still wait, are called and shown
    db.selectFrom('service').selectAll().where('office_id', '=', officeId).orderBy('sort').orderBy('id').execute(),
    db
      .selectFrom('ticket')
      .select(['id', 'service_id', 'queue_at'])
      .where('office_id', '=', officeId)
      .where('day', '=', day)
      .where('status', '=', 'waiting')
      .orderBy('queue_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('counter').select(['id', 'number', 'active']).where('office_id', '=', officeId).orderBy('number').execute(),
    db.selectFrom('counter_open').innerJoin('counter', 'counter.id', 'counter_open.counter_id').select(['counter_open.counter_id', 'counter_open.support']).where('counter.office_id', '=', officeId).execute(),
    db
      .selectFrom('ticket')
      .select(['counter_id', 'service_id', 'label', 'status', 'last_called_at'])
      .where('office_id', '=', officeId)
      .where('day', '=', day)
      .where('status', 'in', ['called', 'serving'])
      .execute(),
    db
      .selectFrom('ticket_event')
      .innerJoin('ticket', 'ticket.id', 'ticket_event.ticket_id')
      .innerJoin('counter', 'counter.id', 'ticket_event.counter_id')
      .select(['ticket.id as ticketId', 'ticket.label', 'counter.number', 'ticket_event.at', 'ticket_event.kind'])
      .where('ticket_event.office_id', '=', officeId)
      .where('ticket_event.kind', 'in', ['called', 'recalled'])
      .where('ticket_event.at', '>=', new Date(`${day}T00:00:00+08:00`).toISOString())
      .orderBy('ticket_event.id', 'desc')
      .limit(8)
      .execute(),
    db
      .selectFrom('ticket')
      .select(['service_id', 'served_ms'])
      .where('office_id', '=', officeId)
      .where('day', '=', day)
      .where('status', '=', 'done')
      .where('served_ms', 'is not', null)
      .orderBy('finished_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('counter_service')
      .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
      .select(['counter_service.counter_id', 'counter_service.service_id'])
      .where('counter.office_id', '=', officeId)
      // a retired counter calls no one, so it neither offers a service nor shortens a wait
      .where('counter.active', '=', 1)
      .execute(),
  ]);
  const openIds = new Set(open.map((o) => o.counter_id));
  const inUse = new Set([...waiting.map((w) => w.service_id), ...current.map((c) => c.service_id)]);
  const lines: ServiceLine[] = services.filter((s) => s.active === 1 || inUse.has(s.id)).map((s) => {
    const mine = waiting.filter((w) => w.service_id === s.id);
    const times = finished
      .filter((f) => f.service_id === s.id)
      .slice(0, RECENT_SERVICE_SAMPLE)
      .map((f) => f.served_ms!)
      .sort((a, b) => a - b);
    return {
      serviceId: s.id,
      code: s.code,
      prefix: s.queue_prefix,
      nameZh: s.name_zh,
      nameEn: s.name_en,
      waitingIds: mine.slice(0, MAX_IDS).map((w) => w.id),
      waiting: mine.length,
      oldestQueueAt: mine[0]?.queue_at ?? null,
      recentServiceMs: times.length > 0 ? times[Math.floor(times.length / 2)]! : null,
      counters: counterServices.filter((cs) => cs.service_id === s.id && openIds.has(cs.counter_id)).length,
      avgMinutes: s.avg_minutes,
      offered: s.active === 1 && counterServices.some((cs) => cs.service_id === s.id),
    };
  });
  return {
    officeId,
    day,
    at: now.toISOString(),
    lines,
    // a counter retired while serving someone stays on the board until that ticket is finished
    counters: counters.filter((c) => c.active === 1 || current.some((t) => t.counter_id === c.id)).map((c) => {
      const cur = current.find((t) => t.counter_id === c.id);
      return {
        counterId: c.id,
        number: c.number,
        open: openIds.has(c.id),
        support: open.find((o) => o.counter_id === c.id)?.support === 1,
        current: cur ? { label: cur.label, status: cur.status, calledAt: cur.last_called_at } : null,
      };
    }),
    recentCalls: calls.map((c) => ({ ticketId: c.ticketId, label: c.label, counterNumber: c.number, at: c.at, kind: c.kind as 'called' | 'recalled' })),
  };
}

export function lineName(line: ServiceLine, locale: Locale): string {
  return locale === 'en' ? line.nameEn : line.nameZh;
}

/**
 * "About N minutes": people ahead × the usual service time ÷ open counters
 * for the service. Rounded up to 5 minutes; null when no counter serves it.
 */
export function estimateWaitMinutes(line: ServiceLine, ahead: number, defaultServiceMinutes: number): number | null {
  if (line.counters === 0) return null;
  const perPerson = line.recentServiceMs ?? (line.avgMinutes ?? defaultServiceMinutes) * 60_000;
  const minutes = (ahead * perPerson) / line.counters / 60_000;
  return Math.max(0, Math.ceil(minutes / 5) * 5);
}
