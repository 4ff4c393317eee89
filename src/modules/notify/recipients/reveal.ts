import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../../../db/index.js';
import type { Vault } from '../../../platform/identity/index.js';
import { useOnce } from '../../../platform/once.js';

/**
 * A new signing secret crosses the redirect after "save" or "rotate" in the
 * flash cookie, sealed by the vault (the cookie is only signed, and a browser
 * may keep it on disk), bound to the recipient and the staff member, and
 * opened at most once: a one-time record in the database refuses a second
 * showing even when the cookie is replayed. Never in a URL, never in a log.
 */
const PURPOSE = 'notify.recipients.secret';
/** Long enough for a slow page load after the redirect; the flash cookie itself lives 60 s. */
const REVEAL_SECONDS = 300;

const sealedSchema = z.object({ r: z.number(), s: z.number(), k: z.string(), n: z.string(), e: z.string() });

export function sealReveal(vault: Vault, p: { recipientId: number; staffId: number; secret: string; now: Date }): string {
  const expires = new Date(p.now.getTime() + REVEAL_SECONDS * 1000).toISOString();
  return vault.encrypt(JSON.stringify({ r: p.recipientId, s: p.staffId, k: p.secret, n: randomBytes(16).toString('base64url'), e: expires }));
}

/** The secret to show on this page, once; null when the seal is not for this recipient and person, is stale, or was shown already. */
export async function openReveal(db: Executor, vault: Vault, sealed: string, p: { recipientId: number; staffId: number; now: Date }): Promise<string | null> {
  let parsed: z.infer<typeof sealedSchema>;
  try {
    parsed = sealedSchema.parse(JSON.parse(vault.decrypt(sealed)));
  } catch {
    return null;
  }
  if (parsed.r !== p.recipientId || parsed.s !== p.staffId || parsed.e <= p.now.toISOString()) return null;
  return (await useOnce(db, PURPOSE, parsed.n, parsed.e, p.now)) ? parsed.k : null;
}
