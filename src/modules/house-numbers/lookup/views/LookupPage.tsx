import type { ViewContext } from '../../../../platform/http/context.js';
import { ErrorSummary, type FormState } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Pagination, Table } from '../../../../platform/layout/Table.js';
import { MAX_POINTS, type MapView } from '../maps.js';
import { lookupHref } from '../query.js';
import type { Match, Outcome } from '../service.js';
import { LookupForm } from './form.js';
import { MatchList, NothingFound, Notices, StateTag, Steps, Understood } from './results.js';

export interface LookupPageProps {
  ctx: ViewContext;
  /** /house-numbers or /o/<office>/house-numbers */
  base: string;
  state: FormState;
  towns: { code: string; name: string }[];
  /** an office's towns, named under the title */
  scopeTowns: string[] | null;
  roads: string[];
  outcome: Outcome | null;
  roadMap: MapView | null;
  /** the query string of this look-up without its page, for the pages' links */
  query: Record<string, string>;
  /** an office's page: the county's look-up, for "search the whole county" */
  countyBase: string | null;
  hasData: boolean;
}

const roadOf = (o: { parsed: { road?: string; section?: string; lane?: string; alley?: string } }) =>
  `${o.parsed.road ?? ''}${o.parsed.section ? `${o.parsed.section}段` : ''}${o.parsed.lane ? `${o.parsed.lane}巷` : ''}${o.parsed.alley ? `${o.parsed.alley}弄` : ''}`;

function RoadListing({ p, o }: { p: LookupPageProps; o: Extract<Outcome, { kind: 'road' }> }) {
  const { ctx } = p;
  const { t } = ctx;
  const pointHref = (id: number) => `${p.base}/p/${id}`;
  const title = t('houseNumbers.lookup.road.title', { road: roadOf(o) });
  return (
    <section>
      <h2 id="hn-road">{title}</h2>
      <p role="status">{t('houseNumbers.lookup.road.count', { n: o.total.toLocaleString('en'), page: o.page, pages: o.pages })}</p>
      <Table<Match>
        ctx={ctx}
        caption={title}
        rows={o.rows}
        rowKey={(m) => m.id}
        columns={[
          { header: t('houseNumbers.lookup.col.label'), cell: (m) => <a href={pointHref(m.id)}>{m.label}</a> },
          { header: t('houseNumbers.lookup.col.village'), cell: (m) => m.village || m.villageCode },
          { header: t('houseNumbers.lookup.col.neighbourhood'), cell: (m) => m.neighbourhood, numeric: true },
          {
            header: t('houseNumbers.lookup.col.state'),
            cell: (m) => (
              <>
                <StateTag ctx={ctx} state={m.state} />
                <Steps ctx={ctx} steps={m.steps} pointHref={pointHref} />
              </>
            ),
          },
        ]}
      />
      <Pagination ctx={ctx} page={o.page} hasNext={o.page < o.pages} hrefFor={(n) => lookupHref(p.base, { ...p.query, page: n })} />
      {p.roadMap ? (
        <div class="prose">
          <div dangerouslySetInnerHTML={{ __html: p.roadMap.svg }} />
          <p class="note">{p.roadMap.shown >= MAX_POINTS ? t('houseNumbers.lookup.road.mapFirst', { n: p.roadMap.shown }) : t('houseNumbers.lookup.road.mapNote', { n: p.roadMap.shown })}
            {p.roadMap.hasBoundary ? '' : `${ctx.locale === 'en' ? ' ' : ''}${t('houseNumbers.lookup.point.mapNoBoundary')}`}</p>
        </div>
      ) : null}
    </section>
  );
}

function OutcomeView({ p }: { p: LookupPageProps }) {
  const { ctx, outcome: o } = p;
  const { t } = ctx;
  if (!o) return null;
  const pointHref = (id: number) => `${p.base}/p/${id}`;
  const roadHref = (road: string) => lookupHref(p.base, { road, town: p.query.town });
  const countyHref = p.countyBase ? lookupHref(p.countyBase, p.query) : null;
  if (o.kind === 'unreadable') {
    return (
      <section class="notice" role="status" aria-labelledby="hn-none">
        <h2 id="hn-none">{t('houseNumbers.lookup.unreadable.title')}</h2>
        <Understood ctx={ctx} parsed={o.parsed} />
        <p>{t('houseNumbers.lookup.unreadable.help')}</p>
      </section>
    );
  }
  const none = { ctx, parsed: o.parsed, pointHref, roadHref, countyHref };
  if (o.kind === 'road') {
    if (o.total === 0) return <NothingFound {...none} title={t('houseNumbers.lookup.none.roadTitle')} nearby={[]} similar={o.similar} />;
    return <RoadListing p={p} o={o} />;
  }
  return (
    <>
      <Notices ctx={ctx} notices={o.notices} pointHref={pointHref} />
      {o.matches.length ? (
        <section aria-labelledby="hn-results">
          <h2 id="hn-results">{t('houseNumbers.lookup.results')}</h2>
          <p role="status">{t('houseNumbers.lookup.found', { n: o.matches.length })}</p>
          <Understood ctx={ctx} parsed={o.parsed} />
          <MatchList ctx={ctx} matches={o.matches} pointHref={pointHref} />
        </section>
      ) : (
        <NothingFound {...none} title={t('houseNumbers.lookup.none.title')} nearby={o.nearby} similar={o.similar} />
      )}
    </>
  );
}

/** The look-up page: the form, and under it what the address found. */
export function LookupPage(p: LookupPageProps) {
  const { ctx, base } = p;
  const { t } = ctx;
  const home = { href: ctx.office ? `/o/${ctx.office.code}` : '/', label: t('nav.home') };
  const asked = p.state.values.q || p.state.values.road;
  return (
    <Shell ctx={ctx} title={asked ? `${asked} | ${t('houseNumbers.lookup.title')}` : t('houseNumbers.lookup.title')} description={t('houseNumbers.lookup.lead')} crumbs={[home, { label: t('houseNumbers.lookup.title') }]}>
      <h1>{t('houseNumbers.lookup.title')}</h1>
      <p class="lead">{t('houseNumbers.lookup.lead')}</p>
      {p.scopeTowns?.length ? <p>{t('houseNumbers.lookup.scopeOffice', { towns: p.scopeTowns.join('、') })}</p> : null}
      {p.hasData ? null : <p class="notice">{t('houseNumbers.lookup.noData')}</p>}
      <ErrorSummary ctx={ctx} state={p.state} labels={{ q: t('houseNumbers.lookup.form.q'), road: t('houseNumbers.lookup.form.road'), lane: t('houseNumbers.lookup.form.lane'), alley: t('houseNumbers.lookup.form.alley'), number: t('houseNumbers.lookup.form.number') }} />
      <LookupForm ctx={ctx} action={base} state={p.state} towns={p.towns} roads={p.roads} />
      <OutcomeView p={p} />
    </Shell>
  );
}
