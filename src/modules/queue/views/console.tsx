import type { ViewContext } from '../../../platform/http/context.js';
import { CsrfField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { lineName, type QueueSnapshot } from '../snapshot.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';

export interface CounterRow {
  id: number;
  number: number;
  name: string;
  services: string[];
  open: boolean;
  support: boolean;
}

const crumbs = (ctx: ViewContext, label: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  { href: '/staff/queue', label: ctx.t('queue.console.tile') },
  { label },
];

export function CounterPick({ ctx, counters, choice }: { ctx: ViewContext; counters: CounterRow[]; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('queue.console.tile')} variant="staff" styles={['queue']} crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('queue.console.tile') }]}>
      <h1>{t('queue.console.pick')}</h1>
      <OfficePicker ctx={ctx} action="/staff/queue" choice={choice} />
      <ul class="counter-pick">
        {counters.map((c) => (
          <li key={c.id}>
            <form method="post" action={`/staff/queue/counters/${c.id}/open`}>
              <CsrfField ctx={ctx} />
              <button type="submit" class={c.open ? 'counter-card counter-open' : 'counter-card'}>
                <span class="counter-number">{c.number}</span>
                <span class="counter-name">{c.name}</span>
                <span class="counter-services">{c.services.join('、')}</span>
                {c.open ? <span class="tag">{t('queue.console.openCounters')}</span> : null}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Shell>
  );
}

export interface ConsoleProps {
  ctx: ViewContext;
  counter: { id: number; number: number; name: string; open: boolean };
  officeCode: string;
  current: { id: number; label: string; status: string; serviceName: string; priority: boolean; recallCount: number } | null;
  snapshot: QueueSnapshot;
  parked: { id: number; label: string }[];
  otherCounters: { id: number; number: number }[];
  servedToday: number;
  /** what other modules know of the current ticket (the pre-check's ticked list) */
  notes?: TicketNote[];
  error?: string | undefined;
}

export interface TicketNote {
  /** catalog key of the tag shown beside the ticket (「已預檢」) */
  tagKey: string;
  /** catalog key of the list's heading */
  titleKey: string;
  items: string[];
}

function TicketNotes({ ctx, notes }: { ctx: ViewContext; notes: TicketNote[] }) {
  return (
    <>
      {notes.map((n) => (
        <div class="console-note" key={n.tagKey}>
          <p>
            <span class="tag">{ctx.t(n.tagKey)}</span> {ctx.t(n.titleKey)}
          </p>
          <ul>
            {n.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function ActionButton({ ctx, counterId, action, label, disabled, primary }: { ctx: ViewContext; counterId: number; action: string; label: string; disabled: boolean; primary?: boolean }) {
  return (
    <form method="post" action={`/staff/queue/counters/${counterId}/${action}`} class="console-action">
      <CsrfField ctx={ctx} />
      <button type="submit" class={`button ${primary ? 'button-primary console-call' : 'button-secondary'}`} data-key={action} disabled={disabled}>
        {label}
      </button>
    </form>
  );
}

export function ConsolePage(p: ConsoleProps) {
  const { ctx, counter, current } = p;
  const { t } = ctx;
  const status = current?.status;
  return (
    <Shell ctx={ctx} title={t('queue.console.title', { counter: counter.number })} variant="staff" styles={['queue']} scripts={['console']} crumbs={crumbs(ctx, t('queue.console.title', { counter: counter.number }))}>
      <div id="console-root" data-code={p.officeCode}>
        <div class="console-head">
          <h1>
            {t('queue.console.title', { counter: counter.number })} <span class="muted">{counter.name}</span>
          </h1>
          <form method="post" action={`/staff/queue/counters/${counter.id}/close`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="link-button">
              {t('queue.console.close')}
            </button>
          </form>
        </div>
        {p.error ? (
          <div class="error-summary" role="alert" tabIndex={-1} autofocus>
            <p>{p.error}</p>
          </div>
        ) : null}
        <section class="console-current" aria-labelledby="current-title">
          <h2 id="current-title">{t('queue.console.current')}</h2>
          {current ? (
            <p class="console-ticket">
              <span class="console-label">{current.label}</span>
              {current.priority ? <span class="tag">{t('queue.ticket.priority')}</span> : null}
              <span>{current.serviceName}</span>
              <span class="tag">{t(`queue.console.status.${current.status}`)}</span>
            </p>
          ) : (
            <p class="muted">{t('queue.console.none')}</p>
          )}
          {current && p.notes?.length ? <TicketNotes ctx={ctx} notes={p.notes} /> : null}
          <div class="console-actions">
            <ActionButton ctx={ctx} counterId={counter.id} action="call" label={t('punct.aside', { text: t('queue.console.call'), aside: 'N' })} disabled={!!current} primary />
            <ActionButton ctx={ctx} counterId={counter.id} action="recall" label={t('punct.aside', { text: t('queue.console.recall'), aside: 'R' })} disabled={status !== 'called'} />
            <ActionButton ctx={ctx} counterId={counter.id} action="start" label={t('punct.aside', { text: t('queue.console.start'), aside: 'S' })} disabled={status !== 'called'} />
            <ActionButton ctx={ctx} counterId={counter.id} action="finish" label={t('punct.aside', { text: t('queue.console.finish'), aside: 'F' })} disabled={!current} />
            <ActionButton ctx={ctx} counterId={counter.id} action="no-show" label={t('punct.aside', { text: t('queue.console.noShow'), aside: 'X' })} disabled={status !== 'called'} />
            <ActionButton ctx={ctx} counterId={counter.id} action="park" label={t('punct.aside', { text: t('queue.console.park'), aside: 'P' })} disabled={!current} />
          </div>
          <p class="muted">{t('queue.console.shortcuts')}</p>
          {current ? (
            <form method="post" action={`/staff/queue/counters/${counter.id}/transfer`} class="filter-form">
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="f-serviceId">{t('queue.console.transferService')}</label>
                <select id="f-serviceId" name="serviceId" class="input">
                  <option value="" />
                  {p.snapshot.lines.map((l) => (
                    <option key={l.serviceId} value={String(l.serviceId)}>
                      {lineName(l, ctx.locale)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="f-counterId">{t('queue.console.transferCounter')}</label>
                <select id="f-counterId" name="counterId" class="input">
                  <option value="" />
                  {p.otherCounters.map((c) => (
                    <option key={c.id} value={String(c.id)}>
                      {c.number}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <button type="submit" class="button button-secondary">
                  {t('queue.console.transferSubmit')}
                </button>
              </div>
            </form>
          ) : null}
        </section>
        <div class="columns">
          <section aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t('queue.console.waiting')}</h2>
            <table class="table table-compact">
              <caption class="visually-hidden">{t('queue.console.waiting')}</caption>
              <tbody>
                {p.snapshot.lines.map((l) => (
                  <tr key={l.serviceId}>
                    <th scope="row">
                      {l.prefix} {lineName(l, ctx.locale)}
                    </th>
                    <td class="num" data-waiting={String(l.serviceId)}>
                      {l.waiting}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('queue.console.today')}</h2>
            <p>{t('queue.console.served', { n: p.servedToday })}</p>
          </section>
          <section aria-labelledby="parked-title">
            <h2 id="parked-title">{t('queue.console.parked')}</h2>
            {p.parked.length === 0 ? (
              <p class="muted">{t('table.empty')}</p>
            ) : (
              <ul class="plain-list">
                {p.parked.map((pk) => (
                  <li key={pk.id}>
                    <form method="post" action={`/staff/queue/counters/${counter.id}/resume`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <input type="hidden" name="ticketId" value={String(pk.id)} />
                      {pk.label}{' '}
                      <button type="submit" class="link-button" disabled={!!current}>
                        {t('queue.console.resume')}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('queue.console.walkIn')}</h2>
            <form method="post" action={`/staff/queue/counters/${counter.id}/walk-in`} class="inline-fields">
              <CsrfField ctx={ctx} />
              <label for="f-walkin" class="visually-hidden">
                {t('queue.wait.service')}
              </label>
              <select id="f-walkin" name="serviceId" class="input">
                {p.snapshot.lines.map((l) => (
                  <option key={l.serviceId} value={String(l.serviceId)}>
                    {lineName(l, ctx.locale)}
                  </option>
                ))}
              </select>
              <button type="submit" class="button button-secondary">
                {t('queue.console.walkInSubmit')}
              </button>
            </form>
          </section>
        </div>
      </div>
    </Shell>
  );
}
