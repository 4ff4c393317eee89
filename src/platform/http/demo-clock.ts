import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The demo's clock offset: someone trying the demo site at 21:46 can move
 * their own browser's clock to a working morning and take a ticket. The
 * offset lives in a signed session cookie (so nobody types in an arbitrary
 * one) and is honoured ONLY while the site is a demo: a real office's
 * queue always runs on the real clock, whatever cookie a browser sends.
 */
export const DEMO_CLOCK_COOKIE = 'hz_democlock';

/** Further than this is no "next working morning" any more: a cookie saying more is ignored. */
export const MAX_DEMO_OFFSET_MS = 31 * 86_400_000;

/** The offset a request carries, in ms, or 0: not a demo, no cookie, a bad signature or an absurd value. */
export function demoOffsetOf(req: FastifyRequest, demo: boolean): number {
  if (!demo) return 0;
  const raw = req.cookies[DEMO_CLOCK_COOKIE];
  if (!raw) return 0;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null || !/^-?\d{1,13}$/.test(unsigned.value)) return 0;
  const offset = Number(unsigned.value);
  return Math.abs(offset) <= MAX_DEMO_OFFSET_MS ? offset : 0;
}

/** The request's clock: the real one, plus the demo offset when (and only when) this is the demo. */
export function requestNow(req: FastifyRequest, demo: boolean, clock: () => Date): Date {
  const real = clock();
  const offset = demoOffsetOf(req, demo);
  return offset === 0 ? real : new Date(real.getTime() + offset);
}

/** A session cookie (no max-age): closing the browser ends the pretend time. */
export function setDemoOffset(reply: FastifyReply, offsetMs: number, secure: boolean): void {
  const offset = Math.max(-MAX_DEMO_OFFSET_MS, Math.min(MAX_DEMO_OFFSET_MS, Math.round(offsetMs)));
  reply.setCookie(DEMO_CLOCK_COOKIE, String(offset), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true });
}

export function clearDemoOffset(reply: FastifyReply): void {
  reply.clearCookie(DEMO_CLOCK_COOKIE, { path: '/' });
}
