import { z } from 'zod';
import type { Database, Db, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import * as repo from './repo.js';
import { GUIDES, type GuideDoc } from './seed-data.js';

/**
 * Service guides: who may apply, what to bring (each with its legal basis),
 * fee, legal deadline and late fine, processing time. The one-time notice
 * slip is built from a guide's document list.
 */
export interface Guide {
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
  updatedAt: string;
}

const docsSchema = z.array(z.object({ zh: z.string(), en: z.string(), basis: z.string().optional() }));

export function parseDocs(json: string): GuideDoc[] {
  const r = docsSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : [];
}

function toGuide(row: repo.GuideRow, locale: Locale): Guide {
  const en = locale === 'en';
  return {
    code: row.code,
    category: row.category,
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
    updatedAt: row.updated_at,
  };
}

export async function listGuides(db: Db, locale: Locale): Promise<Guide[]> {
  return (await repo.listGuides(db)).map((r) => toGuide(r, locale));
}

export async function guide(db: Db, code: string, locale: Locale): Promise<Guide> {
  const row = await repo.guideByCode(db, code);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  return toGuide(row, locale);
}

/** The raw bilingual documents of a guide: the notice slip stores them as they were that day. */
export async function guideDocuments(db: Executor, code: string): Promise<GuideDoc[]> {
  const row = await repo.guideByCode(db, code);
  if (!row) throw new AppError('not_found', 'error.notFound.title');
  return parseDocs(row.documents);
}

export async function guideRow(db: Executor, code: string) {
  const row = await repo.guideByCode(db, code);
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

export async function updateGuide(
  database: Database,
  code: string,
  input: { whoZh: string; whoEn: string; documents: GuideDoc[]; processingDays: number },
  meta: { actor: StaffPrincipal; ip: string | null; now: Date },
) {
  await writeTransaction(database, async (trx) => {
    await guideRow(trx, code);
    await repo.updateGuide(trx, code, {
      who_zh: input.whoZh,
      who_en: input.whoEn,
      documents: JSON.stringify(input.documents),
      processing_days: input.processingDays,
      updated_at: meta.now.toISOString(),
      updated_by: meta.actor.id,
    });
    await recordAudit(trx, { actor: meta.actor, action: 'guide.update', target: { type: 'service_guide', id: code }, detail: { documents: input.documents.length }, ip: meta.ip }, meta.now);
  });
}
