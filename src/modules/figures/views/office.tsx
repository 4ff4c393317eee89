import { formatRocDate } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { Button, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { SheetTable } from '../../../platform/layout/SheetTable.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { FIGURES, type FigureDef } from '../headline.js';
import { GRAINS, GROUPS, type Grain, type OfficeFigures } from '../office.js';
import type { OfficeTable } from '../office-tables.js';
import { monthPeriod, type Period, periodLabel } from '../periods.js';
import { ChangeCell, formatFigure, PeriodPicker } from './parts.js';

const ACTION = '/staff/figures/office';

interface Props {
  ctx: ViewContext;
  choice: OfficeChoice;
  officeName: string;
  period: Period;
  grain: Grain;
  /** rows by day were asked for a period too long for them */
  narrowed: boolean;
  chart: FigureDef;
  years: number[];
  /** the typed run of days, with its errors */
  state: FormState | undefined;
  /** null when the typed run of days is wrong: the page shows the form and its errors only */
  data: { f: OfficeFigures; tables: OfficeTable[] } | null;
}

/** One office's figures over a period: headline with changes, the same over time with a chart, breakdowns; every table downloadable. */
export function OfficeFiguresPage({ ctx, choice, officeName, period, grain, narrowed, chart, years, state, data }: Props) {
  const { t } = ctx;
  const title = t('figures.office.title', { office: officeName });
  const label = periodLabel(period, ctx.locale);
  const query = (extra: Record<string, string> = {}) => new URLSearchParams({ office: choice.officeCode, period: period.key, grain, figure: chart.key, ...extra }).toString();
  // the picker lists months, quarters and years: a run of days preselects the month it starts in
  const picked = period.kind === 'range' ? monthPeriod(Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))) : period;
  const shownDate = (d: string) => (ctx.locale === 'en' ? d : formatRocDate(d, 'slash'));
  const typed = state?.values ?? (period.kind === 'range' ? { from: shownDate(period.from), to: shownDate(period.to) } : {});
  return (
    <Shell ctx={ctx} title={data ? `${title} ${label}` : title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('figures.tile.office') }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} state={state} labels={{ from: t('figures.office.from'), to: t('figures.office.to') }} />
      <OfficePicker ctx={ctx} action={ACTION} choice={choice} keep={{ period: period.key, grain, figure: chart.key }} />
      <PeriodPicker ctx={ctx} action={ACTION} period={picked} keep={{ office: choice.officeCode, figure: chart.key }} years={years} />
      <form method="get" action={ACTION} class="filter-form" aria-label={t('figures.office.rangeHeading')}>
        <input type="hidden" name="office" value={choice.officeCode} />
        <input type="hidden" name="figure" value={chart.key} />
        <TextField ctx={ctx} state={{ values: typed, errors: state?.errors ?? [] }} name="from" label={t('figures.office.from')} hint={t('figures.office.dateHint')} width="medium" maxLength={40} />
        <TextField ctx={ctx} state={{ values: typed, errors: state?.errors ?? [] }} name="to" label={t('figures.office.to')} hint={t('figures.office.dateHint')} width="medium" maxLength={40} />
        <div class="field">
          <Button variant="secondary">{t('figures.show')}</Button>
        </div>
      </form>
      {data ? <Figures ctx={ctx} data={data} officeCode={choice.officeCode} grain={grain} narrowed={narrowed} chart={chart} query={query} /> : <p>{t('figures.office.err.fix')}</p>}
    </Shell>
  );
}

