import type { Locale, Translate } from '../../platform/i18n/index.js';
import { change, changeInWords, type FigureDef, figureDef } from '../figures/index.js';
import type { TemplateLine } from './lines.js';

/** A hand-entered line changes like a plain count: per cent growth, no better or worse. */
const HAND: FigureDef = { key: 'hand', group: 'other', unit: 'count', better: null, value: () => null };

export const defOf = (line: TemplateLine): FigureDef => (line.kind === 'figure' ? (figureDef(line.key) ?? HAND) : HAND);

export function lineLabel(line: TemplateLine, t: Translate, locale: Locale): string {
  if (line.kind === 'figure') return t(`figures.f.${line.key}`);
  return locale === 'en' ? line.labelEn : line.labelZh;
}

/** The unit a line's numbers are in: 件 / % / 分鐘 / 日, or what the county wrote for a hand-entered line. */
export function unitOf(line: TemplateLine, t: Translate): string {
  if (line.kind === 'manual') return line.unit;
  const def = defOf(line);
  return def.unit === 'percent' ? '%' : t(`figures.unit.${def.unit}`);
}

export const lineChange = (line: TemplateLine, now: number | null, before: number | null): number | null => change(defOf(line), now, before);

export function formatNumber(v: number | null, locale: Locale): string {
  if (v === null) return '—';
  return v.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: 2 });
}

/** 1,234 件 / 87.5% / — */
export function formatValue(line: TemplateLine, v: number | null, t: Translate, locale: Locale): string {
  if (v === null) return '—';
  const unit = unitOf(line, t);
  const n = formatNumber(v, locale);
  if (unit === '%') return `${n}%`;
  return unit ? `${n} ${unit}` : n;
}

/** A line's change in words, as the figures pages say it (two decimals, as the report's numbers). */
export const formatChange = (line: TemplateLine, c: number | null, t: Translate, locale: Locale) => changeInWords(defOf(line), c, t, locale, 2);
