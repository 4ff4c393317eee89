import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/index.js';
import type { DayView } from './availability.js';
import { createProofOfWork, type ProofOfWork } from './pow.js';
import { readBookingSettings } from './settings.js';

/**
 * Anti-automation on the booking step. With JavaScript the browser solves
 * an ALTCHA proof of work in the background. Without JavaScript the form
 * must have been open for a human's reading time: the check page carries a
 * signed time stamp and a submission faster than that is refused. Both
 * paths sit behind the per-address and per-ID rate limits.
 */
export interface AntiBot {
  pow: ProofOfWork;
  required(officeId: number, day: DayView | null): Promise<boolean>;
  stamp(): string;
  passes(altcha: unknown, stamp: unknown): Promise<boolean>;
}

export function createAntiBot(db: Executor, secret: string, opts: { humanSeconds?: number; now?: () => number } = {}): AntiBot {
  const key = createHmac('sha256', secret).update('booking-anti-bot').digest('hex');
  const now = opts.now ?? Date.now;
  const humanMs = (opts.humanSeconds ?? 8) * 1000;
  const sign = (ms: string) => createHmac('sha256', key).update(ms).digest('base64url');
  const pow = createProofOfWork(key);
  return {
    pow,
    async required(officeId, day) {
      const settings = await readBookingSettings(db, officeId);
      if (settings.antiBot === 'always') return true;
      return settings.antiBot === 'hot' && day?.hot === true;
    },
    stamp() {
      const ms = String(now());
      return `${ms}.${sign(ms)}`;
    },
    async passes(altcha, stamp) {
      if (typeof altcha === 'string' && altcha && (await pow.verify(altcha))) return true;
      if (typeof stamp !== 'string') return false;
      const [ms, mac] = stamp.split('.');
      if (!ms || !mac) return false;
      const expected = Buffer.from(sign(ms));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
      const age = now() - Number(ms);
      return age >= humanMs && age <= 3_600_000;
    },
  };
}
