import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with OWASP's minimum
 * parameters: 19 MiB, 2 passes, 1 lane.
 */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of no one's password (random, same parameters as real ones), made
 * once per process. Call it at start so the first unknown name does not pay
 * for making it (which would itself be a timing tell).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/** Verifies against the dummy hash so a miss costs the same argon2 work as a real check. */
export async function burnPasswordTime(password: string): Promise<void> {
  await verifyPassword(await dummyHash(), password);
}

/** The verify step as a seam: sign-in takes one, so a test can count the argon2 checks on each path. */
export type VerifyPassword = (stored: string, password: string) => Promise<boolean>;

export const MIN_PASSWORD_LENGTH = 12;
