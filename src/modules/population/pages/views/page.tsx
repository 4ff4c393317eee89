import type { ViewContext } from '../../../../platform/http/context.js';
import { type Crumb, Shell } from '../../../../platform/layout/Shell.js';
import type { SortKey } from '../figures.js';
import { hasFigures, type NoFigures, type PopulationFigures } from '../service.js';
import type { PopSheet, TableId } from '../sheets.js';
import { areaName, monthLabel } from './format.js';
import { query } from './links.js';
import { AgesSection, CompareSection, DownloadsSection, EventsSection, type SectionProps, SummarySection, TrendSection } from './sections.js';

export interface PageLinks {
  /** this page without its query: the month form's action, the sort links */
  self: string;
  /** the downloads' stem: + .csv?table=… or .ods */
  download: string;
}

export interface PopulationView {
  data: PopulationFigures | NoFigures;
  sheets: PopSheet[];
  links: PageLinks;
  /** the month asked for (kept in links), null for the latest */
  month: string | null;
  sort: SortKey;
  crumbs: Crumb[];
  title: string;
  /** an office's other towns */
  also: { href: string; label: string }[];
}

function MonthPicker({ ctx, f, v }: { ctx: ViewContext; f: PopulationFigures; v: PopulationView }) {
  return (
    <form method="get" action={v.links.self} class="filter-form">
      {v.sort !== 'code' ? <input type="hidden" name="sort" value={v.sort} /> : null}
      <div class="field">
        <label for="pop-month">{ctx.t('population.pages.picker.month')}</label>
        <select id="pop-month" name="month" class="input">
          {f.months.map((m) => (
            <option key={m} value={m} selected={m === f.month}>
              {monthLabel(m, ctx.locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <button type="submit" class="button">
          {ctx.t('population.pages.picker.submit')}
        </button>
      </div>
    </form>
  );
}

function Figures({ ctx, f, v }: { ctx: ViewContext; f: PopulationFigures; v: PopulationView }) {
  const s: SectionProps = {
    ctx,
    f,
    v,
    month: monthLabel(f.month, ctx.locale),
    csv: (id: TableId) => `${v.links.download}.csv${query({ month: f.month, table: id, sort: id === 'compare' && v.sort !== 'code' ? v.sort : null })}`,
    sheet: (id: TableId) => v.sheets.find((sh) => sh.id === id),
  };
  return (
    <>
      <p class="lead">{ctx.t('population.pages.monthNow', { month: s.month })}</p>
      <MonthPicker ctx={ctx} f={f} v={v} />
      <SummarySection {...s} />
      <TrendSection {...s} />
      <AgesSection {...s} />
      <EventsSection {...s} />
      <CompareSection {...s} />
      <DownloadsSection {...s} />
    </>
  );
}

/** A county's, town's or village's population page; before any figures are imported, a plain sentence. */
export function PopulationPage({ ctx, v }: { ctx: ViewContext; v: PopulationView }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={v.title} crumbs={v.crumbs} styles={['population']} description={t('population.pages.desc')}>
      <h1>{v.title}</h1>
      {v.also.length > 0 ? (
        <p class="note">
          {t('population.pages.also')}
          {v.also.map((a, i) => (
            <span key={a.href}>
              {i > 0 ? (ctx.locale === 'en' ? ', ' : '、') : null}
              <a href={a.href}>{a.label}</a>
            </span>
          ))}
        </p>
      ) : null}
      {hasFigures(v.data) ? (
        <Figures ctx={ctx} f={v.data} v={v} />
      ) : (
        <>
          <p>{t('population.pages.noData', { name: areaName(v.data.area, ctx.locale) })}</p>
          <p class="note">{t('population.pages.noDataLater')}</p>
        </>
      )}
    </Shell>
  );
}
