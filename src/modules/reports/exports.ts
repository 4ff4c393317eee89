import type { Cell, Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showInstant } from '../../platform/layout/dates.js';
import { createPdf } from '../../platform/pdf.js';
import { periodLabel } from '../figures/index.js';
import type { ReportModel } from './service.js';
import type { CountySummary } from './summary.js';
import { formatChange, formatValue, lineChange, lineLabel, unitOf } from './words.js';

/** The lines of one report, with the numbers raw (a spreadsheet computes with them); the overall note last. */
export function linesSheet(m: ReportModel, t: Translate, locale: Locale): Sheet {
  const headers = [
    t('reports.col.line'),
    t('reports.col.unit'),
    t('reports.col.value'),
    t('reports.col.previous'),
    t('reports.col.changePrev'),
    t('reports.col.lastYear'),
    t('reports.col.changeYear'),
    t('reports.col.note'),
    ...(m.liveDiffers ? [t('reports.col.live')] : []),
  ];
  const rows: Cell[][] = m.lines.map((l) => [
    lineLabel(l.line, t, locale),
    unitOf(l.line, t),
    l.value,
    l.previous,
    lineChange(l.line, l.value, l.previous),
    l.lastYear,
    lineChange(l.line, l.value, l.lastYear),
    l.note,
    ...(m.liveDiffers ? [l.live ? l.live.value : null] : []),
  ]);
  if (m.overallNote) rows.push([t('reports.overall'), '', null, null, null, null, null, m.overallNote, ...(m.liveDiffers ? [null] : [])]);
  return { name: `${t('reports.sheet.lines')} ${periodLabel(m.month, locale)}`, headers, rows };
}

export function historySheet(m: ReportModel, t: Translate, locale: Locale): Sheet {
  return {
    name: t('reports.history'),
    headers: [t('reports.col.at'), t('reports.col.who'), t('reports.col.action'), t('reports.col.comment')],
    rows: m.events.map((e) => [showInstant(e.at, locale), e.staff_name, t(`reports.action.${e.action}`), e.comment ?? '']),
  };
}

export const reportFileTitle = (m: ReportModel, t: Translate, locale: Locale) => `${m.office.name} ${periodLabel(m.month, locale)} ${t('reports.title')}`;

/** The report as a tagged zh-TW (or English) PDF: heading, state, the lines, the overall note and the history. */
export async function reportPdf(m: ReportModel, t: Translate, locale: Locale): Promise<Buffer> {
  const pdf = createPdf({ title: reportFileTitle(m, t, locale), lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(`${m.office.name} ${t('reports.title')}`);
  pdf.p(periodLabel(m.month, locale), { size: 13, bold: true });
  pdf.p(`${t('reports.stateLabel')}${t('reports.sep')}${t(`reports.state.${m.state}`)}${m.template ? `　${t('reports.versionShort', { n: m.template.version })}` : ''}`);
  if (m.frozenAt) pdf.p(t('reports.frozen', { at: showInstant(m.frozenAt, locale) }), { size: 10 });
  if (m.liveDiffers) pdf.p(t('reports.liveDiffers'), { size: 10 });
  if (m.countyComment) pdf.p(`${t('reports.countyComment')}${t('reports.sep')}${m.countyComment}`);
  pdf.table(
    [t('reports.col.line'), t('reports.col.value'), t('reports.col.previous'), t('reports.col.changePrev'), t('reports.col.lastYear'), t('reports.col.changeYear'), t('reports.col.note')],
    m.lines.map((l) => [
      lineLabel(l.line, t, locale),
      formatValue(l.line, l.value, t, locale),
      formatValue(l.line, l.previous, t, locale),
      formatChange(l.line, lineChange(l.line, l.value, l.previous), t, locale).text,
      formatValue(l.line, l.lastYear, t, locale),
      formatChange(l.line, lineChange(l.line, l.value, l.lastYear), t, locale).text,
      l.note,
    ]),
    [3, 2, 2, 2, 2, 2, 3],
  );
  if (m.overallNote) {
    pdf.h2(t('reports.overall'));
    pdf.p(m.overallNote);
  }
  if (m.events.length) {
    const h = historySheet(m, t, locale);
    pdf.h2(h.name);
    pdf.table(h.headers, h.rows as (string | number | null)[][], [3, 2, 2, 4]);
  }
  return pdf.done();
}

/** Offices × lines for a month: the county's one table, as the page shows it and the ODS/CSV hold it (the month on every row, so files of several months can be put together). */
export function summarySheet(s: CountySummary, t: Translate, locale: Locale): Sheet {
  return {
    name: `${t('reports.county.sheet')} ${periodLabel(s.month, locale)}`,
    headers: [t('reports.month'), t('reports.col.office'), t('reports.col.state'), ...s.lines.map((l) => `${lineLabel(l, t, locale)}${unitOf(l, t) ? ` (${unitOf(l, t)})` : ''}`)],
    rows: s.rows.map((r) => [periodLabel(s.month, locale), r.office.name, t(`reports.state.${r.state}`), ...r.values]),
  };
}
