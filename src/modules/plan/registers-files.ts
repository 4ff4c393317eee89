import type { Executor } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { mayReadPlan } from './access.js';
import { evidenceContent } from './files.js';

/**
 * Evidence files come back only to someone who may read the plan of the
 * file's office (or, for a county file, the county's plan); to anyone else
 * the file is not there (404), so an id says nothing about what exists.
 */
export async function evidenceFor(db: Executor, staff: StaffPrincipal, id: number): Promise<{ filename: string; mime: string; bytes: Buffer }> {
  const row = await evidenceContent(db, id);
  if (!row || !mayReadPlan(staff, { countyId: row.county_id, officeId: row.office_id })) throw new AppError('not_found', 'error.notFound.title');
  return { filename: row.filename, mime: row.mime, bytes: Buffer.from(row.content) };
}

/** RFC 5987 ext-value: UTF-8, percent-encoded beyond attr-char (encodeURIComponent leaves ' ( ) * which attr-char does not allow). */
export const rfc5987 = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** attachment, with a plain ASCII name for old clients and the real (Chinese) name as filename* (RFC 6266). */
export function attachmentHeader(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const fallback = /^[_\s.]*$/.test(ascii.slice(0, dot > 0 ? dot : undefined)) ? `evidence${ext}` : ascii;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}
