import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.js';

/**
 * One body and input policy for every route, applied at the edge, once:
 *
 * - Accepted bodies: application/x-www-form-urlencoded (every form),
 *   multipart/form-data (forms with files; read by the route through
 *   readMultipart), application/json (API clients). Anything else is 415.
 * - Size: BODY_LIMIT for a form or JSON body (413 above it, decided by
 *   Fastify while reading and mapped to 'payload_too_large'); a multipart
 *   body is bounded by readMultipart from the route's own file limits.
 * - Shape: JSON deeper than MAX_JSON_DEPTH is 400 before it is parsed (a
 *   20,000-deep array parses, then overflows the stack of whatever walks it
 *   — zod coercion, String(), a log serialiser); multipart without a
 *   boundary is 400 before anything reads it.
 * - Characters: a submitted field with a C0 control (NUL and the rest,
 *   except tab, line feed and carriage return) or with bytes that are not
 *   UTF-8 is refused with 422 naming the field (a JSON body that is not
 *   UTF-8 is 400: it has no form to go back to). Refused, not cleaned: the
 *   person typed or pasted something they cannot see, and quietly changing
 *   a password or a name would store something other than what they meant
 *   (and PostgreSQL refuses NUL in text outright). A query string is
 *   cleaned instead: it only chooses what a page shows, nothing from it is
 *   stored as typed, and a shared link must still open its page.
 *   Path parameters with such characters name no page: 404.
 */
export const BODY_LIMIT = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;
/** more fields than any form of ours has, by far */
export const MAX_FORM_FIELDS = 1000;

/** C0 controls other than tab (9), line feed (10) and carriage return (13). */
function isRefusedControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

export function hasRefusedControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isRefusedControl(s.charCodeAt(i))) return true;
  return false;
}

export function stripControls(s: string): string {
  if (!hasRefusedControl(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) if (!isRefusedControl(s.charCodeAt(i))) out += s[i];
  return out;
}

/**
 * The first field of a submitted body whose name or value (at any depth,
 * for JSON) is refused. Iterative: a body is walked without recursion.
 * `decodedLossily`: the parser already turned bytes that were not UTF-8
 * into U+FFFD (multipart, where busboy decodes), so that mark is all that
 * is left of them and is refused too; where we decode the bytes ourselves
 * the bad bytes are caught exactly and a U+FFFD someone sent is text.
 */
export function refusedField(body: unknown, opts: { decodedLossily?: boolean } = {}): FieldError | null {
  const valueProblem = (s: string): string | null => {
    if (hasRefusedControl(s)) return 'err.controlChars';
    if (opts.decodedLossily && s.includes('\uFFFD')) return 'err.encoding';
    return null;
  };
  if (typeof body === 'string') {
    const key = valueProblem(body);
    return key ? { field: '_body', key, params: { field: '_body' } } : null;
  }
  if (!body || typeof body !== 'object') return null;
  for (const [name, top] of Object.entries(body as Record<string, unknown>)) {
    const shown = stripControls(name).replace(/\uFFFD/g, '?');
    const nameKey = valueProblem(name);
    if (nameKey) return { field: shown, key: nameKey, params: { field: shown } };
    const stack: unknown[] = [top];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v === 'string') {
        const key = valueProblem(v);
        if (key) return { field: shown, key, params: { field: shown } };
      } else if (v && typeof v === 'object') {
        for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
          if (valueProblem(k)) return { field: shown, key: valueProblem(k) as string, params: { field: shown } };
          stack.push(inner);
        }
      }
    }
  }
  return null;
}

export function refuseField(fe: FieldError): AppError {
  return new AppError('validation', 'error.validation.body', { fields: [fe] });
}

/**
 * True when JSON text nests arrays/objects deeper than `max`. One pass over
 * the characters, no recursion, strings skipped (a bracket inside a string
 * is not nesting).
 */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const PLUS = 0x2b;
const PERCENT = 0x25;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

