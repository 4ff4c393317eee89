import { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import { freeText, intField, pastDate, requiredText } from './registers-common.js';

/**
 * 流程、書表檢討: at least once a year the office reviews how a service is
 * done and records the figures before and after (steps, forms, documents
 * asked for, minutes at the counter), linked to the service guide concerned.
 */
export const FIGURES = ['steps', 'forms', 'documents', 'minutes'] as const;
export type FigureName = (typeof FIGURES)[number];
export type ProcessFigures = Record<FigureName, number>;
export const FIGURE_MAX = 10_000;
export const TITLE_MAX = 100;
export const SUMMARY_MAX = 4000;

/** Form field names: before.steps … after.minutes as beforeSteps … afterMinutes (one word, a plain field id). */
export const figureField = (side: 'before' | 'after', f: FigureName) => `${side}${f[0]?.toUpperCase()}${f.slice(1)}`;

export const reviewSchema = (today: () => IsoDate) =>
  z.object({
    reviewedOn: pastDate(today),
    guide: freeText(40),
    title: requiredText(TITLE_MAX),
    summary: freeText(SUMMARY_MAX),
    ...Object.fromEntries(FIGURES.flatMap((f) => [[figureField('before', f), intField(0, FIGURE_MAX)] as const, [figureField('after', f), intField(0, FIGURE_MAX)] as const])),
  });

export interface ReviewInput {
  reviewedOn: IsoDate;
  guideCode: string | null;
  title: string;
  summary: string;
  before: ProcessFigures;
  after: ProcessFigures;
}

/** The parsed form as the register's input. */
export function reviewInput(d: Record<string, unknown> & { reviewedOn: IsoDate; guide: string; title: string; summary: string }): ReviewInput {
  const side = (s: 'before' | 'after') => Object.fromEntries(FIGURES.map((f) => [f, Number(d[figureField(s, f)])])) as ProcessFigures;
  return { reviewedOn: d.reviewedOn, guideCode: d.guide || null, title: d.title, summary: d.summary, before: side('before'), after: side('after') };
}

export interface ReviewRow extends ReviewInput {
  id: number;
  officeId: number;
}

const figuresSchema = z.object({ steps: z.number(), forms: z.number(), documents: z.number(), minutes: z.number() });
const readFigures = (json: string): ProcessFigures => {
  const r = figuresSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : { steps: 0, forms: 0, documents: 0, minutes: 0 };
};

export async function recordReview(database: Database, office: { id: number; countyId: number }, d: ReviewInput, actor: StaffPrincipal, ip: string | null, now: Date): Promise<number> {
  return writeTransaction(database, async (trx) => {
    const r = await trx
      .insertInto('plan_process_review')
      .values({
        office_id: office.id,
        reviewed_on: d.reviewedOn,
        guide_code: d.guideCode,
        title: d.title,
        before_figures: JSON.stringify(d.before),
        after_figures: JSON.stringify(d.after),
        summary: d.summary,
        created_by: actor.id,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'plan.processReview.record', target: { type: 'plan_process_review', id: r.id }, officeId: office.id, countyId: office.countyId, detail: { reviewedOn: d.reviewedOn, guide: d.guideCode, before: d.before, after: d.after }, ip }, now);
    return r.id;
  });
}

/** One office's reviews dated in a year, newest first. */
export async function reviewsOf(db: Executor, officeId: number, year: number): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('plan_process_review')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('reviewed_on', '>=', `${year}-01-01`)
    .where('reviewed_on', '<=', `${year}-12-31`)
    .orderBy('reviewed_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, officeId: r.office_id, reviewedOn: r.reviewed_on, guideCode: r.guide_code, title: r.title, summary: r.summary, before: readFigures(r.before_figures), after: readFigures(r.after_figures) }));
}
