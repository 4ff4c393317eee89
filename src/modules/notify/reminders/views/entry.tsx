import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, TextArea, TextField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Table } from '../../../../platform/layout/Table.js';
import type { ReminderKind, ReminderState } from '../rules.js';
import { BASE, crumbs, money, OverdueTag, StateTag } from './shared.js';

export interface EntryContact {
  id: number;
  at: string;
  channel: 'letter' | 'sms' | 'email' | 'phone' | 'visit';
  note: string;
  letterCode: string | null;
  staff: string;
}

export interface EntryView {
  id: number;
  office: string;
  kind: ReminderKind;
  name: string;
  idMasked: string | null;
  address: string;
  phone: string | null;
  email: string | null;
  sourceRef: string;
  eventDate: string;
  dueOn: string;
  status: ReminderState;
  overdueDays: number;
  fine: number | null;
  outcomeNote: string;
  resolvedOn: string | null;
  createdBy: string;
  createdAt: string;
  contacts: EntryContact[];
  /** the number the next contact will have: the dedupe key of a text or e-mail sent from this page */
  next: number;
  /** the text as it would go out, and its SMS parts; null without a mobile number */
  sms: { text: string; parts: number } | null;
  canEmail: boolean;
}

/** Which form on the page a bad submission came from, so its messages show beside its fields. */
export type EntryForm = 'contact' | 'resolve' | 'message';

function Facts({ ctx, e }: { ctx: ViewContext; e: EntryView }) {
  const { t } = ctx;
  const row = (label: string, value: ComponentChildren) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="summary-list">
      {row(t('notify.reminders.f.kind'), t(`notify.reminders.kind.${e.kind}`))}
      {row(t('notify.reminders.col.office'), e.office)}
      {row(t(`notify.reminders.event.${e.kind}`), showDate(e.eventDate, ctx.locale))}
      {row(
        t('notify.reminders.col.due'),
        <>
          {showDate(e.dueOn, ctx.locale, true)} <OverdueTag ctx={ctx} days={e.overdueDays} />
        </>,
      )}
      {e.fine !== null ? row(t('notify.reminders.col.fine'), t('notify.reminders.fineNow', { fine: money(ctx, e.fine) })) : null}
      {row(t('notify.reminders.f.sourceRef'), e.sourceRef)}
      {row(t('notify.reminders.f.idNumber'), e.idMasked ?? t('notify.reminders.none'))}
      {row(t('notify.reminders.f.address'), e.address)}
      {row(t('notify.reminders.f.phone'), e.phone ?? t('notify.reminders.none'))}
      {row(t('notify.reminders.f.email'), e.email ?? t('notify.reminders.none'))}
      {row(t('notify.reminders.created'), t('notify.reminders.createdBy', { who: e.createdBy, at: showInstant(e.createdAt, ctx.locale) }))}
    </dl>
  );
}

function Contacts({ ctx, e }: { ctx: ViewContext; e: EntryView }) {
  const { t } = ctx;
  return (
    <Table
      ctx={ctx}
      caption={t('notify.reminders.contactsCaption', { n: e.contacts.length })}
      rows={e.contacts}
      rowKey={(c) => c.id}
      columns={[
        { header: t('notify.reminders.col.at'), cell: (c) => <span class="nowrap">{showInstant(c.at, ctx.locale)}</span> },
        { header: t('notify.reminders.col.channel'), cell: (c) => <span class="nowrap">{t(`notify.reminders.channel.${c.channel}`)}</span> },
        {
          header: t('notify.reminders.col.note'),
          cell: (c) =>
            c.letterCode ? (
              <a class="nowrap" href={`${BASE}/letter/${c.letterCode}.pdf`}>
                {t('notify.reminders.letterLink', { code: c.letterCode })}
              </a>
            ) : (
              <span class="pre">{c.note}</span>
            ),
        },
        { header: t('notify.reminders.col.staff'), cell: (c) => <span class="nowrap">{c.staff}</span> },
      ]}
    />
  );
}

