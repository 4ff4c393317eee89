import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import type { IndicatorOffice } from '../../platform/indicators/index.js';
import { type EvalMeasure, yearMeasures, yearToDate } from './eval-measures.js';
import { leaves, type Plan, type PlanItem, type PlanTree } from './model.js';

/**
 * The self-evaluation (自評) and the county's review (上級評核) of one
 * office's plan as its page and its files read them. While the office is
 * still working on it the figures are live; once submitted (and after the
 * county's review) everything comes from the snapshot frozen at submission.
 */

export const EVAL_STATES = ['draft', 'submitted', 'returned', 'reviewed'] as const;
export type EvalState = (typeof EVAL_STATES)[number];
/** the office scores while it is a draft or the county returned it */
export const EDITABLE: readonly EvalState[] = ['draft', 'returned'];
/** figures and self-scores shown as frozen at submission */
export const FROZEN: readonly EvalState[] = ['submitted', 'reviewed'];

export const asEvalState = (s: string | undefined): EvalState => ((EVAL_STATES as readonly string[]).includes(s ?? '') ? (s as EvalState) : 'draft');

export interface EvidenceLink {
  label: string;
  href: string;
}

const linkSchema = z.object({ label: z.string(), href: z.string() });
const evidenceSchema = z.object({ links: z.array(linkSchema).default([]), files: z.array(z.number().int()).default([]) });
export type Evidence = z.infer<typeof evidenceSchema>;

export const parseEvidence = (json: string | null | undefined): Evidence => {
  if (!json) return { links: [], files: [] };
  const r = evidenceSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : { links: [], files: [] };
};

const measureSchema = z.object({
  measureId: z.number(),
  indicatorKey: z.string().nullable(),
  label: z.string(),
  unit: z.enum(['count', 'percent', 'points', 'minutes', 'days', 'score']),
  better: z.enum(['higher', 'lower']),
  target: z.number().nullable(),
  value: z.number().nullable(),
  status: z.enum(['on_track', 'at_risk', 'off_track', 'no_data', 'no_target']),
  origin: z.enum(['computed', 'hand', 'missing']),
  href: z.string().nullable(),
  handMonth: z.string().nullable(),
  base: z.number().nullable(),
});

const fileSchema = z.object({ id: z.number(), filename: z.string() });
export type EvidenceFile = z.infer<typeof fileSchema>;

const snapItemSchema = z.object({
  itemId: z.number(),
  code: z.string(),
  title: z.string(),
  trail: z.string(),
  points10: z.number(),
  self10: z.number().nullable(),
  account: z.string(),
  links: z.array(linkSchema),
  files: z.array(fileSchema),
  measures: z.array(measureSchema),
});

const snapshotSchema = z.object({
  takenAt: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  months: z.number(),
  items: z.array(snapItemSchema),
});
export type EvalSnapshot = z.infer<typeof snapshotSchema>;
export const parseSnapshot = (json: string): EvalSnapshot => snapshotSchema.parse(JSON.parse(json));

/** A scored item with its figures, the office's self-score and the county's score. */
export interface EvalItem {
  itemId: number;
  /** the codes from the top ('二（一）1') */
  code: string;
  title: string;
  /** the parents' codes and titles ('二 建立優質的便民服務／（一）服務流程'); empty for a top-level item */
  trail: string;
  points10: number;
  measures: EvalMeasure[];
  self10: number | null;
  account: string;
  links: EvidenceLink[];
  files: EvidenceFile[];
  county10: number | null;
  countyComment: string;
}

export interface EvalModel {
  plan: Plan;
  office: IndicatorOffice & { name: string };
  state: EvalState;
  /** when the figures shown were frozen; null: they are live */
  frozenAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** the county's overall comment (a return's reason, or the review's) */
  countyComment: string | null;
  /** the days counted: the plan year so far (or as frozen) */
  from: IsoDate | null;
  to: IsoDate | null;
  months: number;
  items: EvalItem[];
  total10: number;
  self10: number | null;
  county10: number | null;
  /** the office's evidence files, to pick from */
  files: EvidenceFile[];
}

export type EvaluationRow = Awaited<ReturnType<typeof evaluationOf>>;

export function evaluationOf(db: Executor, planId: number) {
  return db.selectFrom('plan_evaluation').selectAll().where('plan_id', '=', planId).executeTakeFirst();
}

export function scoresOf(db: Executor, planId: number) {
  return db.selectFrom('plan_item_score').selectAll().where('plan_id', '=', planId).execute();
}

