import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, type FormState } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { PackItem, PackMeasure, ReviewPack } from '../pack.js';
import type { PackAction } from '../review-actions.js';
import { actionStateWords, countsInWords, formatChange, formatValue, itemWords, measureName, monthWords, packTitle, statusWord, trendWords } from '../review-words.js';
import { AddActionForm, CloseForm, MeetingForm } from './review-forms.js';
import { Downloads, MonthPicker, type ReviewColumn, ReviewTable, Sparkline, StatusTag, TABLE_CLASS } from './review-parts.js';

export interface ReviewPageProps {
  ctx: ViewContext;
  pack: ReviewPack;
  months: string[];
  /** which figures: those frozen at the meeting, or the current ones */
  view: 'now' | 'discussed';
  /** when the meeting froze the pack; null: no frozen pack for this month */
  frozenAt: string | null;
  canEdit: boolean;
  forms?: { meeting?: FormState | undefined; add?: FormState | undefined; close?: { id: number; state: FormState } | undefined };
  alert?: string | undefined;
}

export const reviewHref = (planId: number, month: string) => `/staff/plan/${planId}/review/${month}`;

/** 實施要項 with everything below it, in reading order. */
function groups(items: PackItem[]): { top: PackItem; items: PackItem[] }[] {
  const out: { top: PackItem; items: PackItem[] }[] = [];
  for (const i of items) {
    if (i.depth === 1 || out.length === 0) out.push({ top: i, items: [i] });
    else out[out.length - 1]!.items.push(i);
  }
  return out;
}

function OriginCell({ ctx, m }: { ctx: ViewContext; m: PackMeasure }) {
  const { t, locale } = ctx;
  return (
    <>
      {t(`plan.review.origin.${m.origin}`)}
      {m.origin === 'hand' && m.handMonth ? (
        <>
          <br />
          {t('plan.review.handFrom', { month: monthWords(m.handMonth, locale) })}
        </>
      ) : null}
      {m.href ? (
        <>
          <br />
          <a href={m.href}>{t('plan.review.howComputed')}</a>
        </>
      ) : null}
    </>
  );
}

function MeasureRow({ ctx, m, item, top }: { ctx: ViewContext; m: PackMeasure; item: PackItem; top: PackItem }) {
  const { t, locale } = ctx;
  const name = measureName(m, t);
  const v = (n: number | null) => formatValue(m.unit, n, t, locale);
  const target = m.target === null ? '—' : m.additive ? t('plan.review.perMonth', { v: v(m.target) }) : v(m.target);
  return (
    <tr>
      <th scope="row" class="text">
        {item.id === top.id ? null : <span class="muted">{`${item.code} ${item.title}`} </span>}
        {name}
      </th>
      <td class="num">{v(m.value)}</td>
      <td>
        <StatusTag ctx={ctx} status={m.status} />
      </td>
      <td class="num">
        {v(m.previous.value)}
        <br />
        <span class="muted">{formatChange(m.unit, m.change, t, locale)}</span>
      </td>
      <td class="num">
        {v(m.ytd.value)}
        {m.ytd.target !== null ? (
          <>
            <br />
            <span class="muted">{`/ ${v(m.ytd.target)}`}</span>
          </>
        ) : null}
      </td>
      <td>
        <StatusTag ctx={ctx} status={m.ytd.status} />
      </td>
      <td class="num">{target}</td>
      <td>
        <Sparkline values={m.trend} label={t('plan.review.trendAlt', { name, values: trendWords(m, t, locale) })} />
      </td>
      <td>
        <OriginCell ctx={ctx} m={m} />
      </td>
    </tr>
  );
}

