import type { Database, Db } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { addDays, eachDay, parseGovCalendarCsv, weekday } from '../../platform/calendar/index.js';
import { forgetCalendars, officeCalendar } from '../../platform/calendar/store.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';

/** The office calendar (national calendar plus the office's closures): read in platform/calendar/store.ts, edited here. */
export { officeCalendar, upcomingWeekdaysOff } from '../../platform/calendar/store.js';

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

export async function closuresForOffice(db: Db, officeId: number) {
  return repo.closuresOf(db, officeId);
}

export async function recentImports(db: Db) {
  return repo.recentImports(db);
}
