import { createChallenge, verifySolution } from 'altcha-lib';

/**
 * Self-hosted proof of work (ALTCHA) for the booking step on hot dates: a
 * browser spends about a second of CPU per booking, a bot farm spends it
 * per attempt. Each solved challenge is accepted once (kept in memory until
 * it expires: one process; a multi-process deployment shares nothing here,
 * which lets a solution be replayed at most once per extra process).
 */
export interface ProofOfWork {
  challenge(): Promise<{ algorithm: string; challenge: string; maxnumber?: number; salt: string; signature: string }>;
  verify(payload: string | undefined): Promise<boolean>;
}

export function createProofOfWork(hmacKey: string, opts: { maxNumber?: number; ttlMs?: number } = {}): ProofOfWork {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const used = new Map<string, number>();
  return {
    async challenge() {
      return createChallenge({ hmacKey, maxNumber: opts.maxNumber ?? 100_000, expires: new Date(Date.now() + ttl) });
    },
    async verify(payload) {
      if (!payload || payload.length > 2000) return false;
      let ok = false;
      try {
        ok = await verifySolution(payload, hmacKey, true);
      } catch {
        return false;
      }
      if (!ok) return false;
      const now = Date.now();
      for (const [k, until] of used) if (until < now) used.delete(k);
      if (used.has(payload)) return false;
      used.set(payload, now + ttl);
      return true;
    },
  };
}