function ItemTable({ ctx, top, items }: { ctx: ViewContext; top: PackItem; items: PackItem[] }) {
  const { t } = ctx;
  const caption = t('plan.review.itemCaption', { code: top.code, title: top.title });
  const rows = items.flatMap((i) => i.measures.map((m) => ({ m, i })));
  if (rows.length === 0)
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="empty">{t('plan.review.empty')}</p>
      </section>
    );
  // two figures share a cell where they read together (last month and the change; the year so far and its target), so the table fits a desk screen
  const cols = ['measure', 'value', 'status', 'previous', 'ytd', 'ytdStatus', 'target', 'trend', 'origin'];
  const numeric = new Set(['value', 'previous', 'ytd', 'target']);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class={TABLE_CLASS}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col" class={numeric.has(c) ? 'num nowrap' : 'nowrap'}>
                {c === 'ytd' ? `${t('plan.review.col.ytd')} / ${t('plan.review.col.ytdTarget')}` : c === 'previous' ? `${t('plan.review.col.previous')} / ${t('plan.review.col.change')}` : t(`plan.review.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ m, i }) => (
            <MeasureRow key={m.id} ctx={ctx} m={m} item={i} top={top} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Changed({ ctx, pack }: { ctx: ViewContext; pack: ReviewPack }) {
  const { t } = ctx;
  const byId = new Map(pack.items.flatMap((i) => i.measures).map((m) => [m.id, m]));
  if (pack.changed.length === 0) return <p class="empty">{t('plan.review.empty')}</p>;
  return (
    <ul>
      {pack.changed.map((c) => {
        const m = byId.get(c.measureId);
        return <li key={c.measureId}>{t('plan.review.changedLine', { name: m ? measureName(m, t) : '', from: statusWord(c.from, t), to: statusWord(c.to, t) })}</li>;
      })}
    </ul>
  );
}

function ActionTables({ ctx, pack }: { ctx: ViewContext; pack: ReviewPack }) {
  const { t, locale } = ctx;
  const href = (a: PackAction) => reviewHref(pack.plan.id, a.raisedMonth);
  const open: ReviewColumn<PackAction>[] = [
    { header: t('plan.review.col.text'), cell: (a) => a.text, rowHeader: true },
    { header: t('plan.review.col.relItem'), cell: (a) => itemWords(a), text: true },
    { header: t('plan.review.col.owner'), cell: (a) => a.owner },
    { header: t('plan.review.col.due'), cell: (a) => showDate(a.dueOn, locale) },
    {
      header: t('plan.review.col.actionState'),
      cell: (a) => (
        <>
          <span class={a.overdue ? 'tag tag-warning' : 'tag'}>{actionStateWords(a, t)}</span>
          {a.closedMonth ? t('plan.review.action.closedLater', { month: monthWords(a.closedMonth, locale) }) : null}
        </>
      ),
    },
    { header: t('plan.review.col.raised'), cell: (a) => <a href={href(a)}>{monthWords(a.raisedMonth, locale)}</a> },
  ];
  const closed: ReviewColumn<PackAction>[] = [
    { header: t('plan.review.col.text'), cell: (a) => a.text, rowHeader: true },
    { header: t('plan.review.col.owner'), cell: (a) => a.owner },
    { header: t('plan.review.col.actionState'), cell: (a) => <span class="tag">{actionStateWords(a, t)}</span> },
    { header: t('plan.review.col.closingNote'), cell: (a) => a.closingNote ?? '', text: true },
    { header: t('plan.review.col.raised'), cell: (a) => <a href={href(a)}>{monthWords(a.raisedMonth, locale)}</a> },
  ];
  return (
    <>
      <h3>{t('plan.review.actions.open')}</h3>
      <ReviewTable ctx={ctx} captionHidden caption={t('plan.review.actions.open')} columns={open} rows={pack.actions.open} rowKey={(a) => a.id} />
      <h3>{t('plan.review.actions.closed')}</h3>
      <ReviewTable ctx={ctx} captionHidden caption={t('plan.review.actions.closed')} columns={closed} rows={pack.actions.closed} rowKey={(a) => a.id} />
      <p>
        <a href={`/staff/plan/${pack.plan.id}/actions`}>{t('plan.review.list.link')}</a>
      </p>
    </>
  );
}

function ViewSwitch({ ctx, href, view, frozenAt }: { ctx: ViewContext; href: string; view: 'now' | 'discussed'; frozenAt: string }) {
  const { t, locale } = ctx;
  return (
    <div class="notice">
      <p>{view === 'discussed' ? t('plan.review.frozen', { at: showInstant(frozenAt, locale) }) : t('plan.review.live')}</p>
      <nav class="filter-links" aria-label={t('plan.review.view.label')}>
        <a class="tag" href={`${href}?view=discussed`} aria-current={view === 'discussed' ? 'true' : undefined}>
          {t('plan.review.view.discussed')}
        </a>
        <a class="tag" href={`${href}?view=now`} aria-current={view === 'now' ? 'true' : undefined}>
          {t('plan.review.view.now')}
        </a>
      </nav>
    </div>
  );
}

function Meeting({ ctx, pack }: { ctx: ViewContext; pack: ReviewPack }) {
  const { t, locale } = ctx;
  if (!pack.meeting) return <p class="empty">{t('plan.review.meeting.none')}</p>;
  return (
    <>
      <dl class="facts">
        <dt>{t('plan.review.meeting.heldOn')}</dt>
        <dd>{showDate(pack.meeting.heldOn, locale)}</dd>
      </dl>
      <p class="prose pre">{pack.meeting.minutes}</p>
    </>
  );
}

export function ReviewPage({ ctx, pack, months, view, frozenAt, canEdit, forms = {}, alert }: ReviewPageProps) {
  const { t, locale } = ctx;
  const title = packTitle(pack, t, locale);
  const href = reviewHref(pack.plan.id, pack.month);
  const q = frozenAt ? `?view=${view}` : '';
  const meetingValues = forms.meeting ?? (pack.meeting ? { values: { held_on: pack.meeting.heldOn, minutes: pack.meeting.minutes }, errors: [] } : undefined);
  const stillOpen = pack.actions.open.filter((a) => a.closedMonth === null);
  return (
    <Shell
      ctx={ctx}
      title={title}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/plan', label: t('plan.review.plans') }, { href: `/staff/plan/${pack.plan.id}`, label: pack.plan.title }, { label: t('plan.review.crumb') }]}
    >
      <h1>{title}</h1>
      <p class="muted">{t('plan.review.planLine', { title: pack.plan.title, state: t(`plan.review.planState.${pack.plan.state}`), revision: pack.plan.revision })}</p>
      <MonthPicker ctx={ctx} action={`/staff/plan/${pack.plan.id}/review`} month={pack.month} months={months} />
      {alert ? <AlertBox message={alert} /> : null}
      <p class="lead">{countsInWords(pack.counts, pack.measureCount, t)}</p>
      <p class="muted">{t('plan.review.asOf', { date: showDate(pack.asOf, locale) })}</p>
      {frozenAt ? <ViewSwitch ctx={ctx} href={href} view={view} frozenAt={frozenAt} /> : null}
      <Downloads
        ctx={ctx}
        links={[
          { href: `${href}/pack.ods${q}`, label: t('plan.review.download.ods') },
          { href: `${href}/pack.pdf${q}`, label: t('plan.review.download.pdf') },
        ]}
      />
      <h2>{t('plan.review.items')}</h2>
      {groups(pack.items).map((g) => (
        <section key={g.top.id} aria-labelledby={`item-${g.top.id}`}>
          <h3 id={`item-${g.top.id}`}>{t('plan.review.itemHeading', { code: g.top.code, title: g.top.title })}</h3>
          <ItemTable ctx={ctx} top={g.top} items={g.items} />
        </section>
      ))}
      <h2>{t('plan.review.changed')}</h2>
      <Changed ctx={ctx} pack={pack} />
      <h2>{t('plan.review.actions')}</h2>
      <ActionTables ctx={ctx} pack={pack} />
      {canEdit && stillOpen.length ? (
        <>
          <h3>{t('plan.review.close.title')}</h3>
          <p class="muted">{t('plan.review.close.lead')}</p>
          {stillOpen.map((a) => (
            <CloseForm key={a.id} ctx={ctx} action={`${href}/actions/${a.id}/close`} a={a} state={forms.close?.id === a.id ? forms.close.state : undefined} />
          ))}
        </>
      ) : null}
      {canEdit ? <AddActionForm ctx={ctx} action={`${href}/actions`} state={forms.add} items={pack.items.map((i) => ({ id: i.id, label: `${i.code} ${i.title}` }))} /> : null}
      <h2>{t('plan.review.meeting')}</h2>
      <Meeting ctx={ctx} pack={pack} />
      {canEdit ? <MeetingForm ctx={ctx} action={`${href}/meeting`} state={meetingValues} /> : null}
    </Shell>
  );
}
