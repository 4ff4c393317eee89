import type { Locale, Translate } from '../../platform/i18n/index.js';
import { type IndicatorUnit, indicatorDef } from '../../platform/indicators/index.js';
import type { Measure, MeasureStatus, PlanState } from './model.js';

/**
 * How the plan's numbers and words read on a page: values with their unit,
 * a target with its direction (≥ / ≤), a status in words, a revision's
 * reason. Shared by the staff pages and the public page so both say the
 * same thing in the same way.
 */

export const UNITS: readonly IndicatorUnit[] = ['count', 'percent', 'points', 'minutes', 'days', 'score'];

const digits = (unit: IndicatorUnit) => (unit === 'count' ? 2 : 1);

function number(n: number, unit: IndicatorUnit, locale: Locale, signed: boolean): string {
  const text = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: digits(unit), minimumFractionDigits: 0 }).format(n);
  return signed && n > 0 ? `+${text}` : text;
}

/** 92.5% · 8 分鐘 · +1.5 個百分點 · — for no value. */
export function formatValue(unit: IndicatorUnit, value: number | null, t: Translate, locale: Locale): string {
  if (value === null) return '—';
  return t(`plan.value.${unit}`, { v: number(value, unit, locale, unit === 'points') });
}

/** ≥ 90% or ≤ 10 分鐘; 「未訂目標」 without one. */
export function formatTarget(m: Pick<Measure, 'unit' | 'better' | 'target'>, t: Translate, locale: Locale): string {
  if (m.target === null) return t('plan.status.no_target');
  return `${m.better === 'higher' ? '≥' : '≤'} ${t(`plan.value.${m.unit}`, { v: number(m.target, m.unit, locale, false) })}`;
}

/** What the measure is called: the registry's title for a computed one (its own label if it has one), the label for a hand-entered one. */
export function measureTitle(m: Pick<Measure, 'indicatorKey' | 'label'>, t: Translate): string {
  if (m.label) return m.label;
  if (m.indicatorKey === null) return '';
  const def = indicatorDef(m.indicatorKey);
  return def ? t(def.titleKey) : t('plan.measure.unregistered', { key: m.indicatorKey });
}

export const statusWord = (s: MeasureStatus, t: Translate) => t(`plan.status.${s}`);
export const stateWord = (s: PlanState, t: Translate) => t(`plan.state.${s}`);

/** Off track and at risk stand out with a border too; the word says it either way. */
export const statusClass = (s: MeasureStatus) => (s === 'off_track' || s === 'at_risk' ? 'tag tag-warning' : 'tag');

/**
 * A revision's reason as stored: the change's code ('item.edit'), and after
 * the plan was filed the reason the person gave ('item.edit:依縣府意見修正').
 */
export const REVISION_CODES = [
  'created',
  'plan.edit',
  'item.add',
  'item.edit',
  'item.move',
  'item.delete',
  'measure.add',
  'measure.edit',
  'measure.delete',
  'state.filed',
  'state.published',
  'state.closed',
] as const;
export type RevisionCode = (typeof REVISION_CODES)[number];

export const REASON_MAX = 200;

export function storedReason(code: RevisionCode, reason: string | null): string {
  return reason ? `${code}:${reason}` : code;
}

/** '依縣府意見修正' behind the change's name; a reason another part of the module wrote is shown as it is. */
export function reasonText(stored: string, t: Translate): string {
  const i = stored.indexOf(':');
  const code = i < 0 ? stored : stored.slice(0, i);
  const given = i < 0 ? '' : stored.slice(i + 1);
  if (!(REVISION_CODES as readonly string[]).includes(code)) return stored;
  return given ? `${t(`plan.rev.${code}`)}${t('plan.sep')}${given}` : t(`plan.rev.${code}`);
}

/** 7.5 ← 75, written with at most one decimal. */
export function pointsText(p10: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: 1 }).format(p10 / 10);
}
