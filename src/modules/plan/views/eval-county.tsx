import type { ViewContext } from '../../../platform/http/context.js';
import { showPeriod } from '../../../platform/layout/dates.js';
import { Button } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { CountyComparison } from '../eval-county.js';
import { showPoints } from '../eval-words.js';
import { evalHref } from './eval-page.js';

function YearPicker({ ctx, year, years }: { ctx: ViewContext; year: number; years: number[] }) {
  const { t, locale } = ctx;
  return (
    <form method="get" action="/staff/plan/county" class="filter-form">
      <div class="field">
        <label for="f-year">{t('plan.eval.county.year')}</label>
        <select id="f-year" name="year" class="input">
          {years.map((y) => (
            <option key={y} value={String(y)} selected={y === year}>
              {showPeriod(String(y), locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <Button variant="secondary">{t('plan.eval.county.show')}</Button>
      </div>
    </form>
  );
}

function ComparisonTable({ ctx, c, caption }: { ctx: ViewContext; c: CountyComparison; caption: string }) {
  const { t, locale } = ctx;
  if (c.rows.length === 0) {
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="table-caption">{caption}</p>
        <p class="empty">{t('plan.eval.empty')}</p>
      </section>
    );
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table county-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('plan.eval.county.col.item')}
            </th>
            <th scope="col" rowSpan={2} class="num">
              {t('plan.eval.col.points')}
            </th>
            {c.columns.map((col) => (
              <th key={col.office.id} scope="colgroup" colSpan={2}>
                {col.planId === null ? col.office.name : <a href={evalHref(col.planId)}>{col.office.name}</a>}
                <br />
                <span class={col.state === 'returned' ? 'tag tag-warning' : 'tag'}>{t(`plan.eval.state.${col.state}`)}</span>
              </th>
            ))}
          </tr>
          <tr>
            {c.columns.flatMap((col) => [
              <th key={`s-${col.office.id}`} scope="col" class="num">
                {t('plan.eval.col.self')}
              </th>,
              <th key={`c-${col.office.id}`} scope="col" class="num">
                {t('plan.eval.col.county')}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.code} {r.title}
              </th>
              <td class="num">{showPoints(r.points10, locale)}</td>
              {r.cells.flatMap((x, i) => [
                <td key={`s-${c.columns[i]?.office.id}`} class="num">
                  {showPoints(x.self10, locale)}
                </td>,
                <td key={`c-${c.columns[i]?.office.id}`} class="num">
                  {showPoints(x.county10, locale)}
                </td>,
              ])}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="county-total">
            <th scope="row">{t('plan.eval.total')}</th>
            <td class="num">{showPoints(c.totals.points10, locale)}</td>
            {c.columns.flatMap((col, i) => [
              <td key={`s-${col.office.id}`} class="num">
                {showPoints(c.totals.self10[i] ?? null, locale)}
              </td>,
              <td key={`c-${col.office.id}`} class="num">
                {showPoints(c.totals.county10[i] ?? null, locale)}
              </td>,
            ])}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

export function CountyEvalPage({ ctx, comparison: c, years }: { ctx: ViewContext; comparison: CountyComparison; years: number[] }) {
  const { t, locale } = ctx;
  const title = t('plan.eval.county.title', { year: showPeriod(String(c.year), locale) });
  const base = '/staff/plan/county';
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/plan', label: t('plan.eval.crumb.plans') }, { label: t('plan.eval.county.crumb') }]}>
      <h1>{title}</h1>
      <YearPicker ctx={ctx} year={c.year} years={years} />
      <p class="muted">{c.countyPlanId === null ? t('plan.eval.county.union') : t('plan.eval.county.follows')}</p>
      {c.countyPlanId !== null ? (
        <p>
          <a href={`/staff/plan/${c.countyPlanId}`}>{t('plan.eval.county.countyPlan')}</a>
        </p>
      ) : null}
      <nav aria-label={t('plan.eval.downloads')}>
        <ul class="tag-list">
          <li>
            <a href={`${base}.csv?year=${c.year}`}>{t('plan.eval.download.csv')}</a>
          </li>
          <li>
            <a href={`${base}.ods?year=${c.year}`}>{t('plan.eval.download.ods')}</a>
          </li>
        </ul>
      </nav>
      <ComparisonTable ctx={ctx} c={c} caption={title} />
    </Shell>
  );
}
