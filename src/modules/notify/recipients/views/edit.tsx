import type { ViewContext } from '../../../../platform/http/context.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { CHANNELS, LIFE_EVENTS, NOTICE_FIELDS, SECTORS } from '../../../../platform/life-events.js';
import { ALWAYS_SENT, type FORM_FIELDS } from '../form.js';
import { colon, LIST_PATH, listCrumbs } from './list.js';
import { SecretOnce, SigningSection } from './signing.js';

/** What the edit page knows of a stored recipient beyond the form. */
export interface StoredRecipient {
  id: number;
  code: string;
  name: string;
  active: boolean;
  webhook: boolean;
  hasSecret: boolean;
}

const LABEL_KEYS: Record<(typeof FORM_FIELDS)[number], string> = {
  code: 'notify.recipients.code',
  name: 'notify.recipients.name',
  nameEn: 'notify.recipients.nameEn',
  sector: 'notify.recipients.sector',
  channel: 'notify.recipients.channel',
  email: 'notify.recipients.email',
  webhookUrl: 'notify.recipients.webhookUrl',
  events: 'notify.recipients.events',
  fields: 'notify.recipients.fields',
  ackDays: 'notify.recipients.ackDays',
  contactName: 'notify.recipients.contactName',
  contactPhone: 'notify.recipients.contactPhone',
  contactEmail: 'notify.recipients.contactEmail',
};

/** Name and event date are always sent: shown ticked (and not untickable) whatever came back from the form. */
function withAlwaysSent(state: FormState): FormState {
  const typed = (state.values['fields[]'] ?? state.values.fields ?? '').split('\u001f').filter(Boolean);
  const all = [...new Set([...ALWAYS_SENT, ...typed])];
  return { ...state, values: { ...state.values, 'fields[]': all.join('\u001f') } };
}

function RecipientFields({ ctx, state, create }: { ctx: ViewContext; state: FormState; create: boolean }) {
  const { t } = ctx;
  return (
    <>
      {create ? (
        <TextField ctx={ctx} state={state} name="code" label={t('notify.recipients.code')} hint={t('notify.recipients.codeHint')} width="medium" maxLength={40} autocomplete="off" />
      ) : (
        <p>
          {t('notify.recipients.code')}
          {colon(ctx)}
          <code>{state.values.code}</code>
        </p>
      )}
      <TextField ctx={ctx} state={state} name="name" label={t('notify.recipients.name')} maxLength={100} autocomplete="organization" />
      <TextField ctx={ctx} state={state} name="nameEn" label={t('notify.recipients.nameEn')} hint={t('notify.recipients.nameEnHint')} required={false} maxLength={200} />
      <SelectField ctx={ctx} state={state} name="sector" label={t('notify.recipients.sector')} placeholder={t('notify.recipients.pickSector')} options={SECTORS.map((s) => ({ value: s, label: t(`notify.recipients.sector.${s}`) }))} />
      <RadioGroup
        ctx={ctx}
        state={state}
        name="channel"
        label={t('notify.recipients.channel')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`notify.recipients.channel.${c}`), hint: t(`notify.recipients.channelHint.${c}`) }))}
      />
      <TextField ctx={ctx} state={state} name="email" type="email" label={t('notify.recipients.email')} hint={t('notify.recipients.emailHint')} maxLength={254} autocomplete="off" />
      <TextField ctx={ctx} state={state} name="webhookUrl" label={t('notify.recipients.webhookUrl')} hint={t('notify.recipients.webhookUrlHint')} maxLength={500} autocomplete="off" />
      <CheckboxGroup ctx={ctx} state={state} name="events" label={t('notify.recipients.events')} options={LIFE_EVENTS.map((e) => ({ value: e, label: t(`notify.recipients.event.${e}`) }))} />
      <CheckboxGroup
        ctx={ctx}
        state={withAlwaysSent(state)}
        name="fields"
        label={t('notify.recipients.fields')}
        hint={t('notify.recipients.fieldsHint')}
        required={false}
        options={NOTICE_FIELDS.map((f) => ({ value: f, label: t(`notify.recipients.field.${f}`), disabled: ALWAYS_SENT.includes(f) }))}
      />
      <TextField ctx={ctx} state={state} name="ackDays" label={t('notify.recipients.ackDays')} hint={t('notify.recipients.ackDaysHint')} width="short" inputMode="numeric" maxLength={3} />
      <h2>{t('notify.recipients.contact')}</h2>
      <TextField ctx={ctx} state={state} name="contactName" label={t('notify.recipients.contactName')} maxLength={60} autocomplete="off" />
      <TextField ctx={ctx} state={state} name="contactPhone" type="tel" label={t('notify.recipients.contactPhone')} width="medium" maxLength={40} autocomplete="off" />
      <TextField ctx={ctx} state={state} name="contactEmail" type="email" label={t('notify.recipients.contactEmail')} required={false} maxLength={254} autocomplete="off" />
    </>
  );
}

function RetireSection({ ctx, stored }: { ctx: ViewContext; stored: StoredRecipient }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="state-title">
      <h2 id="state-title">
        {t('notify.recipients.state')}
        {colon(ctx)}
        {stored.active ? t('notify.recipients.active') : t('notify.recipients.retired')}
      </h2>
      <form method="post" action={`${LIST_PATH}/${stored.id}/${stored.active ? 'retire' : 'restore'}`} class="action-form">
        <CsrfField ctx={ctx} />
        <p class="note">{stored.active ? t('notify.recipients.retireLead') : t('notify.recipients.restoreLead')}</p>
        <Button variant={stored.active ? 'warning' : 'secondary'}>{stored.active ? t('notify.recipients.retire') : t('notify.recipients.restore')}</Button>
      </form>
    </section>
  );
}

/** Add (stored = null) or edit a recipient; `secret` is a signing secret made by the last step, shown this once. */
export function RecipientEditPage({ ctx, state, stored, secret }: { ctx: ViewContext; state: FormState; stored: StoredRecipient | null; secret?: string | null }) {
  const { t } = ctx;
  const title = stored ? t('notify.recipients.editTitle', { name: stored.name }) : t('notify.recipients.newTitle');
  const labels = Object.fromEntries(Object.entries(LABEL_KEYS).map(([k, key]) => [k, t(key)]));
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={listCrumbs(ctx, stored ? stored.name : t('notify.recipients.newTitle'))}>
      <h1>{title}</h1>
      {secret ? <SecretOnce ctx={ctx} secret={secret} /> : null}
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <form method="post" action={stored ? `${LIST_PATH}/${stored.id}` : `${LIST_PATH}/new`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <RecipientFields ctx={ctx} state={state} create={stored === null} />
        <div class="actions">
          <Button>{stored ? t('notify.recipients.save') : t('notify.recipients.create')}</Button>
          <a href={LIST_PATH}>{t('notify.recipients.cancel')}</a>
        </div>
      </form>
      {stored?.webhook ? <SigningSection ctx={ctx} id={stored.id} hasSecret={stored.hasSecret} shownNow={Boolean(secret)} /> : null}
      {stored ? <RetireSection ctx={ctx} stored={stored} /> : null}
    </Shell>
  );
}
