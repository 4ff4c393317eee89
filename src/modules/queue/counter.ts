import { writeTransaction } from '../../db/index.js';
import type { Executor } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { type QueueDeps, publishChange } from './deps.js';
import { pickNext } from './policy.js';
import * as repo from './repo.js';
import { readQueueSettings } from './settings.js';

/**
 * What a counter does with tickets. Each action is one transaction that
 * checks the ticket's state in the UPDATE itself (a conditional move), then
 * records the transition with its time and announces the change.
 *
 *   waiting → called → serving → done
 *   called → no_show;  called|serving → parked → serving (resume)
 *   called|serving → waiting (transfer, keeps its place);  waiting → cancelled
 */
interface Ctx {
  deps: QueueDeps;
  staff: StaffPrincipal;
  counterId: number;
}

/** `finishing`: a counter retired while serving someone may still finish, transfer or park that ticket and close, never call. */
async function counterOf(db: Executor, counterId: number, staff: StaffPrincipal, finishing = false) {
  const counter = await repo.counterById(db, counterId);
  if (!counter || (counter.active !== 1 && !finishing)) throw new AppError('not_found', 'error.notFound.title');
  const office = await repo.officeAndCounty(db, counter.office_id);
  const covers =
    staff.role === 'system_admin' || (staff.role === 'county_admin' ? staff.countyId === office.county_id : staff.officeId === office.id);
  if (!covers) throw new AppError('forbidden', 'error.forbidden.title');
  return counter;
}

export async function openCounter(deps: QueueDeps, staff: StaffPrincipal, counterId: number, support = false) {
  const counter = await counterOf(deps.database.db, counterId, staff);
  const now = deps.clock();
  await writeTransaction(deps.database, (trx) =>
    repo.openCounter(trx, { counter_id: counterId, staff_id: staff.id, opened_at: now.toISOString(), support: support ? 1 : 0 }),
  );
  await publishChange(deps, counter.office_id, toTaipeiIsoDate(now), { kind: 'counter_open', counterNumber: counter.number });
  return counter;
}

export async function closeCounter(deps: QueueDeps, staff: StaffPrincipal, counterId: number) {
  const counter = await counterOf(deps.database.db, counterId, staff, true);
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    // a call under way at this counter finishes first; then its ticket is seen here
    await repo.lockOpenCounter(trx, deps.database.dialect, counterId);
    if (await repo.currentAtCounter(trx, counterId)) throw new AppError('conflict', 'queue.err.busy');
    await repo.closeCounter(trx, counterId);
  });
  await publishChange(deps, counter.office_id, toTaipeiIsoDate(now), { kind: 'counter_close', counterNumber: counter.number });
}

