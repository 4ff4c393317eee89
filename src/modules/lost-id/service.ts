import { randomBytes, randomInt } from 'node:crypto';
import type { Database, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { burnPasswordTime, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import { maskIdNumber, type Vault } from '../../platform/identity/index.js';
import { showInstant } from '../../platform/layout/dates.js';
import { enqueueMail } from '../../platform/mail/index.js';
import * as repo from './repo.js';

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

/**
 * One active report, whoever takes it (the citizen on the web, staff for a
 * caller): every personal field encrypted, the ID and birth date kept as
 * keyed hashes, refused while another report of that ID is active (the
 * partial unique index is the backstop when two arrive at once).
 */
async function insertActiveReport(
  trx: Executor,
  vault: Vault,
  input: { officeId: number; idNumber: string; name: string; birthDate: string; address: string; contact: string },
  revokeHash: string,
  how: { channel: 'web' | 'phone'; createdBy: number | null; now: Date },
): Promise<{ id: number; reference: string }> {
  const idHash = vault.hash(input.idNumber);
  if (await repo.activeByIdHash(trx, idHash)) throw new AppError('conflict', 'lostid.exists', { fields: [{ field: 'idNumber', key: 'lostid.exists' }] });
  const reference = `L${how.now.toISOString().slice(2, 10).replace(/-/g, '')}${randomBytes(3).toString('hex').toUpperCase()}`;
  const id = await repo.insertReport(trx, {
    reference,
    id_hash: idHash,
    id_enc: vault.encrypt(input.idNumber),
    name_enc: vault.encrypt(input.name),
    birth_hash: birthKey(vault, input.birthDate),
    address_enc: vault.encrypt(input.address),
    contact_enc: vault.encrypt(input.contact),
    revoke_hash: revokeHash,
    status: 'active',
    office_id: input.officeId,
    reported_at: how.now.toISOString(),
    ended_at: null,
    ended_by: null,
    channel: how.channel,
    created_by: how.createdBy,
  });
  return { id, reference };
}

export async function report(
  deps: LostIdDeps,
  input: { officeId: number; idNumber: string; name: string; birthDate: string; address: string; contact: string; password: string },
  ip: string | null,
): Promise<{ reference: string; reportedAt: string }> {
  const { vault } = deps;
  const now = deps.clock();
  const revokeHash = await hashPassword(input.password);
  return writeTransaction(deps.database, async (trx) => {
    const { id, reference } = await insertActiveReport(trx, vault, input, revokeHash, { channel: 'web', createdBy: null, now });
    await recordAudit(trx, { actor: null, action: 'lostid.report', target: { type: 'lost_id_report', id }, officeId: input.officeId, ip }, now);
    return { reference, reportedAt: now.toISOString() };
  });
}

async function findActive(deps: LostIdDeps, idNumber: string, birthDate: string) {
  const row = await repo.activeByIdHash(deps.database.db, deps.vault.hash(idNumber));
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
    await repo.revokeActive(trx, row.id, now.toISOString());
    await recordAudit(trx, { actor: null, action: 'lostid.revoke', target: { type: 'lost_id_report', id: row.id }, officeId: row.office_id, ip }, now);
  });
  return true;
}

export async function status(deps: LostIdDeps, idNumber: string, birthDate: string): Promise<{ inForce: false } | { inForce: true; since: string }> {
  const row = await findActive(deps, idNumber, birthDate);
  return row ? { inForce: true, since: row.reported_at } : { inForce: false };
}

/**
 * Staff list: the reports in force at the offices the caller covers (own
 * office for office staff, every office of the county for county staff);
 * names decrypted, ID numbers masked, and the viewing audited.
 */
export async function listActive(deps: LostIdDeps, staff: StaffPrincipal, officeIds: number[], ip: string | null) {
  const rows = await repo.activeOfOffices(deps.database.db, officeIds);
  await recordAudit(
    deps.database.db,
    { actor: staff, action: 'lostid.view', target: { type: 'lost_id_report', id: 'list' }, officeId: officeIds.length === 1 ? (officeIds[0] ?? null) : staff.officeId, detail: { rows: rows.length, offices: officeIds }, ip },
    deps.clock(),
  );
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    reference: r.reference,
    reportedAt: r.reported_at,
    name: deps.vault.decrypt(r.name_enc),
    idMasked: maskIdNumber(deps.vault.decrypt(r.id_enc)),
  }));
}

/** Closes a report on replacement; only staff covering the report's office may (403 otherwise, 409 when it is no longer in force). */
export async function closeOnReplacement(deps: LostIdDeps, id: number, staff: StaffPrincipal, officeIds: number[], ip: string | null) {
  const now = deps.clock();
  await writeTransaction(deps.database, async (trx) => {
    const row = await repo.officeOfReport(trx, id);
    if (!row) throw new AppError('not_found', 'error.notFound.title');
    if (!officeIds.includes(row.office_id)) throw new AppError('forbidden', 'error.forbidden.title');
    if (!(await repo.closeActive(trx, id, officeIds, now.toISOString(), staff.id))) throw new AppError('conflict', 'error.badRequest.title');
    await recordAudit(trx, { actor: staff, action: 'lostid.close', target: { type: 'lost_id_report', id }, officeId: row.office_id, ip }, now);
  });
}

// the revoke password is read out over the phone or typed from an e-mail: no 0/O or 1/I/L
const PASSWORD_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const newRevokePassword = () => Array.from({ length: 10 }, () => PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)]).join('');

/**
 * A report taken by staff for a caller (channel 'phone'), after the clerk
 * read it back. The revoke password is made here and hashed like a web
 * report's; it reaches the caller once: by e-mail when they gave one (queued
 * in this transaction), else returned to be read out on the confirmation page.
 * It is never stored in clear, and the audit line holds no ID number.
 */
export async function reportByPhone(
  deps: LostIdDeps,
  input: { officeId: number; idNumber: string; name: string; birthDate: string; address: string; contact: string; email?: string | undefined; locale: Locale },
  staff: StaffPrincipal,
  ip: string | null,
): Promise<{ reference: string; reportedAt: string; password: string | null; emailed: boolean }> {
  const { vault } = deps;
  const now = deps.clock();
  const password = newRevokePassword();
  const revokeHash = await hashPassword(password);
  return writeTransaction(deps.database, async (trx) => {
    const { id, reference } = await insertActiveReport(trx, vault, input, revokeHash, { channel: 'phone', createdBy: staff.id, now });
    await recordAudit(
      trx,
      { actor: staff, action: 'lostid.report.phone', target: { type: 'lost_id_report', id }, officeId: input.officeId, countyId: staff.countyId, detail: { channel: 'phone', reference, readBack: true, delivery: input.email ? 'email' : 'read_out' }, ip },
      now,
    );
    if (input.email) {
      const t = translator(input.locale);
      const time = showInstant(now.toISOString(), input.locale);
      await enqueueMail(
        trx,
        { to: input.email, subject: t('lostid.mail.subject'), text: [t('lostid.mail.body', { time, reference, password }), '', t('lostid.mail.revoke')].join('\n') },
        { dedupeKey: `lostid:${id}:password`, now },
      );
    }
    return { reference, reportedAt: now.toISOString(), password: input.email ? null : password, emailed: Boolean(input.email) };
  });
}
