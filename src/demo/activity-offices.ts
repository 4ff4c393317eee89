import type { Executor } from '../db/index.js';
import { type IsoDate, type OfficeCalendar, weekday } from '../platform/calendar/index.js';
import type { Questionnaire } from '../modules/surveys/definition.js';
import { calendarService } from '../modules/calendar/index.js';

/** Minutes after midnight, Taipei. */
export type Minutes = number;

export interface OpenHours {
  opens: Minutes;
  closes: Minutes;
  /** closed for lunch in between, when the office does not serve through it */
  lunch: [Minutes, Minutes] | null;
}

export interface BookingServiceInfo {
  id: number;
  code: string;
  kind: string;
  slotMinutes: number;
  maxDays: number;
  queueServiceCode: string | null;
  /** weekday → [starts, ends] periods */
  hours: Map<number, [Minutes, Minutes][]>;
}

/** What the generator needs to know about one office: read once from the database by `activityOffices`. */
export interface ActivityOffice {
  id: number;
  code: string;
  /** queue tickets on an ordinary working day, before the run's scale */
  ticketsPerDay: number;
  calendar: OfficeCalendar;
  hours: Map<number, OpenHours>;
  /** dated exceptions: null = closed that day */
  exceptions: Map<IsoDate, OpenHours | null>;
  services: { id: number; code: string; prefix: string }[];
  counters: { id: number; number: number; serviceIds: number[] }[];
  staffIds: number[];
  bookingServices: BookingServiceInfo[];
  guides: { code: string; limitDays: number }[];
  survey: { surveyId: number; versionId: number; questions: Questionnaire['questions'] } | null;
}

export const toMinutes = (hhmm: string): Minutes => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
export const hhmm = (m: Minutes): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The hours an office serves on a day, or null when it is closed (calendar, closure, exception, or no hours that weekday) — the rule of offices' todayStatus. */
export function openHoursOn(office: ActivityOffice, day: IsoDate): OpenHours | null {
  const exception = office.exceptions.get(day);
  if (exception !== undefined) return exception;
  if (!office.calendar.isWorkingDay(day)) return null;
  return office.hours.get(weekday(day)) ?? null;
}

/** Who works the counters: clerks and supervisors when the office has them, else whoever it has, else anyone. */
function staffOf(rows: { id: number; role: string }[], anyStaff: number): number[] {
  const counter = rows.filter((s) => s.role === 'clerk' || s.role === 'supervisor');
  return (counter.length ? counter : rows).map((s) => s.id).concat(rows.length ? [] : [anyStaff]);
}

/**
 * Loads each office's hours, calendar, services, counters, staff, booking
 * services, guides and open 'service' questionnaire. Demo tooling, not a
 * module: it reads the tables directly, as the demo seed writes them.
 */
