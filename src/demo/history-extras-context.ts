import type { Database } from '../db/index.js';
import { calendarService } from '../modules/calendar/index.js';
import { addDays, type IsoDate, type OfficeCalendar, taipeiToday } from '../platform/calendar/index.js';
import { type Rng, streamOf } from './activity-random.js';

/**
 * What the extras of the demo history share: the two demo offices, the
 * people who record things there, and the run of days history.ts fills.
 */

/** history.ts's HISTORY_DAYS: the extras cover the same fourteen months. */
const HISTORY_DAYS = 426;
const EXTRAS_SEED = 1150301;

export interface Staffer {
  id: number;
  username: string;
}

export interface ExtrasOffice {
  id: number;
  code: 'zhubei' | 'jianshi';
  countyId: number;
  cal: OfficeCalendar;
  /** calls the office as a citizen would and fills in the checklist: the supervisor, or the director where there is none */
  tester: Staffer;
  /** keeps the media log */
  clerk: Staffer;
}

export interface ExtrasCtx {
  database: Database;
  now: Date;
  /** first and last day of the history (the day before `now`, Taipei) */
  from: IsoDate;
  to: IsoDate;
  offices: ExtrasOffice[];
}

const PEOPLE = {
  zhubei: { tester: 'supervisor.zhubei', clerk: 'clerk.zhubei' },
  jianshi: { tester: 'director.jianshi', clerk: 'clerk.jianshi' },
} as const;

/** The demo offices that are there, with their people; an office or person missing (a trimmed demo) leaves that office out. */
export async function extrasContext(database: Database, now: Date): Promise<ExtrasCtx> {
  const db = database.db;
  const today = taipeiToday(now);
  const rows = await db.selectFrom('office').select(['id', 'code', 'county_id']).where('code', 'in', Object.keys(PEOPLE)).orderBy('id').execute();
  const usernames = Object.values(PEOPLE).flatMap((p) => [p.tester, p.clerk]);
  const staff = await db.selectFrom('staff').select(['id', 'username']).where('username', 'in', usernames).execute();
  const person = (u: string) => staff.find((s) => s.username === u);
  const offices: ExtrasOffice[] = [];
  for (const r of rows) {
    const code = r.code as keyof typeof PEOPLE;
    const tester = person(PEOPLE[code].tester);
    const clerk = person(PEOPLE[code].clerk);
    if (!tester || !clerk) continue;
    offices.push({ id: r.id, code, countyId: r.county_id, cal: await calendarService.officeCalendar(db, r.id), tester, clerk });
  }
  return { database, now, from: addDays(today, -HISTORY_DAYS), to: addDays(today, -1), offices };
}

/** One independent stream per purpose, office and month: adding a kind of row never shifts another's. */
export const rngOf = (...parts: (string | number)[]): Rng => streamOf(EXTRAS_SEED, ...parts);

/** 'YYYY-MM' of every month the run of days touches. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let key = from.slice(0, 7); key <= last; key = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(key);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

/** The office's working days of a month, from day `first` to day `last` of it, within the history. */
export function workingDays(c: ExtrasCtx, office: ExtrasOffice, month: string, first = 1, last = 31): IsoDate[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const out: IsoDate[] = [];
  for (let d = first; d <= Math.min(last, length); d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day >= c.from && day <= c.to && office.cal.isWorkingDay(day)) out.push(day);
  }
  return out;
}

/** A Taipei wall-clock time on a day, as the instant the app stores. */
export function taipeiAt(day: IsoDate, minuteOfDay: number): Date {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:00+08:00`);
}
