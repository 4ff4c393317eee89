import type { FastifyRequest } from 'fastify';
import { readMultipart as readForm } from '../../platform/http/multipart.js';
import type { Attachment } from './intake.js';

export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** What we accept, judged by the bytes (not the name or the browser's word). */
export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const KEYS = { count: 'petitions.err.fileCount', size: 'petitions.err.fileSize', type: 'petitions.err.fileType' } as const;

/** The mailbox form with its attachments; a refused file comes back as the message beside the file field. */
export async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string | string[]>; files: Attachment[]; fileError: string | null }> {
  const form = await readForm(req, { maxFiles: MAX_FILES, maxBytes: MAX_FILE_BYTES, allowed: ALLOWED_TYPES });
  return { fields: form.fields, files: form.files, fileError: form.fileError ? KEYS[form.fileError] : null };
}
