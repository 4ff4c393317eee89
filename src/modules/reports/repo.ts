// The report tables: report_template (versions), business_report, business_report_event (append-only).
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { BusinessReportEventTable, BusinessReportTable, ReportTemplateTable } from '../../db/schema.js';

export type TemplateRow = Selectable<ReportTemplateTable>;
export type ReportRow = Selectable<BusinessReportTable>;
export type EventRow = Selectable<BusinessReportEventTable>;

export async function latestTemplate(db: Executor, countyId: number): Promise<TemplateRow | undefined> {
  return db.selectFrom('report_template').selectAll().where('county_id', '=', countyId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function templateLinesOf(db: Executor, countyId: number): Promise<string[]> {
  return (await db.selectFrom('report_template').select('lines').where('county_id', '=', countyId).execute()).map((r) => r.lines);
}

export async function insertTemplate(db: Executor, row: Omit<TemplateRow, 'id'>): Promise<number> {
  return (await db.insertInto('report_template').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function reportOf(db: Executor, officeId: number, month: string): Promise<ReportRow | undefined> {
  return db.selectFrom('business_report').selectAll().where('office_id', '=', officeId).where('month', '=', month).executeTakeFirst();
}

export async function reportsOf(db: Executor, officeIds: number[], months: string[]): Promise<ReportRow[]> {
  if (officeIds.length === 0 || months.length === 0) return [];
  return db.selectFrom('business_report').selectAll().where('office_id', 'in', officeIds).where('month', 'in', months).execute();
}

/** The office's report row for the month, made (as a draft) the first time someone writes to it. */
export async function ensureReport(db: Executor, r: { office_id: number; county_id: number; month: string; at: string }): Promise<ReportRow> {
  await db
    .insertInto('business_report')
    .values({ office_id: r.office_id, county_id: r.county_id, month: r.month, state: 'draft', hand_values: '{}', line_notes: '{}', created_at: r.at, updated_at: r.at })
    .onConflict((oc) => oc.columns(['office_id', 'month']).doNothing())
    .execute();
  const row = await reportOf(db, r.office_id, r.month);
  if (!row) throw new Error('business_report row missing after insert');
  return row;
}

/** Notes and hand-entered values: written only while the report is in one of `editable` (a draft or returned). */
export async function writeDraft(db: Executor, id: number, editable: string[], set: { hand_values: string; line_notes: string; overall_note: string | null; updated_at: string }): Promise<boolean> {
  const r = await db.updateTable('business_report').set(set).where('id', '=', id).where('state', 'in', editable).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A state change, only from the state the caller saw: the affected-row count says who won a race. */
export async function moveReport(db: Executor, id: number, from: string, set: Partial<Omit<ReportRow, 'id'>> & { state: string; updated_at: string }): Promise<boolean> {
  const r = await db.updateTable('business_report').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, e: Omit<EventRow, 'id'>): Promise<void> {
  await db.insertInto('business_report_event').values(e).execute();
}

export async function eventsOf(db: Executor, reportId: number): Promise<EventRow[]> {
  return db.selectFrom('business_report_event').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

/** Reports waiting for the county's decision, newest month first. */
export async function submittedIn(db: Executor, countyId: number): Promise<{ month: string; n: number }[]> {
  const rows = await db
    .selectFrom('business_report')
    .select(['month', (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_id', '=', countyId)
    .where('state', '=', 'submitted')
    .groupBy('month')
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}
