import { addDays, daysBetween, type IsoDate, isIsoDate, type OfficeCalendar } from '../../../platform/calendar/index.js';
import { lateFine } from '../../guides/index.js';
import { smsParts } from '../../../platform/sms/index.js';

/**
 * The rules of the reminders register (主動提醒): which registration each
 * kind of report leads to, when it is due, and what being late costs.
 * DOMAIN.md, "Registration types and legal deadlines (戶籍法)".
 */
export const REMINDER_KINDS = ['court_judgment', 'hospital_birth', 'hospital_death', 'abroad_two_years'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATES = ['open', 'reminded', 'registered', 'closed'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];
/** still to act on: nobody has registered and the office has not given up */
export const ACTIVE_STATES: readonly ReminderState[] = ['open', 'reminded'];

export const isReminderKind = (v: unknown): v is ReminderKind => typeof v === 'string' && (REMINDER_KINDS as readonly string[]).includes(v);
export const isReminderState = (v: unknown): v is ReminderState => typeof v === 'string' && (REMINDER_STATES as readonly string[]).includes(v);

/**
 * Calendar days from the event to the legal deadline. A court judgment
 * (divorce, recognition, adoption …): 30 days after it became final; a birth
 * 60 days; a death 30 days. Two years abroad: the office's notice period
 * after the two years are complete, then it registers the move-out itself
 * (逕為遷出登記) — 30 days, the same as any move-out.
 */
export const DEADLINE_DAYS: Record<ReminderKind, number> = {
  court_judgment: 30,
  hospital_birth: 60,
  hospital_death: 30,
  abroad_two_years: 30,
};

/** How long before the two years are complete the office writes (the letter's lead time; shown on the add form). */
export const ABROAD_NOTICE_DAYS = 30;

/** The guide whose documents the letter lists (an office's own guide of that code first, else the county's). */
export const GUIDE_OF_KIND: Record<ReminderKind, string> = {
  court_judgment: 'divorce',
  hospital_birth: 'birth',
  hospital_death: 'death',
  abroad_two_years: 'move-out',
};

/** Two years abroad has no fine: past the deadline the office registers the move-out itself. */
export const hasFine = (kind: ReminderKind): boolean => kind !== 'abroad_two_years';

/**
 * The last day of "two years after departure" (民法 §121): the period starts
 * the day after departure and ends the day before the same date two years
 * on; with no such date (29 February) it ends on the last day of that month.
 */
export function twoYearsComplete(departure: IsoDate): IsoDate {
  const start = addDays(departure, 1);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const target = `${String(y + 2).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (isIsoDate(target)) return addDays(target, -1);
  // 29 February in a year without one: the month's last day
  return `${String(y + 2).padStart(4, '0')}-02-28`;
}

/**
 * The due date of a reminder from the event date the clerk typed. The event
 * day does not count (民法 §120): 30 days from 1 March is 31 March. A last
 * day on which the office is closed moves to its next working day
 * (行政程序法 §48 IV), on the office's own calendar.
 */
export function dueOn(kind: ReminderKind, eventDate: IsoDate, calendar: Pick<OfficeCalendar, 'isWorkingDay' | 'nextWorkingDay'>): IsoDate {
  const from = kind === 'abroad_two_years' ? twoYearsComplete(eventDate) : eventDate;
  const last = addDays(from, DEADLINE_DAYS[kind]);
  return calendar.isWorkingDay(last) ? last : calendar.nextWorkingDay(last);
}

/** Days past the due date on `today` (0 when not late). */
export const daysLate = (due: IsoDate, today: IsoDate): number => Math.max(0, daysBetween(due, today));

/**
 * The §79 fine for a registration made on `today` (DOMAIN.md table): by days
 * late, or NT$900 once a written reminder went out after the deadline
 * (經催告仍不申請). Null when the kind has no fine or it is not late.
 */
export function fineFor(kind: ReminderKind, due: IsoDate, today: IsoDate, lettersAfterDue: boolean): number | null {
  if (!hasFine(kind)) return null;
  const late = daysLate(due, today);
  return late > 0 ? lateFine(late, lettersAfterDue) : null;
}

export const isOverdue = (status: ReminderState, due: IsoDate, today: IsoDate): boolean => ACTIVE_STATES.includes(status) && due < today;

// ---- text messages -------------------------------------------------------

/** How many SMS parts a text takes: the platform's count (GSM-7 or UCS-2, as sent). */
export { smsParts };

/** The first text that fits one part, else the shortest (the last). */
export function fitOnePart(variants: string[]): string {
  return variants.find((v) => smsParts(v) === 1) ?? variants[variants.length - 1] ?? '';
}

/** A mobile number a text can go to: 09 and eight digits. */
export const isMobile = (phone: string | null): phone is string => phone !== null && /^09\d{8}$/.test(phone);

/**
 * A Taiwanese phone number as typed (0912-345-678, (03) 555-1234,
 * +886 912 345 678) in its plain digits form, or null when it is not one:
 * a mobile 09 + 8 digits, a landline 0 + area code + 7–8 digits, an
 * extension after # or 分機 kept.
 */
export function normalizePhone(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  const m = /^(.*?)(?:\s*(?:#|分機|ext\.?)\s*(\d{1,6}))?$/i.exec(s);
  const main = (m?.[1] ?? '').replace(/[\s().-]/g, '');
  const ext = m?.[2];
  const local = main.startsWith('+886') ? `0${main.slice(4).replace(/^0/, '')}` : main;
  if (!/^0\d{8,9}$/.test(local)) return null;
  if (local.startsWith('09') && local.length !== 10) return null;
  return ext ? `${local}#${ext}` : local;
}

/** A mobile number as people read it (0912-345-678); a landline as stored. */
export const showPhone = (phone: string): string => (isMobile(phone) ? `${phone.slice(0, 4)}-${phone.slice(4, 7)}-${phone.slice(7)}` : phone);

/** 0912***678: enough to tell which number, for notes and the audit log. */
export const maskPhone = (phone: string): string => (phone.length >= 8 ? `${phone.slice(0, 4)}***${phone.slice(-3)}` : '***');
