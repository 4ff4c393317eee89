import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { IndicatorUnit } from '../../platform/indicators/index.js';
import { showPeriod } from '../../platform/layout/dates.js';
import { statusWord } from './plan-words.js';
import type { PackAction } from './review-actions.js';
import type { PackMeasure, ReviewPack, StatusCounts } from './pack.js';
import { STATUSES } from './pack.js';

/** How the pack reads in words, the same on the page, in the ODS and in the PDF. */

const formatter = (locale: Locale) => new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-TW', { maximumFractionDigits: 1 });

/** A computed measure goes by the registry's title unless the plan gave it words of its own. */
export const measureName = (m: Pick<PackMeasure, 'label' | 'titleKey' | 'indicatorKey'>, t: Translate): string =>
  m.label || (m.titleKey ? t(m.titleKey) : (m.indicatorKey ?? ''));

export function formatValue(unit: IndicatorUnit, v: number | null, t: Translate, locale: Locale): string {
  if (v === null) return '—';
  return t(`plan.review.unit.${unit}`, { v: formatter(locale).format(v) });
}

/** A change with its sign; a share's in percentage points. */
export function formatChange(unit: IndicatorUnit, d: number | null, t: Translate, locale: Locale): string {
  if (d === null) return '—';
  const n = formatter(locale).format(Math.abs(d));
  const signed = d > 0 ? `+${n}` : d < 0 ? `−${n}` : n;
  return t(unit === 'percent' || unit === 'points' ? 'plan.review.unit.points' : `plan.review.unit.${unit}`, { v: signed });
}

// one vocabulary for the plan, its review and its evaluation (plan-words.ts)
export { statusWord };

/** 「共 3 項指標：達成 1 項、注意 0 項……」 */
export function countsInWords(counts: StatusCounts, total: number, t: Translate): string {
  const parts = STATUSES.map((s) => t('plan.review.countOf', { status: statusWord(s, t), n: counts[s] }));
  return t('plan.review.counts', { n: total, parts: parts.join(t('plan.review.listSep')) });
}

export const monthWords = (key: string, locale: Locale) => showPeriod(key, locale);

/** 民國115年11月 竹北市戶政事務所 所務會議管考資料 */
export function packTitle(p: ReviewPack, t: Translate, locale: Locale): string {
  return t('plan.review.title', { office: p.plan.officeName ?? t('plan.review.countyPlan'), month: monthWords(p.month, locale) });
}

/** The trend as text: what the sparkline shows, for whoever cannot see it. */
export function trendWords(m: Pick<PackMeasure, 'trend' | 'unit'>, t: Translate, locale: Locale): string {
  const short = (key: string) => (locale === 'en' ? showPeriod(key, 'en').slice(0, 3) : `${Number(key.slice(5, 7))}月`);
  return m.trend.map((p) => `${short(p.month)} ${formatValue(m.unit, p.value, t, locale)}`).join(t('plan.review.listSep'));
}

/** 待辦、逾期、已完成、不再辦理 */
export function actionStateWords(a: PackAction, t: Translate): string {
  const state = t(`plan.review.action.${a.state}`);
  return a.state === 'open' && a.overdue ? `${state}${t('plan.review.listSep')}${t('plan.review.action.overdue')}` : state;
}

export const itemWords = (a: PackAction) => (a.itemCode !== null ? `${a.itemCode} ${a.itemTitle ?? ''}`.trim() : '');
