import type { Database, Db } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { assignableRoles, OFFICE_ROLES, type Role, type StaffPrincipal } from '../../platform/auth/roles.js';
import { destroyStaffSessions } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { normalizeUsername, usernameKey } from './auth-service.js';
import * as repo from './repo.js';

/**
 * Staff accounts. A manager sees and edits accounts in their own scope and
 * hands out roles no higher than allowed; every role change is audited with
 * its before and after.
 */
export interface OfficeRef {
  id: number;
  countyId: number;
}

export function scopeOf(actor: StaffPrincipal): repo.StaffScope {
  if (actor.role === 'system_admin') return { all: true, countyId: null, officeId: null };
  if (actor.role === 'county_admin') return { all: false, countyId: actor.countyId, officeId: null };
  return { all: false, countyId: actor.countyId, officeId: actor.officeId };
}

/** The accounts in the actor's scope; with `officeId`, only that office's (a county admin looking at one office). */
export async function listAccounts(db: Db, actor: StaffPrincipal, secret: string, now: Date, officeId?: number) {
  const rows = (await repo.listStaff(db, scopeOf(actor))).filter((r) => officeId === undefined || r.office_id === officeId);
  const keys = rows.map((r) => usernameKey(secret, r.username));
  const throttles = await repo.throttleRows(db, keys);
  const nowIso = now.toISOString();
  const locked = new Set(throttles.filter((t) => t.locked_until && t.locked_until > nowIso).map((t) => t.username_key));
  return rows.map((r, i) => ({ ...r, locked: locked.has(keys[i]!) }));
}

export interface AccountInput {
  username: string;
  displayName: string;
  email: string | undefined;
  role: Role;
  officeId: number | undefined;
  password?: string | undefined;
  active?: boolean;
}

/** Checks the role and office an actor may give; returns field errors, never throws for user mistakes. */
function checkAssignment(actor: StaffPrincipal, input: AccountInput, offices: OfficeRef[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!assignableRoles(actor.role).includes(input.role)) errors.push({ field: 'role', key: 'err.roleNotAllowed' });
  const needsOffice = OFFICE_ROLES.includes(input.role);
  if (needsOffice && (input.officeId === undefined || !offices.some((o) => o.id === input.officeId))) {
    errors.push({ field: 'officeId', key: 'err.officeRequired' });
  }
  return errors;
}

function placement(actor: StaffPrincipal, input: AccountInput, offices: OfficeRef[]) {
  if (OFFICE_ROLES.includes(input.role)) {
    const office = offices.find((o) => o.id === input.officeId)!;
    return { office_id: office.id, county_id: office.countyId };
  }
  if (input.role === 'county_admin') {
    const countyId = actor.countyId ?? offices[0]?.countyId ?? null;
    return { office_id: null, county_id: countyId };
  }
  return { office_id: null, county_id: null };
}

export async function createAccount(
  database: Database,
  actor: StaffPrincipal,
  input: AccountInput,
  offices: OfficeRef[],
  meta: { ip: string | null; now: Date },
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldError[] }> {
  const errors = checkAssignment(actor, input, offices);
  if (!input.password || input.password.length < MIN_PASSWORD_LENGTH) errors.push({ field: 'password', key: 'err.passwordShort' });
  const username = normalizeUsername(input.username);
  if (await repo.findStaffByUsername(database.db, username)) errors.push({ field: 'username', key: 'err.usernameTaken' });
  if (errors.length > 0) return { ok: false, errors };
  const hash = await hashPassword(input.password!);
  const where = placement(actor, input, offices);
  const id = await writeTransaction(database, async (trx) => {
    if (await repo.findStaffByUsername(trx, username)) throw new AppError('conflict', 'err.usernameTaken');
    const newId = await repo.insertStaff(trx, {
      username,
      display_name: input.displayName,
      email: input.email ?? null,
      password_hash: hash,
      role: input.role,
      ...where,
      must_change_password: 1,
      now: meta.now.toISOString(),
    });
    await recordAudit(
      trx,
      {
        actor,
        action: 'staff.create',
        target: { type: 'staff', id: newId },
        officeId: where.office_id,
        countyId: where.county_id,
        detail: { username, role: input.role },
        ip: meta.ip,
      },
      meta.now,
    );
    return newId;
  });
  return { ok: true, id };
}

