import { taipeiTime } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { BareShell, LangSwitch } from '../../../platform/layout/BareShell.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { CsrfField } from '../../../platform/layout/forms.js';
import { type Opening, openingText, type QueueClock, QueueClockNotice } from '../../setup/index.js';
import { lineName, type QueueSnapshot } from '../snapshot.js';
import type { TicketView } from './public.js';

/** The touch screen in the hall: one big button per service, and the priority (博愛) path. */
export function KioskPage({
  ctx,
  snapshot,
  priority,
  error,
  clock,
}: { ctx: ViewContext; snapshot: QueueSnapshot; priority: boolean; error?: string | undefined; clock?: QueueClock | undefined }) {
  const { t } = ctx;
  const office = ctx.office!;
  return (
    <BareShell ctx={ctx} title={t('queue.kiosk.title')} bodyClass="kiosk" styles={['queue']} refreshSeconds={60}>
      <main class="kiosk-main">
        <header class="kiosk-head">
          <p class="kiosk-office">{office.name}</p>
          <LangSwitch ctx={ctx} />
        </header>
        <h1>{priority ? t('queue.kiosk.priorityTitle') : t('queue.kiosk.lead')}</h1>
        {error ? (
          <p class="kiosk-error" role="alert">
            {error}
          </p>
        ) : null}
        {clock ? <QueueClockNotice ctx={ctx} clock={clock} officeCode={office.code} back={priority ? 'kiosk/priority' : 'kiosk'} /> : null}
        <form method="post" action={`/o/${office.code}/kiosk/ticket`} class="kiosk-grid">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="priority" value={priority ? '1' : '0'} />
          {snapshot.lines.filter((l) => l.offered).map((l) => (
            <button key={l.serviceId} type="submit" name="serviceId" value={String(l.serviceId)} class={priority ? 'kiosk-button kiosk-priority' : 'kiosk-button'}>
              <span class="kiosk-prefix" aria-hidden="true">
                {priority ? 'P' : l.prefix}
              </span>
              <span class="kiosk-name">{lineName(l, ctx.locale)}</span>
              <span class="kiosk-waiting">{t('queue.kiosk.waiting', { n: l.waiting })}</span>
            </button>
          ))}
        </form>
        {priority ? (
          <a class="kiosk-back" href={`/o/${office.code}/kiosk`}>
            ← {t('queue.kiosk.back')}
          </a>
        ) : (
          <div class="kiosk-entries">
            <a class="kiosk-button kiosk-priority kiosk-priority-entry" href={`/o/${office.code}/kiosk/priority`}>
              <span class="kiosk-name">{t('queue.kiosk.priority')}</span>
              <span class="kiosk-waiting">{t('queue.kiosk.priorityWho')}</span>
            </a>
            <a class="kiosk-button kiosk-booking-entry" href={`/o/${office.code}/kiosk/booking`}>
              <span class="kiosk-name">{t('queue.kiosk.booked')}</span>
              <span class="kiosk-waiting">{t('queue.kiosk.bookedHow')}</span>
            </a>
          </div>
        )}
      </main>
    </BareShell>
  );
}

