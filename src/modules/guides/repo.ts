import type { Executor } from '../../db/index.js';
import type { ServiceGuideTable } from '../../db/schema.js';

export type GuideRow = Omit<ServiceGuideTable, 'id'> & { id: number };

export async function listGuides(db: Executor): Promise<GuideRow[]> {
  return db.selectFrom('service_guide').selectAll().orderBy('sort').orderBy('id').execute();
}

export async function guideByCode(db: Executor, code: string): Promise<GuideRow | undefined> {
  return db.selectFrom('service_guide').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertGuide(db: Executor, row: Omit<GuideRow, 'id'>): Promise<void> {
  await db.insertInto('service_guide').values(row).execute();
}

export async function updateGuide(db: Executor, code: string, set: Partial<Omit<GuideRow, 'id' | 'code'>>): Promise<void> {
  await db.updateTable('service_guide').set(set).where('code', '=', code).execute();
}
