import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import type { ParsedQuery } from '../../address.js';
import type { RenumberingNotice } from '../../renumbering/notices.js';
import { publicBase } from '../../renumbering/views/shared.js';
import type { Step } from '../history.js';
import type { Match } from '../service.js';
import type { Nearby } from '../suggest.js';

/** The parts of a parsed address in words, in the order they are written: 路：光明六路；號：10. */
const PART_ORDER = ['county', 'town', 'village', 'neighbourhood', 'road', 'section', 'lane', 'alley', 'number', 'numberSub', 'floor', 'floorSub'] as const;

export function Understood({ ctx, parsed }: { ctx: ViewContext; parsed: ParsedQuery }) {
  const { t } = ctx;
  const parts = PART_ORDER.filter((k) => parsed[k] !== undefined && parsed[k] !== '').map((k) => t('houseNumbers.lookup.partValue', { part: t(`houseNumbers.lookup.part.${k}`), value: String(parsed[k]) }));
  if (parts.length === 0) return null;
  return <p class="muted">{t('houseNumbers.lookup.understood', { parts: parts.join(t('houseNumbers.lookup.understoodSep')) })}</p>;
}

export function StateTag({ ctx, state }: { ctx: ViewContext; state: 'current' | 'retired' }) {
  return <span class={state === 'retired' ? 'tag tag-warning' : 'tag'}>{ctx.t(`houseNumbers.lookup.state.${state}`)}</span>;
}

/** Old → new, a line per renumbering: 「民國113年5月1日整編為 光明六路12號（府民戶字第…號）」. */
export function Steps({ ctx, steps, pointHref }: { ctx: ViewContext; steps: Step[]; pointHref: (id: number) => string }) {
  const { t } = ctx;
  if (steps.length === 0) return null;
  return (
    <ul class="plain-list">
      {steps.map((s) => (
        <li key={`${s.fromId}-${s.id}`}>
          {t('houseNumbers.lookup.step', { date: showDate(s.date, ctx.locale), kind: t(`houseNumbers.lookup.kind.${s.kind}`) })} <a href={pointHref(s.id)}>{s.label}</a>
          {s.state === 'current' ? (
            <>
              {' '}
              <span class="tag">{t('houseNumbers.lookup.nowCurrent')}</span>
            </>
          ) : null}
          {s.docNo ? t('houseNumbers.lookup.docNo', { docNo: s.docNo }) : ''}
        </li>
      ))}
    </ul>
  );
}

const where = (ctx: ViewContext, m: { village: string; villageCode: string; neighbourhood: number }) =>
  ctx.t('houseNumbers.lookup.where', { village: m.village || m.villageCode, n: m.neighbourhood });

/** The numbers an address names, each with village, 鄰, status and, for an old one, what it is now. */
export function MatchList({ ctx, matches, pointHref }: { ctx: ViewContext; matches: Match[]; pointHref: (id: number) => string }) {
  const { t } = ctx;
  return (
    <ol class="results">
      {matches.map((m) => (
        <li key={m.id}>
          <a href={pointHref(m.id)}>{m.label}</a> <StateTag ctx={ctx} state={m.state} />
          <p>{where(ctx, m)}</p>
          <Steps ctx={ctx} steps={m.steps} pointHref={pointHref} />
          {m.abolished ? <p>{t('houseNumbers.lookup.abolishedOn', { date: showDate(m.abolished.date, ctx.locale) })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function Notices({ ctx, notices, pointHref }: { ctx: ViewContext; notices: RenumberingNotice[]; pointHref: (id: number) => string }) {
  const { t } = ctx;
  if (notices.length === 0) return null;
  return (
    <section class="notice" aria-labelledby="hn-notices">
      <h2 id="hn-notices">{t('houseNumbers.lookup.notices')}</h2>
      <ul class="plain-list">
        {notices.map((n) => (
          <li key={`${n.id}-${n.oldLabel}`}>
            <a href={`${publicBase(n.officeCode)}/${n.id}`}>{n.title}</a>
            {t('houseNumbers.lookup.notice', { old: n.oldLabel, new: n.newLabel, date: showDate(n.effectiveOn, ctx.locale), docNo: n.docNo })}
            {n.newPointId ? (
              <>
                {' '}
                <a href={pointHref(n.newPointId)}>{n.newLabel}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface NothingProps {
  ctx: ViewContext;
  parsed: ParsedQuery;
  title: string;
  nearby: Nearby[];
  similar: string[];
  pointHref: (id: number) => string;
  roadHref: (road: string) => string;
  /** an office's page: the same search over the whole county */
  countyHref: string | null;
}

/** Nothing found: say so, show what was read, and offer numbers near it and roads like it. */
export function NothingFound({ ctx, parsed, title, nearby, similar, pointHref, roadHref, countyHref }: NothingProps) {
  const { t } = ctx;
  return (
    <section class="notice" role="status" aria-labelledby="hn-none">
      <h2 id="hn-none">{title}</h2>
      <Understood ctx={ctx} parsed={parsed} />
      {nearby.length ? (
        <>
          <p>{t('houseNumbers.lookup.none.nearby')}</p>
          <ul class="tag-list">
            {nearby.map((n) => (
              <li key={n.id}>
                <a href={pointHref(n.id)}>{n.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {similar.length ? (
        <>
          <p>{t('houseNumbers.lookup.none.similar')}</p>
          <ul class="tag-list">
            {similar.map((r) => (
              <li key={r}>
                <a href={roadHref(r)}>{r}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>{t('houseNumbers.lookup.none.help')}</p>
      {countyHref ? (
        <p>
          <a href={countyHref}>{t('houseNumbers.lookup.none.county')}</a>
        </p>
      ) : null}
    </section>
  );
}
