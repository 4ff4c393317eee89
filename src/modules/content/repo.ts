import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/index.js';
import { dropCached } from '../../platform/cache.js';
import type { ContentItemTable } from '../../db/schema.js';

const LISTED = ['id', 'office_id', 'kind', 'category', 'audience', 'status', 'publish_from', 'publish_until', 'marquee', 'guide_code', 'opengov_category', 'owner', 'review_on', 'file_name', 'file_mime', 'file_size', 'helpful_yes', 'helpful_no', 'updated_at', 'created_at'] as const;

/** Items marked published (the publishing window is checked by the caller), without file bytes. */
export function publishedItems(db: Executor, kind: string | null, officeId: number | null) {
  let q = db.selectFrom('content_item').select(LISTED).where('status', '=', 'published');
  if (kind) q = q.where('kind', '=', kind);
  if (officeId !== null) q = q.where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]));
  return q.execute();
}

/** A kind's items for the editors' list: the county's and these offices', latest edited first. */
export function itemsForEditors(db: Executor, kind: string, officeIds: number[]) {
  return db
    .selectFrom('content_item')
    .select(LISTED)
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', 'in', officeIds.length ? officeIds : [0])]))
    .orderBy('updated_at', 'desc')
    .limit(300)
    .execute();
}

/** Items of any kind whose review date has passed: the editors' home counts them. */
export async function reviewsDue(db: Executor, day: string): Promise<number> {
  const r = await db.selectFrom('content_item').select((eb) => eb.fn.countAll<number>().as('n')).where('review_on', '<', day).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The overdue items themselves (the county's and these offices', or every one), oldest review date first. */
export function reviewsOverdue(db: Executor, day: string, officeIds: number[] | null) {
  let q = db.selectFrom('content_item').select(['id', 'kind', 'office_id', 'review_on', 'owner', 'status']).where('review_on', '<', day);
  if (officeIds) q = q.where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', 'in', officeIds.length ? officeIds : [0])]));
  return q.orderBy('review_on').orderBy('id').limit(300).execute();
}

export function itemById(db: Executor, id: number) {
  return db.selectFrom('content_item').select(LISTED).where('id', '=', id).executeTakeFirst();
}

export function fileOf(db: Executor, id: number) {
  return db.selectFrom('content_item').select(['file', 'file_mime', 'file_name']).where('id', '=', id).executeTakeFirst();
}

// Each writer drops the cached published lists at once (this process); the staff routes announce after commit (every process).
export async function insertItem(db: Executor, row: Insertable<ContentItemTable>): Promise<number> {
  dropCached('content');
  return (await db.insertInto('content_item').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateItem(db: Executor, id: number, set: Updateable<ContentItemTable>) {
  dropCached('content');
  await db.updateTable('content_item').set(set).where('id', '=', id).execute();
}

export async function countHelpful(db: Executor, id: number, yes: boolean) {
  dropCached('content');
  await db
    .updateTable('content_item')
    .set((eb) => (yes ? { helpful_yes: eb('helpful_yes', '+', 1) } : { helpful_no: eb('helpful_no', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The day's row of answers for an item: one more yes or no. */
export async function countHelpfulOnDay(db: Executor, id: number, day: string, yes: boolean) {
  await db
    .insertInto('content_feedback')
    .values({ item_id: id, day, yes: yes ? 1 : 0, no: yes ? 0 : 1 })
    .onConflict((oc) => oc.columns(['item_id', 'day']).doUpdateSet((eb) => (yes ? { yes: eb('content_feedback.yes', '+', 1) } : { no: eb('content_feedback.no', '+', 1) })))
    .execute();
}

export function textsOf(db: Executor, itemIds: number[], locale?: string) {
  if (itemIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('content_text').selectAll().where('item_id', 'in', itemIds);
  if (locale) q = q.where('locale', '=', locale);
  return q.execute();
}

/** Keeps a text and its revision: an unchanged text is not saved again. Returns whether it changed. */
export async function saveText(db: Executor, itemId: number, t: { locale: string; title: string; body: string }, revision: { status: string; at: string; by: number }): Promise<boolean> {
  dropCached('content');
  const existing = await db.selectFrom('content_text').select(['id', 'title', 'body']).where('item_id', '=', itemId).where('locale', '=', t.locale).executeTakeFirst();
  if (existing && existing.title === t.title && existing.body === t.body) return false;
  if (existing) await db.updateTable('content_text').set({ title: t.title, body: t.body }).where('id', '=', existing.id).execute();
  else await db.insertInto('content_text').values({ item_id: itemId, locale: t.locale, title: t.title, body: t.body }).execute();
  await db.insertInto('content_revision').values({ item_id: itemId, locale: t.locale, title: t.title, body: t.body, status: revision.status, saved_at: revision.at, saved_by: revision.by }).execute();
  return true;
}

export function revisionsOf(db: Executor, itemId: number) {
  return db.selectFrom('content_revision').select(['saved_at', 'locale', 'title', 'status', 'saved_by']).where('item_id', '=', itemId).orderBy('saved_at', 'desc').limit(20).execute();
}

export async function synonymLines(db: Executor): Promise<string[]> {
  return (await db.selectFrom('search_synonym').select('terms').orderBy('id').execute()).map((r) => r.terms);
}

export async function replaceSynonyms(db: Executor, lines: string[], at: string) {
  await db.deleteFrom('search_synonym').execute();
  if (lines.length) await db.insertInto('search_synonym').values(lines.map((terms) => ({ terms, updated_at: at }))).execute();
}

export async function logSearch(db: Executor, row: { query: string; locale: string; results: number; at: string }) {
  await db.insertInto('search_log').values(row).execute();
}

/** The most asked searches, those that found something or those that found nothing. */
export async function topSearches(db: Executor, found: boolean, limit: number): Promise<{ query: string; n: number }[]> {
  const rows = await db
    .selectFrom('search_log')
    .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
    .where('results', found ? '>' : '=', 0)
    .groupBy('query')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, n: Number(r.n) }));
}