/** The office's evidence files (plan_file rows of this office). */
export async function officeFiles(db: Executor, office: IndicatorOffice): Promise<EvidenceFile[]> {
  const rows = await db.selectFrom('plan_file').select(['id', 'filename']).where('county_id', '=', office.countyId).where('office_id', '=', office.id).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, filename: r.filename }));
}

/** Codes from the top and the parents' titles, for every item of the tree. */
export function itemPaths(tree: PlanTree): Map<number, { code: string; trail: string }> {
  const out = new Map<number, { code: string; trail: string }>();
  const walk = (list: PlanItem[], code: string, trail: string[]) => {
    for (const i of list) {
      out.set(i.id, { code: `${code}${i.code}`, trail: trail.join('／') });
      walk(i.children, `${code}${i.code}`, [...trail, `${i.code} ${i.title}`]);
    }
  };
  walk(tree.items, '', []);
  return out;
}

export const sumOf = (xs: (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);

type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number];
type Body = Pick<EvalModel, 'frozenAt' | 'from' | 'to' | 'months' | 'items'>;
type CountyPart = Pick<EvalItem, 'county10' | 'countyComment'>;

/** The scored items as they stand: the year so far from the registry and hand entries, the office's saved scores. */
async function liveBody(db: Executor, tree: PlanTree, office: IndicatorOffice, today: IsoDate, scores: Map<number, ScoreRow>, files: EvidenceFile[], county: (id: number) => CountyPart): Promise<Body> {
  const scored = leaves(tree);
  const ytd = yearToDate(tree.plan.year, today);
  const measures = await yearMeasures(db, office, scored, ytd);
  const paths = itemPaths(tree);
  const byId = new Map(files.map((f) => [f.id, f]));
  const items = scored.map((i): EvalItem => {
    const s = scores.get(i.id);
    const evidence = parseEvidence(s?.evidence);
    return {
      itemId: i.id,
      code: paths.get(i.id)?.code ?? i.code,
      title: i.title,
      trail: paths.get(i.id)?.trail ?? '',
      points10: i.points10,
      measures: measures.get(i.id) ?? [],
      self10: s?.self10 ?? null,
      account: s?.account ?? '',
      links: evidence.links,
      files: evidence.files.flatMap((id) => byId.get(id) ?? []),
      ...county(i.id),
    };
  });
  return { frozenAt: null, from: ytd.period?.from ?? null, to: ytd.period?.to ?? null, months: ytd.months, items };
}

/** The evaluation of an office's plan: frozen when submitted or reviewed, live otherwise. The county's scores are always the saved ones. */
export async function buildEvaluation(db: Executor, tree: PlanTree, office: IndicatorOffice & { name: string }, today: IsoDate): Promise<EvalModel> {
  const [row, scoreRows, files] = await Promise.all([evaluationOf(db, tree.plan.id), scoresOf(db, tree.plan.id), officeFiles(db, office)]);
  const state = asEvalState(row?.state);
  const scores = new Map(scoreRows.map((r) => [r.item_id, r]));
  const county = (id: number): CountyPart => ({ county10: scores.get(id)?.county10 ?? null, countyComment: scores.get(id)?.county_comment ?? '' });
  let body: Body;
  if (row?.snapshot && FROZEN.includes(state)) {
    const snap = parseSnapshot(row.snapshot);
    body = { frozenAt: snap.takenAt, from: snap.from, to: snap.to, months: snap.months, items: snap.items.map((i) => ({ ...i, ...county(i.itemId) })) };
  } else {
    body = await liveBody(db, tree, office, today, scores, files, county);
  }
  return {
    plan: tree.plan,
    office,
    state,
    submittedAt: row?.submitted_at ?? null,
    reviewedAt: row?.reviewed_at ?? null,
    countyComment: row?.county_comment ?? null,
    files,
    ...body,
    total10: body.items.reduce((a, i) => a + i.points10, 0),
    self10: sumOf(body.items.map((i) => i.self10)),
    county10: sumOf(body.items.map((i) => i.county10)),
  };
}

/** The snapshot of what is submitted: the live model's figures and the office's scores, as of now. */
export function snapshotOf(m: EvalModel, at: string): EvalSnapshot {
  return {
    takenAt: at,
    from: m.from,
    to: m.to,
    months: m.months,
    items: m.items.map((i) => ({
      itemId: i.itemId,
      code: i.code,
      title: i.title,
      trail: i.trail,
      points10: i.points10,
      self10: i.self10,
      account: i.account,
      links: i.links,
      files: i.files,
      measures: i.measures,
    })),
  };
}
