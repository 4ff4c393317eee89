import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';

/** Topics of the question bank (the law quiz's own small list). */
export const QUIZ_TOPICS = ['deadlines', 'fines', 'fees', 'registration', 'id_card'] as const;
export type QuizTopic = (typeof QUIZ_TOPICS)[number];
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Hours a person should reach in a year (公務人員每年最低學習時數 20 小時). */
export const YEARLY_HOURS = 20;
/** A submission this long after the time limit still counts as on time (a slow network, a slow click). */
export const GRACE_MS = 60_000;

/**
 * All-or-nothing: a question is right when exactly the correct options were
 * chosen, no more and no fewer. A single-choice question is the same rule
 * with one option.
 */
export function isRight(answer: readonly number[], correct: readonly number[]): boolean {
  const a = new Set(answer);
  const c = new Set(correct);
  return a.size === c.size && [...c].every((x) => a.has(x));
}

/** Percent, one decimal, of right over total (null with nothing asked). */
export const percent = (right: number, total: number): number | null => (total > 0 ? Math.round((right / total) * 1000) / 10 : null);

/** Past the deadline plus the grace: still scored, marked late. */
export const isLate = (deadlineAt: string, at: Date): boolean => at.getTime() > new Date(deadlineAt).getTime() + GRACE_MS;

/** Picks n of the ids at random (Fisher–Yates on a copy), in the drawn order. */
export function draw<T>(ids: readonly T[], n: number, random: () => number = Math.random): T[] {
  const copy = [...ids];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

export const parseJsonList = (s: string | null): number[] => (s ? (JSON.parse(s) as number[]) : []);
export const parseTextList = (s: string): string[] => JSON.parse(s) as string[];

/** Hours as typed: a positive decimal with at most two places, at most 40. Stored as hundredths. */
export const hoursField = z
  .string({ error: 'err.required' })
  .trim()
  .min(1, 'err.required')
  .transform((v, ctx) => {
    const s = v.normalize('NFKC');
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'training.err.hours' });
      return z.NEVER;
    }
    const centi = Math.round(Number(s) * 100);
    if (centi <= 0 || centi > 4000) {
      ctx.addIssue({ code: 'custom', message: 'training.err.hoursRange' });
      return z.NEVER;
    }
    return centi;
  });

/** The training-entry form (without the person and the file, which the route handles). */
export const recordSchema = z
  .object({
    title: fields.text(200),
    provider: fields.text(120),
    mode: z.enum(['internal', 'external'], { error: 'err.choice' }),
    startDate: fields.date(),
    endDate: fields.optionalText(20).pipe(z.string().optional()),
    hours: hoursField,
    certificateNo: fields.optionalText(60),
  })
  .transform((v, ctx) => {
    const end = v.endDate ? fields.date().safeParse(v.endDate) : { success: true as const, data: v.startDate };
    if (!end.success) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'err.date' });
      return z.NEVER;
    }
    if (end.data < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'training.err.endBefore' });
      return z.NEVER;
    }
    return { ...v, endDate: end.data };
  });
export type RecordInput = z.output<typeof recordSchema>;

const list = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** A question as edited: options one a line (2–6), the correct ones ticked by their number. */
export const questionSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: 'err.choice' }),
    topic: z.enum(QUIZ_TOPICS, { error: 'err.choice' }),
    scope: z.string().max(20).optional(),
    stem: fields.text(1000),
    options: fields.text(3000),
    correct: list,
    explanation: fields.text(2000),
    basis: fields.text(200),
  })
  .transform((v, ctx) => {
    const options = v.options.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (options.length < 2 || options.length > 6) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'training.err.options' });
      return z.NEVER;
    }
    const correct = [...new Set(v.correct.map((c) => Number(c) - 1))].sort((a, b) => a - b);
    const fits = correct.length > 0 && correct.every((c) => Number.isInteger(c) && c >= 0 && c < options.length);
    if (!fits || (v.kind === 'single' && correct.length !== 1)) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: v.kind === 'single' ? 'training.err.correctOne' : 'training.err.correct' });
      return z.NEVER;
    }
    return { ...v, options, correct };
  });
export type QuestionInput = z.output<typeof questionSchema>;

export const quizSchema = z.object({
  title: fields.text(200),
  topics: list.pipe(z.array(z.enum(QUIZ_TOPICS)).min(1, 'training.err.topics')),
  questionCount: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'training.err.count').max(50, 'training.err.count'),
  timeLimit: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'training.err.limit').max(180, 'training.err.limit'),
  passPercent: z.coerce.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'training.err.pass').max(100, 'training.err.pass'),
  scope: z.string().max(20).optional(),
});
export type QuizInput = z.output<typeof quizSchema>;

/** "1.5" from 150 hundredths. */
export const showHours = (centi: number): string => String(Math.round(centi) / 100);
