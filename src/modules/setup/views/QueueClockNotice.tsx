import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { CsrfField } from '../../../platform/layout/forms.js';
import type { Opening } from '../opening.js';

/** What a queue page says about its clock: closed now (and until when), and in the demo, the try-it button. */
export interface QueueClock {
  /** null: open for tickets */
  closed: { next: Opening | null } | null;
  /** this browser's demo offset (0: none); shown only on the demo */
  demoOffsetMs: number;
}

/** Where the demo's clock form sends the browser back to. */
export type QueueBack = 'kiosk' | 'kiosk/priority' | 'queue';

export function openingText(ctx: ViewContext, next: Opening): string {
  const { t } = ctx;
  const when =
    next.date === toTaipeiIsoDate(ctx.now)
      ? t('queue.closed.nextToday', { time: next.time })
      : t('queue.closed.nextDay', { date: showDate(next.date, ctx.locale, true), time: next.time });
  return t('queue.closed.next', { when });
}

export function QueueClockNotice({ ctx, clock, officeCode, back }: { ctx: ViewContext; clock: QueueClock; officeCode: string; back: QueueBack }) {
  const { t } = ctx;
  const shifted = ctx.demo && clock.demoOffsetMs !== 0;
  if (!clock.closed && !shifted) return null;
  return (
    <div class="notice queue-clock" role="status">
      {clock.closed ? (
        <>
          <p>
            <strong>{t('queue.closed.now')}</strong>
          </p>
          <p>{clock.closed.next ? openingText(ctx, clock.closed.next) : t('queue.closed.none')}</p>
        </>
      ) : null}
      {ctx.demo && clock.closed?.next ? (
        <form method="post" action="/demo/clock">
          <p>{t('queue.demo.why')}</p>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="office" value={officeCode} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="to" value="morning" />
          <button type="submit" class="button" aria-describedby="demo-try-hint">
            {t('queue.demo.try')}
          </button>
          <p class="muted" id="demo-try-hint">
            {t('queue.demo.tryHint')}
          </p>
        </form>
      ) : null}
      {shifted ? (
        <form method="post" action="/demo/clock">
          <p>{t('queue.demo.active', { when: showInstant(ctx.now.toISOString(), ctx.locale) })}</p>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="office" value={officeCode} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="to" value="now" />
          <button type="submit" class="button button-secondary">
            {t('queue.demo.reset')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
