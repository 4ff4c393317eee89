import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/http/context.js';
import { COLOURS } from '../charts.js';
import type { PopulationFigures } from '../service.js';
import type { PopSheet, TableId } from '../sheets.js';
import { agesCaption, compareCaption, eventsCaption, trendCaption } from './captions.js';
import { BarChart, PyramidChart, TrendChart } from './charts.js';
import { areaName } from './format.js';
import { API_DOC_PATH, query } from './links.js';
import type { PopulationView } from './page.js';
import { SheetTable } from './tables.js';
import { SummaryTiles } from './tiles.js';

/** The sections of a population page with figures: each chart in a figure with its summary, its table under it. */
export interface SectionProps {
  ctx: ViewContext;
  f: PopulationFigures;
  v: PopulationView;
  /** the month as the page shows it (115年10月) */
  month: string;
  csv: (id: TableId) => string;
  sheet: (id: TableId) => PopSheet | undefined;
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`h-${id}`} id={id}>
      <h2 id={`h-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

export function SummarySection({ ctx, f }: SectionProps) {
  return (
    <Section id="summary" title={ctx.t('population.pages.section.summary')}>
      <SummaryTiles ctx={ctx} f={f} />
      <p class="note">{ctx.t('population.pages.source')}</p>
    </Section>
  );
}

/** People and households month by month: two charts (their scales differ by far), one summary, one table. */
export function TrendSection({ ctx, f, csv, sheet }: SectionProps) {
  const { t, locale } = ctx;
  const line = (key: 'people' | 'households', colour: string) => (
    <TrendChart points={f.trend.map((p) => ({ month: p.month, value: p[key] }))} locale={locale} label={t(`population.pages.chart.${key}Label`)} title={t(`population.pages.chart.${key}`)} colour={colour} />
  );
  return (
    <Section id="trend" title={t('population.pages.section.trend')}>
      <figure class="pop-figure">
        <div class="pop-pair">
          {line('people', COLOURS.line)}
          {line('households', COLOURS.line2)}
        </div>
        <figcaption>{trendCaption(f, t, locale)}</figcaption>
      </figure>
      <SheetTable ctx={ctx} sheet={sheet('trend')!} csvHref={csv('trend')} />
    </Section>
  );
}

export function AgesSection({ ctx, f, month, csv, sheet }: SectionProps) {
  const { t, locale } = ctx;
  const table = sheet('ages');
  if (!f.ages || !table) {
    return (
      <Section id="ages" title={t('population.pages.section.ages')}>
        <p>{t('population.pages.ages.none', { month })}</p>
      </Section>
    );
  }
  const words = { male: t('population.pages.chart.male'), female: t('population.pages.chart.female'), age: t('population.pages.chart.age') };
  return (
    <Section id="ages" title={t('population.pages.section.ages')}>
      <figure class="pop-figure pop-narrow">
        <PyramidChart bands={f.ages.bands} locale={locale} label={t('population.pages.chart.pyramid', { month })} words={words} />
        <figcaption>{agesCaption(f, t, locale)}</figcaption>
      </figure>
      <SheetTable ctx={ctx} sheet={table} csvHref={csv('ages')} />
    </Section>
  );
}

export function EventsSection({ ctx, f, month, csv, sheet }: SectionProps) {
  const table = sheet('events');
  return (
    <Section id="events" title={ctx.t('population.pages.section.events')}>
      {f.events && table ? (
        <>
          <p>{eventsCaption(f, ctx.t, ctx.locale)}</p>
          <SheetTable ctx={ctx} sheet={table} csvHref={csv('events')} />
        </>
      ) : (
        <p>{ctx.t('population.pages.events.none', { month })}</p>
      )}
    </Section>
  );
}

/** The towns or villages side by side: a bar chart in the table's order, the table sortable by ?sort=. */
export function CompareSection({ ctx, f, v, month, csv, sheet }: SectionProps) {
  const { t, locale } = ctx;
  const table = sheet('compare');
  if (!f.compare || !table) return null;
  const unit = f.area.level === 'county' ? 'town' : 'village';
  const sortHref = (key: string) => `${v.links.self}${query({ month: v.month, sort: key === 'code' ? null : key })}#compare`;
  return (
    <Section id="compare" title={t(`population.pages.section.compare.${unit}`)}>
      <figure class="pop-figure pop-narrow">
        <BarChart rows={f.compare.map((r) => ({ label: areaName(r, locale), value: r.people }))} locale={locale} label={t('population.pages.chart.compare', { month })} />
        <figcaption>{compareCaption(f, t, locale)}</figcaption>
      </figure>
      <p class="note">{t('population.pages.sort.hint')}</p>
      <SheetTable ctx={ctx} sheet={table} csvHref={csv('compare')} sort={v.sort} sortHref={sortHref} />
    </Section>
  );
}

export function DownloadsSection({ ctx, f, v, csv }: SectionProps) {
  const { t } = ctx;
  return (
    <Section id="downloads" title={t('population.pages.section.downloads')}>
      <p>{t('population.pages.download.lead')}</p>
      <ul class="download-list">
        <li>
          <a href={`${v.links.download}.ods${query({ month: f.month, sort: v.sort !== 'code' ? v.sort : null })}`} download>
            {t('population.pages.download.ods')}
          </a>
        </li>
        {v.sheets.map((s) => (
          <li key={s.id}>
            <a href={csv(s.id)} download>
              {t('population.pages.download.csv', { table: s.name })}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href={API_DOC_PATH}>{t('population.pages.apiLink')}</a>
      </p>
    </Section>
  );
}