/** A letter, a text, an e-mail: one button each (a text shows what it will say first). */
function Send({ ctx, e, state }: { ctx: ViewContext; e: EntryView; state: FormState | undefined }) {
  const { t } = ctx;
  const err = state?.errors[0];
  return (
    <section aria-labelledby="send-title">
      <h2 id="send-title">{t('notify.reminders.send')}</h2>
      {err ? <p class="field-message">{t(err.key, err.params)}</p> : null}
      <form method="post" action={`${BASE}/${e.id}/letter`} class="action-form">
        <CsrfField ctx={ctx} />
        <p>{t('notify.reminders.letterHint')}</p>
        <Button>{t('notify.reminders.letter')}</Button>
      </form>
      <form method="post" action={`${BASE}/${e.id}/message`} class="action-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="channel" value="sms" />
        <input type="hidden" name="n" value={String(e.next)} />
        {e.sms ? (
          <>
            <p>{t('notify.reminders.smsPreview', { parts: e.sms.parts, chars: e.sms.text.length })}</p>
            <p class="notice">{e.sms.text}</p>
            <Button variant="secondary">{t('notify.reminders.sms')}</Button>
          </>
        ) : (
          <p class="muted">{t('notify.reminders.err.no.sms')}</p>
        )}
      </form>
      <form method="post" action={`${BASE}/${e.id}/message`} class="action-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="channel" value="email" />
        <input type="hidden" name="n" value={String(e.next)} />
        {e.canEmail ? <Button variant="secondary">{t('notify.reminders.email', { email: e.email ?? '' })}</Button> : <p class="muted">{t('notify.reminders.err.no.email')}</p>}
      </form>
    </section>
  );
}

function Record({ ctx, e, state }: { ctx: ViewContext; e: EntryView; state: FormState | undefined }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${BASE}/${e.id}/contact`} class="form" novalidate>
      <h2>{t('notify.reminders.record')}</h2>
      <CsrfField ctx={ctx} />
      <RadioGroup ctx={ctx} state={state} name="channel" label={t('notify.reminders.col.channel')} inline options={(['phone', 'visit'] as const).map((c) => ({ value: c, label: t(`notify.reminders.channel.${c}`) }))} />
      <TextArea ctx={ctx} state={state} name="note" label={t('notify.reminders.f.note')} hint={t('notify.reminders.f.noteHint')} rows={3} maxLength={1000} />
      <Button variant="secondary">{t('notify.reminders.recordSubmit')}</Button>
    </form>
  );
}

function Resolve({ ctx, e, state }: { ctx: ViewContext; e: EntryView; state: FormState | undefined }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${BASE}/${e.id}/resolve`} class="form" novalidate>
      <h2>{t('notify.reminders.outcome')}</h2>
      <CsrfField ctx={ctx} />
      <RadioGroup
        ctx={ctx}
        state={state}
        name="outcome"
        label={t('notify.reminders.f.outcome')}
        options={[
          { value: 'registered', label: t('notify.reminders.state.registered'), hint: t('notify.reminders.f.registeredHint') },
          { value: 'closed', label: t('notify.reminders.state.closed'), hint: t('notify.reminders.f.closedHint') },
        ]}
      />
      <TextField ctx={ctx} state={state} name="on" label={t('notify.reminders.f.on')} hint={t('notify.reminders.f.dateHint')} required={false} width="medium" maxLength={20} autocomplete="off" />
      <TextArea ctx={ctx} state={state} name="reason" label={t('notify.reminders.f.reason')} required={false} rows={2} maxLength={500} />
      <Button>{t('notify.reminders.resolve')}</Button>
    </form>
  );
}

export function ReminderEntryPage({ ctx, e, form, state }: { ctx: ViewContext; e: EntryView; form?: EntryForm | undefined; state?: FormState | undefined }) {
  const { t } = ctx;
  const active = e.status === 'open' || e.status === 'reminded';
  return (
    <Shell ctx={ctx} title={e.name} variant="staff" crumbs={crumbs(ctx, e.name)}>
      <h1>
        {e.name} <StateTag ctx={ctx} status={e.status} />
      </h1>
      {form !== 'message' ? <ErrorSummary ctx={ctx} state={state} /> : null}
      <Facts ctx={ctx} e={e} />
      {active ? null : (
        <div class="notice">
          <p>{e.status === 'registered' ? t('notify.reminders.doneRegistered', { on: showDate(e.resolvedOn ?? e.dueOn, ctx.locale) }) : t('notify.reminders.doneClosed', { on: showDate(e.resolvedOn ?? e.dueOn, ctx.locale) })}</p>
          {e.outcomeNote ? <p class="pre">{e.outcomeNote}</p> : null}
        </div>
      )}
      <h2>{t('notify.reminders.contacts')}</h2>
      <Contacts ctx={ctx} e={e} />
      {active ? (
        <div class="columns">
          <Send ctx={ctx} e={e} state={form === 'message' ? state : undefined} />
          <div>
            <Record ctx={ctx} e={e} state={form === 'contact' ? state : undefined} />
            <Resolve ctx={ctx} e={e} state={form === 'resolve' ? state : undefined} />
          </div>
        </div>
      ) : null}
    </Shell>
  );
}
