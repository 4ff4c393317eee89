import type { Cell, Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showDate, showInstant } from '../../platform/layout/dates.js';
import { createPdf } from '../../platform/pdf.js';
import type { PackItem, ReviewPack } from './pack.js';
import type { PackAction } from './review-actions.js';
import { actionStateWords, countsInWords, formatChange, formatValue, itemWords, measureName, monthWords, packTitle, statusWord, trendWords } from './review-words.js';

/**
 * The pack as files: an ODS with one sheet per part (the measures, the
 * action items), numbers raw so a spreadsheet computes with them; a tagged
 * PDF laid out as the page reads.
 */

/** Each item's measures, with the item they belong to, in reading order. */
const measureRows = (p: ReviewPack) => p.items.flatMap((i) => i.measures.map((m) => ({ i, m })));

export function measuresSheet(p: ReviewPack, t: Translate, locale: Locale): Sheet {
  const months = measureRows(p)[0]?.m.trend.map((x) => x.month) ?? [];
  const headers = [
    t('plan.review.col.code'),
    t('plan.review.col.item'),
    t('plan.review.col.measure'),
    t('plan.review.col.unit'),
    t('plan.review.col.value'),
    t('plan.review.col.status'),
    t('plan.review.col.previous'),
    t('plan.review.col.change'),
    t('plan.review.col.ytd'),
    t('plan.review.col.ytdTarget'),
    t('plan.review.col.ytdStatus'),
    t('plan.review.col.target'),
    t('plan.review.col.origin'),
    ...months.map((m) => monthWords(m, locale)),
  ];
  const rows: Cell[][] = measureRows(p).map(({ i, m }) => [
    i.code,
    i.title,
    measureName(m, t),
    t(`plan.review.unit.name.${m.unit}`),
    m.value,
    statusWord(m.status, t),
    m.previous.value,
    m.change,
    m.ytd.value,
    m.ytd.target,
    statusWord(m.ytd.status, t),
    m.target,
    t(`plan.review.origin.${m.origin}`),
    ...m.trend.map((x) => x.value),
  ]);
  return { name: `${t('plan.review.sheet.measures')} ${monthWords(p.month, locale)}`, headers, rows };
}

function actionCells(kind: 'open' | 'closed', a: PackAction, t: Translate, locale: Locale): Cell[] {
  return [
    t(`plan.review.actionKind.${kind}`),
    a.text,
    itemWords(a),
    a.owner,
    showDate(a.dueOn, locale),
    actionStateWords(a, t),
    monthWords(a.raisedMonth, locale),
    kind === 'closed' && a.closedMonth ? monthWords(a.closedMonth, locale) : '',
    kind === 'closed' ? (a.closingNote ?? '') : '',
  ];
}

export function actionsSheet(p: ReviewPack, t: Translate, locale: Locale): Sheet {
  return {
    name: `${t('plan.review.sheet.actions')} ${monthWords(p.month, locale)}`,
    headers: [
      t('plan.review.col.kind'),
      t('plan.review.col.text'),
      t('plan.review.col.relItem'),
      t('plan.review.col.owner'),
      t('plan.review.col.due'),
      t('plan.review.col.actionState'),
      t('plan.review.col.raised'),
      t('plan.review.col.closedMonth'),
      t('plan.review.col.closingNote'),
    ],
    rows: [...p.actions.open.map((a) => actionCells('open', a, t, locale)), ...p.actions.closed.map((a) => actionCells('closed', a, t, locale))],
  };
}

export const packFileTitle = (p: ReviewPack, t: Translate, locale: Locale) => packTitle(p, t, locale);

