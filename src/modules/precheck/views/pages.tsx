import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, TextArea } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { PrecheckService } from '../service.js';

const q = (choice: OfficeChoice) => `?office=${encodeURIComponent(choice.officeCode)}`;
const crumbs = (ctx: ViewContext, choice: OfficeChoice, label?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(label ? [{ href: `/staff/precheck${q(choice)}`, label: ctx.t('precheck.title') }, { label }] : [{ label: ctx.t('precheck.title') }]),
];

/** Step 1: which service — one big button per guide that maps to a queue service. */
export function PickPage({ ctx, choice, services }: { ctx: ViewContext; choice: OfficeChoice; services: PrecheckService[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('precheck.title')} variant="staff" styles={['precheck']} crumbs={crumbs(ctx, choice)}>
      <h1>{t('precheck.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/precheck" choice={choice} />
      <h2>{t('precheck.pick')}</h2>
      <p>{t('precheck.pickLead')}</p>
      {services.length === 0 ? (
        <p class="muted">{t('precheck.none')}</p>
      ) : (
        <ul class="precheck-services">
          {services.map((s) => (
            <li key={s.guideCode}>
              <a class="precheck-service" href={`/staff/precheck/check/${encodeURIComponent(s.guideCode)}${q(choice)}`}>
                <span class="precheck-service-name">{s.name}</span>
                <span class="precheck-service-queue">{t('precheck.queueService', { name: s.serviceName })}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Shell>
  );
}

/** Step 2: tick what the person has; the result follows from the ticks. */
export function CheckPage({ ctx, choice, service, state, alert }: { ctx: ViewContext; choice: OfficeChoice; service: PrecheckService; state?: FormState | undefined; alert?: string | undefined }) {
  const { t } = ctx;
  const title = t('precheck.check', { service: service.name });
  return (
    <Shell ctx={ctx} title={title} variant="staff" styles={['precheck']} crumbs={crumbs(ctx, choice, service.name)}>
      <h1>{title}</h1>
      {alert ? <AlertBox message={alert} /> : null}
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/precheck/check/${encodeURIComponent(service.guideCode)}`} class="form precheck-form" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        {service.documents.length === 0 ? (
          <p class="muted">{t('precheck.noDocs')}</p>
        ) : (
          <CheckboxGroup
            ctx={ctx}
            state={state}
            name="have"
            label={t('precheck.have')}
            hint={t('precheck.haveHint')}
            required={false}
            options={service.documents.map((d, i) => ({ value: String(i), label: d.text, ...(d.basis ? { hint: t('guides.basis', { basis: d.basis }) } : {}) }))}
          />
        )}
        <TextArea ctx={ctx} state={state} name="note" label={t('precheck.note')} hint={t('precheck.noteHint')} required={false} rows={3} maxLength={500} />
        <Button>{t('precheck.submit')}</Button>
      </form>
      <p>
        <a href={`/staff/precheck${q(choice)}`}>{t('precheck.back')}</a>
      </p>
    </Shell>
  );
}

/** All there: the ticket's number, and the link the person can follow. */
export function TicketPage({ ctx, choice, serviceName, label, followUrl }: { ctx: ViewContext; choice: OfficeChoice; serviceName: string; label: string; followUrl: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('precheck.ticketDone')} variant="staff" styles={['precheck']} crumbs={crumbs(ctx, choice, t('precheck.ticketDone'))}>
      <div class="confirmation" role="status">
        <h1>{t('precheck.ticketDone')}</h1>
        <p class="precheck-ticket">
          <span class="visually-hidden">{t('precheck.ticketLabel')}</span>
          <strong>{label}</strong> <span class="tag">{t('precheck.prechecked')}</span>
        </p>
        <p>{serviceName}</p>
      </div>
      <p>{t('precheck.ticketLead')}</p>
      <p>
        {t('precheck.follow')} <a href={followUrl}>{followUrl}</a>
      </p>
      <p>
        <a class="button button-primary precheck-next" href={`/staff/precheck${q(choice)}`}>
          {t('precheck.another')}
        </a>
      </p>
    </Shell>
  );
}
