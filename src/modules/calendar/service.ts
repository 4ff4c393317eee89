import type { Database, Db, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { addDays, eachDay, OfficeCalendar, parseGovCalendarCsv, toTaipeiIsoDate, weekday } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';

/**
 * The office calendar: the government's national calendar (imported once a
 * year for everyone) plus each office's own closures. Every working-day
 * deadline in the system is counted on it.
 */
export async function officeCalendar(db: Executor, officeId: number | null): Promise<OfficeCalendar> {
  const cached = calendarCache.get(db)?.get(officeId);
  if (cached && cached.until > Date.now()) return cached.calendar;
  const [days, closures] = await Promise.all([repo.allCalendarDays(db), officeId === null ? [] : repo.closuresOf(db, officeId)]);
  const calendar = new OfficeCalendar({ days, closures: closures.map((c) => ({ date: c.date, reason: c.reason })) });
  const perDb = calendarCache.get(db) ?? new Map();
  calendarCache.set(db, perDb);
  perDb.set(officeId, { calendar, until: Date.now() + CALENDAR_TTL_MS });
  return calendar;
}

/**
 * The calendar is read on every booking and deadline but changes a few
 * times a year: keep it per database handle for a short while. Changes made
 * here drop it at once; another process sees them within the TTL.
 * Transactions are their own handles, so they always read fresh.
 */
const CALENDAR_TTL_MS = 30_000;
const calendarCache = new WeakMap<object, Map<number | null, { calendar: OfficeCalendar; until: number }>>();
function forgetCalendars(db: Db): void {
  calendarCache.delete(db);
}

export interface ImportResult {
  year: number;
  days: number;
  daysOff: number;
  encoding: string;
}

export async function importGovCalendar(
  database: Database,
  bytes: Uint8Array,
  meta: { filename: string | null; actor: StaffPrincipal | null; ip: string | null; now: Date },
): Promise<ImportResult> {
  const parsed = parseGovCalendarCsv(bytes);
  const daysOff = parsed.days.filter((d) => d.off).length;
  await writeTransaction(database, async (trx) => {
    await repo.replaceYear(trx, parsed.year, parsed.days);
    await repo.insertImport(trx, {
      year: parsed.year,
      encoding: parsed.encoding,
      days: parsed.days.length,
      days_off: daysOff,
      filename: meta.filename,
      imported_by: meta.actor?.id ?? null,
      imported_at: meta.now.toISOString(),
    });
    await recordAudit(
      trx,
      {
        actor: meta.actor,
        action: 'calendar.import',
        target: { type: 'calendar_year', id: parsed.year },
        detail: { days: parsed.days.length, daysOff, encoding: parsed.encoding, filename: meta.filename },
        ip: meta.ip,
      },
      meta.now,
    );
  });
  forgetCalendars(database.db);
  return { year: parsed.year, days: parsed.days.length, daysOff, encoding: parsed.encoding };
}

export async function addClosure(
  database: Database,
  input: { officeId: number; countyId: number; date: string; reason: string },
  meta: { actor: StaffPrincipal; ip: string | null; now: Date },
): Promise<number> {
  const id = await writeTransaction(database, async (trx) => {
    if (await repo.closureOn(trx, input.officeId, input.date)) {
      throw new AppError('conflict', 'err.closureExists', { fields: [{ field: 'date', key: 'err.closureExists' }] });
    }
    const id = await repo.insertClosure(trx, {
      office_id: input.officeId,
      date: input.date,
      reason: input.reason,
      created_by: meta.actor.id,
      created_at: meta.now.toISOString(),
    });
    await recordAudit(
      trx,
      {
        actor: meta.actor,
        action: 'calendar.closure.add',
        target: { type: 'office_closure', id },
        officeId: input.officeId,
        countyId: input.countyId,
        detail: { date: input.date, reason: input.reason },
        ip: meta.ip,
      },
      meta.now,
    );
    return id;
  });
  forgetCalendars(database.db);
  return id;
}

export async function removeClosure(
  database: Database,
  closureId: number,
  guard: (officeId: number) => Promise<{ countyId: number }>,
  meta: { actor: StaffPrincipal; ip: string | null; now: Date },
): Promise<string> {
  const date = await writeTransaction(database, async (trx) => {
    const c = await repo.findClosure(trx, closureId);
    if (!c) throw new AppError('not_found', 'error.notFound.title');
    const { countyId } = await guard(c.office_id);
    await repo.deleteClosure(trx, closureId);
    await recordAudit(
      trx,
      {
        actor: meta.actor,
        action: 'calendar.closure.remove',
        target: { type: 'office_closure', id: closureId },
        officeId: c.office_id,
        countyId,
        detail: { date: c.date, reason: c.reason },
        ip: meta.ip,
      },
      meta.now,
    );
    return c.date;
  });
  forgetCalendars(database.db);
  return date;
}

export interface YearView {
  year: number;
  imported: boolean;
  workingDays: number;
  months: { month: number; days: { date: string; weekday: number; working: boolean; note: string; closure?: string | undefined; makeup: boolean }[] }[];
}

export async function yearView(db: Db, year: number, officeId: number | null): Promise<YearView> {
  const cal = await officeCalendar(db, officeId);
  const imported = (await repo.daysOfYear(db, year)).length > 0;
  const months: YearView['months'] = [];
  let workingDays = 0;
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, '0')}-01`;
    const last = addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
    const days = eachDay(first, last).map((date) => {
      const d = cal.describe(date);
      const wd = weekday(date);
      if (d.working) workingDays++;
      return { date, weekday: wd, working: d.working, note: d.note, closure: d.closure, makeup: d.working && (wd === 0 || wd === 6) };
    });
    months.push({ month: m, days });
  }
  return { year, imported, workingDays, months };
}

/** Weekdays in the next `days` days when the office is closed (holidays, typhoon days): for the office home page. */
export async function upcomingWeekdaysOff(db: Db, officeId: number, now: Date, days: number) {
  const cal = await officeCalendar(db, officeId);
  const today = toTaipeiIsoDate(now);
  return eachDay(addDays(today, 1), addDays(today, days))
    .filter((d) => {
      const wd = weekday(d);
      return wd !== 0 && wd !== 6 && !cal.isWorkingDay(d);
    })
    .map((date) => {
      const d = cal.describe(date);
      return { date, note: d.closure ?? d.note };
    });
}

export async function closuresForOffice(db: Db, officeId: number) {
  return repo.closuresOf(db, officeId);
}

export async function recentImports(db: Db) {
  return repo.recentImports(db);
}
