import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, FileField, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { MAX_FILE_BYTES, MAX_FILES } from '../attachments.js';
import { CATEGORIES } from '../rules.js';

const crumbs = (ctx: ViewContext, last: string) => [{ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: ctx.t('nav.home') }, { label: last }];

const FORM_FIELDS = ['to', 'subject', 'category', 'body', 'files', 'name', 'email', 'phone', 'wantsReply', 'language'];

/** The director's mailbox and opinion box: one form, the citizen chooses which. */
export function MailboxPage({ ctx, officeCode, state }: { ctx: ViewContext; officeCode: string; state?: FormState | undefined }) {
  const { t } = ctx;
  const values = state ?? { values: { to: 'director', language: ctx.locale, wantsReply: '1' }, errors: [] };
  return (
    <Shell ctx={ctx} title={t('mailbox.title')} crumbs={crumbs(ctx, t('mailbox.title'))}>
      <div class="narrow">
        <h1>{t('mailbox.title')}</h1>
        <p class="lead">{t('petitions.form.lead')}</p>
        <p>
          <a href="/petitions/status">{t('petitions.status.link')}</a>
        </p>
        <ErrorSummary ctx={ctx} state={state} labels={Object.fromEntries(FORM_FIELDS.map((f) => [f, t(`petitions.f.${f}`)]))} />
        <form method="post" action={`/o/${officeCode}/mailbox`} class="form" enctype="multipart/form-data" novalidate>
          <CsrfField ctx={ctx} />
          <RadioGroup
            ctx={ctx}
            state={values}
            name="to"
            label={t('petitions.f.to')}
            options={[
              { value: 'director', label: t('petitions.channel.director'), hint: t('petitions.to.directorHint') },
              { value: 'web', label: t('petitions.channel.web'), hint: t('petitions.to.webHint') },
            ]}
          />
          <TextField ctx={ctx} state={values} name="subject" label={t('petitions.f.subject')} maxLength={100} />
          <SelectField ctx={ctx} state={values} name="category" label={t('petitions.f.category')} placeholder={t('petitions.f.choose')} options={CATEGORIES.map((c) => ({ value: c, label: t(`petitions.category.${c}`) }))} />
          <TextArea ctx={ctx} state={values} name="body" label={t('petitions.f.body')} hint={t('petitions.f.bodyHint')} rows={8} maxLength={4000} />
          <FileField ctx={ctx} state={values} name="files" label={t('petitions.f.files')} hint={t('petitions.f.filesHint', { n: MAX_FILES, mb: MAX_FILE_BYTES / 1024 / 1024 })} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required={false} multiple />
          <h2>{t('petitions.form.about')}</h2>
          <TextField ctx={ctx} state={values} name="name" label={t('petitions.f.name')} hint={t('petitions.f.nameHint')} autocomplete="name" width="medium" maxLength={60} />
          <TextField ctx={ctx} state={values} name="email" type="email" label={t('petitions.f.email')} hint={t('petitions.f.emailHint')} autocomplete="email" maxLength={254} />
          <TextField ctx={ctx} state={values} name="phone" type="tel" label={t('petitions.f.phone')} autocomplete="tel" width="medium" required={false} maxLength={24} />
          <RadioGroup
            ctx={ctx}
            state={values}
            name="wantsReply"
            label={t('petitions.f.wantsReply')}
            inline
            options={[
              { value: '1', label: t('petitions.yes') },
              { value: '0', label: t('petitions.no') },
            ]}
          />
          <RadioGroup
            ctx={ctx}
            state={values}
            name="language"
            label={t('petitions.f.language')}
            inline
            options={[
              { value: 'zh-Hant', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
          <p class="muted">{t('petitions.form.privacy')}</p>
          <Button>{t('petitions.form.send')}</Button>
        </form>
      </div>
    </Shell>
  );
}

/** Shown after sending: the message waits for the e-mail link. */
export function SentPage({ ctx, until }: { ctx: ViewContext; until: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.sent.title')} crumbs={crumbs(ctx, t('petitions.sent.title'))}>
      <div class="narrow">
        <div class="panel panel-success" role="status">
          <h1>{t('petitions.sent.title')}</h1>
        </div>
        <p class="lead">{t('petitions.sent.lead', { until: showDate(until, ctx.locale, true) })}</p>
        <p>{t('petitions.sent.spam')}</p>
      </div>
    </Shell>
  );
}

/** The e-mail link opens this; the button registers it (so a mail scanner opening links confirms nothing). */
export function ConfirmPage({ ctx, token, result }: { ctx: ViewContext; token: string; result?: { number: string; password: string; token: string } | { reason: 'unknown' | 'expired' | 'done'; token?: string } }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.confirm.title')} crumbs={crumbs(ctx, t('petitions.confirm.title'))}>
      <div class="narrow">
        {!result ? (
          <>
            <h1>{t('petitions.confirm.title')}</h1>
            <p class="lead">{t('petitions.confirm.lead')}</p>
            <form method="post" action={`/petitions/confirm/${token}`} class="form">
              <CsrfField ctx={ctx} />
              <Button>{t('petitions.confirm.button')}</Button>
            </form>
          </>
        ) : 'number' in result ? (
          <>
            <div class="panel panel-success" role="status">
              <h1>{t('petitions.confirm.registered')}</h1>
              <p>{t('petitions.f.number')}</p>
              <p class="booking-code">{result.number}</p>
            </div>
            <dl class="summary-list">
              <dt>{t('petitions.f.number')}</dt>
              <dd>{result.number}</dd>
              <dt>{t('petitions.f.password')}</dt>
              <dd>
                <code class="password">{result.password}</code>
              </dd>
            </dl>
            <p>{t('petitions.confirm.keep')}</p>
            <p>
              <a class="button button-secondary" href={`/p/${result.token}`}>
                {t('petitions.confirm.follow')}
              </a>
            </p>
          </>
        ) : (
          <>
            <h1>{t('petitions.confirm.title')}</h1>
            <AlertBox message={t(`petitions.confirm.${result.reason}`)} />
            {result.reason === 'done' && result.token ? (
              <p>
                <a href={`/p/${result.token}`}>{t('petitions.confirm.follow')}</a>
              </p>
            ) : (
              <p>
                <a href={ctx.office ? `/o/${ctx.office.code}/mailbox` : '/mailbox'}>{t('petitions.confirm.again')}</a>
              </p>
            )}
          </>
        )}
      </div>
    </Shell>
  );
}

export function StatusLookupPage({ ctx, state, notFound }: { ctx: ViewContext; state?: FormState | undefined; notFound?: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.status.title')} crumbs={crumbs(ctx, t('petitions.status.title'))}>
      <div class="narrow">
        <h1>{t('petitions.status.title')}</h1>
        <p class="lead">{t('petitions.status.lead')}</p>
        {notFound ? <AlertBox message={t('petitions.status.notFound')} /> : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/petitions/status" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="number" label={t('petitions.f.number')} hint={t('petitions.status.numberHint')} width="medium" autocomplete="off" maxLength={30} />
          <TextField ctx={ctx} state={state} name="password" type="password" label={t('petitions.f.password')} width="medium" autocomplete="current-password" maxLength={40} />
          <Button>{t('petitions.status.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface CitizenView {
  token: string;
  number: string;
  subject: string;
  status: string;
  receivedOn: string | null;
  dueOn: string | null;
  events: { at: string; kind: string; text: string | null }[];
  reply: string | null;
  canRate: boolean;
  rateUntil: string | null;
  rating: number | null;
  canFollowUp: boolean;
}

/** The citizen's own page: where it stands, the reply, and the satisfaction question. */
export function CitizenPage({ ctx, p, state }: { ctx: ViewContext; p: CitizenView; state?: FormState | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={`${t('petitions.status.title')} ${p.number}`} crumbs={crumbs(ctx, p.number)}>
      <h1>
        {p.subject} <span class="muted">{p.number}</span>
      </h1>
      <dl class="summary-list">
        <dt>{t('petitions.f.status')}</dt>
        <dd>
          <strong>{t(`petitions.state.${p.status}`)}</strong>
        </dd>
        <dt>{t('petitions.f.received')}</dt>
        <dd>{p.receivedOn ? showDate(p.receivedOn, ctx.locale) : '—'}</dd>
        {p.dueOn && ['received', 'assigned', 'waiting'].includes(p.status) ? (
          <>
            <dt>{t('petitions.f.due')}</dt>
            <dd>{showDate(p.dueOn, ctx.locale, true)}</dd>
          </>
        ) : null}
      </dl>
      {p.reply ? (
        <section class="reply">
          <h2>{t('petitions.citizen.reply')}</h2>
          <div class="reply-body">{p.reply}</div>
        </section>
      ) : null}
      {p.canRate ? (
        <section>
          <h2>{t('petitions.rate.title')}</h2>
          <ErrorSummary ctx={ctx} state={state} />
          <form method="post" action={`/p/${p.token}/rate`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <RadioGroup
              ctx={ctx}
              state={state}
              name="score"
              label={t('petitions.rate.question')}
              hint={p.rateUntil ? t('petitions.rate.until', { until: showInstant(p.rateUntil, ctx.locale) }) : undefined}
              options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`petitions.rate.${n}`) }))}
            />
            <TextArea ctx={ctx} state={state} name="comment" label={t('petitions.rate.comment')} required={false} rows={3} maxLength={500} />
            <Button>{t('petitions.rate.send')}</Button>
          </form>
        </section>
      ) : p.rating ? (
        <p class="notice">{t('petitions.rate.thanks', { n: p.rating })}</p>
      ) : null}
      {p.canFollowUp ? (
        <section>
          <h2>{t('petitions.followup.title')}</h2>
          <form method="post" action={`/p/${p.token}/followup`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} state={state} name="text" label={t('petitions.followup.label')} rows={4} maxLength={2000} />
            <Button variant="secondary">{t('petitions.followup.send')}</Button>
          </form>
        </section>
      ) : null}
      <h2>{t('petitions.citizen.timeline')}</h2>
      <ol class="timeline">
        {p.events.map((e) => (
          <li key={`${e.at}${e.kind}`}>
            <span class="muted">{showInstant(e.at, ctx.locale)}</span> {t(`petitions.event.${e.kind}`)}
            {e.text && e.kind !== 'replied' ? <p class="pre">{e.kind === 'declined' ? t(`petitions.ground.${e.text}`) : e.text}</p> : null}
          </li>
        ))}
      </ol>
    </Shell>
  );
}

/** The county site's mailbox link: which office to write to. */
export function ChooseOfficePage({ ctx, offices }: { ctx: ViewContext; offices: { code: string; name: string }[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('mailbox.title')} crumbs={crumbs(ctx, t('mailbox.title'))}>
      <h1>{t('mailbox.title')}</h1>
      <p class="lead">{t('petitions.choose.lead')}</p>
      <ul class="card-grid">
        {offices.map((o) => (
          <li key={o.code} class="card">
            <a href={`/o/${o.code}/mailbox`}>
              <span class="card-title">{o.name}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/petitions/status">{t('petitions.status.link')}</a>
      </p>
    </Shell>
  );
}
