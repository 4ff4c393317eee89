import { showDate, showPeriod } from '../../platform/layout/dates.js';
import type { Executor } from '../../db/index.js';
import type { Sheet } from '../../platform/export/index.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import { createPdf } from '../../platform/pdf.js';
import { crossed, type GroupSummary, type ReportFilter, responseCount } from './report.js';
import { fromDistribution } from './stats.js';

export interface GenderTable {
  quarter: string;
  from: string;
  to: string;
  responses: number;
  /** each cell: satisfaction over the group's scale answers; `responses` is its questionnaires (what n= shows) */
  byService: { key: string; cells: Record<string, GroupSummary | undefined> }[];
  byAge: { key: string; cells: Record<string, GroupSummary | undefined> }[];
  totals: Record<string, GroupSummary | undefined>;
  summary: string[];
}

export function quarterRange(q: string): { from: string; to: string } {
  const y = q.slice(0, 4);
  const n = Number(q.slice(6));
  const first = (n - 1) * 3 + 1;
  const last = first + 2;
  const end = new Date(Date.UTC(Number(y), last, 0)).getUTCDate();
  return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: `${y}-${String(last).padStart(2, '0')}-${end}` };
}

const GENDERS = ['female', 'male', 'other', 'none', ''] as const;

/**
 * 性別主流化: satisfaction by gender × service and gender × age band for one
 * quarter, with counts, and a few generated sentences the county can paste
 * into its report.
 */
export async function genderTable(db: Executor, base: Omit<ReportFilter, 'from' | 'to'>, quarter: string, serviceName: (code: string) => string, t: Translate, locale: Locale = 'zh-Hant'): Promise<GenderTable> {
  const { from, to } = quarterRange(quarter);
  const f = { ...base, from, to };
  const [svc, age, responses] = await Promise.all([crossed(db, f, 'service_code', 'gender'), crossed(db, f, 'age_band', 'gender'), responseCount(db, f)]);
  const rowsOf = (m: Map<string, GroupSummary>) => {
    const keys = [...new Set([...m.keys()].map((k) => k.split('|')[0] ?? ''))].sort();
    return keys.map((key) => ({ key, cells: Object.fromEntries(GENDERS.map((g) => [g, m.get(`${key}|${g}`)])) }));
  };
  const totals: Record<string, GroupSummary | undefined> = {};
  for (const g of GENDERS) {
    const d: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let people = 0;
    for (const [k, s] of svc) {
      if (!k.endsWith(`|${g}`)) continue;
      people += s.responses;
      s.distribution.forEach((n, i) => {
        d[i] = (d[i] ?? 0) + n;
      });
    }
    totals[g] = { ...fromDistribution(d), responses: people };
  }
  const byService = rowsOf(svc);
  const summary: string[] = [t('surveys.gender.sumTotal', { n: responses, quarter: showPeriod(quarter, locale) })];
  const fem = totals.female;
  const mal = totals.male;
  if (fem?.rate !== null && fem?.rate !== undefined && mal?.rate !== null && mal?.rate !== undefined) {
    summary.push(t('surveys.gender.sumCompare', { f: fem.rate, fn: fem.responses, m: mal.rate, mn: mal.responses, gap: Math.abs(Math.round((fem.rate - mal.rate) * 10) / 10) }));
  }
  const low = lowestService(byService);
  if (low) summary.push(t('surveys.gender.sumLowest', { service: serviceName(low.key), rate: low.rate ?? 0 }));
  return { quarter, from, to, responses, byService, byAge: rowsOf(age), totals, summary };
}

/** The service rated lowest, among those with ten questionnaires or more: the one the summary names. */
export function lowestService(byService: { key: string; cells: Record<string, GroupSummary | undefined> }[]): { key: string; n: number; rate: number | null } | undefined {
  return byService
    .map((r) => {
      const all = Object.values(r.cells).filter((c): c is GroupSummary => Boolean(c));
      // the rate is over answers (a questionnaire answers several scored questions), the floor of ten over questionnaires
      const n = all.reduce((a, c) => a + c.responses, 0);
      const answers = all.reduce((a, c) => a + c.n, 0);
      const sat = all.reduce((a, c) => a + c.satisfied, 0);
      return { key: r.key, n, rate: answers ? Math.round((sat / answers) * 1000) / 10 : null };
    })
    .filter((r) => r.rate !== null && r.n >= 10)
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))[0];
}

// n= is questionnaires, as everywhere in the report
const cell = (s: GroupSummary | undefined) => (s?.n ? `${s.rate}% (n=${s.responses})` : '—');

export function genderSheets(g: GenderTable, t: Translate, serviceName: (code: string) => string): Sheet[] {
  const head = [t('surveys.gender.group'), ...GENDERS.map((x) => t(`surveys.profile.gender.${x || 'unknown'}`))];
  const numbers = (label: string, cells: Record<string, GroupSummary | undefined>) => [label, ...GENDERS.flatMap((x) => [cells[x]?.responses ?? 0, cells[x]?.rate ?? null])];
  const numHead = [t('surveys.gender.group'), ...GENDERS.flatMap((x) => [`${t(`surveys.profile.gender.${x || 'unknown'}`)} n`, `${t(`surveys.profile.gender.${x || 'unknown'}`)} %`])];
  return [
    { name: t('surveys.gender.summary'), headers: [t('surveys.gender.summary')], rows: g.summary.map((s) => [s]) },
    { name: t('surveys.gender.byService'), headers: numHead, rows: [...g.byService.map((r) => numbers(serviceName(r.key), r.cells)), numbers(t('surveys.gender.total'), g.totals)] },
    { name: t('surveys.gender.byAge'), headers: numHead, rows: g.byAge.map((r) => numbers(t(`surveys.profile.age.${r.key || 'unknown'}`), r.cells)) },
    { name: t('surveys.gender.readable'), headers: head, rows: g.byService.map((r) => [serviceName(r.key), ...GENDERS.map((x) => cell(r.cells[x]))]) },
  ];
}

export async function genderPdf(g: GenderTable, t: Translate, serviceName: (code: string) => string, officeName: string, lang: 'zh-TW' | 'en'): Promise<Buffer> {
  const locale = lang === 'en' ? 'en' : 'zh-Hant';
  const quarter = showPeriod(g.quarter, locale);
  const pdf = createPdf({ title: `${officeName} ${t('surveys.gender.title')} ${quarter}`, lang });
  pdf.h1(`${officeName} ${t('surveys.gender.title')}`);
  pdf.p(`${quarter}（${showDate(g.from, locale)}${locale === 'en' ? ' – ' : '至'}${showDate(g.to, locale)}）`);
  for (const s of g.summary) pdf.p(s);
  const head = [t('surveys.gender.group'), ...GENDERS.map((x) => t(`surveys.profile.gender.${x || 'unknown'}`))];
  pdf.h2(t('surveys.gender.byService'));
  pdf.table(head, [...g.byService.map((r) => [serviceName(r.key), ...GENDERS.map((x) => cell(r.cells[x]))]), [t('surveys.gender.total'), ...GENDERS.map((x) => cell(g.totals[x]))]], [3, 2, 2, 2, 2, 2]);
  pdf.h2(t('surveys.gender.byAge'));
  pdf.table(head, g.byAge.map((r) => [t(`surveys.profile.age.${r.key || 'unknown'}`), ...GENDERS.map((x) => cell(r.cells[x]))]), [3, 2, 2, 2, 2, 2]);
  pdf.p(t('surveys.gender.note'), { size: 9 });
  return pdf.done();
}

