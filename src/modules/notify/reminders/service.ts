import type { Database, Executor } from '../../../db/index.js';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { officeCalendar } from '../../../platform/calendar/store.js';
import { taipeiToday } from '../../../platform/calendar/index.js';
import { AppError } from '../../../platform/errors.js';
import type { Vault } from '../../../platform/identity/index.js';
import type { EntryInput } from './form.js';
import * as repo from './repo.js';
import { dueOn, type ReminderKind } from './rules.js';

/**
 * The reminders register (主動提醒): people the office must remind to
 * register — a court judgment not yet registered, a hospital's birth or death
 * report without the registration, two years abroad. Each change is one
 * transaction with its audit line; the ID number is kept as a keyed hash and
 * encrypted, the phone encrypted.
 */
export interface ReminderDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
}

export interface Meta {
  staff: StaffPrincipal;
  ip: string | null;
}

export const AUDIT_TARGET = 'reminder';

/** The row as stored, from the form's fields (ID and phone sealed by the vault). */
async function rowOf(trx: Executor, vault: Vault, officeId: number, e: EntryInput, staffId: number, now: Date): Promise<repo.ReminderInsert> {
  const iso = now.toISOString();
  return {
    office_id: officeId,
    kind: e.kind,
    person_name: e.name,
    id_hash: e.idNumber ? vault.hash(e.idNumber) : null,
    id_enc: e.idNumber ? vault.encrypt(e.idNumber) : null,
    address: e.address,
    phone_enc: e.phone ? vault.encrypt(e.phone) : null,
    email: e.email ?? null,
    source_ref: e.sourceRef,
    reported_on: e.eventDate,
    due_on: dueOn(e.kind, e.eventDate, await officeCalendar(trx, officeId)),
    status: 'open',
    outcome_note: '',
    resolved_on: null,
    created_by: staffId,
    created_at: iso,
    updated_at: iso,
  };
}

const duplicate = () => new AppError('conflict', 'notify.reminders.err.duplicate', { fields: [{ field: 'sourceRef', key: 'notify.reminders.err.duplicate' }] });

async function insertOne(trx: Executor, deps: ReminderDeps, officeId: number, e: EntryInput, meta: Meta, now: Date, via: 'form' | 'csv') {
  if (await repo.sameReport(trx, officeId, e.kind, e.sourceRef, e.name)) throw duplicate();
  const row = await rowOf(trx, deps.vault, officeId, e, meta.staff.id, now);
  const id = await repo.insertReminder(trx, row);
  await recordAudit(trx, { actor: meta.staff, action: 'notify.reminders.create', target: { type: AUDIT_TARGET, id }, officeId, detail: { kind: e.kind, via }, ip: meta.ip }, now);
  return { id, dueOn: row.due_on };
}

/** One entry from the add form; refused (409) when the same report and person are already in the register. */
export async function createReminder(deps: ReminderDeps, officeId: number, e: EntryInput, meta: Meta): Promise<{ id: number; dueOn: string }> {
  const now = deps.clock();
  return writeTransaction(deps.database, (trx) => insertOne(trx, deps, officeId, e, meta, now, 'form'));
}

/**
 * A whole uploaded list, all or nothing: the caller has checked every row;
 * a row already in the register (or twice in the file) stops the import
 * and names its line, nothing stored.
 */
export async function importReminders(deps: ReminderDeps, officeId: number, rows: { line: number; entry: EntryInput }[], meta: Meta): Promise<{ ok: true; count: number } | { ok: false; line: number }> {
  const now = deps.clock();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = JSON.stringify([r.entry.kind, r.entry.sourceRef, r.entry.name]);
    if (seen.has(key)) return { ok: false, line: r.line };
    seen.add(key);
  }
  try {
    return await writeTransaction(deps.database, async (trx) => {
      for (const r of rows) {
        if (await repo.sameReport(trx, officeId, r.entry.kind, r.entry.sourceRef, r.entry.name)) throw new DuplicateRow(r.line);
        await insertOne(trx, deps, officeId, r.entry, meta, now, 'csv');
      }
      return { ok: true as const, count: rows.length };
    });
  } catch (err) {
    if (err instanceof DuplicateRow) return { ok: false, line: err.line };
    throw err;
  }
}

class DuplicateRow extends Error {
  constructor(readonly line: number) {
    super(`row ${line} is already in the register`);
  }
}

/** The entry if one of the given offices holds it; not found otherwise (another office's entry is not there for this person). */
export async function entryInScope(db: Executor, id: number, officeIds: number[]) {
  const row = await repo.byId(db, id);
  if (!row || !officeIds.includes(row.office_id)) throw new AppError('not_found', 'error.notFound.title');
  return row;
}

/** Staff opened an entry (name, masked ID, phone): audited like every view of personal data. */
export async function recordView(deps: ReminderDeps, id: number, officeId: number | null, meta: Meta, what: 'entry' | 'letter'): Promise<void> {
  await recordAudit(deps.database.db, { actor: meta.staff, action: 'notify.reminders.view', target: { type: AUDIT_TARGET, id }, officeId, detail: { what }, ip: meta.ip }, deps.clock());
}

export const todayOf = (deps: Pick<ReminderDeps, 'clock'>) => taipeiToday(deps.clock());

export type { ReminderKind };
