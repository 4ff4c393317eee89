import { randomBytes } from 'node:crypto';
import { type Database, type Executor, isUniqueViolation, writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import type { Vault } from '../../../platform/identity/index.js';
import type { LifeEvent } from '../../../platform/life-events.js';
import type { RecipientInput } from './form.js';
import { bySectorThenName, changedNames, columnsOf, inputOf, type Recipient, toRecipient } from './model.js';
import * as repo from './repo.js';

export { type Recipient, recipientName } from './model.js';

// ---- for other areas -------------------------------------------------------

/** The county's active recipients that accept this event, by sector then name, lists parsed. */
export async function recipientsFor(db: Executor, countyId: number, event: LifeEvent): Promise<Recipient[]> {
  const rows = await repo.activeRecipientsOfCounty(db, countyId);
  return rows
    .map(toRecipient)
    .filter((r) => r.events.includes(event))
    .sort(bySectorThenName);
}

/** One recipient, active or not (a notice keeps pointing at a retired one); null when there is none. */
export async function recipientById(db: Executor, id: number): Promise<Recipient | null> {
  const row = await repo.recipientRow(db, id);
  return row ? toRecipient(row) : null;
}

/** The webhook's signing secret in clear, for signing a delivery; null for a recipient without one. */
export function webhookSecret(vault: Vault, row: Pick<Recipient, 'secretEnc'>): string | null {
  return row.secretEnc ? vault.decrypt(row.secretEnc) : null;
}

/** Every recipient of the county, active and retired, by sector then name. */
export async function listRecipients(db: Executor, countyId: number): Promise<Recipient[]> {
  return (await repo.recipientsOfCounty(db, countyId)).map(toRecipient).sort(bySectorThenName);
}

// ---- the registry's changes ------------------------------------------------

export interface Deps {
  database: Database;
  vault: Vault;
}
export interface Meta {
  actor: StaffPrincipal;
  ip: string | null;
  now: Date;
}

/** A new signing secret: 32 random bytes, url-safe, so it pastes into any config file as is. */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');

const codeTakenError = () => new AppError('conflict', 'notify.recipients.err.codeTaken', { fields: [{ field: 'code', key: 'notify.recipients.err.codeTaken' }] });
const notFound = () => new AppError('not_found', 'error.notFound.title');

/** The recipient, inside the transaction, if it is this county's: another county's does not exist for this one. */
async function ownRow(db: Executor, countyId: number, id: number) {
  const row = await repo.recipientRow(db, id);
  if (!row || row.county_id !== countyId) throw notFound();
  return row;
}

// the action comes second and written out at each call, so the audit words test finds every one
const audit = (db: Executor, action: string, meta: Meta, countyId: number, id: number, detail: Record<string, unknown>) =>
  recordAudit(db, { actor: meta.actor, action, target: { type: 'notify_recipient', id }, countyId, detail, ip: meta.ip }, meta.now);

/**
 * Adds a recipient. A webhook recipient gets its signing secret here, stored
 * encrypted; the clear one is returned once, for the page to show once.
 */
export async function createRecipient(deps: Deps, countyId: number, code: string, input: RecipientInput, meta: Meta): Promise<{ id: number; secret: string | null }> {
  const secret = input.channel === 'webhook' ? newWebhookSecret() : null;
  try {
    const id = await writeTransaction(deps.database, async (trx) => {
      // a code is never reused, a retired agency's included: batch files and old notices name it
      if (await repo.codeTaken(trx, countyId, code)) throw codeTakenError();
      const at = meta.now.toISOString();
      const id = await repo.insertRecipient(trx, {
        county_id: countyId,
        code,
        ...columnsOf(input),
        secret_enc: secret ? deps.vault.encrypt(secret) : null,
        active: 1,
        created_at: at,
        updated_at: at,
      });
      await audit(trx, 'notify.recipients.create', meta, countyId, id, { code, sector: input.sector, channel: input.channel, events: input.events, fields: input.fields });
      return id;
    });
    return { id, secret };
  } catch (err) {
    // two admins adding the same code at once: the unique index decides, the loser gets the same message
    if (isUniqueViolation(err)) throw codeTakenError();
    throw err;
  }
}

/**
 * Saves the form. Moving to the webhook channel makes a secret (returned
 * once); leaving it drops the stored one, so a later return needs a new one.
 */
export async function updateRecipient(deps: Deps, countyId: number, id: number, input: RecipientInput, meta: Meta): Promise<{ changed: string[]; secret: string | null }> {
  return writeTransaction(deps.database, async (trx) => {
    const before = toRecipient(await ownRow(trx, countyId, id));
    const changed = changedNames(inputOf(before), input);
    if (changed.length === 0) return { changed, secret: null };
    const secret = input.channel === 'webhook' && !before.secretEnc ? newWebhookSecret() : null;
    const secretEnc = input.channel !== 'webhook' ? null : secret ? deps.vault.encrypt(secret) : before.secretEnc;
    await repo.updateRecipient(trx, id, { ...columnsOf(input), secret_enc: secretEnc, updated_at: meta.now.toISOString() });
    await audit(trx, 'notify.recipients.update', meta, countyId, id, { code: before.code, changed });
    return { changed, secret };
  });
}

/** Retire (off the consent form, no new notices) or bring back; nothing is ever deleted. */
export async function setActive(deps: Deps, countyId: number, id: number, active: boolean, meta: Meta): Promise<Recipient> {
  return writeTransaction(deps.database, async (trx) => {
    const row = await ownRow(trx, countyId, id);
    if ((row.active === 1) === active) return toRecipient(row);
    await repo.updateRecipient(trx, id, { active: active ? 1 : 0, updated_at: meta.now.toISOString() });
    if (active) await audit(trx, 'notify.recipients.restore', meta, countyId, id, { code: row.code });
    else await audit(trx, 'notify.recipients.retire', meta, countyId, id, { code: row.code });
    return toRecipient({ ...row, active: active ? 1 : 0 });
  });
}

/** A new signing secret for a webhook recipient; the old one stops working at once. Returns the new one in clear, once. */
export async function rotateSecret(deps: Deps, countyId: number, id: number, meta: Meta): Promise<{ recipient: Recipient; secret: string }> {
  return writeTransaction(deps.database, async (trx) => {
    const row = await ownRow(trx, countyId, id);
    if (row.channel !== 'webhook') throw new AppError('bad_request', 'notify.recipients.err.notWebhook');
    const secret = newWebhookSecret();
    await repo.updateRecipient(trx, id, { secret_enc: deps.vault.encrypt(secret), updated_at: meta.now.toISOString() });
    await audit(trx, 'notify.recipients.rotate', meta, countyId, id, { code: row.code });
    return { recipient: toRecipient(row), secret };
  });
}
