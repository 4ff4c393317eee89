import type { ViewContext } from '../../../platform/http/context.js';
import type { Board, League, OfficeRef } from '../county.js';
import { officeLabel } from '../county-sheets.js';
import { FIGURES, type FigureDef } from '../headline.js';
import type { Period } from '../periods.js';
import { ChangeCell, formatFigure } from './parts.js';

/** The tables of the county dashboard: a group's headline figures and a league table. */

export const countyHref = (params: Record<string, string>, path = '/staff/figures/county') => `${path}?${new URLSearchParams(params).toString()}`;

export function OfficeLink({ ctx, office, period }: { ctx: ViewContext; office: OfficeRef; period: Period }) {
  return (
    <a href={countyHref({ office: office.code, period: period.key }, '/staff/figures/office')} title={ctx.t('figures.county.drill', { office: office.name })}>
      {officeLabel(office, ctx.t)}
    </a>
  );
}

/**
 * One group's figures: a row per office and the county total, and for each
 * figure its value and the two changes under one spanning header. The
 * figure's name opens its league table and charts.
 */
export function HeadlineTable({ ctx, board, group, period }: { ctx: ViewContext; board: Board; group: FigureDef['group']; period: Period }) {
  const { t } = ctx;
  const defs = FIGURES.filter((f) => f.group === group);
  const caption = t(`figures.group.${group}`);
  const cells = (c: Board['county'] | undefined) =>
    defs.flatMap((def) => {
      const cell = c?.[def.key];
      return [
        <td key={`${def.key}-v`} class="num">
          {formatFigure(ctx, def, cell?.value ?? null)}
        </td>,
        <td key={`${def.key}-p`}>
          <ChangeCell ctx={ctx} def={def} change={cell?.onPrevious ?? null} />
        </td>,
        <td key={`${def.key}-y`}>
          <ChangeCell ctx={ctx} def={def} change={cell?.onLastYear ?? null} />
        </td>,
      ];
    });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table county-table">
        <caption>{caption}</caption>
        <colgroup span={1} />
        {defs.map((def) => (
          <colgroup key={def.key} span={3} />
        ))}
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('figures.county.office')}
            </th>
            {defs.map((def) => (
              <th key={def.key} scope="colgroup" colSpan={3}>
                <a href={`${countyHref({ period: period.key, sort: def.key })}#league`}>{t(`figures.f.${def.key}`)}</a>
              </th>
            ))}
          </tr>
          <tr>
            {defs.flatMap((def) => [
              <th key={`${def.key}-v`} scope="col" class="num">
                {t('figures.county.value')}
              </th>,
              <th key={`${def.key}-p`} scope="col">
                {t('figures.county.vsPrevious')}
              </th>,
              <th key={`${def.key}-y`} scope="col">
                {t('figures.county.vsLastYear')}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {board.offices.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <OfficeLink ctx={ctx} office={o} period={period} />
              </th>
              {cells(board.cells.get(o.id))}
            </tr>
          ))}
          <tr class="county-total">
            <th scope="row">{t('figures.county.total')}</th>
            {cells(board.county)}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** How a league is ordered, in words. */
export function leagueRule(ctx: ViewContext, def: FigureDef): string {
  const rule = def.better === 'higher' ? 'figures.county.rule.higher' : def.better === 'lower' ? 'figures.county.rule.lower' : 'figures.county.rule.volume';
  return [ctx.t(rule), ctx.t('figures.county.rule.none')].join(ctx.locale === 'en' ? ' ' : '');
}

export function LeagueTable({ ctx, league, period }: { ctx: ViewContext; league: League; period: Period }) {
  const { t } = ctx;
  const { def } = league;
  const caption = t('figures.county.league', { figure: t(`figures.f.${def.key}`) });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table league-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('figures.county.rank')}
            </th>
            <th scope="col">{t('figures.county.office')}</th>
            <th scope="col" class="num">
              {t('figures.county.value')}
            </th>
            <th scope="col">{t('figures.county.vsPrevious')}</th>
            <th scope="col">{t('figures.county.vsLastYear')}</th>
          </tr>
        </thead>
        <tbody>
          {league.rows.map((r) => (
            <tr key={r.item.id}>
              <td class="num">{r.rank ?? '—'}</td>
              <th scope="row">
                <OfficeLink ctx={ctx} office={r.item} period={period} />
              </th>
              <td class="num">{formatFigure(ctx, def, r.value)}</td>
              <td>
                <ChangeCell ctx={ctx} def={def} change={r.cell.onPrevious} />
              </td>
              <td>
                <ChangeCell ctx={ctx} def={def} change={r.cell.onLastYear} />
              </td>
            </tr>
          ))}
          <tr class="league-median">
            <td class="num">—</td>
            <th scope="row">{t('figures.county.median')}</th>
            <td class="num">{formatFigure(ctx, def, league.median)}</td>
            <td>—</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