export async function loadAccountInScope(db: Db, actor: StaffPrincipal, id: number) {
  const row = await repo.findStaffById(db, id);
  const scope = scopeOf(actor);
  const inScope =
    row &&
    (scope.all ||
      (scope.officeId !== null ? row.office_id === scope.officeId : row.county_id === scope.countyId) ||
      false);
  if (!row || !inScope) throw new AppError('not_found', 'error.notFound.title');
  // nobody edits an account that ranks above what they may hand out
  if (row.id !== actor.id && !assignableRoles(actor.role).includes(row.role as Role)) {
    throw new AppError('forbidden', 'error.forbidden.title');
  }
  return row;
}

export async function updateAccount(
  database: Database,
  actor: StaffPrincipal,
  id: number,
  input: AccountInput,
  offices: OfficeRef[],
  meta: { ip: string | null; now: Date },
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const before = await loadAccountInScope(database.db, actor, id);
  const errors = checkAssignment(actor, input, offices);
  if (id === actor.id && input.role !== actor.role) errors.push({ field: 'role', key: 'err.roleNotAllowed' });
  if (errors.length > 0) return { ok: false, errors };
  const where = placement(actor, input, offices);
  const active = input.active === false ? 0 : 1;
  await writeTransaction(database, async (trx) => {
    await repo.updateStaff(trx, id, {
      display_name: input.displayName,
      email: input.email ?? null,
      role: input.role,
      ...where,
      active,
      now: meta.now.toISOString(),
    });
    const base = { actor, target: { type: 'staff', id }, officeId: where.office_id, countyId: where.county_id, ip: meta.ip };
    await recordAudit(trx, { ...base, action: 'staff.update', detail: { active, officeId: where.office_id } }, meta.now);
    if (before.role !== input.role) {
      await recordAudit(trx, { ...base, action: 'staff.role.change', detail: { from: before.role, to: input.role } }, meta.now);
    }
    if (active === 0 || before.role !== input.role) await destroyStaffSessions(trx, id);
  });
  return { ok: true };
}

export async function resetAccountPassword(
  database: Database,
  actor: StaffPrincipal,
  id: number,
  password: string,
  meta: { ip: string | null; now: Date },
): Promise<{ ok: true; username: string } | { ok: false; errors: FieldError[] }> {
  const row = await loadAccountInScope(database.db, actor, id);
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, errors: [{ field: 'password', key: 'err.passwordShort' }] };
  const hash = await hashPassword(password);
  await writeTransaction(database, async (trx) => {
    await repo.setPassword(trx, id, hash, true, meta.now.toISOString());
    await destroyStaffSessions(trx, id);
    await recordAudit(
      trx,
      { actor, action: 'staff.password.reset', target: { type: 'staff', id }, officeId: row.office_id, countyId: row.county_id, ip: meta.ip },
      meta.now,
    );
  });
  return { ok: true, username: row.username };
}

export async function unlockAccount(
  database: Database,
  actor: StaffPrincipal,
  id: number,
  secret: string,
  meta: { ip: string | null; now: Date },
): Promise<string> {
  const row = await loadAccountInScope(database.db, actor, id);
  await writeTransaction(database, async (trx) => {
    await repo.clearThrottle(trx, usernameKey(secret, row.username));
    await recordAudit(
      trx,
      { actor, action: 'staff.unlock', target: { type: 'staff', id }, officeId: row.office_id, countyId: row.county_id, ip: meta.ip },
      meta.now,
    );
  });
  return row.username;
}
