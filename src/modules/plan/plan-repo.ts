// The plan's own rows for the core pages: items, measures, hand-entered values, revisions. SQL only.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { PlanHandValueTable, PlanItemTable, PlanMeasureTable, PlanRevisionTable, PlanTable } from '../../db/schema.js';

export type PlanRow = Selectable<PlanTable>;
export type ItemRow = Selectable<PlanItemTable>;
export type MeasureRow = Selectable<PlanMeasureTable>;
export type HandRow = Selectable<PlanHandValueTable>;
export type RevisionRow = Selectable<PlanRevisionTable>;

/** Plans of these offices, and the county plans of these counties, for one year. */
export async function plansOfYear(db: Executor, officeIds: number[], countyIds: number[], year: number): Promise<PlanRow[]> {
  if (officeIds.length === 0 && countyIds.length === 0) return [];
  return db
    .selectFrom('plan')
    .selectAll()
    .where('year', '=', year)
    .where((eb) =>
      eb.or([
        ...(officeIds.length ? [eb('office_id', 'in', officeIds)] : []),
        ...(countyIds.length ? [eb.and([eb('office_id', 'is', null), eb('county_id', 'in', countyIds)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** The years these offices and counties have plans for (for the year picker). */
export async function planYears(db: Executor, officeIds: number[], countyIds: number[]): Promise<number[]> {
  if (officeIds.length === 0 && countyIds.length === 0) return [];
  const rows = await db
    .selectFrom('plan')
    .select('year')
    .distinct()
    .where((eb) =>
      eb.or([
        ...(officeIds.length ? [eb('office_id', 'in', officeIds)] : []),
        ...(countyIds.length ? [eb.and([eb('office_id', 'is', null), eb('county_id', 'in', countyIds)])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.year);
}

/** The next revision number, taken under the row's lock: two saves at once get two numbers, never the same one. */
/** The county's offices that serve the public, in their order: the columns of the county plan's figures. */
export async function openOfficesOfCounty(db: Executor, countyId: number) {
  return db.selectFrom('office').select(['id', 'code', 'county_id', 'name_zh', 'name_en']).where('county_id', '=', countyId).where('active', '=', 1).orderBy('id').execute();
}

export async function bumpRevision(db: Executor, planId: number, at: string): Promise<number> {
  const r = await db.updateTable('plan').set((eb) => ({ revision: eb('revision', '+', 1), updated_at: at })).where('id', '=', planId).returning('revision').executeTakeFirstOrThrow();
  return r.revision;
}

export async function updatePlan(db: Executor, planId: number, set: Updateable<PlanTable>, fromState?: string): Promise<boolean> {
  let q = db.updateTable('plan').set(set).where('id', '=', planId);
  if (fromState) q = q.where('state', '=', fromState);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function itemOf(db: Executor, planId: number, itemId: number): Promise<ItemRow | undefined> {
  return db.selectFrom('plan_item').selectAll().where('plan_id', '=', planId).where('id', '=', itemId).executeTakeFirst();
}

/** The items under one parent (null: top level), in order. */
export async function siblings(db: Executor, planId: number, parentId: number | null): Promise<ItemRow[]> {
  let q = db.selectFrom('plan_item').selectAll().where('plan_id', '=', planId);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.orderBy('position').orderBy('id').execute();
}

export async function insertItem(db: Executor, row: Insertable<PlanItemTable>): Promise<number> {
  return (await db.insertInto('plan_item').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateItem(db: Executor, itemId: number, set: Updateable<PlanItemTable>): Promise<void> {
  await db.updateTable('plan_item').set(set).where('id', '=', itemId).execute();
}

export async function deleteItem(db: Executor, itemId: number): Promise<void> {
  await db.deleteFrom('plan_measure').where('item_id', '=', itemId).execute();
  await db.deleteFrom('plan_item').where('id', '=', itemId).execute();
}

export async function childCount(db: Executor, itemId: number): Promise<number> {
  const r = await db.selectFrom('plan_item').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', itemId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Rows elsewhere in the module that name this item (review actions, proposals, self-evaluation scores): it must stay. */
export async function itemReferences(db: Executor, itemId: number): Promise<number> {
  const [a, p, s] = await Promise.all([
    db.selectFrom('plan_action').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', itemId).executeTakeFirst(),
    db.selectFrom('plan_proposal').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_item_id', '=', itemId).executeTakeFirst(),
    db.selectFrom('plan_item_score').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', itemId).executeTakeFirst(),
  ]);
  return Number(a?.n ?? 0) + Number(p?.n ?? 0) + Number(s?.n ?? 0);
}

export async function measureOf(db: Executor, planId: number, measureId: number): Promise<MeasureRow | undefined> {
  return db.selectFrom('plan_measure').selectAll().where('plan_id', '=', planId).where('id', '=', measureId).executeTakeFirst();
}

export async function measuresOfItem(db: Executor, itemId: number): Promise<MeasureRow[]> {
  return db.selectFrom('plan_measure').selectAll().where('item_id', '=', itemId).orderBy('position').orderBy('id').execute();
}

export async function insertMeasure(db: Executor, row: Insertable<PlanMeasureTable>): Promise<number> {
  return (await db.insertInto('plan_measure').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMeasure(db: Executor, measureId: number, set: Updateable<PlanMeasureTable>): Promise<void> {
  await db.updateTable('plan_measure').set(set).where('id', '=', measureId).execute();
}

export async function deleteMeasure(db: Executor, measureId: number): Promise<void> {
  await db.deleteFrom('plan_measure').where('id', '=', measureId).execute();
}

/** How many hand-entered values these measures hold. */
export async function handCount(db: Executor, measureIds: number[]): Promise<number> {
  if (measureIds.length === 0) return 0;
  const r = await db.selectFrom('plan_hand_value').select((eb) => eb.fn.countAll<number>().as('n')).where('measure_id', 'in', measureIds).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function handValues(db: Executor, measureId: number): Promise<(HandRow & { filename: string | null })[]> {
  return db
    .selectFrom('plan_hand_value')
    .leftJoin('plan_file', 'plan_file.id', 'plan_hand_value.file_id')
    .selectAll('plan_hand_value')
    .select('plan_file.filename')
    .where('measure_id', '=', measureId)
    .orderBy('month', 'desc')
    .execute();
}

export async function handValueOf(db: Executor, measureId: number, month: string): Promise<HandRow | undefined> {
  return db.selectFrom('plan_hand_value').selectAll().where('measure_id', '=', measureId).where('month', '=', month).executeTakeFirst();
}

/** A month's value: written, or replaced when the month has one (one value per measure and month). */
export async function putHandValue(db: Executor, row: Insertable<PlanHandValueTable>): Promise<void> {
  const { measure_id: _m, month: _mo, ...set } = row;
  await db
    .insertInto('plan_hand_value')
    .values(row)
    .onConflict((oc) => oc.columns(['measure_id', 'month']).doUpdateSet(set))
    .execute();
}

export async function revisionsOf(db: Executor, planId: number): Promise<Omit<RevisionRow, 'snapshot'>[]> {
  return db.selectFrom('plan_revision').select(['id', 'plan_id', 'revision', 'at', 'staff_id', 'staff_name', 'reason']).where('plan_id', '=', planId).orderBy('revision', 'desc').execute();
}

export async function revisionOf(db: Executor, planId: number, revision: number): Promise<RevisionRow | undefined> {
  return db.selectFrom('plan_revision').selectAll().where('plan_id', '=', planId).where('revision', '=', revision).executeTakeFirst();
}
