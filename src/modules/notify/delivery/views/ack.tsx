import type { ViewContext } from '../../../../platform/http/context.js';
import { showInstant } from '../../../../platform/layout/dates.js';
import { Button, CsrfField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import type { AckView } from '../ack.js';

/**
 * The page an agency's clerk opens from the e-mail: which notice (agency,
 * event, office, date; nothing about the person) and one button. Opening
 * it changes nothing; only the button does.
 */
export function AckPage({ ctx, view, token }: { ctx: ViewContext; view: AckView; token: string }) {
  const { t } = ctx;
  const title = t('notify.delivery.ack.title');
  const acked = view.status === 'acknowledged' && view.ackedAt;
  return (
    <Shell ctx={ctx} title={title} crumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <div class="narrow">
        <h1>{title}</h1>
        {acked ? (
          <div class="panel panel-success" role="status">
            <p class="lead">{t('notify.delivery.ack.doneAt', { time: showInstant(view.ackedAt ?? '', ctx.locale) })}</p>
          </div>
        ) : (
          <p class="lead">{t('notify.delivery.ack.lead')}</p>
        )}
        <dl class="summary-list">
          <div>
            <dt>{t('notify.delivery.ack.recipient')}</dt>
            <dd>{view.recipient}</dd>
          </div>
          <div>
            <dt>{t('notify.delivery.ack.office')}</dt>
            <dd>{view.office}</dd>
          </div>
          <div>
            <dt>{t('notify.delivery.ack.event')}</dt>
            <dd>{t(`notify.delivery.event.${view.event}`)}</dd>
          </div>
          <div>
            <dt>{t('notify.delivery.ack.notice')}</dt>
            <dd>{t('notify.delivery.noticeNo', { id: view.noticeId })}</dd>
          </div>
          <div>
            <dt>{t('notify.delivery.ack.sentAt')}</dt>
            <dd>{showInstant(view.date, ctx.locale)}</dd>
          </div>
        </dl>
        {acked ? null : view.status === 'sent' ? (
          <form method="post" action={`/notify/ack/${token}`} class="form">
            <CsrfField ctx={ctx} />
            <Button>{t('notify.delivery.ack.confirm')}</Button>
          </form>
        ) : (
          <p>{t('notify.delivery.ack.notSent')}</p>
        )}
        <p class="muted">{t('notify.delivery.ack.privacy')}</p>
      </div>
    </Shell>
  );
}
