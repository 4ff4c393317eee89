import type { Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import * as counter from './counter.js';
import type { QueueDeps } from './deps.js';
import * as repo from './repo.js';
import type { QueueSettings } from './settings.js';
import type { QueueSnapshot } from './snapshot.js';

/**
 * Peak dispersal (服務尖峰人潮疏散機制): when more people wait than the
 * office's threshold, or the longest wait passes its limit, an alert goes
 * up on the supervisor's view and for the designated support staff. Opening
 * a support counter is one action, logged with the line at that moment;
 * closing it logs what the line had become — the evidence the plan asks for.
 */
export interface PeakState {
  waiting: number;
  oldestMinutes: number;
  over: boolean;
}

export function peakState(snapshot: QueueSnapshot, settings: QueueSettings, now: Date): PeakState {
  const waiting = snapshot.lines.reduce((n, l) => n + l.waiting, 0);
  const oldest = snapshot.lines.map((l) => l.oldestQueueAt).filter((x): x is string => x !== null).sort()[0];
  const oldestMinutes = oldest ? Math.floor((now.getTime() - new Date(oldest).getTime()) / 60_000) : 0;
  return { waiting, oldestMinutes, over: waiting > settings.peak.waiting || oldestMinutes > settings.peak.oldestMinutes };
}

function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

export async function activeAlert(db: Executor, officeId: number, day: string): Promise<boolean> {
  const events = await repo.peakEvents(db, officeId, dayStart(day));
  const last = [...events].reverse().find((e) => e.kind === 'alert' || e.kind === 'alert_clear');
  return last?.kind === 'alert';
}

/** Called with every published change: records the moment the office goes over, or back under, the rule. */
export async function recordPeakFlip(deps: QueueDeps, snapshot: QueueSnapshot, settings: QueueSettings): Promise<'alert' | 'alert_clear' | null> {
  const now = deps.clock();
  const state = peakState(snapshot, settings, now);
  const active = await activeAlert(deps.database.db, snapshot.officeId, snapshot.day);
  if (state.over === active) return null;
  const kind = state.over ? 'alert' : 'alert_clear';
  const recorded = await writeTransaction(deps.database, async (trx) => {
    // re-check under the office's peak lock: two changes at once (any process) must not both record the flip
    await repo.lockPeak(trx, deps.database.dialect, snapshot.officeId);
    if ((await activeAlert(trx, snapshot.officeId, snapshot.day)) === state.over) return false;
    await repo.insertPeakEvent(trx, {
      office_id: snapshot.officeId,
      kind,
      at: now.toISOString(),
      waiting: state.waiting,
      oldest_wait_min: state.oldestMinutes,
      counter_id: null,
      staff_id: null,
      detail: { thresholds: settings.peak },
    });
    return true;
  });
  // only the change that recorded the flip announces it
  return recorded ? kind : null;
}

export async function openSupportCounter(deps: QueueDeps, staff: StaffPrincipal, counterId: number, snapshot: QueueSnapshot, settings: QueueSettings) {
  const c = await repo.counterById(deps.database.db, counterId);
  if (!c || c.office_id !== snapshot.officeId) throw new AppError('validation', 'queue.err.noCounter');
  if (await repo.counterOpen(deps.database.db, counterId)) throw new AppError('conflict', 'queue.err.noCounter');
  const now = deps.clock();
  const state = peakState(snapshot, settings, now);
  await counter.openCounter(deps, staff, counterId, true);
  await writeTransaction(deps.database, (trx) =>
    repo.insertPeakEvent(trx, {
      office_id: snapshot.officeId,
      kind: 'support_open',
      at: now.toISOString(),
      waiting: state.waiting,
      oldest_wait_min: state.oldestMinutes,
      counter_id: counterId,
      staff_id: staff.id,
    }),
  );
  return { counterNumber: c.number, waiting: state.waiting };
}

export async function closeSupportCounter(deps: QueueDeps, staff: StaffPrincipal, counterId: number, snapshot: QueueSnapshot, settings: QueueSettings) {
  const c = await repo.counterById(deps.database.db, counterId);
  const open = await repo.counterOpen(deps.database.db, counterId);
  if (!c || !open || open.support !== 1) throw new AppError('validation', 'queue.err.noCounter');
  const now = deps.clock();
  const state = peakState(snapshot, settings, now);
  const opened = (await repo.peakEvents(deps.database.db, snapshot.officeId, dayStart(toTaipeiIsoDate(now))))
    .filter((e) => e.kind === 'support_open' && e.counter_id === counterId)
    .pop();
  const served = await repo.servedAtCounter(deps.database.db, counterId, { since: open.opened_at });
  await counter.closeCounter(deps, staff, counterId);
  await writeTransaction(deps.database, (trx) =>
    repo.insertPeakEvent(trx, {
      office_id: snapshot.officeId,
      kind: 'support_close',
      at: now.toISOString(),
      waiting: state.waiting,
      oldest_wait_min: state.oldestMinutes,
      counter_id: counterId,
      staff_id: staff.id,
      detail: {
        waitingAtOpen: opened?.waiting ?? null,
        oldestAtOpen: opened?.oldest_wait_min ?? null,
        servedWhileOpen: served,
        minutesOpen: Math.round((now.getTime() - new Date(open.opened_at).getTime()) / 60_000),
      },
    }),
  );
  return { counterNumber: c.number };
}
