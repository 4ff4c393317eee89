import { formatRocDate, taipeiToday } from '../../../../platform/calendar/index.js';
import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { DeliveryNav, nw, staffCrumbs } from './common.js';
import { Table } from '../../../../platform/layout/Table.js';

export interface BatchRow {
  id: number;
  recipient: string;
  createdAt: string;
  notices: number;
  handedOverAt: string | null;
}

export interface BatchesData {
  recipients: { id: number; name: string; queued: number }[];
  pending: BatchRow[];
  done: BatchRow[];
}

const Files = ({ id }: { id: number }) => (
  <span class="nowrap">
    <a href={`/staff/notify/batches/${id}.ods`}>ODS</a>
    {'　'}
    <a href={`/staff/notify/batches/${id}.pdf`}>PDF</a>
  </span>
);

/** The hand-over form of one batch: the day, today unless the form came back with what was typed. */
function HandOverForm({ ctx, id, choice, state }: { ctx: ViewContext; id: number; choice: OfficeChoice; state: FormState | undefined }) {
  const { t } = ctx;
  const today = taipeiToday(ctx.now);
  const form = state ?? { values: { date: ctx.locale === 'en' ? today : formatRocDate(today, 'slash') }, errors: [] };
  return (
    <form method="post" action={`/staff/notify/batches/${id}/handover`} novalidate>
      <CsrfField ctx={ctx} />
      <OfficeField choice={choice} />
      {/* the form that came back with an error keeps the plain id the error summary links to */}
      <TextField ctx={ctx} state={form} id={state ? undefined : `handover-${id}`} name="date" label={t('notify.delivery.handover.date', { id })} width="short" maxLength={40} />
      <Button variant="secondary">{t('notify.delivery.handover.submit')}</Button>
    </form>
  );
}

/**
 * /staff/notify/batches: per agency without e-mail or webhook, how many
 * notices wait and a button that lists them; the lists still to be handed
 * over, each with its files and the hand-over form; then those handed over.
 */
export function BatchesPage({ ctx, choice, data, handover }: { ctx: ViewContext; choice: OfficeChoice; data: BatchesData; handover?: { id: number; state: FormState } | undefined }) {
  const { t } = ctx;
  const title = t('notify.delivery.batch.title');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <DeliveryNav ctx={ctx} choice={choice} />
      <OfficePicker ctx={ctx} action="/staff/notify/batches" choice={choice} />
      <p class="lead">{t('notify.delivery.batch.lead')}</p>
      <ErrorSummary ctx={ctx} state={handover?.state} labels={handover ? { date: t('notify.delivery.handover.date', { id: handover.id }) } : {}} />
      <h2>{t('notify.delivery.batch.waitingTitle')}</h2>
      <Table wide
        ctx={ctx}
        caption={t('notify.delivery.batch.waitingCaption')}
        rowKey={(r) => r.id}
        rows={data.recipients}
        columns={[
          { header: t('notify.delivery.col.recipient'), cell: (r) => r.name },
          { header: t('notify.delivery.batch.queued'), cell: (r) => r.queued, numeric: true },
          {
            header: t('notify.delivery.col.action'),
            cell: (r) =>
              r.queued > 0 ? (
                <form method="post" action="/staff/notify/batches" class="inline-form">
                  <CsrfField ctx={ctx} />
                  <OfficeField choice={choice} />
                  <input type="hidden" name="recipient" value={String(r.id)} />
                  <button type="submit" class="button button-secondary nowrap" aria-label={`${t('notify.delivery.batch.make')} ${r.name}`}>
                    {t('notify.delivery.batch.make')}
                  </button>
                </form>
              ) : (
                <span class="muted">{t('notify.delivery.batch.noneWaiting')}</span>
              ),
          },
        ]}
      />
      <h2>{t('notify.delivery.batch.pendingTitle')}</h2>
      {data.pending.length === 0 ? (
        <p>{t('notify.delivery.batch.nonePending')}</p>
      ) : (
        <ul class="request-list">
          {data.pending.map((b) => (
            <li key={b.id} class="request-card">
              <h3>
                {t('notify.delivery.batch.no', { id: b.id })}
                {ctx.locale === 'en' ? ': ' : '：'}
                {b.recipient}
              </h3>
              <p>
                {t('notify.delivery.batch.cardLead', { made: showInstant(b.createdAt, ctx.locale), n: b.notices })}
                {'　'}
                <Files id={b.id} />
              </p>
              <HandOverForm ctx={ctx} id={b.id} choice={choice} state={handover?.id === b.id ? handover.state : undefined} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('notify.delivery.batch.doneTitle')}</h2>
      <Table wide
        ctx={ctx}
        caption={t('notify.delivery.batch.doneCaption')}
        rowKey={(b) => b.id}
        rows={data.done}
        columns={[
          { header: t('notify.delivery.col.batch'), cell: (b) => nw(t('notify.delivery.batch.no', { id: b.id })) },
          { header: t('notify.delivery.col.recipient'), cell: (b) => nw(b.recipient) },
          { header: t('notify.delivery.batch.handedOver'), cell: (b) => nw(showDate(taipeiDate(b.handedOverAt ?? b.createdAt), ctx.locale)) },
          { header: t('notify.delivery.batch.notices'), cell: (b) => b.notices, numeric: true },
          { header: t('notify.delivery.batch.files'), cell: (b) => <Files id={b.id} /> },
          { header: t('notify.delivery.batch.made'), cell: (b) => nw(showInstant(b.createdAt, ctx.locale)) },
        ]}
      />
    </Shell>
  );
}

const taipeiDate = (iso: string) => taipeiToday(new Date(iso));
