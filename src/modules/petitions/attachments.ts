import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Attachment } from './intake.js';

export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** What we accept, judged by the bytes (not the name or the browser's word). */
export const ALLOWED_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export interface MultipartForm {
  fields: Record<string, string | string[]>;
  files: Attachment[];
  /** field → catalog key, for files refused */
  fileError: string | null;
}

/**
 * Reads a multipart form: fields as a plain object (lists for repeated
 * names) and files checked for count, size and real type. A refused file
 * makes the whole form come back with the message beside the file field.
 */
export async function readMultipart(req: FastifyRequest): Promise<MultipartForm> {
  const fields: Record<string, string | string[]> = {};
  const files: Attachment[] = [];
  let fileError: string | null = null;
  for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 1, fields: 40 } })) {
    if (part.type === 'field') {
      const v = String(part.value ?? '');
      const prev = fields[part.fieldname];
      fields[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      continue;
    }
    const bytes = await part.toBuffer().catch(() => null);
    if (!part.filename && (!bytes || bytes.length === 0)) continue; // an empty file input
    if (files.length >= MAX_FILES) fileError = 'petitions.err.fileCount';
    else if (part.file.truncated || !bytes) fileError = 'petitions.err.fileSize';
    else {
      const type = await fileTypeFromBuffer(bytes);
      if (!type || !ALLOWED_TYPES[type.mime]) fileError = 'petitions.err.fileType';
      else files.push({ filename: part.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120) || `file.${type.ext}`, mime: type.mime, bytes });
    }
  }
  return { fields, files, fileError };
}
