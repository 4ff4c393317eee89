import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../../db/index.js';
import type { NotifyRecipientTable } from '../../../db/schema.js';

export type RecipientRow = Selectable<NotifyRecipientTable>;

export function recipientsOfCounty(db: Executor, countyId: number): Promise<RecipientRow[]> {
  return db.selectFrom('notify_recipient').selectAll().where('county_id', '=', countyId).orderBy('id').execute();
}

export function activeRecipientsOfCounty(db: Executor, countyId: number): Promise<RecipientRow[]> {
  return db.selectFrom('notify_recipient').selectAll().where('county_id', '=', countyId).where('active', '=', 1).orderBy('id').execute();
}

export function recipientRow(db: Executor, id: number): Promise<RecipientRow | undefined> {
  return db.selectFrom('notify_recipient').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function codeTaken(db: Executor, countyId: number, code: string): Promise<boolean> {
  const r = await db.selectFrom('notify_recipient').select('id').where('county_id', '=', countyId).where('code', '=', code).executeTakeFirst();
  return r !== undefined;
}

export async function insertRecipient(db: Executor, row: Insertable<NotifyRecipientTable>): Promise<number> {
  const r = await db.insertInto('notify_recipient').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRecipient(db: Executor, id: number, set: Updateable<NotifyRecipientTable>): Promise<void> {
  await db.updateTable('notify_recipient').set(set).where('id', '=', id).execute();
}
