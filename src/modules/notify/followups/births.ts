import type { Database, Executor } from '../../../db/index.js';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { coversOffice, type StaffPrincipal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import type { Vault } from '../../../platform/identity/index.js';
import { lifeEventOfGuide } from '../../../platform/life-events.js';
import { casesService } from '../../cases/index.js';
import { type CaseFacts, caseFacts } from './cases.js';
import * as repo from './repo.js';

/**
 * Applications the office takes with a birth registration on the county's
 * behalf (出生登記併辦), each handed to the unit that decides it. The unit
 * is a default the clerk may change (a township office, a different
 * division) when the case needs it.
 */
export const BUNDLE_KINDS = ['birth_grant', 'childcare_allowance', 'newborn_insurance'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

export const isBundleKind = (v: unknown): v is BundleKind => typeof v === 'string' && (BUNDLE_KINDS as readonly string[]).includes(v);

export const BUNDLE_STATES = ['received', 'handed_over', 'accepted', 'returned'] as const;

/**
 * received → handed_over → accepted | returned; a returned application,
 * once put right, is handed over again. Nothing is accepted before it was
 * handed over, and an accepted one is finished.
 */
export const BUNDLE_NEXT: Record<repo.BundleStatus, repo.BundleStatus[]> = {
  received: ['handed_over'],
  handed_over: ['accepted', 'returned'],
  returned: ['handed_over'],
  accepted: [],
};

export const canMoveBundle = (from: repo.BundleStatus, to: repo.BundleStatus) => BUNDLE_NEXT[from].includes(to);

const fromStates = (to: repo.BundleStatus) => (Object.keys(BUNDLE_NEXT) as repo.BundleStatus[]).filter((s) => canMoveBundle(s, to));

export interface Meta {
  actor: StaffPrincipal;
  ip: string | null;
  now: Date;
}

type OfficeLike = { id: number; countyId: number };

/**
 * A birth case of an office the person covers; anything else does not
 * exist for them. The check goes through the cases module's public face;
 * the received date (not part of it yet) is read beside it.
 */
export async function birthCaseFor(db: Executor, vault: Vault, caseId: number, offices: OfficeLike[], staff: StaffPrincipal): Promise<CaseFacts> {
  const n = await casesService.caseForNotice(db, vault, caseId);
  const office = n ? offices.find((o) => o.id === n.office_id) : undefined;
  if (!n || !office || !coversOffice(staff, office) || lifeEventOfGuide(n.guide_code) !== 'birth') throw new AppError('not_found', 'error.notFound.title');
  const c = await caseFacts(db, caseId);
  if (!c) throw new AppError('not_found', 'error.notFound.title');
  return c;
}

/** Records the applications taken with a birth case; kinds already recorded are left as they are. Returns the kinds added. */
export async function recordBundles(database: Database, c: CaseFacts, taken: { kind: BundleKind; unit: string }[], meta: Meta): Promise<BundleKind[]> {
  const iso = meta.now.toISOString();
  return writeTransaction(database, async (trx) => {
    const added: BundleKind[] = [];
    for (const t of taken) {
      const row = { case_id: c.id, office_id: c.officeId, kind: t.kind, unit: t.unit, status: 'received' as const, handed_over_on: null, handover_doc: null, note: '', updated_by: meta.actor.id, created_at: iso, updated_at: iso };
      if (await repo.insertBundle(trx, row)) added.push(t.kind);
    }
    if (added.length > 0) {
      await recordAudit(trx, { actor: meta.actor, action: 'notify.births.record', target: { type: 'case', id: c.id }, officeId: c.officeId, detail: { kinds: added }, ip: meta.ip }, meta.now);
    }
    return added;
  });
}

async function bundleOfCase(db: Executor, c: CaseFacts, bundleId: number): Promise<repo.BundleRow> {
  const b = await repo.bundleById(db, bundleId);
  if (!b || b.case_id !== c.id) throw new AppError('not_found', 'error.notFound.title');
  return b;
}

/** The hand-off to the deciding unit: the day and the transfer document's number (移送文號). */
export async function handOver(database: Database, c: CaseFacts, bundleId: number, input: { on: string; doc: string }, meta: Meta): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const b = await bundleOfCase(trx, c, bundleId);
    const moved = await repo.moveBundle(trx, b.id, fromStates('handed_over'), {
      status: 'handed_over',
      handed_over_on: input.on,
      handover_doc: input.doc,
      updated_by: meta.actor.id,
      updated_at: meta.now.toISOString(),
    });
    if (!moved) throw new AppError('conflict', 'notify.births.err.move');
    await recordAudit(trx, { actor: meta.actor, action: 'notify.births.handover', target: { type: 'birth_bundle', id: b.id }, officeId: c.officeId, detail: { caseId: c.id, kind: b.kind, from: b.status, on: input.on, doc: input.doc }, ip: meta.ip }, meta.now);
  });
}

/** The unit's answer: accepted, or returned with the reason. */
export async function settle(database: Database, c: CaseFacts, bundleId: number, input: { to: 'accepted' | 'returned'; note: string }, meta: Meta): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const b = await bundleOfCase(trx, c, bundleId);
    const moved = await repo.moveBundle(trx, b.id, fromStates(input.to), { status: input.to, note: input.note, updated_by: meta.actor.id, updated_at: meta.now.toISOString() });
    if (!moved) throw new AppError('conflict', 'notify.births.err.move');
    await recordAudit(trx, { actor: meta.actor, action: 'notify.births.status', target: { type: 'birth_bundle', id: b.id }, officeId: c.officeId, detail: { caseId: c.id, kind: b.kind, from: b.status, to: input.to }, ip: meta.ip }, meta.now);
  });
}

/**
 * The unit each application goes to in the demo county (Hsinchu), filled in
 * on the form; stored as typed, so an office elsewhere changes it there.
 */
export const DEFAULT_UNITS: Record<BundleKind, string> = {
  birth_grant: '新竹縣政府社會處',
  childcare_allowance: '戶籍地鄉（鎮、市）公所',
  newborn_insurance: '衛生福利部中央健康保險署北區業務組',
};
