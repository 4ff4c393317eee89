import type { Executor } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import * as board from './repo-snapshot.js';

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
const RECENT_CALLS = 8;
/** finished tickets read for the per-service samples above */
const SERVICE_TIMES_READ = 200;

export async function buildSnapshot(db: Executor, officeId: number, day: string, now: Date): Promise<QueueSnapshot> {
  const [services, waiting, counters, open, current, calls, finished, counterServices] = await Promise.all([
    board.servicesOfOffice(db, officeId),
    board.ticketsWaiting(db, officeId, day),
    board.countersOfOffice(db, officeId),
    board.countersOpen(db, officeId),
    board.ticketsAtCounters(db, officeId, day),
    board.recentCalls(db, officeId, new Date(`${day}T00:00:00+08:00`).toISOString(), RECENT_CALLS),
    board.recentServiceTimes(db, officeId, day, SERVICE_TIMES_READ),
    board.activeCounterServices(db, officeId),
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
