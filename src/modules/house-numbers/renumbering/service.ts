import { type Database, type Executor, writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import { type AddressParts, addressKey, addressLabel } from '../address.js';
import type { NoticeFields } from './form.js';
import { type ItemLine, itemLineText, type LineProblem, type SideParts } from './lines.js';
import { places } from '../../population/index.js';
import * as repo from './repo.js';

/**
 * Renumbering notices (門牌整編): an office announces that some house numbers
 * change on a date, by a document; citizens find the notice on the old
 * number's look-up page. draft → published → withdrawn; each step audited in
 * the transaction that makes it.
 */
export type NoticeState = repo.NoticeState;

export interface NoticeItem {
  oldKey: string;
  oldLabel: string;
  newLabel: string;
  newPointId: number | null;
}

export interface Notice extends NoticeFields {
  id: number;
  officeId: number;
  state: NoticeState;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  items: NoticeItem[];
}

export interface NoticeSummary {
  id: number;
  title: string;
  effectiveOn: string;
  docNo: string;
  state: NoticeState;
  items: number;
}

export interface Meta {
  actor: StaffPrincipal;
  ip: string | null;
  now: Date;
}

export interface OfficeRef {
  id: number;
  countyId: number;
}

// ---- reading ---------------------------------------------------------------

/** Numbers in a key compare as numbers: 光明六路|||2 before 光明六路|||10. */
function byKey(a: NoticeItem, b: NoticeItem): number {
  const pa = a.oldKey.split('|');
  const pb = b.oldKey.split('|');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

const summaryOf = (r: repo.NoticeRow & { items: number }): NoticeSummary => ({ id: r.id, title: r.title, effectiveOn: r.effective_on, docNo: r.doc_no, state: r.state, items: r.items });

/** The office's notices, newest effective date first; the public sees only the published ones. */
export async function noticesOfOffice(db: Executor, officeId: number, states: readonly NoticeState[] = ['draft', 'published', 'withdrawn']): Promise<NoticeSummary[]> {
  return (await repo.noticesOfOffice(db, officeId, states)).map(summaryOf);
}

/** One notice with its list (in house-number order); null when there is none. */
export async function noticeById(db: Executor, id: number): Promise<Notice | null> {
  const row = await repo.noticeRow(db, id);
  if (!row) return null;
  const items = (await repo.itemsOf(db, id)).map((i) => ({ oldKey: i.old_key, oldLabel: i.old_label, newLabel: i.new_label, newPointId: i.new_point_id }));
  let villages: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.villages);
    if (Array.isArray(parsed)) villages = parsed.filter((v): v is string => typeof v === 'string');
  } catch {
    villages = [];
  }
  return {
    id: row.id,
    officeId: row.office_id,
    title: row.title,
    villages,
    effectiveOn: row.effective_on,
    docNo: row.doc_no,
    note: row.note,
    state: row.state,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    items: items.sort(byKey),
  };
}

/** The list as the form's textarea shows it: one 「舊 → 新」 a line. */
export const itemsText = (items: readonly NoticeItem[]) => items.map((i) => itemLineText(i.oldLabel, i.newLabel)).join('\n');

/** The villages staff may tick for the office (its town's, from the population statistics), by code. */
export function villagesOfOffice(db: Executor, officeId: number) {
  return places.villagesOfOffice(db, officeId).then((rows) => rows.map((r) => ({ code: r.code, name: r.name_zh, town: r.town })));
}

export async function villageNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await places.villageNames(db, codes)).map((r) => [r.code, r.name_zh]));
}

// ---- the list against the register -----------------------------------------

const fullParts = (p: SideParts, section: string): AddressParts => ({ ...p, section, floor: '', floorSub: '' });

/** The key of a number without its 段, to find the sections the register has for it. */
const sectionless = (p: { road: string; lane: string; alley: string; number: string; numberSub: string }) => [p.road, p.lane, p.alley, p.number, p.numberSub].join('|');

/**
 * The 段 of each side written without one: the register's, when the county
 * has that number on that road in exactly one section (the new side: among
 * current numbers); else none ('').
 */
async function sectionFinder(db: Executor, countyId: number, lines: readonly ItemLine[]) {
  const open = lines.flatMap((l) => [l.old, l.new]).filter((p) => p.section === undefined);
  const rows = await repo.sectionsOnRoads(
    db,
    countyId,
    open.map((p) => p.road),
    open.map((p) => p.number),
  );
  const any = new Map<string, Set<string>>();
  const current = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = sectionless({ ...r, numberSub: r.number_sub });
    any.set(key, (any.get(key) ?? new Set()).add(r.section));
    if (r.state === 'current') current.set(key, (current.get(key) ?? new Set()).add(r.section));
  }
  return (p: SideParts, among: 'any' | 'current'): string => {
    if (p.section !== undefined) return p.section;
    const found = (among === 'any' ? any : current).get(sectionless(p));
    return found?.size === 1 ? ([...found][0] as string) : '';
  };
}

/**
 * The items as stored: old key and label (段 from the register when left
 * out), the new label and the current point that has it, if the register has
 * it yet. Two lines that turn out to name the same old number are a problem
 * of the later line.
 */
