import type { Executor } from '../../../db/index.js';
import type { BirthBundleTable, FollowupItemTable } from '../../../db/schema.js';

export type ItemRow = Omit<FollowupItemTable, 'id'> & { id: number };
export type BundleRow = Omit<BirthBundleTable, 'id'> & { id: number };
export type BundleStatus = BundleRow['status'];

/** The county's list (officeId null) or one office's own, in order. */
export async function itemsOf(db: Executor, guideCode: string, officeId: number | null): Promise<ItemRow[]> {
  return db
    .selectFrom('followup_item')
    .selectAll()
    .where('guide_code', '=', guideCode)
    .where((eb) => (officeId === null ? eb('office_id', 'is', null) : eb('office_id', '=', officeId)))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function itemById(db: Executor, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('followup_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many items each list has: one row per guide and owner (office_id null = the county). */
export async function itemCounts(db: Executor, guideCodes: string[]): Promise<{ guide_code: string; office_id: number | null; n: number }[]> {
  if (guideCodes.length === 0) return [];
  const rows = await db
    .selectFrom('followup_item')
    .select(['guide_code', 'office_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('guide_code', 'in', guideCodes)
    .groupBy(['guide_code', 'office_id'])
    .execute();
  // PostgreSQL returns count(*) as a string
  return rows.map((r) => ({ guide_code: r.guide_code, office_id: r.office_id, n: Number(r.n) }));
}

export async function insertItem(db: Executor, row: Omit<ItemRow, 'id'>): Promise<number> {
  return (await db.insertInto('followup_item').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateItem(db: Executor, id: number, set: Partial<Omit<ItemRow, 'id' | 'guide_code' | 'office_id'>>): Promise<void> {
  await db.updateTable('followup_item').set(set).where('id', '=', id).execute();
}

export async function deleteItem(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('followup_item').where('id', '=', id).execute();
}

// ---- the citizen's lists ----------------------------------------------------

export async function listByCode(db: Executor, code: string) {
  return db.selectFrom('followup_list').selectAll().where('code', '=', code).executeTakeFirst();
}

// ---- bundled birth applications ----------------------------------------------

export async function bundlesOfCase(db: Executor, caseId: number): Promise<BundleRow[]> {
  return db.selectFrom('birth_bundle').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function bundlesOfOffice(db: Executor, officeId: number, status: BundleStatus | null): Promise<BundleRow[]> {
  let q = db.selectFrom('birth_bundle').selectAll().where('office_id', '=', officeId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export async function bundleById(db: Executor, id: number): Promise<BundleRow | undefined> {
  return db.selectFrom('birth_bundle').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records an application once per case and kind: a second click (or a second clerk) changes nothing. */
export async function insertBundle(db: Executor, row: Omit<BundleRow, 'id'>): Promise<boolean> {
  const r = await db
    .insertInto('birth_bundle')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Moves an application from one of `from` to a new status in one
 * conditional UPDATE: two clerks acting at once cannot both move it, and a
 * status the rules do not allow from the current one changes no row.
 */
export async function moveBundle(
  db: Executor,
  id: number,
  from: BundleStatus[],
  set: { status: BundleStatus; handed_over_on?: string | null; handover_doc?: string | null; note?: string; updated_by: number; updated_at: string },
): Promise<boolean> {
  const r = await db.updateTable('birth_bundle').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Open applications of an office (not yet handed over, or sent back), for the staff home. */
export async function openBundleCounts(db: Executor, officeId: number): Promise<{ received: number; returned: number }> {
  const rows = await db
    .selectFrom('birth_bundle')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('office_id', '=', officeId)
    .where('status', 'in', ['received', 'returned'])
    .groupBy('status')
    .execute();
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { received: of('received'), returned: of('returned') };
}
