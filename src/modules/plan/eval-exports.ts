import type { Cell, Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { showInstant } from '../../platform/layout/dates.js';
import { createPdf } from '../../platform/pdf.js';
import type { EvalItem, EvalModel } from './eval-model.js';
import { measureLabel, originWord, periodWords, scoreOutOf, showMeasureValue, showPoints, statusWord } from './eval-words.js';

/**
 * The self-evaluation pack as files: an ODS with the scores and the figures
 * (numbers raw, a spreadsheet computes with them) and a tagged PDF. Both
 * read the same model as the page: frozen figures once submitted.
 */

const pts = (p10: number | null): number | null => (p10 === null ? null : p10 / 10);
const itemLabel = (i: EvalItem) => `${i.code} ${i.title}`;
const evidenceText = (i: EvalItem) => [...i.links.map((l) => (l.label === l.href ? l.href : `${l.label} ${l.href}`)), ...i.files.map((f) => f.filename)].join('\n');

export const evalFileTitle = (m: EvalModel, t: Translate) => `${m.office.name} ${m.plan.title} ${t('plan.eval.title')}`;

export function scoresSheet(m: EvalModel, t: Translate): Sheet {
  const rows: Cell[][] = m.items.map((i) => [itemLabel(i), pts(i.points10), pts(i.self10), pts(i.county10), i.account, evidenceText(i), i.countyComment]);
  rows.push([t('plan.eval.total'), pts(m.total10), pts(m.self10), pts(m.county10), '', '', m.countyComment ?? '']);
  return {
    name: t('plan.eval.sheet.scores'),
    headers: [t('plan.eval.col.item'), t('plan.eval.col.points'), t('plan.eval.col.self'), t('plan.eval.col.county'), t('plan.eval.col.account'), t('plan.eval.col.evidence'), t('plan.eval.col.countyComment')],
    rows,
  };
}

export function measuresSheet(m: EvalModel, t: Translate, locale: Locale): Sheet {
  return {
    name: t('plan.eval.sheet.measures'),
    headers: [t('plan.eval.col.item'), t('plan.eval.col.measure'), t('plan.eval.col.value'), t('plan.eval.col.target'), t('plan.eval.col.status'), t('plan.eval.col.origin'), t('plan.eval.col.href')],
    rows: m.items.flatMap((i) => i.measures.map((x): Cell[] => [itemLabel(i), measureLabel(x, t), x.value, x.target, statusWord(x, t), originWord(x, t, locale), x.href ?? ''])),
  };
}

function frozenLine(m: EvalModel, t: Translate, locale: Locale): string {
  return m.frozenAt ? t('plan.eval.frozen', { at: showInstant(m.frozenAt, locale) }) : t('plan.eval.live');
}

/** The pack as a tagged zh-TW (or English) PDF: heading, state, totals, then each item with its figures, score, account and evidence. */
export async function evaluationPdf(m: EvalModel, t: Translate, locale: Locale): Promise<Buffer> {
  const pdf = createPdf({ title: evalFileTitle(m, t), lang: locale === 'en' ? 'en' : 'zh-TW' });
  pdf.h1(`${m.office.name} ${m.plan.title}`);
  pdf.p(t('plan.eval.title'), { size: 13, bold: true });
  pdf.p(`${t('plan.eval.stateLabel')}${t(`plan.eval.state.${m.state}`)}`);
  pdf.p(frozenLine(m, t, locale), { size: 10 });
  pdf.p(`${t('plan.eval.periodLabel')}${periodWords(m, t, locale)}`, { size: 10 });
  pdf.p(`${t('plan.eval.selfTotal')}${scoreOutOf(m.self10, m.total10, t, locale)}`, { bold: true });
  if (m.county10 !== null) pdf.p(`${t('plan.eval.countyTotal')}${scoreOutOf(m.county10, m.total10, t, locale)}`, { bold: true });
  if (m.countyComment) pdf.p(`${t('plan.eval.countyOverall')}${m.countyComment}`);
  for (const i of m.items) {
    pdf.h2(`${itemLabel(i)}${t('plan.eval.pointsParen', { points: showPoints(i.points10, locale) })}`);
    if (i.measures.length) {
      pdf.table(
        [t('plan.eval.col.measure'), t('plan.eval.col.value'), t('plan.eval.col.target'), t('plan.eval.col.status'), t('plan.eval.col.origin')],
        i.measures.map((x) => [measureLabel(x, t), showMeasureValue(x.unit, x.value, t, locale), showMeasureValue(x.unit, x.target, t, locale), statusWord(x, t), originWord(x, t, locale)]),
        [4, 2, 2, 1.5, 2],
      );
    }
    pdf.p(`${t('plan.eval.col.self')}${t('plan.eval.sep')}${showPoints(i.self10, locale)}　${t('plan.eval.col.county')}${t('plan.eval.sep')}${showPoints(i.county10, locale)}`, { bold: true });
    if (i.account) pdf.p(`${t('plan.eval.col.account')}${t('plan.eval.sep')}${i.account}`);
    const ev = evidenceText(i);
    if (ev) pdf.p(`${t('plan.eval.col.evidence')}${t('plan.eval.sep')}${ev.replace(/\n/g, t('plan.eval.listSep'))}`, { size: 10 });
    if (i.countyComment) pdf.p(`${t('plan.eval.col.countyComment')}${t('plan.eval.sep')}${i.countyComment}`);
  }
  return pdf.done();
}
