import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showDateTime } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { HOME_VISIT_REASONS } from '../forms.js';
import type { ServiceView } from './choose.js';

export interface SlotChoice {
  day: string;
  starts: string;
  ends: string;
  slots: number;
}

function whenLabel(ctx: ViewContext, slot: SlotChoice | null): string {
  return slot ? showDateTime(slot.day, `${slot.starts}–${slot.ends}`, ctx.locale, true) : ctx.t('booking.homeVisit.when');
}

function SlotHidden({ slot }: { slot: SlotChoice | null }) {
  if (!slot) return null;
  return (
    <>
      <input type="hidden" name="day" value={slot.day} />
      <input type="hidden" name="starts" value={slot.starts} />
      <input type="hidden" name="slots" value={String(slot.slots)} />
    </>
  );
}

const FIELDS = ['name', 'idNumber', 'birthDate', 'phone', 'email', 'partnerName', 'partnerIdNumber', 'address', 'village', 'reason', 'preferredDays', 'note', 'topic', 'purpose', 'guests'];

/** Step 3: who is coming. Every field says what it wants; errors appear beside the field and at the top. */
export function DetailsPage({
  ctx,
  officeCode,
  service,
  slot,
  state,
  workingDays,
}: {
  ctx: ViewContext;
  officeCode: string;
  service: ServiceView;
  slot: SlotChoice | null;
  state?: FormState | undefined;
  workingDays: string[];
}) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={`${service.name} · ${t('booking.step.details')}`} crumbs={[{ href: '/', label: t('nav.home') }, { href: `/o/${officeCode}/booking`, label: t('booking.title') }, { label: service.name }]}>
      {/* a home visit has no day or time to choose: two steps, not four */}
      <p class="step">{t('booking.step', slot ? { n: 3, of: 4 } : { n: 1, of: 2 })}</p>
      <ErrorSummary ctx={ctx} state={state} labels={Object.fromEntries(FIELDS.map((f) => [f, t(`booking.f.${f}`)]))} />
      <h1>{t('booking.step.details')}</h1>
      <p class="lead">
        {service.name} · {whenLabel(ctx, slot)}
      </p>
      <form method="post" action={`/o/${officeCode}/booking/${service.code}/check`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <SlotHidden slot={slot} />
        {service.parties === 2 ? <h2>{t('booking.partner.first')}</h2> : null}
        <TextField ctx={ctx} state={state} name="name" label={t('booking.f.name')} autocomplete="name" width="medium" maxLength={60} />
        <TextField ctx={ctx} state={state} name="idNumber" label={t('booking.f.idNumber')} hint={t('booking.f.idHint')} autocomplete="off" width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="birthDate" label={t('booking.f.birthDate')} hint={t('booking.f.birthHint')} autocomplete="bday" width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="phone" type="tel" label={t('booking.f.phone')} hint={t('booking.f.phoneHint')} autocomplete="tel" inputMode="tel" width="medium" maxLength={24} />
        <TextField ctx={ctx} state={state} name="email" type="email" label={t('booking.f.email')} hint={t('booking.f.emailHint')} autocomplete="email" required={false} maxLength={254} />
        {service.parties === 2 ? (
          <>
            <h2>{t('booking.partner.second')}</h2>
            <p>{t('booking.partner.explain')}</p>
            <TextField ctx={ctx} state={state} name="partnerName" label={t('booking.f.partnerName')} autocomplete="off" width="medium" maxLength={60} />
            <TextField ctx={ctx} state={state} name="partnerIdNumber" label={t('booking.f.partnerIdNumber')} autocomplete="off" width="medium" maxLength={20} />
          </>
        ) : null}
        {service.kind === 'home_visit' ? (
          <>
            <TextField ctx={ctx} state={state} name="address" label={t('booking.f.address')} hint={t('booking.f.addressHint')} autocomplete="street-address" maxLength={200} />
            <TextField ctx={ctx} state={state} name="village" label={t('booking.f.village')} hint={t('booking.f.villageHint')} width="medium" maxLength={30} />
            <RadioGroup ctx={ctx} state={state} name="reason" label={t('booking.f.reason')} options={HOME_VISIT_REASONS.map((r) => ({ value: r, label: t(`booking.reason.${r}`) }))} />
            <CheckboxGroup
              ctx={ctx}
              state={state}
              name="preferredDays"
              label={t('booking.f.preferredDays')}
              hint={t('booking.f.preferredHint')}
              inline
              options={workingDays.map((d) => ({ value: d, label: showDate(d, ctx.locale, true) }))}
            />
            <TextArea ctx={ctx} state={state} name="note" label={t('booking.f.note')} required={false} rows={3} maxLength={500} />
          </>
        ) : null}
        {service.kind === 'director' ? <TextArea ctx={ctx} state={state} name="topic" label={t('booking.f.topic')} hint={t('booking.f.topicHint')} rows={5} maxLength={1000} /> : null}
        {service.kind === 'hall' ? (
          <>
            <TextField ctx={ctx} state={state} name="purpose" label={t('booking.f.purpose')} hint={t('booking.f.purposeHint')} maxLength={200} />
            <TextField ctx={ctx} state={state} name="guests" type="number" inputMode="numeric" label={t('booking.f.guests')} width="short" maxLength={3} />
          </>
        ) : null}
        <Button>{t('booking.continue')}</Button>
      </form>
    </Shell>
  );
}

