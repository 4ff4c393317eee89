/**
 * Personal data never reaches a log: ID-shaped tokens in URLs are replaced,
 * and cookies, authorisation headers and form bodies are not logged at all.
 */
const ID_LIKE = /[A-Za-z][0-9A-Da-d]\d{8}/g;
const SECRET_PARAMS = /([?&](?:password|token|_csrf|id_number|idNumber|national_id)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]').replace(ID_LIKE, '[id]');
}

export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  'password',
  'idNumber',
];
