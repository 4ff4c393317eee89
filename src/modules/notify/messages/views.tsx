import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant, showPeriod } from '../../../platform/layout/dates.js';
import { Button, SelectField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Pagination, Table } from '../../../platform/layout/Table.js';
import type { MessageRow } from './repo.js';
import { type CountLine, MESSAGE_STATES, type MonthReport, PAGE_SIZE, shiftMonth } from './service.js';

const PATH = '/staff/notify/messages';

export interface MessagesPageProps {
  ctx: ViewContext;
  choice: OfficeChoice;
  report: MonthReport;
  /** months the picker offers, newest first */
  months: string[];
  /** the latest month there is (no "next" past it) */
  latest: string;
}

const query = (office: string, month: string, page = 1) => `?${new URLSearchParams({ office, month, ...(page > 1 ? { page: String(page) } : {}) })}`;

function StatusTag({ ctx, status }: { ctx: ViewContext; status: MessageRow['status'] }) {
  return <span class={status === 'failed' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{ctx.t(`notify.messages.state.${status}`)}</span>;
}

/** 出生即時通・簡訊: kept on one line, so a phone scrolls the table rather than stacking it a character a line. */
function Kind({ ctx, purpose, channel }: { ctx: ViewContext; purpose: string; channel: string }) {
  return <span class="nowrap">{`${ctx.t(`notify.messages.purpose.${purpose}`)}・${ctx.t(`notify.messages.channel.${channel}`)}`}</span>;
}

/**
 * The stored reason (written by send.ts for logs too: `SMS: submit_sm refused: ESME_RTHROTTLED 0x00000058`)
 * in the reader's words, the gateway's status name kept for the vendor's help desk.
 */
export function reasonWords(ctx: ViewContext, raw: string): string {
  const { t } = ctx;
  const m = /^(SMS|SMTP): (.*)$/.exec(raw);
  if (!m) return raw;
  const rest = m[2] ?? '';
  if (m[1] === 'SMTP') return t('notify.messages.why.smtp', { detail: rest });
  if (rest === 'not a mobile number') return t('notify.messages.why.notMobile');
  if (rest.startsWith('text too long')) return t('notify.messages.why.tooLong');
  const refused = /^(submit_sm|bind_transmitter) refused: (\S+)/.exec(rest);
  if (refused) return t(refused[1] === 'submit_sm' ? 'notify.messages.why.refused' : 'notify.messages.why.bind', { detail: refused[2] ?? '' });
  if (rest.includes('timed out')) return t('notify.messages.why.timeout');
  return t('notify.messages.why.line', { detail: rest.replace(/^connection failed: /, '') });
}

function MonthBar({ ctx, choice, report, months, latest }: Omit<MessagesPageProps, 'ctx'> & { ctx: ViewContext }) {
  const { t } = ctx;
  const prev = months.at(-1) === report.month ? null : `${PATH}${query(choice.officeCode, shiftMonth(report.month, -1))}`;
  const next = report.month >= latest ? null : `${PATH}${query(choice.officeCode, shiftMonth(report.month, 1))}`;
  return (
    <>
      <form method="get" action={PATH} class="filter-bar">
        <input type="hidden" name="office" value={choice.officeCode} />
        <SelectField
          ctx={ctx}
          state={{ values: { month: report.month }, errors: [] }}
          name="month"
          label={t('notify.messages.month')}
          options={months.map((m) => ({ value: m, label: showPeriod(m, ctx.locale) }))}
        />
        <Button variant="secondary">{t('notify.messages.show')}</Button>
      </form>
      <nav class="filter-links" aria-label={t('notify.messages.month')}>
        {prev ? (
          <a class="tag" href={prev} rel="prev">
            ‹ {t('notify.messages.prev')}
          </a>
        ) : null}
        {next ? (
          <a class="tag" href={next} rel="next">
            {t('notify.messages.next')} ›
          </a>
        ) : null}
      </nav>
    </>
  );
}


/** The counts by purpose and channel; their last line is the number of rows in the list below. */
function Counts({ ctx, report }: { ctx: ViewContext; report: MonthReport }) {
  const { t } = ctx;
  const month = showPeriod(report.month, ctx.locale);
  const totalLine: CountLine = { purpose: '', channel: 'sms', byState: report.totals.byState, total: report.totals.total, parts: report.totals.smsParts };
  return (
    <>
      {report.lines.length > 0 ? (
        <Table wide ctx={ctx}
          caption={t('notify.messages.countsCaption', { month })}
          rows={[...report.lines, totalLine]}
          rowKey={(l) => `${l.purpose}/${l.channel}`}
          columns={[
            { header: t('notify.messages.kind'), cell: (l) => (l.purpose ? <Kind ctx={ctx} purpose={l.purpose} channel={l.channel} /> : <strong>{t('notify.messages.sum')}</strong>) },
            ...MESSAGE_STATES.map((s) => ({ header: t(`notify.messages.state.${s}`), cell: (l: CountLine) => l.byState[s], numeric: true })),
            { header: t('notify.messages.sum'), cell: (l) => (l.purpose ? l.total : <strong>{l.total}</strong>), numeric: true },
            { header: t('notify.messages.smsParts'), cell: (l) => (l.channel === 'sms' || !l.purpose ? l.parts : '—'), numeric: true },
          ]}
        />
      ) : null}
    </>
  );
}

function List({ ctx, report, choice }: { ctx: ViewContext; report: MonthReport; choice: OfficeChoice }) {
  const { t } = ctx;
  const { total } = report.totals;
  const first = (report.page - 1) * PAGE_SIZE + 1;
  const last = first + report.rows.length - 1;
  return (
    <>
      <p>{report.page === 1 && !report.hasNext ? t('notify.messages.count', { count: total }) : t('notify.messages.showing', { count: total, first, last })}</p>
      <Table wide ctx={ctx}
        caption={t('notify.messages.listCaption', { month: showPeriod(report.month, ctx.locale) })}
        rows={report.rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('notify.messages.createdAt'), cell: (r) => <span class="nowrap">{showInstant(r.createdAt, ctx.locale)}</span> },
          { header: t('notify.messages.status'), cell: (r) => <StatusTag ctx={ctx} status={r.status} /> },
          { header: t('notify.messages.kind'), cell: (r) => <Kind ctx={ctx} purpose={r.purpose} channel={r.channel} /> },
          { header: t('notify.messages.parts'), cell: (r) => r.parts, numeric: true },
          { header: t('notify.messages.attempts'), cell: (r) => r.attempts, numeric: true },
          { header: t('notify.messages.sentAt'), cell: (r) => (r.sentAt ? <span class="nowrap">{showInstant(r.sentAt, ctx.locale)}</span> : '—') },
          { header: t('notify.messages.reason'), cell: (r) => (r.status !== 'sent' && r.lastError ? reasonWords(ctx, r.lastError) : '—') },
        ]}
      />
      <Pagination ctx={ctx} page={report.page} hasNext={report.hasNext} hrefFor={(p) => `${PATH}${query(choice.officeCode, report.month, p)}`} />
    </>
  );
}

/** /staff/notify/messages: a month of one office's messages to citizens, counted then listed; no number, no text. */
export function MessagesPage(props: MessagesPageProps) {
  const { ctx, choice, report } = props;
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('notify.messages.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('notify.messages.title') }]}>
      <h1>{t('notify.messages.title')}</h1>
      <p class="lead">{t('notify.messages.lead')}</p>
      <OfficePicker ctx={ctx} action={PATH} choice={choice} keep={{ month: report.month }} />
      <MonthBar {...props} />
      {report.totals.total === 0 ? (
        <p class="empty">{t('notify.messages.none')}</p>
      ) : (
        <>
          <Counts ctx={ctx} report={report} />
          <List ctx={ctx} report={report} choice={choice} />
        </>
      )}
    </Shell>
  );
}
