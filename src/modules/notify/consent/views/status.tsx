import type { ViewContext } from '../../../../platform/http/context.js';
import { formatRocDate, taipeiTime, toTaipeiIsoDate } from '../../../../platform/calendar/index.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { AlertBox } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Table } from '../../../../platform/layout/Table.js';
import { TYPED_FIELDS } from '../form.js';
import { type ConsentView, countsByState, fieldsSent, type NoticeLine } from '../status.js';
import { CaseFacts, type CaseSummary, consentCrumbs, fieldWords, PageTitle } from './parts.js';

/** 已通報 3 個機關：2 已確認收到，1 已寄出 */
export function statusLine(ctx: ViewContext, notices: Pick<NoticeLine, 'status'>[]): string {
  const { t } = ctx;
  const parts = countsByState(notices).map((x) => t('notify.consent.linePart', { count: x.count, state: t(`notify.consent.state.${x.state}`) }));
  return t('notify.consent.line', { n: notices.length, parts: parts.join(ctx.locale === 'en' ? ', ' : '，') });
}

/** An instant short enough for a table cell: 115/12/02 12:57 (民國) or 2 December 2026 12:57. */
function shortInstant(iso: string, locale: ViewContext['locale']): string {
  if (locale === 'en') return showInstant(iso, locale);
  const d = new Date(iso);
  return `${formatRocDate(toTaipeiIsoDate(d), 'slash')} ${taipeiTime(d)}`;
}

function Times({ ctx, n }: { ctx: ViewContext; n: NoticeLine }) {
  const { t } = ctx;
  const lines: [string, string | null][] = [
    ['queued', n.queuedAt],
    ['sent', n.sentAt],
    ['acked', n.ackedAt],
    ['failed', n.failedAt],
  ];
  return (
    <>
      {lines
        .filter((l): l is [string, string] => l[1] !== null)
        .map(([k, at], i) => (
          <span key={k}>
            {i > 0 ? <br /> : null}
            {t(`notify.consent.time.${k}`, { at: shortInstant(at, ctx.locale) })}
          </span>
        ))}
    </>
  );
}

function NoticeTable({ ctx, notices }: { ctx: ViewContext; notices: NoticeLine[] }) {
  const { t } = ctx;
  return (
    <Table
      ctx={ctx}
      caption={t('notify.consent.table')}
      rows={notices}
      rowKey={(n) => n.id}
      columns={[
        {
          header: t('notify.consent.col.recipient'),
          cell: (n) => (
            <>
              {n.agency}
              <p class="note">{fieldWords(t, fieldsSent(n.fields))}</p>
            </>
          ),
        },
        {
          header: t('notify.consent.col.status'),
          cell: (n) => (
            <>
              <span class={n.status === 'failed' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{t(`notify.consent.state.${n.status}`)}</span>
              {n.lastError ? <p class="note">{t('notify.consent.reason', { reason: n.lastError })}</p> : null}
              <p class="note">
                <Times ctx={ctx} n={n} />
              </p>
            </>
          ),
        },
        { header: t('notify.consent.col.attempts'), cell: (n) => n.attempts, numeric: true },
      ]}
    />
  );
}

function ConsentRecord({ ctx, v }: { ctx: ViewContext; v: ConsentView }) {
  const { t } = ctx;
  const typed = TYPED_FIELDS.filter((f) => v.details[f]);
  return (
    <dl class="summary-list">
      <div>
        <dt>{t('notify.consent.decision')}</dt>
        <dd>{v.recipients > 0 ? t('notify.consent.agreed', { n: v.recipients }) : t('notify.consent.refused')}</dd>
      </div>
      {v.readBack ? (
        <div>
          <dt>{t('notify.consent.readBackLegend')}</dt>
          <dd>{t('notify.consent.readBackDone')}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('notify.consent.eventDate')}</dt>
        <dd>{showDate(v.eventDate, ctx.locale)}</dd>
      </div>
      {typed.map((f) => (
        <div key={f}>
          <dt>{t(`notify.consent.detail.${f}`)}</dt>
          <dd>{f === 'birth_date' ? showDate(v.details[f] ?? '', ctx.locale) : v.details[f]}</dd>
        </div>
      ))}
      <div>
        <dt>{t('notify.consent.recordedAt')}</dt>
        <dd>{showInstant(v.recordedAt, ctx.locale)}</dd>
      </div>
      <div>
        <dt>{t('notify.consent.recordedBy')}</dt>
        <dd>{v.recordedBy}</dd>
      </div>
    </dl>
  );
}

function Papers({ ctx, s, v }: { ctx: ViewContext; s: CaseSummary; v: ConsentView }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('notify.consent.papers')}</h2>
      <ul class="plain-list">
        <li>
          <a href={`/staff/notify/consent/${v.slipCode}.pdf`}>{t('notify.consent.slipPdf')}</a>
        </li>
        {v.followup ? (
          <>
            <li>
              <a href={`/f/${v.followup.code}`}>{t('notify.consent.followupLink')}</a>
              <br />
              <span class="muted">{t('notify.consent.followupSentBy', { channel: t(`notify.consent.channel.${v.followup.channel}`) })}</span>
            </li>
            <li>
              <a href={`/f/${v.followup.code}.pdf`}>{t('notify.consent.followupPdf')}</a>
            </li>
          </>
        ) : (
          <li class="muted">{t('notify.consent.noFollowup')}</li>
        )}
        {s.event === 'birth' ? (
          <li>
            <a href={`/staff/notify/births/${s.caseId}`}>{t('notify.consent.birthsLink')}</a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

export function ConsentStatusPage({ ctx, s, v, already }: { ctx: ViewContext; s: CaseSummary; v: ConsentView; already?: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('notify.consent.title')} variant="staff" crumbs={consentCrumbs(ctx, s)}>
      <PageTitle ctx={ctx} s={s} />
      {already ? <AlertBox message={t('notify.consent.already')} /> : null}
      <CaseFacts ctx={ctx} s={s} />
      <h2>{t('notify.consent.summary')}</h2>
      <ConsentRecord ctx={ctx} v={v} />
      {v.notices.length > 0 ? (
        <>
          <p>
            <strong>{statusLine(ctx, v.notices)}</strong>
          </p>
          <NoticeTable ctx={ctx} notices={v.notices} />
        </>
      ) : null}
      <Papers ctx={ctx} s={s} v={v} />
      <p>
        <a href={`/staff/cases/${s.caseId}`}>{t('notify.consent.backToCase')}</a>
      </p>
    </Shell>
  );
}
