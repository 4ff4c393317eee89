import { z } from 'zod';
import type { Database, Db, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { can, coversOffice, type StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import { GUIDE_TOPICS, topicOf } from '../../platform/search/index.js';
import * as repo from './repo.js';
import { cached } from '../../platform/cache.js';
import { GUIDES, type GuideDoc } from './seed-data.js';

/**
 * Service guides: who may apply, what to bring (each with its legal basis),
 * fee, legal deadline and late fine, processing time. The one-time notice
 * slip is built from a guide's document list.
 *
 * Scope: a guide with office_id null belongs to the county library; one with
 * an office id is that office's own. An office's public list is its own
 * active guides, or the library while it has none (see README).
 */
export interface Guide {
  id: number;
  officeId: number | null;
  code: string;
  category: string;
  name: string;
  who: string;
  documents: { text: string; basis: string | null }[];
  feeNtd: number | null;
  fee: string;
  deadlineDays: number | null;
  deadline: string;
  lateFine: boolean;
  processingDays: number;
  serviceCode: string | null;
  active: boolean;
  updatedAt: string;
}

/** A guide files under one of the site's topics (platform/search/topics.ts), the same words news and FAQ use. */
export const CATEGORIES = GUIDE_TOPICS;
export type GuideCategory = (typeof CATEGORIES)[number];

/** A stored or typed category as a guide topic: former keys (`id`, `certificate`) read as the topic they meant. */
export function guideCategoryOf(raw: unknown): GuideCategory | null {
  const topic = typeof raw === 'string' ? topicOf(raw.trim()) : null;
  return topic && (CATEGORIES as readonly string[]).includes(topic) ? (topic as GuideCategory) : null;
}

const docsSchema = z.array(z.object({ zh: z.string(), en: z.string(), basis: z.string().optional() }));

export function parseDocs(json: string): GuideDoc[] {
  const r = docsSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : [];
}

function toGuide(row: repo.GuideRow, locale: Locale): Guide {
  const en = locale === 'en';
  return {
    id: row.id,
    officeId: row.office_id,
    code: row.code,
    category: guideCategoryOf(row.category) ?? row.category,
    name: en ? row.name_en : row.name_zh,
    who: en ? row.who_en : row.who_zh,
    documents: parseDocs(row.documents).map((d) => ({ text: en ? d.en : d.zh, basis: d.basis ?? null })),
    feeNtd: row.fee_ntd,
    fee: en ? row.fee_en : row.fee_zh,
    deadlineDays: row.deadline_days,
    deadline: en ? row.deadline_en : row.deadline_zh,
    lateFine: row.late_fine === 1,
    processingDays: row.processing_days,
    serviceCode: row.service_code,
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

/** The county's public list (and site search): the library's guides in force. */
export async function listGuides(db: Db, locale: Locale): Promise<Guide[]> {
  return (await repo.libraryGuides(db, true)).map((r) => toGuide(r, locale));
}

/** An office's public list: its own guides in force, or the library while it has none of its own. */
export async function officeGuideList(db: Db, officeId: number, locale: Locale): Promise<{ guides: Guide[]; fromLibrary: boolean }> {
  const own = await repo.officeGuides(db, officeId, true);
  if (own.length > 0) return { guides: own.map((r) => toGuide(r, locale)), fromLibrary: false };
  const library = await listGuides(db, locale);
  // an empty library (a fresh install) is nothing to fall back to: say "no guides yet", not "the library is shown"
  return { guides: library, fromLibrary: library.length > 0 };
}

/** Resolves a code the way links do: an office's own guide first, then the library; retired ones too (their page says so). */
async function resolve(db: Executor, code: string, officeId?: number | null): Promise<repo.GuideRow> {
  const row = officeId ? ((await repo.guideInScope(db, officeId, code)) ?? (await repo.guideInScope(db, null, code))) : await repo.guideByCode(db, code);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  return row;
}

/** A guide's public page: kept per process until a guide changes (platform/cache.ts); a code that is not there is not cached. */
export async function guide(db: Db, code: string, locale: Locale, officeId?: number | null): Promise<Guide> {
  return toGuide(await cached(db, ['guides'], `guides:${officeId ?? ''}:${code}`, () => resolve(db, code, officeId)), locale);
}

/** The raw bilingual documents of a guide: the notice slip stores them as they were that day. */
export async function guideDocuments(db: Executor, code: string, officeId?: number | null): Promise<GuideDoc[]> {
  return parseDocs((await resolve(db, code, officeId)).documents);
}

export async function guideRow(db: Executor, code: string, officeId?: number | null) {
  return resolve(db, code, officeId);
}

export async function guideRowById(db: Executor, id: number) {
  const row = await repo.guideById(db, id);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  return row;
}

export async function seedGuides(db: Executor, now: Date): Promise<void> {
  for (const [i, g] of GUIDES.entries()) {
    await repo.insertGuide(db, {
      code: g.code,
      category: g.category,
      name_zh: g.name[0],
      name_en: g.name[1],
      who_zh: g.who[0],
      who_en: g.who[1],
      documents: JSON.stringify(g.documents),
      fee_ntd: g.feeNtd,
      fee_zh: g.fee[0],
      fee_en: g.fee[1],
      deadline_days: g.deadlineDays,
      deadline_zh: g.deadline[0],
      deadline_en: g.deadline[1],
      late_fine: g.lateFine ? 1 : 0,
      processing_days: g.processingDays,
      service_code: g.serviceCode,
      sort: i,
      updated_at: now.toISOString(),
      updated_by: null,
      office_id: null,
      active: 1,
      copied_from: null,
    });
  }
}

/** "中文 | English | 法源" per line; the basis is optional. */
export function docsFromLines(text: string): GuideDoc[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [zh = '', en = '', basis = ''] = line.split('|').map((x) => x.trim());
      return { zh, en: en || zh, ...(basis ? { basis } : {}) };
    });
}

export function docsToLines(docs: GuideDoc[]): string {
  return docs.map((d) => [d.zh, d.en, d.basis ?? ''].join(' | ').replace(/ \| $/, '')).join('\n');
}

// ---- who may change what -------------------------------------------------

export interface OfficeRef {
  id: number;
  countyId: number;
}

/**
 * The library needs setup.county. An office's guides need setup.office for
 * create / copy / retire and guides.edit (supervisors too) to edit the text,
 * always for an office the person covers.
 */
export function mayManage(staff: StaffPrincipal, office: OfficeRef | null, what: 'setup' | 'edit'): boolean {
  if (office === null) return can(staff.role, 'setup.county');
  if (!coversOffice(staff, office)) return false;
  return can(staff.role, what === 'setup' ? 'setup.office' : 'guides.edit');
}

function assertMay(staff: StaffPrincipal, office: OfficeRef | null, what: 'setup' | 'edit') {
  if (!mayManage(staff, office, what)) throw new AppError('forbidden', 'error.forbidden.title');
}

// ---- create, edit, copy, retire --------------------------------------------

export interface GuideInput {
  category: GuideCategory;
  nameZh: string;
  nameEn: string;
  whoZh: string;
  whoEn: string;
  documents: GuideDoc[];
  feeNtd: number | null;
  feeZh: string;
  feeEn: string;
  deadlineDays: number | null;
  deadlineZh: string;
  deadlineEn: string;
  lateFine: boolean;
  processingDays: number;
  serviceCode: string | null;
}

function inputColumns(input: GuideInput) {
  return {
    category: input.category,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    who_zh: input.whoZh,
    who_en: input.whoEn,
    documents: JSON.stringify(input.documents),
    fee_ntd: input.feeNtd,
    fee_zh: input.feeZh,
    fee_en: input.feeEn,
    deadline_days: input.deadlineDays,
    deadline_zh: input.deadlineZh,
    deadline_en: input.deadlineEn,
    late_fine: input.lateFine ? 1 : 0,
    processing_days: input.processingDays,
    service_code: input.serviceCode,
  };
}

export function inputOf(row: repo.GuideRow): GuideInput {
  return {
    category: guideCategoryOf(row.category) ?? 'registration',
    nameZh: row.name_zh,
    nameEn: row.name_en,
    whoZh: row.who_zh,
    whoEn: row.who_en,
    documents: parseDocs(row.documents),
    feeNtd: row.fee_ntd,
    feeZh: row.fee_zh,
    feeEn: row.fee_en,
    deadlineDays: row.deadline_days,
    deadlineZh: row.deadline_zh,
    deadlineEn: row.deadline_en,
    lateFine: row.late_fine === 1,
    processingDays: row.processing_days,
    serviceCode: row.service_code,
  };
}

/** Only the fields that changed, for the audit line. */
function changed(before: object, after: Record<string, unknown>) {
  const was = new Map(Object.entries(before));
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (was.get(k) !== after[k]) {
      b[k] = was.get(k) ?? null;
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

interface Meta {
  actor: StaffPrincipal | null;
  ip?: string | null;
  now: Date;
}

const codeTaken = () => new AppError('validation', 'guides.err.codeTaken', { fields: [{ field: 'code', key: 'guides.err.codeTaken' }] });

async function insertIn(trx: Executor, office: OfficeRef | null, code: string, input: GuideInput, meta: Meta, copiedFrom: number | null): Promise<number> {
  const scope = office?.id ?? null;
  // a code is never reused in its scope, retired ones included: old links and cases keep their meaning
  if (await repo.guideInScope(trx, scope, code)) throw codeTaken();
  return repo.insertGuide(trx, {
    code,
    ...inputColumns(input),
    sort: await repo.nextSort(trx, scope),
    updated_at: meta.now.toISOString(),
    updated_by: meta.actor?.id ?? null,
    office_id: scope,
    active: 1,
    copied_from: copiedFrom,
  });
}

export async function createGuide(database: Database, office: OfficeRef | null, code: string, input: GuideInput, meta: Meta & { actor: StaffPrincipal }): Promise<number> {
  assertMay(meta.actor, office, 'setup');
  return writeTransaction(database, async (trx) => {
    const id = await insertIn(trx, office, code, input, meta, null);
    await recordAudit(
      trx,
      { actor: meta.actor, action: 'guides.guide.create', target: { type: 'service_guide', id }, officeId: office?.id ?? null, countyId: office?.countyId ?? meta.actor.countyId, detail: { before: {}, after: { code, ...inputColumns(input) } }, ip: meta.ip ?? null },
      meta.now,
    );
    return id;
  });
}

export async function updateGuide(database: Database, id: number, office: OfficeRef | null, input: GuideInput, meta: Meta & { actor: StaffPrincipal }): Promise<void> {
  assertMay(meta.actor, office, 'edit');
  await writeTransaction(database, async (trx) => {
    const row = await guideRowById(trx, id);
    if (row.office_id !== (office?.id ?? null)) throw new AppError('not_found', 'error.notFound.title');
    const after = inputColumns(input);
    const diff = changed(row, after);
    if (Object.keys(diff.after).length === 0) return;
    await repo.updateGuide(trx, id, { ...after, updated_at: meta.now.toISOString(), updated_by: meta.actor.id });
    await recordAudit(trx, { actor: meta.actor, action: 'guides.guide.update', target: { type: 'service_guide', id: row.code }, officeId: row.office_id, countyId: office?.countyId ?? meta.actor.countyId, detail: diff, ip: meta.ip ?? null }, meta.now);
  });
}

/** Copies a guide (from the library or another office) into a scope; the code stays so links and the queue service keep matching. */
export async function copyGuide(database: Database, fromId: number, into: OfficeRef | null, meta: Meta & { actor: StaffPrincipal }): Promise<number> {
  assertMay(meta.actor, into, 'setup');
  return writeTransaction(database, async (trx) => {
    const from = await guideRowById(trx, fromId);
    if (from.office_id === (into?.id ?? null)) throw codeTaken();
    const id = await insertIn(trx, into, from.code, inputOf(from), meta, from.id);
    await recordAudit(
      trx,
      { actor: meta.actor, action: 'guides.guide.copy', target: { type: 'service_guide', id }, officeId: into?.id ?? null, countyId: into?.countyId ?? meta.actor.countyId, detail: { before: {}, after: { code: from.code, copied_from: from.id, from_office: from.office_id } }, ip: meta.ip ?? null },
      meta.now,
    );
    return id;
  });
}

/** Retire (off the public list and search; its page says so) or bring back. Nothing is deleted: cases point at the code. */
export async function setActive(database: Database, id: number, office: OfficeRef | null, active: boolean, meta: Meta & { actor: StaffPrincipal }): Promise<repo.GuideRow> {
  assertMay(meta.actor, office, 'setup');
  return writeTransaction(database, async (trx) => {
    const row = await guideRowById(trx, id);
    if (row.office_id !== (office?.id ?? null)) throw new AppError('not_found', 'error.notFound.title');
    if ((row.active === 1) === active) return row;
    await repo.updateGuide(trx, id, { active: active ? 1 : 0, updated_at: meta.now.toISOString(), updated_by: meta.actor.id });
    await recordAudit(
      trx,
      { actor: meta.actor, action: active ? 'guides.guide.restore' : 'guides.guide.retire', target: { type: 'service_guide', id: row.code }, officeId: row.office_id, countyId: office?.countyId ?? meta.actor.countyId, detail: { before: { active: row.active }, after: { active: active ? 1 : 0 } }, ip: meta.ip ?? null },
      meta.now,
    );
    return row;
  });
}

/** The guides a scope can copy from: the library and every other office's own guides. */
export async function copySources(db: Db, intoOfficeId: number | null, officeIds: number[]) {
  const [lib, others] = await Promise.all([repo.libraryGuides(db, false), repo.guidesOfOffices(db, officeIds.filter((id) => id !== intoOfficeId))]);
  return { library: intoOfficeId === null ? [] : lib, others };
}

export async function staffList(db: Db, officeId: number | null) {
  return officeId === null ? repo.libraryGuides(db, false) : repo.officeGuides(db, officeId, false);
}

// ---- the configuration file (one sheet per kind; built later) -------------

/** zh-Hant column headers of the guides sheet, in order. */
export const GUIDE_COLUMNS = [
  { key: 'code', header: '代碼' },
  { key: 'category', header: '類別' },
  { key: 'nameZh', header: '名稱' },
  { key: 'nameEn', header: '英文名稱' },
  { key: 'whoZh', header: '申請人' },
  { key: 'whoEn', header: '申請人（英文）' },
  { key: 'documents', header: '應備文件（每行：中文 | English | 法源）' },
  { key: 'feeNtd', header: '規費（元）' },
  { key: 'feeZh', header: '規費說明' },
  { key: 'feeEn', header: '規費說明（英文）' },
  { key: 'deadlineDays', header: '申請期限（日）' },
  { key: 'deadlineZh', header: '申請期限說明' },
  { key: 'deadlineEn', header: '申請期限說明（英文）' },
  { key: 'lateFine', header: '逾期罰鍰（第79條）' },
  { key: 'processingDays', header: '處理工作天' },
  { key: 'serviceCode', header: '叫號服務代碼' },
  { key: 'active', header: '使用中' },
] as const satisfies readonly { key: string; header: string }[];

const cellText = (max: number) => z.string().trim().min(1).max(max);
const cellInt = (max: number) => z.coerce.number().int().min(0).max(max);
const cellBool = z.union([z.boolean(), z.enum(['1', '0', '是', '否', 'true', 'false'])]).transform((v) => v === true || v === '1' || v === '是' || v === 'true');
const blankToNull = (v: unknown) => (v === '' || v === undefined || v === null ? null : v);

export const guideRowSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/),
  category: z.preprocess((v) => guideCategoryOf(v) ?? v, z.enum(CATEGORIES)),
  nameZh: cellText(100),
  nameEn: cellText(100),
  whoZh: cellText(300),
  whoEn: cellText(300),
  documents: cellText(5000),
  feeNtd: z.preprocess(blankToNull, cellInt(100_000).nullable()),
  feeZh: cellText(200),
  feeEn: cellText(200),
  deadlineDays: z.preprocess(blankToNull, cellInt(3650).nullable()),
  deadlineZh: cellText(200),
  deadlineEn: cellText(200),
  lateFine: cellBool,
  processingDays: cellInt(120),
  serviceCode: z.preprocess(blankToNull, z.string().trim().regex(/^[a-z0-9-]{1,40}$/).nullable()),
  active: cellBool,
});
export type GuideSheetRow = z.infer<typeof guideRowSchema>;

/** One scope's guides as sheet rows (officeId null = the library). */
export async function exportGuideRows(db: Executor, officeId: number | null): Promise<GuideSheetRow[]> {
  const rows = officeId === null ? await repo.libraryGuides(db, false) : await repo.officeGuides(db, officeId, false);
  return rows.map((r) => {
    const i = inputOf(r);
    return { code: r.code, ...i, documents: docsToLines(i.documents), active: r.active === 1 };
  });
}

/**
 * Applies sheet rows to one scope inside the caller's transaction: a new code
 * is created, a known one updated (and retired or brought back); guides not in
 * the sheet are left alone, never deleted. Every change is audited.
 */
export async function applyGuideRows(trx: Executor, officeId: number | null, rows: GuideSheetRow[], actor: StaffPrincipal, now = new Date()): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const raw of rows) {
    const r = guideRowSchema.parse(raw);
    const input: GuideInput = { ...r, documents: docsFromLines(r.documents) };
    const existing = await repo.guideInScope(trx, officeId, r.code);
    if (!existing) {
      const id = await repo.insertGuide(trx, { code: r.code, ...inputColumns(input), sort: await repo.nextSort(trx, officeId), updated_at: now.toISOString(), updated_by: actor.id, office_id: officeId, active: r.active ? 1 : 0, copied_from: null });
      await recordAudit(trx, { actor, action: 'guides.guide.create', target: { type: 'service_guide', id }, officeId, countyId: actor.countyId, detail: { before: {}, after: { code: r.code, source: 'config' } } }, now);
      created++;
      continue;
    }
    const after = { ...inputColumns(input), active: r.active ? 1 : 0 };
    const diff = changed(existing, after);
    if (Object.keys(diff.after).length === 0) continue;
    await repo.updateGuide(trx, existing.id, { ...after, updated_at: now.toISOString(), updated_by: actor.id });
    await recordAudit(trx, { actor, action: 'guides.guide.update', target: { type: 'service_guide', id: r.code }, officeId, countyId: actor.countyId, detail: diff }, now);
    updated++;
  }
  return { created, updated };
}
