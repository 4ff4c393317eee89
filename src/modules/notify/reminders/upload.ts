import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../platform/errors.js';
import { BODY_LIMIT, refusedField, refuseField } from '../../../platform/http/input-guard.js';
import { MAX_CSV_BYTES } from './csv.js';

export interface CsvUpload {
  fields: Record<string, string>;
  bytes: Buffer | null;
  error: 'size' | 'count' | 'type' | null;
}

/**
 * The import form: its few fields and one CSV file. platform/http/multipart's
 * readMultipart judges a file by its magic bytes, and a CSV has none (every
 * text file would be refused as 'type'), so the file is read here under the
 * same limits and field rules; a text file is one without NUL bytes, and
 * csv.ts then insists on UTF-8.
 */
export async function readCsvUpload(req: FastifyRequest): Promise<CsvUpload> {
  if (!req.isMultipart()) return { fields: stringFields(req.body), bytes: null, error: null };
  if (Number(req.headers['content-length'] ?? 0) > 2 * MAX_CSV_BYTES + BODY_LIMIT) throw new AppError('payload_too_large', 'error.tooLarge.body');
  const out: CsvUpload = { fields: {}, bytes: null, error: null };
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_CSV_BYTES, files: 2, fields: 10, fieldSize: BODY_LIMIT } })) {
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
      if (out.bytes) out.error = 'count';
      else if (part.file.truncated || !bytes) out.error = 'size';
      else if (bytes.includes(0)) out.error = 'type';
      else out.bytes = bytes;
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
