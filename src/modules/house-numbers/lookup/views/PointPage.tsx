import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import type { HistoryEntry } from '../history.js';
import type { MapView } from '../maps.js';
import type { PointDetail } from '../point.js';
import { Notices, StateTag, Steps } from './results.js';

export interface PointPageProps {
  ctx: ViewContext;
  base: string;
  detail: PointDetail;
  /** the town's name as the page's language writes it */
  townName: string;
  map: MapView;
  /** the office that serves the number's town, for its certificate */
  office: { code: string; name: string } | null;
}

const fixed = (v: number, digits: number) => v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function History({ ctx, entries, selfId, pointHref }: { ctx: ViewContext; entries: HistoryEntry[]; selfId: number; pointHref: (id: number) => string }) {
  const { t } = ctx;
  if (entries.length === 0) return <p class="empty">{t('houseNumbers.lookup.point.historyNone')}</p>;
  const label = (id: number, text: string) => (id === selfId ? <strong>{text}</strong> : <a href={pointHref(id)}>{text}</a>);
  return (
    <ol class="timeline">
      {entries.map((e, i) => (
        <li key={`${e.pointId}-${i}`}>
          <span class="muted">{showDate(e.date, ctx.locale)}</span> {t('houseNumbers.lookup.point.entry', { kind: t(`houseNumbers.lookup.kind.${e.kind}`) })}
          {e.from ? (
            <>
              {label(e.from.id, e.from.label)} → {label(e.pointId, e.label)}
            </>
          ) : (
            label(e.pointId, e.label)
          )}
          {e.docNo ? t('houseNumbers.lookup.docNo', { docNo: e.docNo }) : ''}
        </li>
      ))}
    </ol>
  );
}

function Facts({ p }: { p: PointPageProps }) {
  const { ctx, detail } = p;
  const { t } = ctx;
  const { point } = detail;
  // this number's own first event: 初編, or the 改編/整編 that made it (an earlier number's 初編 is in the history, not here)
  const own = detail.history.entries.find((e) => e.pointId === point.id);
  const since: [string, string][] = !own
    ? []
    : own.kind === 'initial'
      ? [[t('houseNumbers.lookup.point.initial'), showDate(own.date, ctx.locale)]]
      : [[t('houseNumbers.lookup.point.since'), t('houseNumbers.lookup.point.sinceValue', { date: showDate(own.date, ctx.locale), kind: t(`houseNumbers.lookup.kind.${own.kind}`) })]];
  const rows: [string, preact.ComponentChildren][] = [
    [t('houseNumbers.lookup.point.town'), p.townName || point.village_code.slice(0, 8)],
    [t('houseNumbers.lookup.point.village'), detail.village?.name_zh ?? point.village_code],
    [t('houseNumbers.lookup.point.neighbourhood'), t('houseNumbers.lookup.point.neighbourhoodValue', { n: point.neighbourhood })],
    [t('houseNumbers.lookup.point.state'), <StateTag ctx={ctx} state={point.state} />],
    ...since,
    [t('houseNumbers.lookup.point.twd97'), t('houseNumbers.lookup.point.twd97Value', { x: fixed(point.x, 1), y: fixed(point.y, 1) })],
    [t('houseNumbers.lookup.point.wgs84'), t('houseNumbers.lookup.point.wgs84Value', { lon: point.lon.toFixed(6), lat: point.lat.toFixed(6) })],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One house number: where it is, its history old → new, the notices naming it, its map and how to get its certificate. */
export function PointPage(p: PointPageProps) {
  const { ctx, base, detail } = p;
  const { t } = ctx;
  const { point, history } = detail;
  const pointHref = (id: number) => `${base}/p/${id}`;
  const home = { href: ctx.office ? `/o/${ctx.office.code}` : '/', label: t('nav.home') };
  // the address as it is written, in Chinese on either language's page: 竹北市光明六路16號
  const title = `${detail.town?.name_zh ?? ''}${point.label}`;
  const abolished = point.state === 'retired' && history.after.length === 0 ? history.entries.find((e) => e.pointId === point.id && e.kind === 'abolished') : undefined;
  const guide = p.office ? `/o/${p.office.code}/guides/house-number-certificate` : '/guides/house-number-certificate';
  return (
    <Shell ctx={ctx} title={title} crumbs={[home, { href: base, label: t('houseNumbers.lookup.title') }, { label: point.label }]}>
      <h1>{title}</h1>
      {point.state === 'retired' && history.after.length ? (
        <div class="notice" role="note">
          <p>{t('houseNumbers.lookup.point.retired')}</p>
          <Steps ctx={ctx} steps={history.after} pointHref={pointHref} />
        </div>
      ) : null}
      {abolished ? <p class="notice">{t('houseNumbers.lookup.point.abolished', { date: showDate(abolished.date, ctx.locale) })}</p> : null}
      <h2>{t('houseNumbers.lookup.point.details')}</h2>
      <Facts p={p} />
      <h2>{t('houseNumbers.lookup.point.history')}</h2>
      <History ctx={ctx} entries={history.entries} selfId={point.id} pointHref={pointHref} />
      <Notices ctx={ctx} notices={detail.notices} pointHref={pointHref} />
      <h2>{t('houseNumbers.lookup.point.map')}</h2>
      <div class="prose">
        <div dangerouslySetInnerHTML={{ __html: p.map.svg }} />
        <p class="note">{p.map.hasBoundary ? t('houseNumbers.lookup.point.mapNote') : t('houseNumbers.lookup.point.mapNoBoundary')}</p>
      </div>
      <h2>{t('houseNumbers.lookup.point.certificate')}</h2>
      <p>{p.office ? t('houseNumbers.lookup.point.certificateOffice', { office: p.office.name }) : t('houseNumbers.lookup.point.certificateAny')}</p>
      <p>
        <a href={guide}>{t('houseNumbers.lookup.point.certificateLink')}</a>
      </p>
      <p>
        <a href={base}>{t('houseNumbers.lookup.point.back')}</a>
      </p>
    </Shell>
  );
}
