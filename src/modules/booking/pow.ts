import { createChallenge, verifySolution } from 'altcha-lib';
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import { useOnce } from '../../platform/once.js';

/**
 * Self-hosted proof of work (ALTCHA) for the booking step on hot dates: a
 * browser spends about a second of CPU per booking, a bot farm spends it
 * per attempt. Each solved challenge is accepted once, across every
 * process: after the solution verifies, the challenge's own identity (its
 * salt, which the signature covers) is recorded in `once_token` until the
 * challenge expires. Never the raw payload string: the same solution
 * re-encoded (keys reordered, pretty-printed, an extra field, the number
 * as a string) is a different string but the same challenge.
 */
export interface ProofOfWork {
  challenge(): Promise<{ algorithm: string; challenge: string; maxnumber?: number; salt: string; signature: string }>;
  verify(payload: string | undefined): Promise<boolean>;
}

export const POW_ONCE = 'altcha';

/** What we accept from the form: base64 of the JSON our own script writes (extra fields are ignored, not trusted). */
const payloadSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().nonnegative(),
  salt: z.string().min(1).max(300),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

function decode(payload: string): z.infer<typeof payloadSchema> | null {
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createProofOfWork(hmacKey: string, db: Executor, opts: { maxNumber?: number; ttlMs?: number } = {}): ProofOfWork {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  return {
    async challenge() {
      return createChallenge({ hmacKey, maxNumber: opts.maxNumber ?? 100_000, expires: new Date(Date.now() + ttl) });
    },
    async verify(payload) {
      if (!payload || payload.length > 2000) return false;
      const p = decode(payload);
      if (!p) return false;
      try {
        if (!(await verifySolution(p, hmacKey, true))) return false;
      } catch {
        return false;
      }
      // the salt carries the expiry we signed into it; keep the record until then
      const expires = Number(new URLSearchParams(p.salt.split('?')[1] ?? '').get('expires'));
      const until = Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : new Date(Date.now() + ttl);
      return useOnce(db, POW_ONCE, p.salt, until.toISOString());
    },
  };
}
