import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { estimateWaitMinutes, lineName, type QueueSnapshot } from '../snapshot.js';
import { taipeiTime } from '../../../platform/calendar/index.js';
import { type QueueClock, QueueClockNotice } from '../../setup/index.js';

export function waitText(ctx: ViewContext, minutes: number | null, ahead: number): string {
  if (minutes === null) return ctx.t('queue.wait.noCounter');
  if (ahead === 0 || minutes === 0) return ctx.t('queue.wait.none');
  return ctx.t('queue.wait.about', { n: minutes });
}

export function WaitTable({ ctx, snapshot, defaultMinutes }: { ctx: ViewContext; snapshot: QueueSnapshot; defaultMinutes: number }) {
  const { t } = ctx;
  const serving = (prefix: string) =>
    snapshot.counters
      .filter((c) => c.current?.label.startsWith(prefix))
      .map((c) => c.current!.label)
      .join('、');
  return (
    <table class="table wait-table" data-live="wait">
      <caption class="visually-hidden">{t('queue.wait.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queue.wait.service')}</th>
          <th scope="col" class="num">
            {t('queue.wait.waiting')}
          </th>
          <th scope="col">{t('queue.wait.estimate')}</th>
          <th scope="col">{t('queue.wait.nowServing')}</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.lines.map((l) => (
          <tr key={l.serviceId} data-service={String(l.serviceId)}>
            <th scope="row">
              <span class="prefix">{l.prefix}</span> {lineName(l, ctx.locale)}
            </th>
            {/* data-label: on a phone each row is a card and the cell names itself */}
            <td class="num" data-field="waiting" data-label={t('queue.wait.waiting')}>
              {l.waiting}
            </td>
            <td data-field="estimate" data-label={t('queue.wait.estimate')}>
              {waitText(ctx, estimateWaitMinutes(l, l.waiting, defaultMinutes), l.waiting)}
            </td>
            <td data-field="serving" data-label={t('queue.wait.nowServing')}>
              {serving(l.prefix) || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WaitPage({
  ctx,
  snapshot,
  defaultMinutes,
  canTake,
  remoteEnabled,
  form,
  clock,
}: {
  ctx: ViewContext;
  snapshot: QueueSnapshot;
  defaultMinutes: number;
  canTake: boolean;
  remoteEnabled: boolean;
  form?: FormState | undefined;
  /** closed until when, and the demo's clock (setup module) */
  clock?: QueueClock | undefined;
}) {
  const { t } = ctx;
  const office = ctx.office!;
  return (
    <Shell
      ctx={ctx}
      title={t('queue.wait.title')}
      crumbs={[{ href: `/o/${office.code}`, label: t('nav.home') }, { label: t('queue.wait.title') }]}
      scripts={['queue-live']}
      styles={['queue']}
      refreshSeconds={30}
    >
      <div
        data-office={String(office.id)}
        data-code={office.code}
        data-default-minutes={String(defaultMinutes)}
        data-t-about={t('queue.wait.about')}
        data-t-none={t('queue.wait.none')}
        data-t-no-counter={t('queue.wait.noCounter')}
        data-t-updated={t('queue.wait.updated')}
        id="queue-root"
      >
        <h1>{t('queue.wait.title')}</h1>
        <p class="lead">{t('queue.wait.lead')}</p>
        <WaitTable ctx={ctx} snapshot={snapshot} defaultMinutes={defaultMinutes} />
        <p class="muted">
          <span data-field="updated">{t('queue.wait.updated', { time: taipeiTime(new Date(snapshot.at)) })}</span>{' '}
          <a href={`/o/${office.code}/queue`}>{t('queue.wait.refresh')}</a>
        </p>
      </div>
      <section aria-labelledby="take-title" class="narrow">
        <h2 id="take-title">{t('queue.take.title')}</h2>
        {clock ? <QueueClockNotice ctx={ctx} clock={clock} officeCode={office.code} back="queue" /> : null}
        {!remoteEnabled ? (
          <p class="notice">{t('queue.take.off')}</p>
        ) : !canTake ? (
          clock ? null : <p class="notice">{t('queue.wait.closed')}</p>
        ) : (
          <>
            <p>{t('queue.take.lead')}</p>
            <ErrorSummary ctx={ctx} state={form} />
            <form method="post" action={`/o/${office.code}/queue/take`} class="form" novalidate>
              <CsrfField ctx={ctx} />
              <SelectField
                ctx={ctx}
                state={form}
                name="serviceId"
                label={t('queue.take.service')}
                placeholder=""
                options={snapshot.lines.filter((l) => l.offered).map((l) => ({ value: String(l.serviceId), label: lineName(l, ctx.locale) }))}
              />
              <Button>{t('queue.take.submit')}</Button>
            </form>
          </>
        )}
      </section>
    </Shell>
  );
}

export interface TicketView {
  id: number;
  code: string;
  label: string;
  serviceId: number;
  serviceName: string;
  status: string;
  priority: boolean;
  issuedAt: string;
  counterNumber: number | null;
  ahead: number;
  estimate: number | null;
  nowServing: string | null;
}

/** 「3 號櫃台」 never breaks across lines on a phone. */
const AtCounter = ({ ctx, counter }: { ctx: ViewContext; counter: number | null }) => <span class="nowrap">{ctx.t('queue.ticket.atCounter', { counter: counter ?? '' })}</span>;

export function TicketStatus({ ctx, ticket }: { ctx: ViewContext; ticket: TicketView }) {
  const { t } = ctx;
  switch (ticket.status) {
    case 'called':
      return (
        <p class="ticket-state ticket-turn" role="alert">
          {t('queue.ticket.yourTurn')} <AtCounter ctx={ctx} counter={ticket.counterNumber} />
        </p>
      );
    case 'serving':
      return (
        <p class="ticket-state">
          {t('queue.ticket.serving')} <AtCounter ctx={ctx} counter={ticket.counterNumber} />
        </p>
      );
    case 'done':
      return (
        <div class="ticket-state">
          <p>{t('queue.ticket.done')}</p>
          {/* the visit is over: its own survey link, tied to this ticket and answerable once */}
          <p>
            <a class="button" href={`/s/t/${ticket.code}`}>
              {t('queue.ticket.rate')}
            </a>
          </p>
        </div>
      );
    case 'no_show':
      return <p class="ticket-state ticket-warn">{t('queue.ticket.noShow')}</p>;
    case 'cancelled':
      return <p class="ticket-state ticket-warn">{t('queue.ticket.cancelled')}</p>;
    case 'parked':
      return <p class="ticket-state">{t('queue.ticket.parked')}</p>;
    default:
      return (
        <div class="ticket-state">
          <p data-field="ahead">{t('queue.ticket.ahead', { n: ticket.ahead })}</p>
          <p data-field="estimate">{ticket.estimate === null ? t('queue.wait.noCounter') : t('queue.ticket.estimate', { n: ticket.estimate })}</p>
        </div>
      );
  }
}

export function TicketPage({ ctx, ticket, qrSvg }: { ctx: ViewContext; ticket: TicketView; qrSvg: string }) {
  const { t } = ctx;
  const office = ctx.office!;
  return (
    <Shell ctx={ctx} title={t('queue.ticket.title', { label: ticket.label })} scripts={['queue-live']} styles={['queue']} refreshSeconds={20}>
      <div
        class="ticket-card"
        id="queue-root"
        data-office={String(office.id)}
        data-code={office.code}
        data-ticket={String(ticket.id)}
        data-ticket-code={ticket.code}
        data-label={ticket.label}
        data-service={String(ticket.serviceId)}
        data-status={ticket.status}
        data-t-ahead={t('queue.ticket.ahead')}
        data-t-estimate={t('queue.ticket.estimate')}
        data-t-no-counter={t('queue.wait.noCounter')}
      >
        <p class="ticket-office">{office.name}</p>
        <h1 class="ticket-number">
          <span class="visually-hidden">{t('queue.ticket.number')}</span>
          {ticket.label}
          {ticket.priority ? <span class="tag">{t('queue.ticket.priority')}</span> : null}
        </h1>
        <p>
          {t('queue.ticket.service')}：{ticket.serviceName}
        </p>
        <div aria-live="polite" data-field="state">
          <TicketStatus ctx={ctx} ticket={ticket} />
        </div>
        <p class="muted">
          {t('queue.ticket.nowServing')}：<span data-field="now-serving">{ticket.nowServing ?? '—'}</span>
        </p>
        <p class="muted">{t('queue.ticket.issuedAt', { time: showInstant(ticket.issuedAt, ctx.locale) })}</p>
        <p>
          <a class="button button-secondary" href={`/q/${ticket.code}`}>
            {t('queue.wait.refresh')}
          </a>
        </p>
        <p class="muted">{t('queue.ticket.keep')}</p>
        {/* the QR code is our own SVG: presentation attributes only, no inline style */}
        <figure class="ticket-qr">
          <div role="img" aria-label={t('queue.ticket.follow')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <figcaption>{t('queue.ticket.follow')}</figcaption>
        </figure>
        {ticket.status === 'waiting' ? (
          <form method="post" action={`/q/${ticket.code}/cancel`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button button-secondary">
              {t('queue.ticket.cancel')}
            </button>
          </form>
        ) : null}
      </div>
    </Shell>
  );
}
