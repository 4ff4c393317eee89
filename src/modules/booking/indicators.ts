import type { Executor } from '../../db/index.js';
import { dayOf, share } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, rowsOver } from '../../platform/indicators/index.js';
import { calendarService } from '../calendar/index.js';

/** The promise made when a home visit is requested: its due day is three working days after the request (book.ts). */
const HOME_VISIT_WORKING_DAYS = 3;

/**
 * Of the home visits served with a visit day in the period, the share made
 * within three working days of the request (the Taipei day it was made),
 * counted on the office's calendar as the due day is: the request day
 * itself never counts. Each visit is judged once per batch (a pack's months
 * and its year to date share the year's visits).
 */
async function homeVisitWithin3(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = async (from: string, to: string) => {
    const rows = await db
      .selectFrom('booking as b')
      .innerJoin('booking_service as s', 's.id', 'b.booking_service_id')
      .select(['b.day', 'b.created_at'])
      .where('s.kind', '=', 'home_visit')
      .where('b.office_id', '=', office.id)
      .where('b.status', '=', 'served')
      .where('b.day', '>=', from)
      .where('b.day', '<=', to)
      .execute();
    if (rows.length === 0) return [];
    const cal = await calendarService.officeCalendar(db, office.id);
    // countWorkingDays(asked, day) ≤ 3 exactly when day comes before the 4th working day after the request:
    // worked out once per request day, not walked day by day for each of a year's visits
    const late = new Map<string, string>();
    const lateFrom = (asked: string) => {
      let first = late.get(asked);
      if (first === undefined) {
        first = cal.addWorkingDays(asked, HOME_VISIT_WORKING_DAYS + 1);
        late.set(asked, first);
      }
      return first;
    };
    return rows.map((r) => ({ day: r.day!, within: r.day! < lateFrom(dayOf(r.created_at)) }));
  };
  const rows = await rowsOver(memo, `booking.homeVisits|${office.id}`, period, read, (r) => r.day >= period.from && r.day <= period.to);
  if (rows.length === 0) return { value: null };
  return { value: share(rows.filter((r) => r.within).length, rows.length), base: rows.length };
}

export const bookingIndicators: IndicatorDef[] = [
  {
    key: 'booking.homeVisitWithin3',
    titleKey: 'booking.indicator.homeVisitWithin3',
    unit: 'percent',
    better: 'higher',
    href: (office, period) => `/staff/figures/office?office=${encodeURIComponent(office.code)}&period=${encodeURIComponent(period.key)}&figure=homeVisitDays`,
    compute: homeVisitWithin3,
  },
];

export const bookingIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'booking.indicator.homeVisitWithin3': '到宅服務3個工作天內完成比率',
    'booking.indicator.homeVisitWithin3.desc': '服務日在期間內且已完成的到宅服務中，服務日距申請日（不含當日）在3個工作天內的比率，依本所行事曆計算。',
  },
  en: {
    'booking.indicator.homeVisitWithin3': 'Home visits within 3 working days',
    'booking.indicator.homeVisitWithin3.desc': "Of home visits served on a day in the period, the share whose visit was within 3 working days of the request (the request day not counted), on the office's calendar.",
  },
};
