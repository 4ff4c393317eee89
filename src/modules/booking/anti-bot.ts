import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/index.js';
import { useOnce } from '../../platform/once.js';
import type { DayView } from './availability.js';
import { createProofOfWork, type ProofOfWork } from './pow.js';
import { type BookingSettings, readBookingSettings } from './settings.js';

/**
 * Anti-automation on the booking step. With JavaScript the browser solves
 * an ALTCHA proof of work in the background. Without JavaScript the form
 * must have been open for a human's reading time: the check page carries a
 * signed time stamp and a submission faster than that is refused. Both
 * paths sit behind the per-address and per-ID rate limits.
 *
 * The stamp is `<ms>.<nonce>.<mac>`; the MAC covers the time, the nonce,
 * the visitor it was shown to (session token or anonymous visitor id) and
 * the form it was issued for (office, service, day, start). So a stamp
 * harvested from one check page confirms nothing for another visitor or
 * another slot, and it is used once: its nonce goes into `once_token`
 * (shared by every process) until the stamp could no longer pass anyway.
 */
export interface StampForm {
  office: string;
  service: string;
  /** empty for a booking without a time (home visit) */
  day: string;
  starts: string;
}

export interface AntiBot {
  pow: ProofOfWork;
  /** `settings`: the office's booking settings when the caller has just read them */
  required(officeId: number, day: DayView | null, settings?: BookingSettings): Promise<boolean>;
  stamp(visitor: string, form: StampForm): string;
  passes(altcha: unknown, stamp: unknown, visitor: string, form: StampForm): Promise<boolean>;
}

export const STAMP_ONCE = 'booking-stamp';
const MAX_AGE_MS = 3_600_000;
const STAMP = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function createAntiBot(db: Executor, secret: string, opts: { humanSeconds?: number; now?: () => number } = {}): AntiBot {
  const key = createHmac('sha256', secret).update('booking-anti-bot').digest('hex');
  const now = opts.now ?? Date.now;
  const humanMs = (opts.humanSeconds ?? 8) * 1000;
  // JSON keeps the parts apart: no value can shift into its neighbour
  const sign = (ms: string, nonce: string, visitor: string, f: StampForm) =>
    createHmac('sha256', key).update(JSON.stringify([ms, nonce, visitor, f.office, f.service, f.day, f.starts])).digest('base64url');
  const pow = createProofOfWork(key, db);
  return {
    pow,
    async required(officeId, day, read) {
      const settings = read ?? (await readBookingSettings(db, officeId));
      if (settings.antiBot === 'always') return true;
      return settings.antiBot === 'hot' && day?.hot === true;
    },
    stamp(visitor, form) {
      const ms = String(now());
      const nonce = randomBytes(16).toString('base64url');
      return `${ms}.${nonce}.${sign(ms, nonce, visitor, form)}`;
    },
    async passes(altcha, stamp, visitor, form) {
      if (typeof altcha === 'string' && altcha && (await pow.verify(altcha))) return true;
      if (typeof stamp !== 'string' || !visitor) return false;
      const [, ms, nonce, mac] = STAMP.exec(stamp) ?? [];
      if (ms === undefined || nonce === undefined || mac === undefined) return false;
      const expected = Buffer.from(sign(ms, nonce, visitor, form));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
      const age = now() - Number(ms);
      if (age < humanMs || age > MAX_AGE_MS) return false;
      // recorded only once it would pass: a too-early try does not burn the stamp
      return useOnce(db, STAMP_ONCE, nonce, new Date(Number(ms) + MAX_AGE_MS).toISOString(), new Date(now()));
    },
  };
}
