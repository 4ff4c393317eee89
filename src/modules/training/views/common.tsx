import type { ViewContext } from '../../../platform/http/context.js';
import type { Crumb } from '../../../platform/layout/Shell.js';

export const crumbsTo = (ctx: ViewContext, label?: string): Crumb[] => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(label ? [{ href: '/staff/training', label: ctx.t('training.title') }, { label }] : [{ label: ctx.t('training.title') }]),
];

/** "答對 7／10 題（70%）" */
export const scoreText = (ctx: ViewContext, correct: number | null, total: number) =>
  correct === null ? ctx.t('training.open') : ctx.t('training.scoreOf', { correct, total, percent: total ? Math.round((correct / total) * 1000) / 10 : 0 });

export const letter = (i: number) => String(i + 1);

export interface AttemptRow {
  id: number;
  title: string;
  status: string;
  startedAt: string;
  submittedAt: string | null;
  late: boolean;
  correct: number | null;
  total: number;
  passPercent: number;
}
