/** Where the population pages live, and their query strings. */
export const API_DOC_PATH = '/population/api';

/** A query string of what is set: ?month=2026-10&sort=people. */
export function query(params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
