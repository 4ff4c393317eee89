import type { Executor } from '../../db/index.js';

// Tickets read for other modules: surveys, bookings, cases.

/** What a ticket says about a visit (for surveys): office, status, service, counter, wait. Nothing about who. */
export function ticketVisit(db: Executor, code: string) {
  return db
    .selectFrom('ticket')
    .leftJoin('service', 'service.id', 'ticket.service_id')
    .leftJoin('counter', 'counter.id', 'ticket.counter_id')
    .select(['ticket.office_id', 'ticket.status', 'ticket.waited_ms', 'service.code as service_code', 'counter.number as counter_number'])
    .where('ticket.code', '=', code)
    .executeTakeFirst();
}

/** The tickets issued for bookings at check-in: booking id → ticket label. */
export async function ticketLabelsOfBookings(db: Executor, bookingIds: number[]): Promise<Map<number, string>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db.selectFrom('ticket').select(['booking_id', 'label']).where('booking_id', 'in', bookingIds).execute();
  return new Map(rows.filter((r) => r.booking_id !== null).map((r) => [r.booking_id as number, r.label]));
}

export function ticketCode(db: Executor, id: number) {
  return db.selectFrom('ticket').select('code').where('id', '=', id).executeTakeFirst();
}

/** Tickets an office issued between two days, and how many of them came from a booking's check-in. */
export async function ticketsFromBookings(db: Executor, officeId: number, from: string, to: string): Promise<{ all: number; booked: number }> {
  const r = await db
    .selectFrom('ticket')
    .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>(eb.case().when('channel', '=', 'booking').then(1).else(0).end()).as('booked')])
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst();
  return { all: Number(r?.all ?? 0), booked: Number(r?.booked ?? 0) };
}

/** The ticket an office gave a label on a day (a case records the ticket its applicant was served on). */
export function ticketOfDay(db: Executor, officeId: number, day: string, label: string) {
  return db.selectFrom('ticket').select('id').where('office_id', '=', officeId).where('day', '=', day).where('label', '=', label).executeTakeFirst();
}