/** Call next: the policy picks between the heads of the priority and ordinary lines. */
export async function callNext({ deps, staff, counterId }: Ctx) {
  const { database } = deps;
  const counter = await counterOf(database.db, counterId, staff);
  const now = deps.clock();
  const day = toTaipeiIsoDate(now);
  const settings = await readQueueSettings(database.db, counter.office_id);
  const called = await writeTransaction(database, async (trx) => {
    const open = await repo.lockOpenCounter(trx, database.dialect, counterId);
    if (!open) throw new AppError('conflict', 'queue.err.counterClosed');
    if (await repo.currentAtCounter(trx, counterId)) throw new AppError('conflict', 'queue.err.busy');
    const serviceIds = await repo.counterServiceIds(trx, counterId);
    const base = { officeId: counter.office_id, day, counterId, serviceIds };
    const [priority, normal] = [await repo.lineHead(trx, database.dialect, { ...base, priority: true }), await repo.lineHead(trx, database.dialect, { ...base, priority: false })];
    const pick = pickNext(
      { priority: priority && { id: priority.id, queueAt: priority.queue_at }, normal: normal && { id: normal.id, queueAt: normal.queue_at } },
      settings.priorityRule,
      { priorityFirst: counter.priority_first === 1, callsSincePriority: open.calls_since_priority, now },
    );
    if (!pick) return null;
    const ticket = (await repo.ticketById(trx, pick.ticket.id))!;
    const iso = now.toISOString();
    const moved = await repo.moveTicket(trx, ticket.id, ['waiting'], {
      status: 'called',
      counter_id: counterId,
      staff_id: staff.id,
      called_at: ticket.called_at ?? iso,
      last_called_at: iso,
      target_counter_id: null,
      waited_ms: ticket.waited_ms ?? now.getTime() - new Date(ticket.issued_at).getTime(),
    });
    // a lost race is impossible under BEGIN IMMEDIATE / SKIP LOCKED; if it ever happens, say so rather than double-call
    if (!moved) throw new AppError('conflict', 'queue.err.raced');
    await repo.setCallsSincePriority(trx, counterId, pick.line === 'priority' ? 0 : open.calls_since_priority + 1);
    await repo.insertEvent(trx, { ticket_id: ticket.id, office_id: counter.office_id, at: iso, kind: 'called', counter_id: counterId, staff_id: staff.id, detail: { line: pick.line } });
    return { ...ticket, status: 'called', counter_id: counterId };
  });
  if (called) await publishChange(deps, counter.office_id, day, { kind: 'called', ticketId: called.id, label: called.label, counterNumber: counter.number });
  return called;
}

type Transition = 'recall' | 'start' | 'finish' | 'no_show' | 'park';

const RULES: Record<Transition, { from: string[]; to: string; event: string }> = {
  recall: { from: ['called'], to: 'called', event: 'recalled' },
  start: { from: ['called'], to: 'serving', event: 'started' },
  finish: { from: ['called', 'serving'], to: 'done', event: 'finished' },
  no_show: { from: ['called'], to: 'no_show', event: 'no_show' },
  park: { from: ['called', 'serving'], to: 'parked', event: 'parked' },
};

/** One of the simple moves of the ticket now at this counter. */
export async function transition({ deps, staff, counterId }: Ctx, action: Transition) {
  const { database } = deps;
  const counter = await counterOf(database.db, counterId, staff, true);
  const now = deps.clock();
  const iso = now.toISOString();
  const rule = RULES[action];
  const settings = await readQueueSettings(database.db, counter.office_id);
  const ticket = await writeTransaction(database, async (trx) => {
    const t = await repo.currentAtCounter(trx, counterId);
    if (!t) throw new AppError('conflict', 'queue.err.noCurrent');
    if (!rule.from.includes(t.status)) throw new AppError('conflict', 'queue.err.notAllowed');
    const set: Parameters<typeof repo.moveTicket>[3] = { status: rule.to };
    if (action === 'recall') {
      const last = t.last_called_at ? new Date(t.last_called_at).getTime() : 0;
      if (now.getTime() - last < settings.recallMinSeconds * 1000) {
        throw new AppError('conflict', 'queue.err.recallTooSoon', { params: { seconds: settings.recallMinSeconds } });
      }
      Object.assign(set, { last_called_at: iso, recall_count: t.recall_count + 1 });
    }
    if (action === 'start') set.started_at = iso;
    if (action === 'finish') {
      Object.assign(set, { finished_at: iso, served_ms: now.getTime() - new Date(t.started_at ?? t.called_at ?? iso).getTime() });
      if (!t.started_at) set.started_at = t.called_at;
    }
    if (action === 'no_show') set.finished_at = iso;
    // parked tickets leave the counter so it can call the next person
    if (action === 'park') set.counter_id = null;
    if (!(await repo.moveTicket(trx, t.id, rule.from, set))) throw new AppError('conflict', 'queue.err.notAllowed');
    await repo.insertEvent(trx, { ticket_id: t.id, office_id: counter.office_id, at: iso, kind: rule.event, counter_id: counterId, staff_id: staff.id });
    return t;
  });
  await publishChange(deps, counter.office_id, ticket.day, { kind: rule.event, ticketId: ticket.id, label: ticket.label, counterNumber: counter.number });
  return ticket;
}

