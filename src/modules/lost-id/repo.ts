// Lost-ID reports: every SQL statement of the module.
import type { Executor } from '../../db/index.js';
import type { LostIdReportTable } from '../../db/schema.js';

export type LostIdInsert = Omit<LostIdReportTable, 'id'>;

export function activeByIdHash(db: Executor, idHash: string) {
  return db.selectFrom('lost_id_report').selectAll().where('id_hash', '=', idHash).where('status', '=', 'active').executeTakeFirst();
}

export async function insertReport(db: Executor, row: LostIdInsert): Promise<number> {
  const r = await db.insertInto('lost_id_report').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function revokeActive(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('lost_id_report').set({ status: 'revoked', ended_at: at }).where('id', '=', id).where('status', '=', 'active').execute();
}

/** Reports in force at the given offices, newest first. */
export function activeOfOffices(db: Executor, officeIds: number[], limit = 200) {
  if (officeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lost_id_report').selectAll().where('status', '=', 'active').where('office_id', 'in', officeIds).orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function officeOfReport(db: Executor, id: number) {
  return db.selectFrom('lost_id_report').select(['id', 'office_id', 'status']).where('id', '=', id).executeTakeFirst();
}

/** Closes a report in force at one of the given offices; false when there is none. */
export async function closeActive(db: Executor, id: number, officeIds: number[], at: string, by: number): Promise<boolean> {
  if (officeIds.length === 0) return false;
  const r = await db.updateTable('lost_id_report').set({ status: 'closed', ended_at: at, ended_by: by }).where('id', '=', id).where('status', '=', 'active').where('office_id', 'in', officeIds).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Reports made in [start, end), for the roll-up. */
export function reportsMadeBetween(db: Executor, start: string, end: string) {
  return db.selectFrom('lost_id_report').select(['office_id', 'reported_at', 'channel']).where('reported_at', '>=', start).where('reported_at', '<', end).execute();
}

export function reportsMadeSince(db: Executor, since: string) {
  return db.selectFrom('lost_id_report').select(['office_id', 'reported_at']).where('reported_at', '>=', since).execute();
}