function Figures({
  ctx,
  data,
  officeCode,
  grain,
  narrowed,
  chart,
  query,
}: {
  ctx: ViewContext;
  data: { f: OfficeFigures; tables: OfficeTable[] };
  officeCode: string;
  grain: Grain;
  narrowed: boolean;
  chart: FigureDef;
  query: (extra?: Record<string, string>) => string;
}) {
  const { t } = ctx;
  const { f } = data;
  const table = (id: string) => data.tables.find((x) => x.id === id);
  const csvLink = (id: string) => (
    <p class="muted">
      <a href={`${ACTION}.csv?${query({ table: id })}`}>{t('figures.office.csvOne')}</a>
    </p>
  );
  const chartTable = table('chart');
  return (
    <>
      <p class="lead">{t('figures.office.lead', { period: periodLabel(f.period, ctx.locale), previous: periodLabel(f.previous, ctx.locale), lastYear: periodLabel(f.lastYear, ctx.locale) })}</p>
      <p>
        <a href={`${ACTION}.csv?${query()}`}>{t('figures.office.csvAll')}</a>
        {'　'}
        <a href={`${ACTION}.ods?${query()}`}>{t('figures.office.odsAll')}</a>
      </p>

      <h2>{t('figures.office.headline')}</h2>
      {GROUPS.map((g) => (
        <HeadlineTable key={g} ctx={ctx} f={f} group={g} />
      ))}
      {f.satisfactionInterval ? <p class="muted">{t('figures.office.satisfactionInterval', f.satisfactionInterval)}</p> : null}
      {csvLink('headline')}

      <h2>{t('figures.office.overTime')}</h2>
      <nav class="filter-links" aria-label={t('figures.office.grain')}>
        {GRAINS.map((g) => (
          <a key={g} class="tag" href={`${ACTION}?${query({ grain: g })}`} aria-current={g === grain ? 'true' : undefined}>
            {t(`figures.office.grain.${g}`)}
          </a>
        ))}
      </nav>
      {narrowed ? <p class="muted">{t('figures.office.grainNarrowed')}</p> : null}
      <form method="get" action={ACTION} class="filter-form">
        {Object.entries({ office: officeCode, period: f.period.key, grain }).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div class="field">
          <label for="f-figure">{t('figures.office.chartFigure')}</label>
          <select id="f-figure" name="figure" class="input">
            {GROUPS.map((g) => (
              <optgroup key={g} label={t(`figures.group.${g}`)}>
                {FIGURES.filter((d) => d.group === g).map((d) => (
                  <option key={d.key} value={d.key} selected={d.key === chart.key}>
                    {t(`figures.f.${d.key}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field">
          <Button variant="secondary">{t('figures.office.chartShow')}</Button>
        </div>
      </form>
      <div class="two-col">
        <div>
          <img class="chart" src={`${ACTION}.svg?${query()}`} alt={t('figures.office.chartAlt', { figure: t(`figures.f.${chart.key}`), grain: t(`figures.office.grain.${grain}`), table: chartTable?.sheet.name ?? '' })} />
        </div>
        <div>
          {chartTable ? <SheetTable ctx={ctx} sheet={chartTable.sheet} /> : null}
          {csvLink('chart')}
        </div>
      </div>
      {GROUPS.map((g) => {
        const s = table(`series-${g}`);
        return s ? (
          <div key={g}>
            <SheetTable ctx={ctx} sheet={s.sheet} />
            {csvLink(s.id)}
          </div>
        ) : null;
      })}

      <h2>{t('figures.office.breakdowns')}</h2>
      {data.tables
        .filter((b) => b.id !== 'headline' && b.id !== 'chart' && !b.id.startsWith('series-'))
        .map((b) =>
          b.sheet.rows.length === 0 ? (
            <section key={b.id} class="table-wrap" aria-label={b.sheet.name}>
              <p class="table-caption">{b.sheet.name}</p>
              <p class="empty">{t('figures.office.noData')}</p>
            </section>
          ) : (
            <div key={b.id}>
              <SheetTable ctx={ctx} sheet={b.sheet} />
              {csvLink(b.id)}
            </div>
          ),
        )}
    </>
  );
}

function HeadlineTable({ ctx, f, group }: { ctx: ViewContext; f: OfficeFigures; group: FigureDef['group'] }) {
  const { t } = ctx;
  const caption = t(`figures.group.${group}`);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.office.figure')}</th>
            <th scope="col" class="num">
              {t('figures.office.now')}
            </th>
            <th scope="col" class="num">
              {t('figures.office.previous')}
            </th>
            <th scope="col">{t('figures.office.vsPrevious')}</th>
            <th scope="col" class="num">
              {t('figures.office.lastYear')}
            </th>
            <th scope="col">{t('figures.office.vsLastYear')}</th>
          </tr>
        </thead>
        <tbody>
          {f.lines
            .filter((l) => l.def.group === group)
            .map((l) => (
              <tr key={l.def.key} data-figure={l.def.key}>
                <th scope="row">{t(`figures.f.${l.def.key}`)}</th>
                <td class="num">{formatFigure(ctx, l.def, l.now)}</td>
                <td class="num">{formatFigure(ctx, l.def, l.previous)}</td>
                <td>
                  <ChangeCell ctx={ctx} def={l.def} change={l.vsPrevious} />
                </td>
                <td class="num">{formatFigure(ctx, l.def, l.lastYear)}</td>
                <td>
                  <ChangeCell ctx={ctx} def={l.def} change={l.vsLastYear} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
