import type { Executor } from '../../db/index.js';
import type { CalendarDay } from '../../platform/calendar/index.js';

export { allCalendarDays, closuresOf } from '../../platform/calendar/store.js';

export async function daysOfYear(db: Executor, year: number): Promise<CalendarDay[]> {
  const rows = await db.selectFrom('calendar_day').select(['date', 'off', 'note']).where('year', '=', year).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, off: r.off === 1, note: r.note }));
}

export async function replaceYear(db: Executor, year: number, days: CalendarDay[]): Promise<void> {
  await db.deleteFrom('calendar_day').where('year', '=', year).execute();
  // in chunks: SQLite caps bound parameters per statement
  for (let i = 0; i < days.length; i += 100) {
    await db
      .insertInto('calendar_day')
      .values(days.slice(i, i + 100).map((d) => ({ date: d.date, off: d.off ? 1 : 0, note: d.note, year })))
      .execute();
  }
}

export async function insertImport(
  db: Executor,
  row: { year: number; encoding: string; days: number; days_off: number; filename: string | null; imported_by: number | null; imported_at: string },
): Promise<void> {
  await db.insertInto('calendar_import').values(row).execute();
}

export async function recentImports(db: Executor, limit = 10) {
  return db
    .selectFrom('calendar_import')
    .leftJoin('staff', 'staff.id', 'calendar_import.imported_by')
    .select([
      'calendar_import.id',
      'calendar_import.year',
      'calendar_import.encoding',
      'calendar_import.days',
      'calendar_import.days_off',
      'calendar_import.filename',
      'calendar_import.imported_at',
      'staff.username',
    ])
    .orderBy('calendar_import.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findClosure(db: Executor, id: number) {
  return db.selectFrom('office_closure').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function closureOn(db: Executor, officeId: number, date: string) {
  return db.selectFrom('office_closure').select('id').where('office_id', '=', officeId).where('date', '=', date).executeTakeFirst();
}

export async function insertClosure(
  db: Executor,
  row: { office_id: number; date: string; reason: string; created_by: number | null; created_at: string },
): Promise<number> {
  const r = await db.insertInto('office_closure').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteClosure(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('office_closure').where('id', '=', id).execute();
}