/** Send the current ticket to another service or counter; it keeps its place in line. */
export async function transfer({ deps, staff, counterId }: Ctx, to: { serviceId?: number | undefined; counterId?: number | undefined }) {
  const { database } = deps;
  const counter = await counterOf(database.db, counterId, staff, true);
  const iso = deps.clock().toISOString();
  const ticket = await writeTransaction(database, async (trx) => {
    const t = await repo.currentAtCounter(trx, counterId);
    if (!t) throw new AppError('conflict', 'queue.err.noCurrent');
    let serviceId = t.service_id;
    if (to.serviceId !== undefined) {
      const svc = await repo.serviceOfOffice(trx, counter.office_id, to.serviceId);
      if (!svc) throw new AppError('validation', 'queue.err.noService');
      serviceId = svc.id;
    }
    let target: number | null = null;
    if (to.counterId !== undefined) {
      const c = await repo.counterById(trx, to.counterId);
      if (!c || c.office_id !== counter.office_id || c.id === counterId || c.active !== 1) throw new AppError('validation', 'queue.err.noCounter');
      target = c.id;
    }
    const moved = await repo.moveTicket(trx, t.id, ['called', 'serving'], {
      status: 'waiting',
      service_id: serviceId,
      counter_id: null,
      target_counter_id: target,
      transfer_count: t.transfer_count + 1,
    });
    if (!moved) throw new AppError('conflict', 'queue.err.notAllowed');
    await repo.insertEvent(trx, {
      ticket_id: t.id,
      office_id: counter.office_id,
      at: iso,
      kind: 'transferred',
      counter_id: counterId,
      staff_id: staff.id,
      detail: { fromService: t.service_id, toService: serviceId, toCounter: target },
    });
    return t;
  });
  await publishChange(deps, counter.office_id, ticket.day, { kind: 'transferred', ticketId: ticket.id, label: ticket.label, counterNumber: counter.number });
  return ticket;
}

/** Take a parked ticket back to this counter (the citizen returned with the missing paper). */
export async function resume({ deps, staff, counterId }: Ctx, ticketId: number) {
  const { database } = deps;
  const counter = await counterOf(database.db, counterId, staff);
  const iso = deps.clock().toISOString();
  const ticket = await writeTransaction(database, async (trx) => {
    await repo.lockOpenCounter(trx, database.dialect, counterId);
    if (await repo.currentAtCounter(trx, counterId)) throw new AppError('conflict', 'queue.err.busy');
    const t = await repo.ticketById(trx, ticketId);
    if (!t || t.office_id !== counter.office_id) throw new AppError('not_found', 'error.notFound.title');
    if (!(await repo.moveTicket(trx, t.id, ['parked'], { status: 'serving', counter_id: counterId, staff_id: staff.id }))) {
      throw new AppError('conflict', 'queue.err.notAllowed');
    }
    await repo.insertEvent(trx, { ticket_id: t.id, office_id: counter.office_id, at: iso, kind: 'resumed', counter_id: counterId, staff_id: staff.id });
    return t;
  });
  await publishChange(deps, counter.office_id, ticket.day, { kind: 'resumed', ticketId: ticket.id, label: ticket.label, counterNumber: counter.number });
  return ticket;
}

/** Someone served without a ticket (a quick question at the counter): counted, not queued. */
export async function walkIn({ deps, staff, counterId }: Ctx, serviceId: number) {
  const counter = await counterOf(deps.database.db, counterId, staff);
  const now = deps.clock();
  await writeTransaction(deps.database, (trx) =>
    repo.insertWalkIn(trx, { office_id: counter.office_id, counter_id: counterId, staff_id: staff.id, service_id: serviceId, day: toTaipeiIsoDate(now), at: now.toISOString() }),
  );
}
