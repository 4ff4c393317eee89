import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, isAppError } from '../errors.js';
import { BODY_LIMIT, refusedField, refuseField, stripControls } from './input-guard.js';

export interface UploadedFile {
  filename: string;
  mime: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
  /** why a file was refused: too many, too big, or not an accepted type (judged by its bytes) */
  fileError: 'count' | 'size' | 'type' | null;
}

/**
 * Reads a multipart form: fields as a plain object (lists for repeated
 * names) and files checked for count, size and real type (file-type reads
 * the bytes; the name and the browser's word are not trusted). A plain
 * urlencoded post comes back with its fields and no files.
 *
 * The body as a whole may be at most every file at its limit plus
 * BODY_LIMIT of fields (413 beyond); a field longer than BODY_LIMIT is 413
 * too, never silently cut. Fields are held to the same character rules as
 * every other form (input-guard.ts: 422 naming the field). A body the
 * parser cannot read is 400. The boundary was checked at the edge.
 */
export async function readMultipart(req: FastifyRequest, opts: { maxFiles: number; maxBytes: number; allowed: readonly string[] }): Promise<MultipartForm> {
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, string | string[]>, files: [], fileError: null };
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > (opts.maxFiles + 1) * opts.maxBytes + BODY_LIMIT) throw new AppError('payload_too_large', 'error.tooLarge.body');
  const form: MultipartForm = { fields: {}, files: [], fileError: null };
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, files: opts.maxFiles + 1, fields: 60, fieldSize: BODY_LIMIT } })) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('payload_too_large', 'error.tooLarge.body');
        const v = String(part.value ?? '');
        const prev = form.fields[part.fieldname];
        form.fields[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
        continue;
      }
      const bytes = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
        return null;
      });
      if (!part.filename && (!bytes || bytes.length === 0)) continue; // an empty file input
      if (form.files.length >= opts.maxFiles) form.fileError = 'count';
      else if (part.file.truncated || !bytes) form.fileError = 'size';
      else {
        const type = await fileTypeFromBuffer(bytes);
        if (!type || !opts.allowed.includes(type.mime)) form.fileError = 'type';
        else form.files.push({ filename: stripControls(part.filename).replace(/[\\/"\r\n\t]/g, '_').slice(0, 120) || `file.${type.ext}`, mime: type.mime, bytes });
      }
    }
  } catch (err) {
    // the body broke a limit the parser enforces itself
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') form.fileError = 'size';
    else if (code === 'FST_FILES_LIMIT') form.fileError = 'count';
    else if (isAppError(err)) throw err;
    else if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('payload_too_large', 'error.tooLarge.body', { cause: err });
    // busboy's own complaints (a part without headers, a body that ends mid-part) are the sender's fault
    else throw new AppError('bad_request', 'err.malformedBody', { cause: err });
  }
  const refused = refusedField(form.fields, { decodedLossily: true });
  if (refused) throw refuseField(refused);
  return form;
}
