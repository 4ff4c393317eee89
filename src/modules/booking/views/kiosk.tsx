import type { ViewContext } from '../../../platform/http/context.js';
import { BareShell, LangSwitch } from '../../../platform/layout/BareShell.js';
import { CsrfField } from '../../../platform/layout/forms.js';

/** Kiosk check-in: the QR scanner acts as a keyboard and types the booking code into the field. */
export function KioskCheckInPage({ ctx, officeCode, error }: { ctx: ViewContext; officeCode: string; error?: string | undefined }) {
  const { t } = ctx;
  return (
    <BareShell ctx={ctx} title={t('booking.kiosk.title')} bodyClass="kiosk" styles={['queue']} refreshSeconds={120}>
      <main class="kiosk-main">
        <header class="kiosk-head">
          <p class="kiosk-office">{ctx.office?.name}</p>
          <LangSwitch ctx={ctx} />
        </header>
        <h1>{t('booking.kiosk.title')}</h1>
        {error ? (
          <p class="kiosk-error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action={`/o/${officeCode}/kiosk/booking`} class="kiosk-checkin">
          <CsrfField ctx={ctx} />
          <label for="f-code">{t('booking.kiosk.label')}</label>
          {/* biome-ignore lint/a11y/noAutofocus: a kiosk's QR scanner types into whatever has focus; this page has one field */}
          <input id="f-code" name="code" class="kiosk-input" autoComplete="off" autoFocus maxLength={20} autoCapitalize="characters" />
          <button type="submit" class="kiosk-button">
            <span class="kiosk-name">{t('booking.kiosk.submit')}</span>
          </button>
        </form>
        <a class="kiosk-back" href={`/o/${officeCode}/kiosk`}>
          ← {t('queue.kiosk.back')}
        </a>
      </main>
    </BareShell>
  );
}
