import type { Executor } from '../../../db/index.js';

const KINDS = ['addresses', 'boundaries'] as const;

/** The county's imported register and boundary files, newest first (without their content). */
export function listFiles(db: Executor, countyId: number, limit = 50) {
  return db
    .selectFrom('stat_file')
    .select(['id', 'kind', 'filename', 'rows', 'imported_at', 'source', 'replaced_by'])
    .where('county_id', '=', countyId)
    .where('kind', 'in', KINDS)
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** One of the county's register or boundary files, with its bytes. */
export function fileWithContent(db: Executor, countyId: number, id: number) {
  return db
    .selectFrom('stat_file')
    .select(['filename', 'format', 'content', 'encoding'])
    .where('id', '=', id)
    .where('county_id', '=', countyId)
    .where('kind', 'in', KINDS)
    .executeTakeFirst();
}

export type FileRow = Awaited<ReturnType<typeof listFiles>>[number];