export interface Answer {
  label: string;
  value: string;
}

/**
 * Step 4: check your answers. The answers travel as hidden fields (no
 * server-side draft to expire); the final submit validates them again.
 */
export function CheckPage({
  ctx,
  officeCode,
  service,
  slot,
  answers,
  hidden,
  antiBot,
  formStamp,
  errorKey,
  errorParams,
}: {
  ctx: ViewContext;
  officeCode: string;
  service: ServiceView;
  slot: SlotChoice | null;
  answers: Answer[];
  hidden: [string, string][];
  antiBot: boolean;
  formStamp: string;
  errorKey?: string | undefined;
  errorParams?: Record<string, string | number> | undefined;
}) {
  const { t } = ctx;
  const base = `/o/${officeCode}/booking/${service.code}`;
  return (
    <Shell ctx={ctx} title={`${service.name} · ${t('booking.step.check')}`} crumbs={[{ href: '/', label: t('nav.home') }, { href: `/o/${officeCode}/booking`, label: t('booking.title') }, { label: service.name }]} scripts={antiBot ? ['booking'] : []}>
      <p class="step">{t('booking.step', slot ? { n: 4, of: 4 } : { n: 2, of: 2 })}</p>
      {errorKey ? <AlertBox message={t(errorKey, errorParams)} /> : null}
      <h1>{t('booking.step.check')}</h1>
      <dl class="summary-list">
        <dt>{t('booking.service')}</dt>
        <dd>{service.name}</dd>
        <dt>{t('booking.when')}</dt>
        <dd>
          {whenLabel(ctx, slot)} {slot ? <a href={base}>{t('booking.change')}</a> : null}
        </dd>
        {answers.map((a) => (
          <div key={a.label}>
            <dt>{a.label}</dt>
            <dd>{a.value}</dd>
          </div>
        ))}
      </dl>
      <form method="post" action={`${base}/details`} class="inline-form">
        <CsrfField ctx={ctx} />
        <SlotHidden slot={slot} />
        {hidden.map(([k, v]) => (
          <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
        ))}
        <Button variant="secondary">{t('booking.changeDetails')}</Button>
      </form>
      <h2>{t('booking.check.now')}</h2>
      <p>{t('booking.check.promise')}</p>
      <form method="post" action={`${base}/confirm`} class="form" data-pow={antiBot ? '/booking/challenge' : undefined}>
        <CsrfField ctx={ctx} />
        <SlotHidden slot={slot} />
        {hidden.map(([k, v]) => (
          <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="stamp" value={formStamp} />
        {antiBot ? (
          <>
            <input type="hidden" name="altcha" value="" />
            <p class="muted" data-pow-status data-working={t('booking.pow.working')} data-done={t('booking.pow.done')}>
              {t('booking.pow.noscript')}
            </p>
          </>
        ) : null}
        <Button>{t('booking.confirm')}</Button>
      </form>
    </Shell>
  );
}
