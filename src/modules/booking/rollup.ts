import { daysBetween, type IsoDate } from '../../platform/calendar/index.js';
import { dayOf, type FigureSource, Tallies } from '../../platform/figures/index.js';

/**
 * Booking's part of the daily roll-up, by the booked day (as the booking
 * figures page counts; lottery entries not drawn are not bookings):
 * b.booked, b.svc.<code>, b.online (made by the citizen, not by staff),
 * b.cancelled, b.closed (closed or rejected), b.noShow, b.came, b.lead
 * (days from booking to the day, summed), b.home (home visits),
 * b.homeServed and b.homeLead (days from request to visit, summed).
 */
export const bookingFigureSource: FigureSource = {
  name: 'booking',
  async compute(db, from, to) {
    const out = new Tallies();
    const rows = await db
      .selectFrom('booking as b')
      .innerJoin('booking_service as s', 's.id', 'b.booking_service_id')
      .select(['b.office_id', 'b.day', 'b.status', 'b.created_at', 'b.placed_by', 's.code', 's.kind'])
      .where('b.day', '>=', from)
      .where('b.day', '<=', to)
      .where('b.status', 'not in', ['applied', 'not_drawn'])
      .execute();
    for (const r of rows) {
      if (!r.day) continue;
      const add = (k: string, n = 1) => out.add(r.office_id, r.day as IsoDate, k, n);
      const lead = Math.max(0, daysBetween(dayOf(r.created_at), r.day));
      add('b.booked');
      add(`b.svc.${r.code}`);
      if (r.placed_by === null) add('b.online');
      if (r.status === 'cancelled') add('b.cancelled');
      if (r.status === 'closed' || r.status === 'rejected') add('b.closed');
      if (r.status === 'no_show') add('b.noShow');
      if (r.status === 'checked_in' || r.status === 'served') add('b.came');
      add('b.lead', lead);
      if (r.kind === 'home_visit') {
        add('b.home');
        if (r.status === 'served') {
          add('b.homeServed');
          add('b.homeLead', lead);
        }
      }
    }
    return out;
  },
  async touched(db, since) {
    const rows = await db.selectFrom('booking').select(['office_id', 'day']).distinct().where('updated_at', '>=', since).where('day', 'is not', null).execute();
    return rows.map((r) => ({ officeId: r.office_id, day: r.day as IsoDate }));
  },
};
