import type { ViewContext } from '../../../platform/http/context.js';
import type { OfficeChoice } from '../../../platform/layout/OfficePicker.js';
import type { Crumb } from '../../../platform/layout/Shell.js';

/** The office a county admin switched to, carried on this module's links so the next page stays on it ('' for none). */
export const carriedOffice = (choice?: OfficeChoice) => (choice && choice.offices.length > 1 ? choice.officeCode : '');

/** `href` with `office=<code>` added when there is one to carry. */
export const withOffice = (href: string, office: string) => (office ? `${href}${href.includes('?') ? '&' : '?'}office=${encodeURIComponent(office)}` : href);

export const crumbsTo = (ctx: ViewContext, label?: string, office = ''): Crumb[] => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(label ? [{ href: withOffice('/staff/training', office), label: ctx.t('training.title') }, { label }] : [{ label: ctx.t('training.title') }]),
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
