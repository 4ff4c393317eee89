export { type CalendarDay, OfficeCalendar, type Pause } from './office-calendar.js';
export { parseGovCalendarCsv, toGovCalendarCsv } from './gov-csv.js';
export {
  addDays,
  daysBetween,
  eachDay,
  formatRocDate,
  formatRocDateWithWeekday,
  formatRocRange,
  formatWesternDate,
  type IsoDate,
  isIsoDate,
  parseRocDate,
  taipeiTime,
  taipeiToday,
  toTaipeiIsoDate,
  weekday,
} from './roc.js';
