import type { Database, Executor } from '../../../db/index.js';
import { writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { can, coversOffice, type StaffPrincipal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import { EVENT_OF_GUIDE } from '../../../platform/life-events.js';
import type { ItemInput } from './form.js';
import * as repo from './repo.js';

/** The guides that have an "after this event" checklist: every guide that is a life event. */
export const CHECKLIST_GUIDES: readonly string[] = Object.keys(EVENT_OF_GUIDE);

export const hasChecklist = (guideCode: string) => CHECKLIST_GUIDES.includes(guideCode);

export interface OfficeRef {
  id: number;
  countyId: number;
}

export interface Meta {
  actor: StaffPrincipal;
  ip: string | null;
  now: Date;
}

/** The county's list needs setup.county; an office's own list notify.oversee for an office the person covers. */
export function mayEdit(staff: StaffPrincipal, office: OfficeRef | null): boolean {
  if (office === null) return can(staff.role, 'setup.county');
  return can(staff.role, 'notify.oversee') && coversOffice(staff, office);
}

function assertMay(staff: StaffPrincipal, office: OfficeRef | null) {
  if (!mayEdit(staff, office)) throw new AppError('forbidden', 'error.forbidden.title');
}

function assertGuide(guideCode: string) {
  if (!hasChecklist(guideCode)) throw new AppError('not_found', 'error.notFound.title');
}

const audit = (trx: Executor, meta: Meta, office: OfficeRef | null, action: string, id: number | string, detail: Record<string, unknown>) =>
  recordAudit(trx, { actor: meta.actor, action, target: { type: 'followup_item', id }, officeId: office?.id ?? null, countyId: office?.countyId ?? meta.actor.countyId, detail, ip: meta.ip }, meta.now);

const columns = (input: ItemInput, meta: Meta) => ({
  kind: input.kind,
  title: input.titleZh,
  title_en: input.titleEn,
  place: input.placeZh,
  place_en: input.placeEn,
  deadline_days: input.deadlineDays,
  deadline_note: input.noteZh,
  deadline_note_en: input.noteEn,
  link: input.link,
  updated_by: meta.actor.id,
  updated_at: meta.now.toISOString(),
});

/** The item a staff URL names, checked to belong to this guide's list in this scope. */
async function itemIn(db: Executor, id: number, guideCode: string, office: OfficeRef | null): Promise<repo.ItemRow> {
  const row = await repo.itemById(db, id);
  if (!row || row.guide_code !== guideCode || row.office_id !== (office?.id ?? null)) throw new AppError('not_found', 'error.notFound.title');
  return row;
}

export async function itemOf(db: Executor, id: number, guideCode: string, office: OfficeRef | null) {
  return itemIn(db, id, guideCode, office);
}

/**
 * Adds an item at the end of the list. An office that still uses the
 * county's list starts its own by copying first: one item added to an empty
 * office list would silently replace the county's whole list.
 */
export async function createItem(database: Database, guideCode: string, office: OfficeRef | null, input: ItemInput, meta: Meta): Promise<number> {
  assertGuide(guideCode);
  assertMay(meta.actor, office);
  return writeTransaction(database, async (trx) => {
    const list = await repo.itemsOf(trx, guideCode, office?.id ?? null);
    if (office && list.length === 0) throw new AppError('conflict', 'notify.followups.err.startFirst');
    const position = list.reduce((max, r) => Math.max(max, r.position), 0) + 1;
    const id = await repo.insertItem(trx, { guide_code: guideCode, office_id: office?.id ?? null, position, ...columns(input, meta) });
    await audit(trx, meta, office, 'notify.followups.create', id, { guide: guideCode, title: input.titleZh });
    return id;
  });
}

export async function updateItem(database: Database, id: number, guideCode: string, office: OfficeRef | null, input: ItemInput, meta: Meta): Promise<void> {
  assertMay(meta.actor, office);
  await writeTransaction(database, async (trx) => {
    await itemIn(trx, id, guideCode, office);
    await repo.updateItem(trx, id, columns(input, meta));
    await audit(trx, meta, office, 'notify.followups.update', id, { guide: guideCode, title: input.titleZh });
  });
}

/** Moves an item one place up or down; at either end nothing moves. Positions are renumbered 1…n so gaps and ties never confuse the order. */
export async function moveItem(database: Database, id: number, guideCode: string, office: OfficeRef | null, direction: 'up' | 'down', meta: Meta): Promise<boolean> {
  assertMay(meta.actor, office);
  return writeTransaction(database, async (trx) => {
    await itemIn(trx, id, guideCode, office);
    const list = await repo.itemsOf(trx, guideCode, office?.id ?? null);
    const at = list.findIndex((r) => r.id === id);
    const to = direction === 'up' ? at - 1 : at + 1;
    const here = list[at];
    const there = list[to];
    if (!here || !there) return false;
    list[to] = here;
    list[at] = there;
    for (const [i, r] of list.entries()) if (r.position !== i + 1) await repo.updateItem(trx, r.id, { position: i + 1 });
    await audit(trx, meta, office, 'notify.followups.move', id, { guide: guideCode, direction, position: to + 1 });
    return true;
  });
}

export async function deleteItem(database: Database, id: number, guideCode: string, office: OfficeRef | null, meta: Meta): Promise<void> {
  assertMay(meta.actor, office);
  await writeTransaction(database, async (trx) => {
    const row = await itemIn(trx, id, guideCode, office);
    await repo.deleteItem(trx, id);
    await audit(trx, meta, office, 'notify.followups.delete', id, { guide: guideCode, title: row.title });
  });
}

/**
 * An office starts its own list from the county's: every item copied, in
 * order. Refused when the office already has its own list (copying twice
 * would double every line); on PostgreSQL the office row is locked so two
 * supervisors pressing the button at once copy once.
 */
export async function copyCountyList(database: Database, guideCode: string, office: OfficeRef, meta: Meta): Promise<number> {
  assertGuide(guideCode);
  assertMay(meta.actor, office);
  return writeTransaction(database, async (trx) => {
    if (database.dialect === 'postgres') await trx.selectFrom('office').select('id').where('id', '=', office.id).forUpdate().execute();
    if ((await repo.itemsOf(trx, guideCode, office.id)).length > 0) throw new AppError('conflict', 'notify.followups.err.hasOwn');
    const county = await repo.itemsOf(trx, guideCode, null);
    const iso = meta.now.toISOString();
    for (const [i, r] of county.entries()) {
      const { id: _id, ...rest } = r;
      await repo.insertItem(trx, { ...rest, office_id: office.id, position: i + 1, updated_by: meta.actor.id, updated_at: iso });
    }
    await audit(trx, meta, office, 'notify.followups.copy', guideCode, { guide: guideCode, items: county.length });
    return county.length;
  });
}

/** For the overview: per guide, the county's count and each office's own count (absent: the office uses the county's). */
export async function overview(db: Executor): Promise<Map<string, { county: number; offices: Map<number, number> }>> {
  const out = new Map(CHECKLIST_GUIDES.map((g) => [g, { county: 0, offices: new Map<number, number>() }]));
  for (const r of await repo.itemCounts(db, [...CHECKLIST_GUIDES])) {
    const entry = out.get(r.guide_code);
    if (!entry) continue;
    if (r.office_id === null) entry.county = r.n;
    else entry.offices.set(r.office_id, r.n);
  }
  return out;
}
