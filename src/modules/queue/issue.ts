import { randomBytes } from 'node:crypto';
import { writeTransaction } from '../../db/index.js';
import { taipeiTime, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { officesService } from '../offices/index.js';
import { type QueueDeps, publishChange } from './deps.js';
import * as repo from './repo.js';
import { readQueueSettings } from './settings.js';

export type Channel = 'kiosk' | 'phone' | 'booking';

export interface IssuedTicket {
  id: number;
  label: string;
  code: string;
  serviceId: number;
  priority: boolean;
  issuedAt: string;
  day: string;
}

/** Priority tickets (博愛) have their own letter so the counter sees them at a glance. */
export const PRIORITY_PREFIX = 'P';

/**
 * Issues a ticket: only while the office is open (working day, within hours,
 * before the configured stop), within the daily cap and, for phones, the
 * remote cap. The number comes from an atomic per-day sequence.
 */
export async function issueTicket(
  deps: QueueDeps,
  input: { officeId: number; serviceId: number; priority: boolean; channel: Channel; bookingId?: number | null },
): Promise<IssuedTicket> {
  const { database } = deps;
  const now = deps.clock();
  const day = toTaipeiIsoDate(now);
  const db = database.db;
  const service = await repo.activeService(db, input.officeId, input.serviceId);
  if (!service) throw new AppError('not_found', 'queue.err.noService');
  const settings = await readQueueSettings(db, input.officeId);
  const today = await officesService.todayStatus(db, input.officeId, now);
  if (!today.openToday || !today.openNow) throw new AppError('unavailable', 'queue.err.closed');
  const closes = today.hoursToday?.split('–')[1] ?? '00:00';
  const [h, m] = closes.split(':').map(Number) as [number, number];
  const stopAt = h * 60 + m - settings.stopIssuingMinutesBeforeClose;
  const [nh, nm] = taipeiTime(now).split(':').map(Number) as [number, number];
  if (nh * 60 + nm >= stopAt) throw new AppError('unavailable', 'queue.err.closed');
  if (input.channel === 'phone' && !settings.remoteEnabled) throw new AppError('unavailable', 'queue.err.remoteOff');

  const issued = await writeTransaction(database, async (trx) => {
    // the caps are held by the day's counter row, not by counting tickets first:
    // a count-then-insert lets concurrent requests all see room (READ COMMITTED)
    const refused = await repo.takeIssueSlot(trx, {
      officeId: input.officeId,
      serviceId: service.id,
      day,
      phone: input.channel === 'phone',
      cap: settings.dailyCap[service.code] ?? null,
      phoneCap: settings.remoteCap[service.code] ?? null,
    });
    if (refused === 'cap') throw new AppError('unavailable', 'queue.err.cap');
    if (refused === 'phoneCap') throw new AppError('unavailable', 'queue.err.remoteCap');
    const prefix = input.priority ? PRIORITY_PREFIX : service.queue_prefix;
    const number = await repo.nextNumber(trx, input.officeId, day, prefix);
    const label = `${prefix}${String(number).padStart(3, '0')}`;
    const code = randomBytes(9).toString('base64url');
    const iso = now.toISOString();
    const id = await repo.insertTicket(trx, {
      office_id: input.officeId,
      service_id: service.id,
      day,
      prefix,
      number,
      label,
      priority: input.priority ? 1 : 0,
      channel: input.channel,
      status: 'waiting',
      code,
      counter_id: null,
      staff_id: null,
      issued_at: iso,
      queue_at: iso,
      called_at: null,
      last_called_at: null,
      target_counter_id: null,
      started_at: null,
      finished_at: null,
      recall_count: 0,
      transfer_count: 0,
      waited_ms: null,
      served_ms: null,
      booking_id: input.bookingId ?? null,
    });
    await repo.insertEvent(trx, { ticket_id: id, office_id: input.officeId, at: iso, kind: 'issued', counter_id: null, staff_id: null, detail: { channel: input.channel } });
    return { id, label, code, serviceId: service.id, priority: input.priority, issuedAt: iso, day };
  });
  await publishChange(deps, input.officeId, day, { kind: 'issued', ticketId: issued.id, label: issued.label });
  return issued;
}

/** A citizen gives up a ticket they took by phone (or on paper and cannot stay). */
export async function cancelTicket(deps: QueueDeps, code: string): Promise<void> {
  const t = await repo.ticketByCode(deps.database.db, code);
  if (!t) throw new AppError('not_found', 'error.notFound.title');
  const now = deps.clock().toISOString();
  const ok = await writeTransaction(deps.database, async (trx) => {
    const moved = await repo.moveTicket(trx, t.id, ['waiting'], { status: 'cancelled', finished_at: now });
    if (moved) await repo.insertEvent(trx, { ticket_id: t.id, office_id: t.office_id, at: now, kind: 'cancelled', counter_id: null, staff_id: null });
    return moved;
  });
  if (!ok) throw new AppError('conflict', 'queue.err.notWaiting');
  await publishChange(deps, t.office_id, t.day, { kind: 'cancelled', ticketId: t.id, label: t.label });
}
