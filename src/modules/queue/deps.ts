import type { Database } from '../../db/index.js';
import type { EventBus } from '../../platform/events/index.js';
import { recordPeakFlip } from './peak.js';
import { readQueueSettings } from './settings.js';
import { buildSnapshot, type QueueSnapshot } from './snapshot.js';

export interface QueueDeps {
  database: Database;
  events: EventBus;
  clock: () => Date;
}

export const queueChannel = (officeId: number) => `queue:${officeId}`;

export interface QueueChange {
  kind: string;
  ticketId: number | null;
  label: string | null;
  counterNumber: number | null;
  at: string;
  snapshot: QueueSnapshot;
}

/** After a commit: one snapshot, published to every live page of the office. */
export async function publishChange(
  deps: QueueDeps,
  officeId: number,
  day: string,
  change: { kind: string; ticketId?: number | null; label?: string | null; counterNumber?: number | null },
): Promise<void> {
  const now = deps.clock();
  const snapshot = await buildSnapshot(deps.database.db, officeId, day, now);
  const peak = await recordPeakFlip(deps, snapshot, await readQueueSettings(deps.database.db, officeId));
  if (peak) await deps.events.publish(queueChannel(officeId), { kind: peak, ticketId: null, label: null, counterNumber: null, at: now.toISOString(), snapshot });
  const payload: QueueChange = {
    kind: change.kind,
    ticketId: change.ticketId ?? null,
    label: change.label ?? null,
    counterNumber: change.counterNumber ?? null,
    at: now.toISOString(),
    snapshot,
  };
  await deps.events.publish(queueChannel(officeId), payload);
}
