import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Db } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { normalizeUsername } from '../staff/index.js';
import * as repo from './repo.js';

/**
 * The first start of a real install: no staff account exists, so nobody can
 * sign in to create one. At start the server mints a one-time token, keeps
 * only its SHA-256 and prints the token on its console; whoever can read the
 * console can open /setup and create the first system administrator (and the
 * county record). The page is gone as soon as any account exists.
 */

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Is the set-up page open: no staff account at all? */
export async function setupOpen(db: Db): Promise<boolean> {
  return !(await repo.anyStaff(db));
}

/**
 * At start: when no account exists, a fresh token (replacing any earlier
 * one, whose console is gone); null when set-up is done. Each start prints a
 * new one, so with several app processes the last one started holds it.
 */
export async function mintSetupToken(database: Database, now: Date): Promise<string | null> {
  if (!(await setupOpen(database.db))) {
    await repo.dropToken(database.db);
    return null;
  }
  const token = randomBytes(24).toString('base64url');
  await repo.replaceTokenHash(database.db, sha256(token), now.toISOString());
  return token;
}

/** Whether the page has a token to check against at all (else: restart the server). */
export async function hasToken(db: Db): Promise<boolean> {
  return (await repo.tokenHash(db)) !== null;
}

/** Constant-time: how much of a guess is right must not show in the time taken. */
function tokenMatches(stored: string | null, submitted: string): boolean {
  const a = Buffer.from(sha256(submitted), 'hex');
  const b = Buffer.from(stored ?? '', 'hex');
  if (b.length !== a.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

export interface SetupInput {
  token: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  /** only asked (and required) while no county exists */
  county?: { code: string; nameZh: string; nameEn: string | undefined } | undefined;
}

/** The staff module's password rule, word for word: the same length and the same messages. */
export function passwordErrors(password: string, confirm: string): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) errors.push({ field: 'password', key: 'err.passwordShort' });
  if (password !== confirm) errors.push({ field: 'confirm', key: 'err.passwordMismatch' });
  return errors;
}

export type SetupResult = { ok: true; staffId: number; countyId: number } | { ok: false; status: 403 | 422; errors: FieldError[] };

export async function completeSetup(database: Database, input: SetupInput, meta: { ip: string | null; now: Date }): Promise<SetupResult> {
  const db = database.db;
  if (!(await setupOpen(db))) throw new AppError('not_found', 'error.notFound.title');
  const stored = await repo.tokenHash(db);
  const matches = tokenMatches(stored, input.token);
  if (!matches) return { ok: false, status: 403, errors: [{ field: 'token', key: 'setup.err.token' }] };
  const errors = passwordErrors(input.password, input.confirm);
  const county = await repo.firstCounty(db);
  if (!county && !input.county) errors.push({ field: 'countyCode', key: 'err.required' });
  if (errors.length > 0) return { ok: false, status: 422, errors };

  const username = normalizeUsername(input.username);
  const passwordHash = await hashPassword(input.password);
  const iso = meta.now.toISOString();
  return writeTransaction(database, async (trx) => {
    // the token is used up here, in the transaction that creates the account: of two racing submissions one finds it gone
    if (!(await repo.consumeToken(trx, stored!)) || (await repo.anyStaff(trx))) throw new AppError('conflict', 'setup.err.taken');
    let countyId = (await repo.firstCounty(trx))?.id;
    if (countyId === undefined) {
      const c = input.county!;
      const nameEn = c.nameEn ?? c.nameZh;
      countyId = await repo.insertCounty(trx, { code: c.code, nameZh: c.nameZh, nameEn });
      await recordAudit(
        trx,
        { actor: null, action: 'setup.county.create', target: { type: 'county', id: countyId }, countyId, detail: { after: { code: c.code, nameZh: c.nameZh, nameEn } }, ip: meta.ip },
        meta.now,
      );
    }
    const staffId = await repo.insertSystemAdmin(trx, { username, displayName: input.displayName, passwordHash, now: iso });
    await recordAudit(
      trx,
      { actor: null, action: 'setup.admin.create', target: { type: 'staff', id: staffId }, detail: { after: { username, role: 'system_admin' } }, ip: meta.ip },
      meta.now,
    );
    return { ok: true as const, staffId, countyId };
  });
}