async function resolveItems(db: Executor, countyId: number, lines: readonly ItemLine[]): Promise<{ items: NoticeItem[]; problems: LineProblem[] }> {
  const sectionOf = await sectionFinder(db, countyId, lines);
  const resolved = lines.map((l) => {
    const oldParts = fullParts(l.old, sectionOf(l.old, 'any'));
    const newParts = fullParts(l.new, sectionOf(l.new, 'current'));
    return { line: l.line, oldText: l.oldText, oldParts, newParts, newKey: addressKey(newParts) };
  });
  const points = await repo.currentPointsByKey(db, countyId, resolved.map((r) => r.newKey));
  const seen = new Map<string, number>();
  const items: NoticeItem[] = [];
  const problems: LineProblem[] = [];
  for (const r of resolved) {
    const oldKey = addressKey(r.oldParts);
    const first = seen.get(oldKey);
    if (first !== undefined) {
      problems.push({ line: r.line, key: 'duplicate', text: r.oldText, first });
      continue;
    }
    seen.set(oldKey, r.line);
    items.push({ oldKey, oldLabel: addressLabel(r.oldParts), newLabel: addressLabel(r.newParts), newPointId: points.get(r.newKey) ?? null });
  }
  return { items, problems };
}

/** A list with lines that name one old number twice: refused with those lines, nothing stored. */
export class LineConflict extends AppError {
  constructor(readonly problems: LineProblem[]) {
    super('validation', 'renumbering.err.lines', { params: { count: problems.length }, fields: [{ field: 'items', key: 'renumbering.err.lines', params: { count: problems.length } }] });
  }
}

// ---- changes ---------------------------------------------------------------

const notFound = () => new AppError('not_found', 'error.notFound.title');

async function ownNotice(db: Executor, office: OfficeRef, id: number): Promise<repo.NoticeRow> {
  const row = await repo.noticeRow(db, id);
  if (!row || row.office_id !== office.id) throw notFound();
  return row;
}

const columnsOf = (f: NoticeFields) => ({ title: f.title, villages: JSON.stringify(f.villages), effective_on: f.effectiveOn, doc_no: f.docNo, note: f.note });
const storedItems = (items: NoticeItem[]) => items.map((i) => ({ old_key: i.oldKey, old_label: i.oldLabel, new_label: i.newLabel, new_point_id: i.newPointId }));

/** A new draft notice of the office. */
export async function createNotice(database: Database, office: OfficeRef, f: NoticeFields, lines: readonly ItemLine[], meta: Meta): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const { items, problems } = await resolveItems(trx, office.countyId, lines);
    if (problems.length > 0) throw new LineConflict(problems);
    const at = meta.now.toISOString();
    const id = await repo.insertNotice(trx, { office_id: office.id, ...columnsOf(f), state: 'draft', published_at: null, created_by: meta.actor.id || null, created_at: at, updated_at: at });
    await repo.replaceItems(trx, id, storedItems(items));
    await recordAudit(
      trx,
      { actor: meta.actor, action: 'addresses.renumbering.create', target: { type: 'renumbering', id }, officeId: office.id, detail: { items: items.length, effective_on: f.effectiveOn }, ip: meta.ip },
      meta.now,
    );
    return id;
  });
}

/** Changes a draft, or corrects a published notice (it stays published); a withdrawn one is final. */
export async function updateNotice(database: Database, office: OfficeRef, id: number, f: NoticeFields, lines: readonly ItemLine[], meta: Meta): Promise<void> {
  await writeTransaction(database, async (trx) => {
    const row = await ownNotice(trx, office, id);
    if (row.state === 'withdrawn') throw new AppError('conflict', 'renumbering.err.withdrawn');
    const { items, problems } = await resolveItems(trx, office.countyId, lines);
    if (problems.length > 0) throw new LineConflict(problems);
    await repo.updateNotice(trx, id, { ...columnsOf(f), updated_at: meta.now.toISOString() });
    await repo.replaceItems(trx, id, storedItems(items));
    await recordAudit(
      trx,
      { actor: meta.actor, action: 'addresses.renumbering.update', target: { type: 'renumbering', id }, officeId: office.id, detail: { state: row.state, items: items.length }, ip: meta.ip },
      meta.now,
    );
  });
}

/** draft → published: citizens see it from now on. */
export async function publishNotice(database: Database, office: OfficeRef, id: number, meta: Meta): Promise<void> {
  await writeTransaction(database, async (trx) => {
    await ownNotice(trx, office, id);
    const at = meta.now.toISOString();
    if (!(await repo.moveState(trx, id, 'draft', { state: 'published', published_at: at, updated_at: at }))) throw new AppError('conflict', 'renumbering.err.state');
    await recordAudit(trx, { actor: meta.actor, action: 'addresses.renumbering.publish', target: { type: 'renumbering', id }, officeId: office.id, detail: { from: 'draft', to: 'published' }, ip: meta.ip }, meta.now);
  });
}

/** published → withdrawn: the public pages and the look-up stop showing it. */
export async function withdrawNotice(database: Database, office: OfficeRef, id: number, meta: Meta): Promise<void> {
  await writeTransaction(database, async (trx) => {
    await ownNotice(trx, office, id);
    if (!(await repo.moveState(trx, id, 'published', { state: 'withdrawn', updated_at: meta.now.toISOString() }))) throw new AppError('conflict', 'renumbering.err.state');
    await recordAudit(trx, { actor: meta.actor, action: 'addresses.renumbering.withdraw', target: { type: 'renumbering', id }, officeId: office.id, detail: { from: 'published', to: 'withdrawn' }, ip: meta.ip }, meta.now);
  });
}
