import type { ViewContext } from '../../../../platform/http/context.js';
import { CsrfField } from '../../../../platform/layout/forms.js';
import { SIGNATURE_HEADER, signWebhook } from '../../body.js';
import { LIST_PATH } from './list.js';

// a worked example the agency's developers can check their code against; never a real secret
const EXAMPLE = { secret: 'example-secret-not-for-use', t: 1767225600, body: '{"event":"move"}' };

/** The secret just made, shown this once, in a read-only box that shows it whole and copies whole on any screen. */
export function SecretOnce({ ctx, secret }: { ctx: ViewContext; secret: string }) {
  const { t } = ctx;
  return (
    <div class="notice" role="status">
      <h2>{t('notify.recipients.secret.title')}</h2>
      <p>{t('notify.recipients.secret.now')}</p>
      <label for="secret-once" class="visually-hidden">
        {t('notify.recipients.secret.title')}
      </label>
      {/* a textarea wraps the 43 characters on a phone, where an input would hide half of them */}
      <textarea id="secret-once" class="input input-full password" rows={2} readOnly autoComplete="off" spellcheck={false}>
        {secret}
      </textarea>
      <p class="note">{t('notify.recipients.secret.lost')}</p>
    </div>
  );
}

/** The stored secret's state and the rotate button, then how a body is signed (for the agency's developers). */
export function SigningSection({ ctx, id, hasSecret, shownNow }: { ctx: ViewContext; id: number; hasSecret: boolean; shownNow: boolean }) {
  const { t } = ctx;
  const example = signWebhook(EXAMPLE.secret, EXAMPLE.t, EXAMPLE.body);
  return (
    <section aria-labelledby="signing-title">
      <h2 id="signing-title">{t('notify.recipients.signing.title')}</h2>
      <div class="request-card">
        <p>{t('notify.recipients.signing.post')}</p>
        <p>{t('notify.recipients.signing.header', { header: SIGNATURE_HEADER })}</p>
        <pre class="pre">
          <code>{`${SIGNATURE_HEADER}: t=<unix>,v1=<hex(HMAC-SHA256(secret, "<t>.<body>"))>`}</code>
        </pre>
        <p>{t('notify.recipients.signing.verify')}</p>
        <p>{t('notify.recipients.signing.ack')}</p>
        <p>{t('notify.recipients.signing.example', { secret: EXAMPLE.secret, t: EXAMPLE.t, body: EXAMPLE.body })}</p>
        <pre class="pre">
          <code>{`${SIGNATURE_HEADER}: ${example}`}</code>
        </pre>
      </div>
      <h3>{t('notify.recipients.secret.title')}</h3>
      {shownNow ? null : <p>{hasSecret ? t('notify.recipients.secret.stored') : t('notify.recipients.secret.none')}</p>}
      <form method="post" action={`${LIST_PATH}/${id}/rotate`}>
        <CsrfField ctx={ctx} />
        <p class="note">{t('notify.recipients.rotateLead')}</p>
        <button type="submit" class="button button-warning">
          {t('notify.recipients.rotate')}
        </button>
      </form>
    </section>
  );
}