// ignoreBOM: a value that starts with U+FEFF keeps it, as typed
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** + is a space, %XX a byte; the bytes are then read as UTF-8, strictly: null when they are not UTF-8. */
function decodeComponent(raw: Buffer, start: number, end: number): string | null {
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = raw[i] as number;
    if (c === PLUS) out[n++] = 0x20;
    else if (c === PERCENT && i + 2 < end && hexValue(raw[i + 1] as number) >= 0 && hexValue(raw[i + 2] as number) >= 0) {
      out[n++] = hexValue(raw[i + 1] as number) * 16 + hexValue(raw[i + 2] as number);
      i += 2;
    } else out[n++] = c; // a lone % is kept as written (browsers always send %25)
  }
  try {
    return UTF8.decode(out.subarray(0, n));
  } catch {
    return null;
  }
}

/** The field a bad name or value belongs to, as it can be shown. */
function shownName(raw: Buffer, start: number, end: number): string {
  return stripControls(raw.subarray(start, end).toString('utf8')).replace(/\uFFFD/g, '?');
}

/**
 * application/x-www-form-urlencoded, read from the raw bytes so that bytes
 * that are not UTF-8 (raw or percent-escaped, e.g. Big5 from an old page)
 * are refused (422 naming the field) instead of arriving as U+FFFD or as a
 * literal "%A4%A4". A repeated
 * name gives a list (checkbox groups). No prototype: a field called
 * __proto__ is only a field.
 */
export function parseUrlEncoded(raw: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  let count = 0;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf(0x26, start);
    if (end === -1) end = raw.length;
    if (end > start) {
      if (++count > MAX_FORM_FIELDS) throw new AppError('payload_too_large', 'error.tooLarge.body');
      let eq = raw.indexOf(0x3d, start);
      if (eq === -1 || eq > end) eq = end;
      const name = decodeComponent(raw, start, eq);
      const value = eq < end ? decodeComponent(raw, eq + 1, end) : '';
      if (name === null || value === null) {
        const field = shownName(raw, start, eq);
        throw refuseField({ field, key: 'err.encoding', params: { field } });
      }
      const prev = out[name];
      out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    start = end + 1;
  }
  return out;
}

function contentType(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '').toLowerCase();
}

/** Registers the body parsers and the checks above; called once by the http plugin (global scope). */
export function registerInputGuard(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      done(new AppError('bad_request', 'err.malformedBody'), undefined);
      return;
    }
    if (jsonTooDeep(text, MAX_JSON_DEPTH)) {
      done(new AppError('bad_request', 'err.jsonDepth', { params: { max: MAX_JSON_DEPTH } }), undefined);
      return;
    }
    defaultJson(req, text, done);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseUrlEncoded(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('onRequest', async (req) => {
    const query = req.query as Record<string, unknown> | undefined;
    if (query && typeof query === 'object') {
      for (const [k, v] of Object.entries(query)) {
        if (typeof v === 'string') query[k] = stripControls(v);
        else if (Array.isArray(v)) query[k] = v.map((x) => (typeof x === 'string' ? stripControls(x) : x));
      }
    }
    const type = contentType(req);
    if (type.startsWith('multipart/form-data') && !/;\s*boundary=("[^"]+"|[^\s;]+)/.test(type)) {
      throw new AppError('bad_request', 'err.multipartBoundary');
    }
    // Fastify enforces the limit while reading a body it parses; a multipart
    // body sent to a route that never reads one is refused here by its length.
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.routeOptions.config?.csrf !== 'manual' && length > (req.routeOptions.bodyLimit ?? BODY_LIMIT)) {
      throw new AppError('payload_too_large', 'error.tooLarge.body');
    }
  });

  app.addHook('preValidation', async (req) => {
    const params = req.params as Record<string, unknown> | undefined;
    if (params && typeof params === 'object') {
      for (const v of Object.values(params)) {
        if (typeof v === 'string' && hasRefusedControl(v)) throw new AppError('not_found', 'error.notFound.title');
      }
    }
    const fe = refusedField(req.body);
    if (fe) throw refuseField(fe);
  });
}
