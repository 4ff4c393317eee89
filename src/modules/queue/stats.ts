import * as echarts from 'echarts';
import type { Db } from '../../db/index.js';
import type { Cell, Sheet } from '../../platform/export/index.js';
import type { Translate } from '../../platform/i18n/index.js';
import * as statsRepo from './repo-stats.js';

/**
 * A day or a run of days of one office in figures: tickets per service and
 * hour, waits and service times (median and 90th percentile), no-shows,
 * transfers, the share served within 15 minutes, per counter and per clerk.
 * A run of days is read from the raw tickets (office and day are the
 * leading columns of the ticket index), so its medians are the medians of
 * every ticket in it, not of the days' medians.
 */
export interface Group {
  key: string;
  name: string;
  tickets: number;
  served: number;
  noShows: number;
  transfers: number;
  waitP50: number | null;
  waitP90: number | null;
  serviceP50: number | null;
  serviceP90: number | null;
  within15: number | null; // share 0..1 of called tickets
}

export interface DayStats {
  from: string;
  to: string;
  total: Group;
  services: Group[];
  counters: Group[];
  clerks: Group[];
  hours: { hour: number; byService: Record<string, number> }[];
  walkIns: number;
}

/** Nearest-rank percentile of minutes, one decimal. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p * sorted.length) / 100) - 1));
  return Math.round((sorted[idx]! / 60_000) * 10) / 10;
}

interface Row {
  service_id: number;
  status: string;
  transfer_count: number;
  waited_ms: number | null;
  served_ms: number | null;
  counter_id: number | null;
  staff_id: number | null;
  issued_at: string;
}

function group(key: string, name: string, rows: Row[]): Group {
  const waits = rows.map((r) => r.waited_ms).filter((x): x is number => x !== null);
  const services = rows.filter((r) => r.status === 'done').map((r) => r.served_ms).filter((x): x is number => x !== null);
  return {
    key,
    name,
    tickets: rows.length,
    served: rows.filter((r) => r.status === 'done').length,
    noShows: rows.filter((r) => r.status === 'no_show').length,
    transfers: rows.reduce((n, r) => n + r.transfer_count, 0),
    waitP50: percentile(waits, 50),
    waitP90: percentile(waits, 90),
    serviceP50: percentile(services, 50),
    serviceP90: percentile(services, 90),
    within15: waits.length > 0 ? waits.filter((w) => w <= 15 * 60_000).length / waits.length : null,
  };
}

/** The longest run of days the statistics read at once (a leap year). */
export const MAX_STATS_DAYS = 366;

export function dayStats(db: Db, officeId: number, date: string, locale: 'zh-Hant' | 'en'): Promise<DayStats> {
  return rangeStats(db, officeId, date, date, locale);
}

/** The figures of a run of days, `from` to `to` inclusive: the hours are summed over the days. */
export async function rangeStats(db: Db, officeId: number, from: string, to: string, locale: 'zh-Hant' | 'en'): Promise<DayStats> {
  const [rows, services, counters, staff, walkIns] = await Promise.all([
    statsRepo.ticketsOfDays(db, officeId, from, to),
    statsRepo.serviceNames(db, officeId),
    statsRepo.counterNumbers(db, officeId),
    statsRepo.staffNames(db),
    statsRepo.walkInCount(db, officeId, from, to),
  ]);
  const name = (s: { name_zh: string; name_en: string }) => (locale === 'en' ? s.name_en : s.name_zh);
  const hours = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const hour = new Date(new Date(r.issued_at).getTime() + 8 * 3600_000).getUTCHours();
    const code = services.find((s) => s.id === r.service_id)?.code ?? '?';
    const h = hours.get(hour) ?? {};
    h[code] = (h[code] ?? 0) + 1;
    hours.set(hour, h);
  }
  const staffIds = [...new Set(rows.map((r) => r.staff_id).filter((x): x is number => x !== null))];
  return {
    from,
    to,
    total: group('all', 'all', rows),
    services: services.map((s) => group(s.code, name(s), rows.filter((r) => r.service_id === s.id))),
    counters: counters
      .map((c) => group(String(c.number), String(c.number), rows.filter((r) => r.counter_id === c.id)))
      .filter((g) => g.tickets > 0),
    clerks: staffIds.map((id) => group(String(id), staff.find((s) => s.id === id)?.display_name ?? String(id), rows.filter((r) => r.staff_id === id))),
    hours: [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([hour, byService]) => ({ hour, byService })),
    walkIns,
  };
}

/** Bar chart of tickets per hour, stacked by service: SVG rendered on the server by ECharts. */
export function hourChartSvg(stats: DayStats, t: Translate): string {
  const hours = stats.hours.length > 0 ? stats.hours.map((h) => h.hour) : [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 760, height: 340 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK TC, Noto Sans TC, sans-serif', fontSize: 13 },
    title: { text: t('queue.stats.byHour'), left: 0, textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 10, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: hours.map((h) => `${h}:00`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: stats.services.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'tickets',
      data: hours.map((h) => stats.hours.find((x) => x.hour === h)?.byService[s.key] ?? 0),
    })),
  });
  // only the viewBox stays on the root: the image then scales to the page's width (a phone at 390 px never scrolls sideways)
  const svg = chart.renderToSVGString().replace(/^<svg width="\d+" height="\d+"/, '<svg');
  chart.dispose();
  return svg;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function statsSheets(stats: DayStats, t: Translate): Sheet[] {
  const headers = [
    t('queue.stats.name'),
    t('queue.stats.tickets'),
    t('queue.stats.served'),
    t('queue.stats.noShows'),
    t('queue.stats.transfers'),
    t('queue.stats.inMinutes', { label: t('queue.stats.waitP50') }),
    t('queue.stats.inMinutes', { label: t('queue.stats.waitP90') }),
    t('queue.stats.inMinutes', { label: t('queue.stats.serviceP50') }),
    t('queue.stats.inMinutes', { label: t('queue.stats.serviceP90') }),
    t('queue.stats.inPercent', { label: t('queue.stats.within15') }),
  ];
  const row = (g: Group): Cell[] => [g.name, g.tickets, g.served, g.noShows, g.transfers, g.waitP50, g.waitP90, g.serviceP50, g.serviceP90, pct(g.within15)];
  const hourHeaders = [t('queue.stats.hour'), ...stats.services.map((s) => s.name)];
  return [
    { name: t('queue.stats.byService'), headers, rows: [...stats.services.map(row), row({ ...stats.total, name: t('queue.stats.total') })] },
    { name: t('queue.stats.byHour'), headers: hourHeaders, rows: stats.hours.map((h) => [`${h.hour}:00`, ...stats.services.map((s) => h.byService[s.key] ?? 0)]) },
    { name: t('queue.stats.byCounter'), headers, rows: stats.counters.map(row) },
    { name: t('queue.stats.byClerk'), headers, rows: stats.clerks.map(row) },
  ];
}
