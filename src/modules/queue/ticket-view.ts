import QRCode from 'qrcode';
import type { Db } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import * as repo from './repo.js';
import { readQueueSettings } from './settings.js';
import { buildSnapshot, estimateWaitMinutes, lineName, type QueueSnapshot } from './snapshot.js';
import type { TicketView } from './views/public.js';

/** Position and estimate of one ticket, from the same snapshot the live pages get. */
export function ticketViewFrom(
  t: repo.TicketRow,
  snapshot: QueueSnapshot,
  locale: Locale,
  defaultMinutes: number,
  counterNumber: number | null,
): TicketView {
  const line = snapshot.lines.find((l) => l.serviceId === t.service_id);
  const ahead = line ? Math.max(0, line.waitingIds.indexOf(t.id)) : 0;
  const prefix = line?.prefix ?? t.prefix;
  const nowServing = snapshot.counters.filter((c) => c.current && (c.current.label.startsWith(prefix) || c.current.label.startsWith('P'))).map((c) => c.current!.label);
  return {
    id: t.id,
    code: t.code,
    label: t.label,
    serviceId: t.service_id,
    serviceName: line ? lineName(line, locale) : '',
    status: t.status,
    priority: t.priority === 1,
    issuedAt: t.issued_at,
    counterNumber,
    ahead,
    estimate: line ? estimateWaitMinutes(line, ahead, defaultMinutes) : null,
    nowServing: nowServing.join('、') || null,
  };
}

export async function ticketView(db: Db, t: repo.TicketRow, locale: Locale, now: Date): Promise<TicketView> {
  const [snapshot, settings, counter] = await Promise.all([
    buildSnapshot(db, t.office_id, t.day, now),
    readQueueSettings(db, t.office_id),
    t.counter_id ? repo.counterById(db, t.counter_id) : Promise.resolve(undefined),
  ]);
  return ticketViewFrom(t, snapshot, locale, settings.defaultServiceMinutes, counter?.number ?? null);
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
