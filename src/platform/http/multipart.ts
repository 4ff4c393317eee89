import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';

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
 */
export async function readMultipart(req: FastifyRequest, opts: { maxFiles: number; maxBytes: number; allowed: readonly string[] }): Promise<MultipartForm> {
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, string | string[]>, files: [], fileError: null };
  const form: MultipartForm = { fields: {}, files: [], fileError: null };
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, files: opts.maxFiles + 1, fields: 60 } })) {
      if (part.type === 'field') {
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
        else form.files.push({ filename: part.filename.replace(/[\\/\r\n"]/g, '_').slice(0, 120) || `file.${type.ext}`, mime: type.mime, bytes });
      }
    }
  } catch (err) {
    // the body broke a limit the parser enforces itself
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') form.fileError = 'size';
    else if (code === 'FST_FILES_LIMIT') form.fileError = 'count';
    else throw err;
  }
  return form;
}
