import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { burnPasswordTime, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { maskIdNumber, type Vault } from '../../platform/identity/index.js';

/**
 * Lost national ID card reports (國民身分證掛失). Everything personal is
 * encrypted; the ID number and birth date are also kept as keyed hashes
 * so the citizen can find the report again. The revoke password is
 * hashed with argon2id. One report in force per card (a unique index).
 */
export interface LostIdDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
}

const birthKey = (vault: Vault, iso: string) => vault.hash(`birth:${iso}`);

export async function report(
  deps: LostIdDeps,
  input: { idNumber: string; name: string; birthDate: string; address: string; contact: string; password: string },
  ip: string | null,
): Promise<{ reference: string; reportedAt: string }> {
  const { vault } = deps;
  const now = deps.clock();
  const idHash = vault.hash(input.idNumber);
  const revokeHash = await hashPassword(input.password);
  const reference = `L${now.toISOString().slice(2, 10).replace(/-/g, '')}${randomBytes(3).toString('hex').toUpperCase()}`;
  return writeTransaction(deps.database, async (trx) => {
    const existing = await trx.selectFrom('lost_id_report').select('id').where('id_hash', '=', idHash).where('status', '=', 'active').executeTakeFirst();
    if (existing) throw new AppError('conflict', 'lostid.exists', { fields: [{ field: 'idNumber', key: 'lostid.exists' }] });
    const r = await trx
      .insertInto('lost_id_report')
      .values({
        reference,
        id_hash: idHash,
        id_enc: vault.encrypt(input.idNumber),
        name_enc: vault.encrypt(input.name),
        birth_hash: birthKey(vault, input.birthDate),
        address_enc: vault.encrypt(input.address),
        contact_enc: vault.encrypt(input.contact),
        revoke_hash: revokeHash,
        status: 'active',
        reported_at: now.toISOString(),
        ended_at: null,
        ended_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: null, action: 'lostid.report', target: { type: 'lost_id_report', id: r.id }, ip }, now);
    return { reference, reportedAt: now.toISOString() };
  });
}

async function findActive(deps: LostIdDeps, idNumber: string, birthDate: string) {
  const row = await deps.database.db.selectFrom('lost_id_report').selectAll().where('id_hash', '=', deps.vault.hash(idNumber)).where('status', '=', 'active').executeTakeFirst();
  return row && row.birth_hash === birthKey(deps.vault, birthDate) ? row : undefined;
}

/** Withdraws a report: ID, birth date and the password must all match; a miss says nothing about which. */
export async function revoke(deps: LostIdDeps, input: { idNumber: string; birthDate: string; password: string }, ip: string | null): Promise<boolean> {
  const row = await findActive(deps, input.idNumber, input.birthDate);
  let ok = false;
  // an unknown card costs the same time as a wrong password
  if (row) ok = await verifyPassword(row.revoke_hash, input.password);
  else await burnPasswordTime(input.password);
  if (!row || !ok) return false;
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    await trx.updateTable('lost_id_report').set({ status: 'revoked', ended_at: now.toISOString() }).where('id', '=', row.id).where('status', '=', 'active').execute();
    await recordAudit(trx, { actor: null, action: 'lostid.revoke', target: { type: 'lost_id_report', id: row.id }, ip }, now);
  });
  return true;
}

export async function status(deps: LostIdDeps, idNumber: string, birthDate: string): Promise<{ inForce: false } | { inForce: true; since: string }> {
  const row = await findActive(deps, idNumber, birthDate);
  return row ? { inForce: true, since: row.reported_at } : { inForce: false };
}

/** Staff list: names decrypted, ID numbers masked, and the viewing audited. */
export async function listActive(deps: LostIdDeps, staff: StaffPrincipal, ip: string | null) {
  const rows = await deps.database.db.selectFrom('lost_id_report').selectAll().where('status', '=', 'active').orderBy('reported_at', 'desc').limit(200).execute();
  await recordAudit(deps.database.db, { actor: staff, action: 'lostid.view', target: { type: 'lost_id_report', id: 'list' }, officeId: staff.officeId, detail: { rows: rows.length }, ip }, deps.clock());
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    reportedAt: r.reported_at,
    name: deps.vault.decrypt(r.name_enc),
    idMasked: maskIdNumber(deps.vault.decrypt(r.id_enc)),
  }));
}

export async function closeOnReplacement(deps: LostIdDeps, id: number, staff: StaffPrincipal, ip: string | null) {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const r = await trx.updateTable('lost_id_report').set({ status: 'closed', ended_at: now.toISOString(), ended_by: staff.id }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', 'error.badRequest.title');
    await recordAudit(trx, { actor: staff, action: 'lostid.close', target: { type: 'lost_id_report', id }, officeId: staff.officeId, ip }, now);
  });
}