function itemTable(pdf: ReturnType<typeof createPdf>, items: PackItem[], t: Translate, locale: Locale) {
  const rows = items.flatMap((i, n) =>
    i.measures.map((m) => {
      const v = (x: number | null) => formatValue(m.unit, x, t, locale);
      return [
        n === 0 ? measureName(m, t) : `${i.code} ${i.title}：${measureName(m, t)}`,
        v(m.value),
        statusWord(m.status, t),
        v(m.previous.value),
        formatChange(m.unit, m.change, t, locale),
        m.ytd.target === null ? v(m.ytd.value) : `${v(m.ytd.value)} / ${v(m.ytd.target)}`,
        statusWord(m.ytd.status, t),
        trendWords(m, t, locale),
      ];
    }),
  );
  if (rows.length === 0) return pdf.p(t('plan.review.empty'), { size: 10 });
  pdf.table(
    [t('plan.review.col.measure'), t('plan.review.col.value'), t('plan.review.col.status'), t('plan.review.col.previous'), t('plan.review.col.change'), `${t('plan.review.col.ytd')} / ${t('plan.review.col.ytdTarget')}`, t('plan.review.col.ytdStatus'), t('plan.review.col.trend')],
    rows,
    [2.6, 1.3, 1.8, 1.3, 1.5, 2.2, 1.8, 2.6],
  );
}

function actionsPart(pdf: ReturnType<typeof createPdf>, p: ReviewPack, t: Translate, locale: Locale) {
  pdf.h2(t('plan.review.actions.open'));
  if (p.actions.open.length === 0) pdf.p(t('plan.review.empty'), { size: 10 });
  else
    pdf.table(
      [t('plan.review.col.text'), t('plan.review.col.owner'), t('plan.review.col.due'), t('plan.review.col.actionState'), t('plan.review.col.raised')],
      p.actions.open.map((a) => [a.text, a.owner, showDate(a.dueOn, locale), actionStateWords(a, t), monthWords(a.raisedMonth, locale)]),
      [4, 2, 2, 1.5, 2],
    );
  pdf.h2(t('plan.review.actions.closed'));
  if (p.actions.closed.length === 0) pdf.p(t('plan.review.empty'), { size: 10 });
  else
    pdf.table(
      [t('plan.review.col.text'), t('plan.review.col.owner'), t('plan.review.col.actionState'), t('plan.review.col.closingNote')],
      p.actions.closed.map((a) => [a.text, a.owner, actionStateWords(a, t), a.closingNote ?? '']),
      [4, 2, 1.5, 4],
    );
}

/** The pack as a tagged zh-TW (or English) PDF. */
export async function packPdf(p: ReviewPack, t: Translate, locale: Locale, frozenAt: string | null): Promise<Buffer> {
  const pdf = createPdf({ title: packFileTitle(p, t, locale), lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(t('plan.review.pdfHeading', { office: p.plan.officeName ?? t('plan.review.countyPlan') }));
  pdf.p(monthWords(p.month, locale), { size: 13, bold: true });
  pdf.p(t('plan.review.planLine', { title: p.plan.title, state: t(`plan.review.planState.${p.plan.state}`), revision: p.plan.revision }));
  pdf.p(countsInWords(p.counts, p.measureCount, t), { bold: true });
  pdf.p(t('plan.review.asOf', { date: showDate(p.asOf, locale) }), { size: 10 });
  if (frozenAt) pdf.p(t('plan.review.frozen', { at: showInstant(frozenAt, locale) }), { size: 10 });
  const groups: PackItem[][] = [];
  for (const i of p.items) {
    if (i.depth === 1 || groups.length === 0) groups.push([i]);
    else groups[groups.length - 1]!.push(i);
  }
  for (const g of groups) {
    pdf.h2(t('plan.review.itemHeading', { code: g[0]!.code, title: g[0]!.title }));
    itemTable(pdf, g, t, locale);
  }
  pdf.h2(t('plan.review.changed'));
  const byId = new Map(p.items.flatMap((i) => i.measures).map((m) => [m.id, m]));
  if (p.changed.length === 0) pdf.p(t('plan.review.empty'), { size: 10 });
  else pdf.list(p.changed.map((c) => t('plan.review.changedLine', { name: measureName(byId.get(c.measureId) ?? { label: '', titleKey: null, indicatorKey: null }, t), from: statusWord(c.from, t), to: statusWord(c.to, t) })));
  actionsPart(pdf, p, t, locale);
  pdf.h2(t('plan.review.meeting'));
  if (p.meeting) {
    pdf.p(`${t('plan.review.meeting.heldOn')}${t('plan.review.sep')}${showDate(p.meeting.heldOn, locale)}`);
    pdf.p(p.meeting.minutes);
  } else pdf.p(t('plan.review.meeting.none'));
  return pdf.done();
}
