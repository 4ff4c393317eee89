import type { Executor } from '../../db/index.js';

/**
 * Evidence files (佐證資料): attached to a hand-entered value, an award, a
 * self-evaluation line. Stored in the database like petition attachments so
 * a backup holds everything; read back only through a page that checked the
 * person may read the plan's office.
 */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.text'] as const;
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export interface EvidenceFile {
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

export async function saveEvidence(db: Executor, owner: { countyId: number; officeId: number | null }, f: EvidenceFile, by: number | null, now: Date): Promise<number> {
  const r = await db
    .insertInto('plan_file')
    .values({ county_id: owner.countyId, office_id: owner.officeId, filename: f.filename, mime: f.mime, size: f.bytes.length, content: f.bytes, uploaded_by: by, uploaded_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function evidenceMeta(db: Executor, id: number) {
  return db.selectFrom('plan_file').select(['id', 'county_id', 'office_id', 'filename', 'mime', 'size', 'uploaded_at']).where('id', '=', id).executeTakeFirst();
}

export async function evidenceContent(db: Executor, id: number) {
  return db.selectFrom('plan_file').select(['filename', 'mime', 'content', 'county_id', 'office_id']).where('id', '=', id).executeTakeFirst();
}
