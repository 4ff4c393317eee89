import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors.js';
import { BODY_LIMIT, refusedField, refuseField, stripControls } from './input-guard.js';

export interface TextUpload {
  fields: Record<string, string>;
  file: { filename: string; bytes: Buffer } | null;
  error: 'size' | 'count' | 'type' | null;
}

/**
 * An import form: its few fields and one text file (CSV or JSON).
 * multipart.ts's readMultipart judges a file by its magic bytes, and text
 * has none (every CSV would be refused as 'type'), so a text file is read
 * here under the same rules: a size limit, one file, fields held to the
 * input guard, and a text file is one without NUL bytes; the importer then
 * reads what it says (its encoding, its rows).
 */
export async function readTextUpload(req: FastifyRequest, maxBytes: number): Promise<TextUpload> {
  if (!req.isMultipart()) return { fields: stringFields(req.body), file: null, error: null };
  if (Number(req.headers['content-length'] ?? 0) > 2 * maxBytes + BODY_LIMIT) throw new AppError('payload_too_large', 'error.tooLarge.body');
  const out: TextUpload = { fields: {}, file: null, error: null };
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 2, fields: 10, fieldSize: BODY_LIMIT } })) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('payload_too_large', 'error.tooLarge.body');
        out.fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      const bytes = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
        return null;
      });
      if (!part.filename && (!bytes || bytes.length === 0)) continue; // the file input left empty
      if (out.file) out.error = 'count';
      else if (part.file.truncated || !bytes) out.error = 'size';
      else if (bytes.includes(0)) out.error = 'type';
      else out.file = { filename: stripControls(part.filename).replace(/[\\/"\r\n\t]/g, '_').slice(0, 120) || 'upload', bytes };
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') out.error = 'size';
    else if (code === 'FST_FILES_LIMIT') out.error = 'count';
    else if (isAppError(err)) throw err;
    else if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('payload_too_large', 'error.tooLarge.body', { cause: err });
    else throw new AppError('bad_request', 'err.malformedBody', { cause: err });
  }
  const refused = refusedField(out.fields, { decodedLossily: true });
  if (refused) throw refuseField(refused);
  return out;
}

function stringFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}
