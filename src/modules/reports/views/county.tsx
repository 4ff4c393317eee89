import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { periodLabel } from '../../figures/index.js';
import { STATES } from '../service.js';
import type { CountySummary } from '../summary.js';
import { formatValue, lineLabel } from '../words.js';
import { Downloads, ReportPicker, StateTag } from './parts.js';

/** Every office's report for a month: its state and its numbers, one row per office. */
export function CountyPage({ ctx, summary: s, months, hasTemplate }: { ctx: ViewContext; summary: CountySummary; months: string[]; hasTemplate: boolean }) {
  const { t, locale } = ctx;
  const month = periodLabel(s.month, locale);
  const title = t('reports.county.heading', { month });
  const counts = STATES.map((st) => ({ st, n: s.rows.filter((r) => r.state === st).length }));
  const q = `month=${s.month.key}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('reports.county.title') }]}>
      <h1>{title}</h1>
      <ReportPicker ctx={ctx} action="/staff/reports/county" choice={null} month={s.month.key} months={months} />
      <p>
        <a href="/staff/reports/template">{t('reports.template.title')}</a>
      </p>
      {hasTemplate ? null : <p class="notice">{t('reports.noTemplate')}</p>}
      <p>{counts.map((c) => `${t(`reports.state.${c.st}`)} ${c.n}`).join(t('reports.listSep'))}</p>
      <p class="muted">{t('reports.county.lead')}</p>
      <Downloads
        ctx={ctx}
        links={[
          { href: `/staff/reports/county/summary.ods?${q}`, label: t('reports.download.ods') },
          { href: `/staff/reports/county/summary.csv?${q}`, label: t('reports.download.csv') },
        ]}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section class="table-wrap" tabIndex={0} aria-label={title}>
        <table class="table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.col.office')}</th>
              <th scope="col">{t('reports.col.state')}</th>
              {s.lines.map((l) => (
                <th key={l.key} scope="col" class="num">
                  {lineLabel(l, t, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={r.office.id}>
                <th scope="row">
                  <a href={`/staff/reports/${r.office.code}/${s.month.key}`}>{r.office.name}</a>
                </th>
                <td>
                  <StateTag ctx={ctx} state={r.state} />
                </td>
                {s.lines.map((l, i) => (
                  <td key={l.key} class="num">
                    {formatValue(l, r.values[i] ?? null, t, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Shell>
  );
}