/** The printed slip (80 mm receipt via the browser's print) and the screen after issuing. */
export function KioskTicketPage({ ctx, ticket, qrSvg }: { ctx: ViewContext; ticket: TicketView; qrSvg: string }) {
  const { t } = ctx;
  const office = ctx.office!;
  return (
    <BareShell ctx={ctx} title={ticket.label} bodyClass="kiosk kiosk-issued" styles={['queue']} scripts={['kiosk']}>
      <main class="kiosk-main" data-back={`/o/${office.code}/kiosk`} data-print="">
        <div class="slip">
          <p class="slip-office">{office.name}</p>
          <p class="slip-number">{ticket.label}</p>
          <p class="slip-service">
            {ticket.serviceName}
            {ticket.priority ? `（${t('queue.ticket.priority')}）` : ''}
          </p>
          <p>{t('queue.ticket.ahead', { n: ticket.ahead })}</p>
          <p>{ticket.estimate === null ? t('queue.wait.noCounter') : t('queue.ticket.estimate', { n: ticket.estimate })}</p>
          <p class="slip-time">{showInstant(ticket.issuedAt, ctx.locale)}</p>
          <div class="slip-qr" role="img" aria-label={t('queue.ticket.follow')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p class="slip-small">{t('queue.ticket.follow')}</p>
        </div>
        <h1 class="kiosk-take" role="status">
          {t('queue.kiosk.printed')}
        </h1>
        <div class="kiosk-actions">
          <button type="button" class="kiosk-button kiosk-small" data-action="print">
            {t('queue.kiosk.print')}
          </button>
          <a class="kiosk-button kiosk-small" href={`/o/${office.code}/kiosk`}>
            {t('queue.kiosk.doneButton')}
          </a>
        </div>
      </main>
    </BareShell>
  );
}

/** The hall display: latest call large, a row per counter, recent calls, a marquee; spoken by board.js. */
export function BoardPage({
  ctx,
  snapshot,
  marquee,
  english,
  closed = null,
}: { ctx: ViewContext; snapshot: QueueSnapshot; marquee: string; english: boolean; closed?: { next: Opening | null } | null }) {
  const { t } = ctx;
  const office = ctx.office!;
  const latest = snapshot.recentCalls[0];
  return (
    <BareShell ctx={ctx} title={t('queue.board.title')} bodyClass="board" styles={['queue']} scripts={['board']} refreshSeconds={15}>
      <main
        class="board-main"
        id="queue-root"
        data-office={String(office.id)}
        data-code={office.code}
        data-english={english ? '1' : '0'}
        data-speech-zh={t('queue.speech.zh')}
        data-speech-en={t('queue.speech.en')}
        data-counter-n={t('queue.board.counterN')}
      >
        <header class="board-head">
          <h1>{office.name}</h1>
          <p class="board-clock" data-field="clock">
            {taipeiTime(new Date(snapshot.at))}
          </p>
          <button type="button" class="board-sound" data-action="sound" aria-pressed="false" data-on={t('queue.board.soundOn')}>
            {t('queue.board.enableSound')}
          </button>
        </header>
        <section class="board-latest" aria-live="assertive" data-field="latest">
          {latest ? (
            <p>
              <span class="board-latest-number">{latest.label}</span>
              <span class="board-latest-arrow" aria-hidden="true">
                →
              </span>
              <span class="board-latest-counter">{t('queue.board.counterN', { n: latest.counterNumber })}</span>
              <span class="visually-hidden">{t('queue.board.latest', { label: latest.label, counter: latest.counterNumber })}</span>
            </p>
          ) : (
            <p class="board-latest-idle">{closed ? (closed.next ? openingText(ctx, closed.next) : t('queue.closed.none')) : t('queue.board.waiting')}</p>
          )}
        </section>
        <div class="board-body">
          <table class="board-counters" data-field="counters">
            <caption class="visually-hidden">{t('queue.board.counter')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.board.counter')}</th>
                <th scope="col">{t('queue.board.number')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.counters.map((c) => (
                <tr key={c.counterId} class={c.open ? '' : 'board-closed'}>
                  <th scope="row">{c.number}</th>
                  <td>{c.open ? (c.current?.label ?? t('queue.board.idle')) : t('queue.board.closedCounter')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section class="board-recent">
            <h2>{t('queue.board.recent')}</h2>
            <ol data-field="recent">
              {snapshot.recentCalls.map((c) => (
                <li key={`${c.ticketId}-${c.at}`}>
                  {c.label} → {c.counterNumber}
                </li>
              ))}
            </ol>
          </section>
        </div>
        {marquee ? (
          <p class="board-marquee">
            <span>{marquee}</span>
          </p>
        ) : null}
      </main>
    </BareShell>
  );
}