export async function activityOffices(db: Executor, want: { id: number; ticketsPerDay: number }[]): Promise<ActivityOffice[]> {
  const ids = want.map((w) => w.id);
  if (ids.length === 0) return [];
  const [offices, hours, exceptions, services, counters, links, staff, bookingServices, bookingHours, guides, surveys] = await Promise.all([
    db.selectFrom('office').select(['id', 'code', 'county_id']).where('id', 'in', ids).execute(),
    db.selectFrom('office_hours').selectAll().where('office_id', 'in', ids).execute(),
    db.selectFrom('office_hours_exception').selectAll().where('office_id', 'in', ids).execute(),
    db.selectFrom('service').select(['id', 'office_id', 'code', 'queue_prefix']).where('office_id', 'in', ids).where('active', '=', 1).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('counter').select(['id', 'office_id', 'number']).where('office_id', 'in', ids).where('active', '=', 1).orderBy('number').execute(),
    db.selectFrom('counter_service').innerJoin('counter', 'counter.id', 'counter_service.counter_id').select(['counter_id', 'service_id']).where('counter.office_id', 'in', ids).execute(),
    db.selectFrom('staff').select(['id', 'office_id', 'role']).where('office_id', 'in', ids).where('active', '=', 1).orderBy('id').execute(),
    db.selectFrom('booking_service').selectAll().where('office_id', 'in', ids).where('active', '=', 1).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('booking_hours').innerJoin('booking_service', 'booking_service.id', 'booking_hours.booking_service_id').select(['booking_service_id', 'weekday', 'starts', 'ends']).where('booking_service.office_id', 'in', ids).orderBy('weekday').orderBy('starts').execute(),
    db.selectFrom('service_guide').select(['code', 'office_id', 'processing_days']).where('active', '=', 1).where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', 'in', ids)])).orderBy('sort').orderBy('id').execute(),
    db.selectFrom('survey').innerJoin('survey_version', 'survey_version.id', 'survey.current_version_id').select(['survey.id', 'survey.office_id', 'survey.county_id', 'survey_version.id as version_id', 'survey_version.questions']).where('survey.kind', '=', 'service').where('survey.status', '=', 'open').orderBy('survey.id').execute(),
  ]);
  // any staff member signs what an office without its own staff did (a county set up only for a benchmark)
  const anyStaff = staff[0]?.id ?? (await db.selectFrom('staff').select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? 0;
  const out: ActivityOffice[] = [];
  for (const w of want) {
    const o = offices.find((x) => x.id === w.id);
    if (!o) throw new Error(`no office ${w.id}`);
    const own = (h: { office_id: number | null }) => h.office_id === o.id;
    const open = (h: { opens: string; closes: string; evening_closes?: string | null; lunch_open?: number; lunch_from?: string | null; lunch_to?: string | null }): OpenHours => ({
      opens: toMinutes(h.opens),
      closes: toMinutes(h.evening_closes ?? h.closes),
      lunch: h.lunch_open === 0 && h.lunch_from && h.lunch_to ? [toMinutes(h.lunch_from), toMinutes(h.lunch_to)] : null,
    });
    const ownGuides = guides.filter((g) => g.office_id === o.id);
    const survey = surveys.find((s) => s.office_id === o.id) ?? surveys.find((s) => s.office_id === null && s.county_id === o.county_id);
    out.push({
      id: o.id,
      code: o.code,
      ticketsPerDay: w.ticketsPerDay,
      calendar: await calendarService.officeCalendar(db, o.id),
      hours: new Map(hours.filter(own).map((h) => [h.weekday, open(h)])),
      exceptions: new Map(
        exceptions.filter(own).map((e) => [e.date, e.closed === 1 || !e.opens || !e.closes ? null : { opens: toMinutes(e.opens), closes: toMinutes(e.closes), lunch: null }]),
      ),
      services: services.filter(own).map((s) => ({ id: s.id, code: s.code, prefix: s.queue_prefix })),
      counters: counters.filter(own).map((c) => ({ id: c.id, number: c.number, serviceIds: links.filter((l) => l.counter_id === c.id).map((l) => l.service_id) })),
      staffIds: staffOf(staff.filter(own), anyStaff),
      bookingServices: bookingServices.filter(own).map((b) => {
        const periods = new Map<number, [Minutes, Minutes][]>();
        for (const h of bookingHours.filter((x) => x.booking_service_id === b.id)) periods.set(h.weekday, [...(periods.get(h.weekday) ?? []), [toMinutes(h.starts), toMinutes(h.ends)]]);
        // a service that follows the office's opening hours has no rows of its own (booking module, schedule.ts)
        if (b.uses_office_hours === 1) {
          for (const h of hours.filter(own).map((x) => ({ weekday: x.weekday, ...open(x) }))) periods.set(h.weekday, h.lunch ? [[h.opens, h.lunch[0]], [h.lunch[1], h.closes]] : [[h.opens, h.closes]]);
        }
        return { id: b.id, code: b.code, kind: b.kind, slotMinutes: b.slot_minutes, maxDays: b.max_days, queueServiceCode: b.queue_service_code, hours: periods };
      }),
      // an office's own guides when it has them, else the county library (as its public list does)
      guides: (ownGuides.length ? ownGuides : guides.filter((g) => g.office_id === null)).map((g) => ({ code: g.code, limitDays: Math.max(1, g.processing_days) })),
      survey: survey ? { surveyId: survey.id, versionId: survey.version_id, questions: (JSON.parse(survey.questions) as Questionnaire).questions } : null,
    });
  }
  return out;
}
