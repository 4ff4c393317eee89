import type { ViewContext } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { CHART_SIZE } from '../charts.js';
import type { Board, League } from '../county.js';
import { type Compared, GROUPS, officeLabel } from '../county-sheets.js';
import { FIGURES, type FigureDef } from '../headline.js';
import { type Period, periodLabel } from '../periods.js';
import { countyHref, HeadlineTable, LeagueTable, leagueRule } from './county-tables.js';
import { formatFigure, PeriodPicker } from './parts.js';

export interface CountyPageProps {
  ctx: ViewContext;
  period: Period;
  compared: Compared;
  board: Board;
  /** the figure whose league table and charts lead the page */
  def: FigureDef;
  leagues: League[];
  months: Period[];
  series: { byOffice: Map<number, (number | null)[]>; county: (number | null)[] };
  /** the vertical scale every small multiple shares */
  max: number;
  years: number[];
}

function CsvLink({ ctx, table, name, period }: { ctx: ViewContext; table: string; name: string; period: Period }) {
  return (
    <p class="table-download">
      <a href={countyHref({ table, period: period.key }, '/staff/figures/county.csv')}>{ctx.t('figures.county.csv', { table: name })}</a>
    </p>
  );
}

function FigureChooser({ ctx, def, period }: { ctx: ViewContext; def: FigureDef; period: Period }) {
  const { t } = ctx;
  return (
    <form method="get" action="/staff/figures/county#league" class="filter-form">
      <input type="hidden" name="period" value={period.key} />
      <div class="field">
        <label for="f-sort">{t('figures.county.pick')}</label>
        <select id="f-sort" name="sort" class="input">
          {GROUPS.map((g) => (
            <optgroup key={g} label={t(`figures.group.${g}`)}>
              {FIGURES.filter((f) => f.group === g).map((f) => (
                <option key={f.key} value={f.key} selected={f.key === def.key}>
                  {t(`figures.f.${f.key}`)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="button button-secondary">
          {t('figures.county.pickShow')}
        </button>
      </div>
    </form>
  );
}

function SmallMultiples({ ctx, board, def, period, months, series, max }: Pick<CountyPageProps, 'ctx' | 'board' | 'def' | 'period' | 'months' | 'series' | 'max'>) {
  const { t, locale } = ctx;
  const figure = t(`figures.f.${def.key}`);
  const from = periodLabel(months[0]!, locale);
  const to = periodLabel(months[months.length - 1]!, locale);
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t('figures.county.trend', { figure })}</h2>
      <p>{t('figures.county.trendLead', { from, to, max: formatFigure(ctx, def, max) })}</p>
      <div class="small-multiples">
        {board.offices.map((o) => {
          const values = series.byOffice.get(o.id) ?? [];
          const caption = t('figures.county.trendTable', { office: officeLabel(o, t), figure });
          return (
            <section key={o.id} class="small-multiple" aria-label={officeLabel(o, t)}>
              <h3>{officeLabel(o, t)}</h3>
              <img
                src={countyHref({ period: period.key, sort: def.key, office: o.code }, '/staff/figures/county/chart.svg')}
                alt={t('figures.county.chartAlt', { office: officeLabel(o, t), figure, from, to })}
                width={CHART_SIZE.width}
                height={CHART_SIZE.height}
              />
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
              <section class="table-wrap" tabIndex={0} aria-label={caption}>
                <table class="table">
                  <caption>{caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('figures.county.month')}</th>
                      <th scope="col" class="num">
                        {figure}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {months.map((m, i) => (
                      <tr key={m.key}>
                        <th scope="row">{periodLabel(m, locale)}</th>
                        <td class="num">{formatFigure(ctx, def, values[i] ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </section>
          );
        })}
      </div>
      <CsvLink ctx={ctx} table={`series.${def.key}`} name={t('figures.county.seriesSheet', { figure })} period={period} />
    </section>
  );
}

export function CountyPage(props: CountyPageProps) {
  const { ctx, period, compared, board, def, leagues, years } = props;
  const { t, locale } = ctx;
  const label = periodLabel(period, locale);
  const top = leagues.find((l) => l.def.key === def.key)!;
  return (
    <Shell ctx={ctx} title={t('figures.county.heading', { period: label })} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('figures.county.title') }]}>
      <h1>{t('figures.county.heading', { period: label })}</h1>
      <p>{t('figures.county.lead', { previous: periodLabel(compared.previous, locale), lastYear: periodLabel(compared.lastYear, locale) })}</p>
      <PeriodPicker ctx={ctx} action="/staff/figures/county" period={period} keep={{ sort: def.key }} years={years} />
      <p>
        <a href={countyHref({ period: period.key, sort: def.key }, '/staff/figures/county.ods')}>{t('figures.county.ods')}</a>
      </p>

      <section aria-labelledby="headline">
        <h2 id="headline">{t('figures.county.headline')}</h2>
        {GROUPS.map((g) => (
          <div key={g}>
            <HeadlineTable ctx={ctx} board={board} group={g} period={period} />
            {g === 'other' ? <p class="field-hint">{t('figures.county.siteOnly')}</p> : null}
            <CsvLink ctx={ctx} table={`group.${g}`} name={t(`figures.group.${g}`)} period={period} />
          </div>
        ))}
      </section>

      <section aria-labelledby="league">
        <h2 id="league">{t('figures.county.league', { figure: t(`figures.f.${def.key}`) })}</h2>
        <FigureChooser ctx={ctx} def={def} period={period} />
        <p>{leagueRule(ctx, def)}</p>
        <LeagueTable ctx={ctx} league={top} period={period} />
        <CsvLink ctx={ctx} table={`league.${def.key}`} name={t('figures.county.leagueSheet', { figure: t(`figures.f.${def.key}`) })} period={period} />
      </section>

      <SmallMultiples {...props} />

      <section aria-labelledby="leagues">
        <h2 id="leagues">{t('figures.county.allLeagues')}</h2>
        {GROUPS.map((g) => (
          <div key={g}>
            <h3>{t(`figures.group.${g}`)}</h3>
            {leagues
              .filter((l) => l.def.group === g)
              .map((l) => (
                <details key={l.def.key} class="league-details">
                  <summary>{t(`figures.f.${l.def.key}`)}</summary>
                  <p>{leagueRule(ctx, l.def)}</p>
                  <LeagueTable ctx={ctx} league={l} period={period} />
                  <p class="table-download">
                    <a href={`${countyHref({ period: period.key, sort: l.def.key })}#league`}>{t('figures.county.pin', { figure: t(`figures.f.${l.def.key}`) })}</a>
                    {'　'}
                    <a href={countyHref({ table: `league.${l.def.key}`, period: period.key }, '/staff/figures/county.csv')}>
                      {t('figures.county.csv', { table: t('figures.county.leagueSheet', { figure: t(`figures.f.${l.def.key}`) }) })}
                    </a>
                  </p>
                </details>
              ))}
          </div>
        ))}
      </section>
    </Shell>
  );
}
