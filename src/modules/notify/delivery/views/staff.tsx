import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { CsrfField, ErrorSummary, type FormState } from '../../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import type { NoticeRow, StatusCounts } from '../oversee.js';
import { DeliveryNav, noticeLink, nw, PeriodForm, StatusTag, staffCrumbs, when } from './common.js';
import { Table } from '../../../../platform/layout/Table.js';

interface Page {
  ctx: ViewContext;
  choice: OfficeChoice;
  from: string;
  to: string;
  state?: FormState | undefined;
}

const STATES = ['queued', 'sent', 'acknowledged', 'failed'] as const;

export function RetryButton({ ctx, id, choice }: { ctx: ViewContext; id: number; choice: OfficeChoice }) {
  return (
    <form method="post" action={`/staff/notify/notices/${id}/retry`} class="inline-form">
      <CsrfField ctx={ctx} />
      <OfficeField choice={choice} />
      <button type="submit" class="link-button nowrap" aria-label={`${ctx.t('notify.delivery.retry')} ${ctx.t('notify.delivery.noticeNo', { id })}`}>
        {ctx.t('notify.delivery.retry')}
      </button>
    </form>
  );
}

/** /staff/notify: counts by status and agency for the period, the failed notices first with a retry, then the period's others. */
export function SummaryPage({
  ctx,
  choice,
  from,
  to,
  state,
  data,
}: Page & {
  data: {
    totals: StatusCounts;
    recipients: { id: number; name: string; channel: string; counts: StatusCounts }[];
    failed: NoticeRow[];
    recent: NoticeRow[];
  };
}) {
  const { t } = ctx;
  const q = (extra: Record<string, string>) => new URLSearchParams({ office: choice.officeCode, from, to, ...extra }).toString();
  return (
    <Shell ctx={ctx} title={t('notify.delivery.title')} variant="staff" crumbs={staffCrumbs(ctx, t('notify.delivery.title'), false)}>
      <h1>{t('notify.delivery.title')}</h1>
      <DeliveryNav ctx={ctx} choice={choice} />
      <ErrorSummary ctx={ctx} state={state} labels={{ from: t('notify.delivery.period.from'), to: t('notify.delivery.period.to') }} />
      <OfficePicker ctx={ctx} action="/staff/notify" choice={choice} keep={{ from, to }} />
      <PeriodForm ctx={ctx} action="/staff/notify" choice={choice} from={from} to={to} state={state} />
      <p class="muted">{t('notify.delivery.periodLabel', { from: showDate(from, ctx.locale), to: showDate(to, ctx.locale) })}</p>
      <dl class="stat-grid">
        {STATES.map((s) => (
          <div key={s}>
            <dt>{t(`notify.delivery.status.${s}`)}</dt>
            <dd>{data.totals[s]}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('notify.delivery.failedTitle')}</h2>
      {data.failed.length === 0 ? (
        <p>{t('notify.delivery.noneFailed')}</p>
      ) : (
        <Table wide
          ctx={ctx}
          caption={t('notify.delivery.failedCaption')}
          rowKey={(r) => r.id}
          rows={data.failed}
          columns={[
            // what to act on first: on a phone the rest scrolls in from the right
            { header: t('notify.delivery.col.notice'), cell: (r) => noticeLink(ctx, r.id) },
            { header: t('notify.delivery.col.reason'), cell: (r) => nw(r.lastError ?? '—') },
            { header: t('notify.delivery.col.action'), cell: (r) => <RetryButton ctx={ctx} id={r.id} choice={choice} /> },
            { header: t('notify.delivery.col.recipient'), cell: (r) => nw(r.recipient) },
            { header: t('notify.delivery.col.event'), cell: (r) => nw(t(`notify.delivery.event.${r.event}`)) },
            { header: t('notify.delivery.col.failedAt'), cell: (r) => when(ctx, r.failedAt) },
            { header: t('notify.delivery.col.attempts'), cell: (r) => r.attempts, numeric: true },
          ]}
        />
      )}

      <h2>{t('notify.delivery.byRecipientTitle')}</h2>
      <Table wide
        ctx={ctx}
        caption={t('notify.delivery.byRecipientCaption')}
        rowKey={(r) => r.id}
        rows={data.recipients}
        columns={[
          { header: t('notify.delivery.col.recipient'), cell: (r) => nw(<a href={`/staff/notify/by-recipient/${r.id}?${q({})}`}>{r.name}</a>) },
          { header: t('notify.delivery.col.channel'), cell: (r) => nw(t(`notify.delivery.channel.${r.channel}`)) },
          ...STATES.map((s) => ({ header: t(`notify.delivery.status.${s}`), cell: (r: { counts: StatusCounts }) => r.counts[s], numeric: true })),
          { header: t('notify.delivery.col.total'), cell: (r) => r.counts.total, numeric: true },
        ]}
      />

      <h2>{t('notify.delivery.recentTitle')}</h2>
      <NoticeTable ctx={ctx} caption={t('notify.delivery.recentCaption')} rows={data.recent} />
    </Shell>
  );
}

function NoticeTable({ ctx, caption, rows }: { ctx: ViewContext; caption: string; rows: NoticeRow[] }) {
  const { t } = ctx;
  return (
    <Table wide
      ctx={ctx}
      caption={caption}
      rowKey={(r) => r.id}
      rows={rows}
      columns={[
        { header: t('notify.delivery.col.notice'), cell: (r) => noticeLink(ctx, r.id) },
        { header: t('notify.delivery.col.recipient'), cell: (r) => nw(r.recipient) },
        { header: t('notify.delivery.col.event'), cell: (r) => nw(t(`notify.delivery.event.${r.event}`)) },
        {
          header: t('notify.delivery.col.status'),
          cell: (r) => (
            <>
              <StatusTag ctx={ctx} status={r.status} />
              {/* still queued after failed tries: the jobs table is backing off; say why before it fails for good */}
              {r.status === 'queued' && r.attempts > 0 ? <span class="muted nowrap"> {t('notify.delivery.retrying', { n: r.attempts, reason: r.lastError ?? '' })}</span> : null}
            </>
          ),
        },
        { header: t('notify.delivery.col.queuedAt'), cell: (r) => when(ctx, r.queuedAt) },
        { header: t('notify.delivery.col.ackedAt'), cell: (r) => when(ctx, r.ackedAt) },
      ]}
    />
  );
}

export interface NoticeHistoryView extends NoticeRow {
  recipientId: number;
  channel: string;
  ackDays: number;
  batchId: number | null;
  purgeAfter: string | null;
  purgedAt: string | null;
  canRetry: boolean;
  caseNumber: string | null;
  tries: { id: number; at: string; outcome: string; detail: string | null }[];
}

/** One notice: its facts and every try; never what it carried. */
export function NoticePage({ ctx, choice, n }: { ctx: ViewContext; choice: OfficeChoice; n: NoticeHistoryView }) {
  const { t } = ctx;
  const title = t('notify.delivery.noticeNo', { id: n.id });
  const facts: [string, ComponentChildren][] = [
    [t('notify.delivery.col.status'), <StatusTag key="s" ctx={ctx} status={n.status} />],
    [t('notify.delivery.col.recipient'), <a href={`/staff/notify/by-recipient/${n.recipientId}?office=${encodeURIComponent(choice.officeCode)}`}>{n.recipient}</a>],
    [t('notify.delivery.col.channel'), t(`notify.delivery.channel.${n.channel}`)],
    [t('notify.delivery.col.event'), t(`notify.delivery.event.${n.event}`)],
    [t('notify.delivery.col.case'), <a href={`/staff/cases/${n.caseId}`}>{n.caseNumber ?? t('notify.delivery.caseNo', { id: n.caseId })}</a>],
    [t('notify.delivery.col.queuedAt'), when(ctx, n.queuedAt)],
    [t('notify.delivery.col.sentAt'), when(ctx, n.sentAt)],
    [t('notify.delivery.col.ackedAt'), when(ctx, n.ackedAt)],
    ...(n.failedAt ? [[t('notify.delivery.col.failedAt'), when(ctx, n.failedAt)] as [string, ComponentChildren]] : []),
    [t('notify.delivery.col.attempts'), String(n.attempts)],
    ...(n.lastError ? [[t('notify.delivery.col.reason'), n.lastError] as [string, ComponentChildren]] : []),
    ...(n.batchId ? [[t('notify.delivery.col.batch'), t('notify.delivery.batch.no', { id: n.batchId })] as [string, ComponentChildren]] : []),
    [
      t('notify.delivery.col.data'),
      n.purgedAt
        ? t('notify.delivery.data.purged', { time: showInstant(n.purgedAt, ctx.locale) })
        : n.purgeAfter
          ? t('notify.delivery.data.until', { time: showInstant(n.purgeAfter, ctx.locale) })
          : t('notify.delivery.data.held'),
    ],
  ];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <dl class="summary-list">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {n.canRetry ? (
        <form method="post" action={`/staff/notify/notices/${n.id}/retry`} class="actions">
          <CsrfField ctx={ctx} />
          <OfficeField choice={choice} />
          <button type="submit" class="button button-primary">
            {t('notify.delivery.retry')}
          </button>
        </form>
      ) : null}
      <h2>{t('notify.delivery.historyTitle')}</h2>
      <Table wide
        ctx={ctx}
        caption={t('notify.delivery.historyCaption')}
        rowKey={(a) => a.id}
        rows={n.tries}
        columns={[
          { header: t('notify.delivery.col.at'), cell: (a) => nw(showInstant(a.at, ctx.locale)) },
          { header: t('notify.delivery.col.outcome'), cell: (a) => nw(t(`notify.delivery.outcome.${a.outcome}`)) },
          { header: t('notify.delivery.col.detail'), cell: (a) => a.detail ?? '—' },
        ]}
      />
    </Shell>
  );
}

export interface RecipientView {
  recipient: { id: number; name: string; channel: string; ackDays: number; active: boolean };
  notices: (NoticeRow & { workingDays: number | null; timing: string })[];
  tally: Record<'in_time' | 'late' | 'waiting' | 'overdue' | 'none', number>;
}

/** One agency: its notices from the office in the period, and whether each was acknowledged within its working days. */
export function RecipientPage({ ctx, choice, from, to, state, data }: Page & { data: RecipientView }) {
  const { t } = ctx;
  const title = t('notify.delivery.recipientTitle', { name: data.recipient.name });
  const action = `/staff/notify/by-recipient/${data.recipient.id}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, data.recipient.name)}>
      <h1>{title}</h1>
      <DeliveryNav ctx={ctx} choice={choice} />
      <ErrorSummary ctx={ctx} state={state} labels={{ from: t('notify.delivery.period.from'), to: t('notify.delivery.period.to') }} />
      <OfficePicker ctx={ctx} action={action} choice={choice} keep={{ from, to }} />
      <PeriodForm ctx={ctx} action={action} choice={choice} from={from} to={to} state={state} />
      <p>
        {t('notify.delivery.recipientLead', { channel: t(`notify.delivery.channel.${data.recipient.channel}`), days: data.recipient.ackDays })}
        {data.recipient.active ? null : ` ${t('notify.delivery.inactive')}`}
      </p>
      <dl class="stat-grid">
        {(['in_time', 'late', 'waiting', 'overdue'] as const).map((k) => (
          <div key={k}>
            <dt>{t(`notify.delivery.timing.${k}`)}</dt>
            <dd>{data.tally[k]}</dd>
          </div>
        ))}
      </dl>
      <Table wide
        ctx={ctx}
        caption={t('notify.delivery.periodLabel', { from: showDate(from, ctx.locale), to: showDate(to, ctx.locale) })}
        rowKey={(r) => r.id}
        rows={data.notices}
        columns={[
          { header: t('notify.delivery.col.notice'), cell: (r) => noticeLink(ctx, r.id) },
          { header: t('notify.delivery.col.event'), cell: (r) => nw(t(`notify.delivery.event.${r.event}`)) },
          { header: t('notify.delivery.col.status'), cell: (r) => <StatusTag ctx={ctx} status={r.status} /> },
          { header: t('notify.delivery.col.sentAt'), cell: (r) => when(ctx, r.sentAt) },
          { header: t('notify.delivery.col.ackedAt'), cell: (r) => when(ctx, r.ackedAt) },
          { header: t('notify.delivery.col.workingDays'), cell: (r) => (r.workingDays === null ? '—' : r.workingDays), numeric: true },
          {
            header: t('notify.delivery.col.timing'),
            cell: (r) => (r.timing === 'none' ? '—' : <span class={r.timing === 'late' || r.timing === 'overdue' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{t(`notify.delivery.timing.${r.timing}`)}</span>),
          },
        ]}
      />
    </Shell>
  );
}
