import { createHmac } from 'node:crypto';
import type { Database } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, type VerifyPassword, verifyPassword } from '../../platform/auth/password.js';
import { isRole, type StaffPrincipal } from '../../platform/auth/roles.js';
import { createSession, destroySession, destroyStaffSessions, type SessionPolicy, sessionIdFor } from '../../platform/auth/sessions.js';
import type { FieldError } from '../../platform/errors.js';
import * as repo from './repo.js';

/** Lockout rule (DESIGN.md): 5 failures in a row lock the name for 15 minutes. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

export function normalizeUsername(u: string): string {
  return u.normalize('NFKC').trim().toLowerCase();
}

/**
 * Failures are counted per username, known or not, under a keyed hash: the
 * lock and its message look the same for a name that does not exist, so
 * sign-in reveals nothing about which accounts there are.
 */
export function usernameKey(secret: string, username: string): string {
  return createHmac('sha256', secret).update(`login:${normalizeUsername(username)}`).digest('hex');
}

export type SignInResult = { ok: true; token: string; principal: StaffPrincipal } | { ok: false; reason: 'invalid' | 'locked' };

export interface AuthDeps {
  database: Database;
  secret: string;
  policy: SessionPolicy;
  /** the argon2 check (a seam: tests count the calls); verifyPassword by default */
  verify?: VerifyPassword;
}

export async function signIn(
  deps: AuthDeps,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null; now: Date },
): Promise<SignInResult> {
  const { database } = deps;
  const username = normalizeUsername(input.username);
  const key = usernameKey(deps.secret, username);
  const nowIso = meta.now.toISOString();

  const throttle = await repo.findThrottle(database.db, key);
  const staff = await repo.findStaffByUsername(database.db, username);
  const auditActor = staff ? { id: staff.id, username: staff.username } : null;

  // Exactly one argon2 check on every path (unknown name, deactivated,
  // locked, wrong or right password), before any branch: the answer's
  // timing then says nothing about which case it was. Accounts that cannot
  // sign in are checked against the dummy hash, never their own.
  const usable = staff !== undefined && staff.active === 1 && isRole(staff.role);
  const matches = await (deps.verify ?? verifyPassword)(usable ? staff.password_hash : await dummyHash(), input.password);

  if (throttle?.locked_until && throttle.locked_until > nowIso) {
    await recordAudit(database.db, { actor: auditActor, action: 'auth.login.locked', detail: { known: !!staff }, ip: meta.ip }, meta.now);
    return { ok: false, reason: 'locked' };
  }

  const valid = usable && matches;

  if (!valid || !staff || !isRole(staff.role)) {
    return writeTransaction(database, async (trx) => {
      const current = await repo.findThrottle(trx, key);
      const expired = current?.locked_until && current.locked_until <= nowIso;
      const failures = (expired ? 0 : (current?.failures ?? 0)) + 1;
      const lock = failures >= LOCKOUT.failures ? new Date(meta.now.getTime() + LOCKOUT.minutes * 60_000).toISOString() : null;
      await repo.saveThrottle(trx, key, lock ? 0 : failures, lock, nowIso);
      await recordAudit(trx, { actor: auditActor, action: 'auth.login.failed', detail: { known: !!staff, failures }, ip: meta.ip }, meta.now);
      if (lock) {
        await recordAudit(trx, { actor: auditActor, action: 'auth.lockout', detail: { until: lock, known: !!staff }, ip: meta.ip }, meta.now);
      }
      return { ok: false, reason: lock ? 'locked' : 'invalid' } as const;
    });
  }

  const role = staff.role;
  return writeTransaction(database, async (trx) => {
    await repo.clearThrottle(trx, key);
    const token = await createSession(trx, staff.id, deps.policy, { ip: meta.ip, userAgent: meta.userAgent }, meta.now);
    await recordAudit(
      trx,
      { actor: auditActor, action: 'auth.login', officeId: staff.office_id, countyId: staff.county_id, ip: meta.ip },
      meta.now,
    );
    return {
      ok: true,
      token,
      principal: {
        id: staff.id,
        username: staff.username,
        displayName: staff.display_name,
        role,
        countyId: staff.county_id,
        officeId: staff.office_id,
        mustChangePassword: staff.must_change_password === 1,
      },
    } as const;
  });
}

export async function signOut(database: Database, token: string, actor: StaffPrincipal | null, meta: { ip: string | null; now: Date }) {
  await writeTransaction(database, async (trx) => {
    await destroySession(trx, token);
    if (actor) await recordAudit(trx, { actor, action: 'auth.logout', ip: meta.ip }, meta.now);
  });
}

export async function changeOwnPassword(
  database: Database,
  actor: StaffPrincipal,
  sessionToken: string,
  input: { current: string; next: string; confirm: string },
  meta: { ip: string | null; now: Date },
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const staff = await repo.findStaffById(database.db, actor.id);
  if (!staff) return { ok: false, errors: [{ field: 'current', key: 'err.passwordWrong' }] };
  const errors: FieldError[] = [];
  if (!(await verifyPassword(staff.password_hash, input.current))) errors.push({ field: 'current', key: 'err.passwordWrong' });
  if (input.next.length < MIN_PASSWORD_LENGTH) errors.push({ field: 'next', key: 'err.passwordShort' });
  else if (input.next === input.current) errors.push({ field: 'next', key: 'err.passwordSame' });
  if (input.next !== input.confirm) errors.push({ field: 'confirm', key: 'err.passwordMismatch' });
  if (errors.length > 0) return { ok: false, errors };
  const hash = await hashPassword(input.next);
  await writeTransaction(database, async (trx) => {
    await repo.setPassword(trx, actor.id, hash, false, meta.now.toISOString());
    // other devices signed in with the old password are signed out
    await destroyStaffSessions(trx, actor.id, sessionIdFor(sessionToken));
    await recordAudit(trx, { actor, action: 'auth.password.change', target: { type: 'staff', id: actor.id }, ip: meta.ip }, meta.now);
  });
  return { ok: true };
}
