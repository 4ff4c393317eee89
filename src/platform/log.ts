/**
 * Personal data never reaches a log: national ID numbers, phone numbers and
 * e-mail addresses in URLs (and in anything else we keep, such as the search
 * log) are masked, and cookies, authorisation headers and form bodies are
 * not logged at all.
 */
const SECRET_PARAMS = new Set(['password', 'token', '_csrf', 'id_number', 'idnumber', 'national_id']);

/**
 * The shapes, matched on NFKC text (full-width Ａ１２３ is A123) and case
 * insensitive. They over-match on purpose: a lost search term costs nothing,
 * a stored ID number is a breach.
 * - ID: a letter and nine digits (national ID, and the new resident
 *   certificate), or two letters and eight digits (the old one); spaces,
 *   dots or hyphens between the characters are still an ID.
 * - e-mail: anything@domain.
 * - phone: a Taiwan mobile (09xx-xxx-xxx) or landline with its area code
 *   ((02)2345-6789, 037-123456, 0826-12345), also written +886; checked by
 *   the count of digits once the separators are gone.
 */
const SEP = '[\\s.\\-\\u2010-\\u2015]*';
const ID_SHAPED = new RegExp(`[a-z]${SEP}[0-9a-d](?:${SEP}\\d){8}`, 'giu');
const EMAIL = /[\w.+%-]+@[\w-]+(?:\.[\w-]+)*/gu;
const PHONE_RUN = /(?:\+?886|\(?0)[\d\s().\-\u2010-\u2015]{6,24}\d/gu;

export interface MaskLabels {
  id: string;
  phone: string;
  email: string;
}

/** What the search log stores in place of personal data. */
export const MASK_ZH: MaskLabels = { id: '〔身分證號〕', phone: '〔電話〕', email: '〔電子郵件〕' };
/** What a logged URL carries instead (ASCII, so the log stays readable after percent-encoding). */
export const MASK_URL: MaskLabels = { id: '[id]', phone: '[phone]', email: '[email]' };

function isPhone(run: string): boolean {
  let digits = run.replace(/\D/g, '');
  if (digits.startsWith('886')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  // 09xxxxxxxx (10 digits) or an area code and number, 9 or 10 digits in all; longer runs that start so are masked too
  return /^0[2-9]\d{7,}$/.test(digits);
}

/** The text in NFKC with every ID-, phone- and e-mail-shaped token replaced by its label. */
export function maskPersonal(text: string, labels: MaskLabels = MASK_ZH): string {
  return text
    .normalize('NFKC')
    .replace(EMAIL, labels.email)
    .replace(ID_SHAPED, labels.id)
    .replace(PHONE_RUN, (run) => (isPhone(run) ? labels.phone : run));
}

/** Whether the text holds anything maskPersonal would mask. */
export function hasPersonal(text: string): boolean {
  return maskPersonal(text) !== text.normalize('NFKC');
}

/** Percent-decoding that survives broken escapes, repeated until nothing changes (double-encoded %2541 too). */
function decodeFully(s: string): string {
  let out = s.replace(/\+/g, ' ');
  for (let i = 0; i < 4; i++) {
    const next = out.replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

/** One path segment or query value: unchanged unless it hides personal data, else its masked, re-encoded form. */
function redactPart(raw: string): string {
  const decoded = decodeFully(raw);
  const masked = maskPersonal(decoded, MASK_URL);
  if (masked === decoded.normalize('NFKC')) return raw;
  return encodeURIComponent(masked).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/**
 * Pages reached by a secret in their path (the code is the key): a notice
 * slip /n/<code>, a follow-up list /f/<code>, an agency's acknowledgement
 * /notify/ack/<token>. The log keeps the page, never the code.
 */
const SECRET_PATH = /^(\/(?:n|f|notify\/ack|newsletter\/confirm|newsletter\/unsubscribe)\/)[^/?]+/;

function redactSecretSegment(path: string): string {
  return path.replace(SECRET_PATH, '$1[redacted]');
}

/**
 * A URL fit for the access log: secret parameters blanked, and IDs, phone
 * numbers and e-mail addresses masked in the path and in every query key
 * and value, however they were encoded (percent, double percent, `+` for
 * space, full-width characters).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = redactSecretSegment((q === -1 ? url : url.slice(0, q)).split('/').map(redactPart).join('/'));
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (eq === -1) return redactPart(key);
      if (SECRET_PARAMS.has(decodeFully(key).toLowerCase())) return `${key}=[redacted]`;
      return `${redactPart(key)}=${redactPart(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${path}?${query}`;
}

export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  'password',
  'idNumber',
];
