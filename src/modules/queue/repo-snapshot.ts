import type { Executor } from '../../db/index.js';

// The reads behind the live snapshot every queue page shows: one office, one day.

/** Retired services too: their tickets of today still wait, are called and shown. */
export function servicesOfOffice(db: Executor, officeId: number) {
  return db.selectFrom('service').selectAll().where('office_id', '=', officeId).orderBy('sort').orderBy('id').execute();
}

export function ticketsWaiting(db: Executor, officeId: number, day: string) {
  return db
    .selectFrom('ticket')
    .select(['id', 'service_id', 'queue_at'])
    .where('office_id', '=', officeId)
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .orderBy('queue_at')
    .orderBy('id')
    .execute();
}

export function countersOfOffice(db: Executor, officeId: number) {
  return db.selectFrom('counter').select(['id', 'number', 'active']).where('office_id', '=', officeId).orderBy('number').execute();
}

export function countersOpen(db: Executor, officeId: number) {
  return db
    .selectFrom('counter_open')
    .innerJoin('counter', 'counter.id', 'counter_open.counter_id')
    .select(['counter_open.counter_id', 'counter_open.support'])
    .where('counter.office_id', '=', officeId)
    .execute();
}

/** Tickets being called or served at a counter now. */
export function ticketsAtCounters(db: Executor, officeId: number, day: string) {
  return db
    .selectFrom('ticket')
    .select(['counter_id', 'service_id', 'label', 'status', 'last_called_at'])
    .where('office_id', '=', officeId)
    .where('day', '=', day)
    .where('status', 'in', ['called', 'serving'])
    .execute();
}

/** The latest calls and recalls since an instant, newest first. */
export function recentCalls(db: Executor, officeId: number, sinceIso: string, limit: number) {
  return db
    .selectFrom('ticket_event')
    .innerJoin('ticket', 'ticket.id', 'ticket_event.ticket_id')
    .innerJoin('counter', 'counter.id', 'ticket_event.counter_id')
    .select(['ticket.id as ticketId', 'ticket.label', 'counter.number', 'ticket_event.at', 'ticket_event.kind'])
    .where('ticket_event.office_id', '=', officeId)
    .where('ticket_event.kind', 'in', ['called', 'recalled'])
    .where('ticket_event.at', '>=', sinceIso)
    .orderBy('ticket_event.id', 'desc')
    .limit(limit)
    .execute();
}

/** Service times of the day's finished tickets, last finished first. */
export function recentServiceTimes(db: Executor, officeId: number, day: string, limit: number) {
  return db
    .selectFrom('ticket')
    .select(['service_id', 'served_ms'])
    .where('office_id', '=', officeId)
    .where('day', '=', day)
    .where('status', '=', 'done')
    .where('served_ms', 'is not', null)
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
}

export function activeCounterServices(db: Executor, officeId: number) {
  return (
    db
      .selectFrom('counter_service')
      .innerJoin('counter', 'counter.id', 'counter_service.counter_id')
      .select(['counter_service.counter_id', 'counter_service.service_id'])
      .where('counter.office_id', '=', officeId)
      // a retired counter calls no one, so it neither offers a service nor shortens a wait
      .where('counter.active', '=', 1)
      .execute()
  );
}
