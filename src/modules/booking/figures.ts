import type { Db } from '../../db/index.js';
import { daysBetween, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import type { Sheet } from '../../platform/export/index.js';
import type { Translate } from '../../platform/i18n/index.js';
import { ticketsFromBookings } from '../queue/index.js';

export interface ServiceFigures {
  day: string;
  service: string;
  bookings: number;
  cancelled: number;
  closed: number;
  noShow: number;
  came: number;
  /** mean days from booking to the booked day */
  leadDays: number | null;
}

export interface Figures {
  rows: ServiceFigures[];
  totals: { bookings: number; cancelled: number; noShow: number; came: number; noShowRate: number | null; leadDays: number | null };
  /** queue tickets that came from a booking, against all tickets in the period */
  onlineShare: { booked: number; all: number; share: number | null };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Bookings per day and service, lead time, cancellations, no-shows, and the share of visits booked online. */
export async function bookingFigures(db: Db, officeId: number, from: string, to: string, serviceName: (id: number) => string): Promise<Figures> {
  const bookings = await db
    .selectFrom('booking')
    .select(['day', 'booking_service_id', 'status', 'created_at'])
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('status', 'not in', ['applied', 'not_drawn'])
    .execute();
  const groups = new Map<string, ServiceFigures & { leadSum: number }>();
  for (const b of bookings) {
    if (!b.day) continue;
    const key = `${b.day}|${b.booking_service_id}`;
    const g = groups.get(key) ?? { day: b.day, service: serviceName(b.booking_service_id), bookings: 0, cancelled: 0, closed: 0, noShow: 0, came: 0, leadDays: null, leadSum: 0 };
    g.bookings++;
    g.leadSum += Math.max(0, daysBetween(toTaipeiIsoDate(new Date(b.created_at)), b.day));
    if (b.status === 'cancelled') g.cancelled++;
    if (b.status === 'closed' || b.status === 'rejected') g.closed++;
    if (b.status === 'no_show') g.noShow++;
    if (b.status === 'checked_in' || b.status === 'served') g.came++;
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => (a.day === b.day ? a.service.localeCompare(b.service) : a.day < b.day ? -1 : 1));
  // the period's mean from the summed days, not from the rows' rounded means (1 day over 4 bookings is 0.3, not 0.2)
  const leadTotal = sorted.reduce((n, g) => n + g.leadSum, 0);
  const rows = sorted.map(({ leadSum, ...g }) => ({ ...g, leadDays: g.bookings > 0 ? round1(leadSum / g.bookings) : null }));
  const sum = (f: (r: ServiceFigures) => number) => rows.reduce((n, r) => n + f(r), 0);
  const total = sum((r) => r.bookings);
  const noShow = sum((r) => r.noShow);
  const came = sum((r) => r.came);
  const { all, booked } = await ticketsFromBookings(db, officeId, from, to);
  return {
    rows,
    totals: {
      bookings: total,
      cancelled: sum((r) => r.cancelled),
      noShow,
      came,
      noShowRate: noShow + came > 0 ? round1((noShow / (noShow + came)) * 100) : null,
      leadDays: total > 0 ? round1(leadTotal / total) : null,
    },
    onlineShare: { booked, all, share: all > 0 ? round1((booked / all) * 100) : null },
  };
}

export function figureSheets(f: Figures, t: Translate): Sheet[] {
  return [
    {
      name: t('booking.fig.sheetDays'),
      headers: [t('booking.fig.day'), t('booking.service'), t('booking.fig.bookings'), t('booking.fig.cancelled'), t('booking.fig.closed'), t('booking.fig.noShow'), t('booking.fig.came'), t('booking.fig.lead')],
      rows: f.rows.map((r) => [r.day, r.service, r.bookings, r.cancelled, r.closed, r.noShow, r.came, r.leadDays]),
    },
    {
      name: t('booking.fig.sheetTotals'),
      headers: [t('booking.fig.measure'), t('booking.fig.value')],
      rows: [
        [t('booking.fig.bookings'), f.totals.bookings],
        [t('booking.fig.cancelled'), f.totals.cancelled],
        [t('booking.fig.noShow'), f.totals.noShow],
        [t('booking.fig.noShowRate'), f.totals.noShowRate],
        [t('booking.fig.lead'), f.totals.leadDays],
        [t('booking.fig.onlineShare'), f.onlineShare.share],
        [t('booking.fig.ticketsBooked'), f.onlineShare.booked],
        [t('booking.fig.ticketsAll'), f.onlineShare.all],
      ],
    },
  ];
}
