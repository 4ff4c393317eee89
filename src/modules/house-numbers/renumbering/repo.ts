import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../../db/index.js';
import type { RenumberingItemTable, RenumberingTable } from '../../../db/schema.js';

export type NoticeRow = Selectable<RenumberingTable>;
export type ItemRow = Selectable<RenumberingItemTable>;
export type NoticeState = NoticeRow['state'];

/** Rows per statement: well under SQLite's variable limit and PostgreSQL's 65k parameters. */
const BATCH = 500;
const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));

export async function noticesOfOffice(db: Executor, officeId: number, states: readonly NoticeState[]): Promise<(NoticeRow & { items: number })[]> {
  const rows = await db
    .selectFrom('renumbering as r')
    .leftJoin('renumbering_item as i', 'i.renumbering_id', 'r.id')
    .selectAll('r')
    .select((eb) => eb.fn.count<number>('i.old_key').as('items'))
    .where('r.office_id', '=', officeId)
    .where('r.state', 'in', [...states])
    .groupBy('r.id')
    .orderBy('r.effective_on', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, items: Number(r.items) }));
}

export function noticeRow(db: Executor, id: number): Promise<NoticeRow | undefined> {
  return db.selectFrom('renumbering').selectAll().where('id', '=', id).executeTakeFirst();
}

export function itemsOf(db: Executor, id: number): Promise<ItemRow[]> {
  // no order here: the service sorts them the way house numbers read (2號 before 10號)
  return db.selectFrom('renumbering_item').selectAll().where('renumbering_id', '=', id).execute();
}

export async function insertNotice(db: Executor, row: Insertable<RenumberingTable>): Promise<number> {
  const r = await db.insertInto('renumbering').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateNotice(db: Executor, id: number, set: Updateable<RenumberingTable>): Promise<void> {
  await db.updateTable('renumbering').set(set).where('id', '=', id).execute();
}

/** Moves a notice from one state to the next; false when it was not in `from` any more (someone else moved it first). */
export async function moveState(db: Executor, id: number, from: NoticeState, set: Updateable<RenumberingTable>): Promise<boolean> {
  const r = await db.updateTable('renumbering').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceItems(db: Executor, id: number, items: Omit<Insertable<RenumberingItemTable>, 'renumbering_id'>[]): Promise<void> {
  await db.deleteFrom('renumbering_item').where('renumbering_id', '=', id).execute();
  for (const part of chunks(items)) await db.insertInto('renumbering_item').values(part.map((i) => ({ ...i, renumbering_id: id }))).execute();
}

/** The current points of the county with these match keys (the lowest floor's, when floors have points of their own). */
export async function currentPointsByKey(db: Executor, countyId: number, keys: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('addr_point')
      .select(['id', 'match_key'])
      .where('county_id', '=', countyId)
      .where('state', '=', 'current')
      .where('match_key', 'in', part)
      .orderBy('floor')
      .orderBy('id')
      .execute();
    for (const r of rows) if (!found.has(r.match_key)) found.set(r.match_key, r.id);
  }
  return found;
}

export interface SectionRow {
  road: string;
  section: string;
  lane: string;
  alley: string;
  number: string;
  number_sub: string;
  state: 'current' | 'retired';
}

/**
 * The sections the county's points have on these roads with these numbers
 * (any lane, alley, 之 and state: the caller picks), for numbers written
 * without their 段. One query a batch of roads, not one a line.
 */
export async function sectionsOnRoads(db: Executor, countyId: number, roads: readonly string[], numbers: readonly string[]): Promise<SectionRow[]> {
  const out: SectionRow[] = [];
  const nums = [...new Set(numbers)];
  if (nums.length === 0) return out;
  for (const part of chunks([...new Set(roads)])) {
    for (const numPart of chunks(nums)) {
      const rows = await db
        .selectFrom('addr_point')
        .select(['road', 'section', 'lane', 'alley', 'number', 'number_sub', 'state'])
        .distinct()
        .where('county_id', '=', countyId)
        .where('road', 'in', part)
        .where('number', 'in', numPart)
        .execute();
      out.push(...rows);
    }
  }
  return out;
}

/** The published notices whose list names any of these keys as an old number. */
export async function publishedItemsForKeys(db: Executor, keys: readonly string[]) {
  const out = [];
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('renumbering_item as i')
      .innerJoin('renumbering as r', 'r.id', 'i.renumbering_id')
      .innerJoin('office as o', 'o.id', 'r.office_id')
      .select(['r.id', 'o.code as office_code', 'r.title', 'r.effective_on', 'r.doc_no', 'i.old_key', 'i.old_label', 'i.new_label', 'i.new_point_id'])
      .where('r.state', '=', 'published')
      .where('i.old_key', 'in', part)
      .orderBy('r.effective_on', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
    out.push(...rows);
  }
  return out;
}
