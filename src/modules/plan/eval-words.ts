import type { Locale, Translate } from '../../platform/i18n/index.js';
import { indicatorDef } from '../../platform/indicators/index.js';
import { showDate, showPeriod } from '../../platform/layout/dates.js';
import type { EvalMeasure } from './eval-measures.js';
import type { EvalModel } from './eval-model.js';

/** How the evaluation's numbers and words read on the page and in its files. */

const numberLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-TW');

/** 7.5 ← 75 tenths; '—' for none. */
export function showPoints(p10: number | null, locale: Locale): string {
  if (p10 === null) return '—';
  return (p10 / 10).toLocaleString(numberLocale(locale), { maximumFractionDigits: 1 });
}

/** 12 / 87.5% / 5 分鐘 / 1.5 個百分點 / —. */
export function showMeasureValue(unit: EvalMeasure['unit'], v: number | null, t: Translate, locale: Locale): string {
  if (v === null) return '—';
  const n = v.toLocaleString(numberLocale(locale), { maximumFractionDigits: 1 });
  if (unit === 'percent') return `${n}%`;
  const word = t(`plan.eval.unit.${unit}`);
  return word ? `${n} ${word}` : n;
}

/** The registry's title for a computed measure; what staff count for a hand-entered one. */
export function measureLabel(m: Pick<EvalMeasure, 'indicatorKey' | 'label'>, t: Translate): string {
  if (m.label) return m.label;
  const def = m.indicatorKey ? indicatorDef(m.indicatorKey) : undefined;
  return def ? t(def.titleKey) : (m.indicatorKey ?? '');
}

/** 達成 / 注意 / 落後 / 無資料 / 未訂目標: always a word, never colour alone. */
// one vocabulary for the plan, its review and its evaluation
export const statusWord = (m: Pick<EvalMeasure, 'status'>, t: Translate) => t(`plan.status.${m.status}`);

/** Where the number came from: computed, typed by hand (and for which month), or an indicator no longer known. */
export function originWord(m: EvalMeasure, t: Translate, locale: Locale): string {
  if (m.origin === 'hand') return m.handMonth ? t('plan.eval.origin.handMonth', { month: monthWord(m.handMonth, locale) }) : t('plan.eval.origin.hand');
  return t(`plan.eval.origin.${m.origin}`);
}

const monthWord = (ym: string, locale: Locale) => showPeriod(ym, locale);

/** 民國115年1月1日至12月3日 (or the whole year once it is over). */
export function periodWords(m: Pick<EvalModel, 'from' | 'to'>, t: Translate, locale: Locale): string {
  if (!m.from || !m.to) return t('plan.eval.period.none');
  return t('plan.eval.period.range', { from: showDate(m.from, locale), to: showDate(m.to, locale) });
}

/** 自評 87.5／100 分. */
export const scoreOutOf = (p10: number | null, total10: number, t: Translate, locale: Locale) => t('plan.eval.outOf', { score: showPoints(p10, locale), total: showPoints(total10, locale) });
