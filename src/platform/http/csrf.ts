import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to who is asking: the staff session token when signed
 * in, otherwise the anonymous visitor cookie. Written here rather than with
 * @fastify/csrf-protection because that plugin keeps its own secret in a
 * cookie or in @fastify/session, and our sessions live in our database; a
 * keyed hash of the session token is the whole mechanism.
 */
export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function csrfTokenValid(secret: string, binding: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length === 0 || submitted.length > 128) return false;
  const expected = Buffer.from(csrfTokenFor(secret, binding));
  const got = Buffer.from(submitted);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
