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
  // a plain form post (a script, an old browser) still gets its answers checked, with no files
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, string | string[]>, files: [], fileError: null };
  const fields: Record<string, string | string[]> = {};
  const files: Attachment[] = [];
  let fileError: string | null = null;
  try {
    await readParts(req, fields, files, (key) => {
      fileError = key;
    });
  } catch (err) {
    // the body ended early or broke a limit the parser enforces itself
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') fileError = 'petitions.err.fileSize';
    else if (code === 'FST_FILES_LIMIT') fileError = 'petitions.err.fileCount';
    else throw err;
  }
  return { fields, files, fileError };
}

async function readParts(req: FastifyRequest, fields: MultipartForm['fields'], files: Attachment[], refuse: (key: string) => void) {
  for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES + 1, fields: 40 } })) {
    if (part.type === 'field') {
      const v = String(part.value ?? '');
      const prev = fields[part.fieldname];
      fields[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      continue;
    }
    const bytes = await part.toBuffer().catch((err: { code?: string }) => {
      if (err.code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
      return null;
    });
    if (!part.filename && (!bytes || bytes.length === 0)) continue; // an empty file input
    if (files.length >= MAX_FILES) refuse('petitions.err.fileCount');
    else if (part.file.truncated || !bytes) refuse('petitions.err.fileSize');
    else {
      const type = await fileTypeFromBuffer(bytes);
      if (!type || !ALLOWED_TYPES[type.mime]) refuse('petitions.err.fileType');
      else files.push({ filename: part.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120) || `file.${type.ext}`, mime: type.mime, bytes });
    }
  }
}
