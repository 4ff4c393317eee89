import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';

/** A case's history in plain words, oldest first. */
export function Timeline({ ctx, events }: { ctx: ViewContext; events: { at: string; status: string; note: string | null }[] }) {
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li key={e.at}>
          <span class="muted">{showInstant(e.at, ctx.locale)}</span> {ctx.t(`cases.state.${e.status}`)}
          {e.note ? <p>{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function LookupPage({ ctx, state, notFound }: { ctx: ViewContext; state?: FormState | undefined; notFound?: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.lookup.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('cases.lookup.title') }]}>
      <div class="narrow">
        <h1>{t('cases.lookup.title')}</h1>
        <p class="lead">{t('cases.lookup.lead')}</p>
        {notFound ? (
          <div class="error-summary" role="alert" tabIndex={-1} autofocus>
            <p>{t('cases.lookup.notFound')}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/cases/lookup" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="number" label={t('cases.lookup.number')} hint={t('cases.lookup.numberHint')} width="medium" autocomplete="off" maxLength={40} />
          <TextField ctx={ctx} state={state} name="idNumber" label={t('cases.lookup.idNumber')} required={false} width="medium" autocomplete="off" maxLength={20} />
          <TextField ctx={ctx} state={state} name="birthDate" label={t('cases.lookup.birthDate')} hint={t('cases.lookup.birthHint')} required={false} width="medium" autocomplete="bday" maxLength={20} />
          <Button>{t('cases.lookup.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface PublicCase {
  /** the public reference: the running number stays with the office */
  reference: string;
  guideName: string;
  status: string;
  receivedOn: string;
  dueOn: string;
  events: { at: string; status: string; note: string | null }[];
  waitingFor: string[];
}

export function CaseStatusPage({ ctx, c }: { ctx: ViewContext; c: PublicCase }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.lookup.title')} crumbs={[{ href: '/', label: t('nav.home') }, { href: '/cases/lookup', label: t('cases.lookup.title') }, { label: c.reference }]}>
      <h1>
        {c.guideName} <span class="muted">{c.reference}</span>
      </h1>
      <dl class="facts">
        <dt>{t('cases.lookup.status')}</dt>
        <dd>
          <strong class="case-status">{t(`cases.state.${c.status}`)}</strong>
        </dd>
        <dt>{t('cases.lookup.received')}</dt>
        <dd>{showDate(c.receivedOn, ctx.locale)}</dd>
        <dt>{t('cases.lookup.expected')}</dt>
        <dd>{showDate(c.dueOn, ctx.locale, true)}</dd>
      </dl>
      {c.status === 'waiting_docs' ? (
        <div class="notice">
          <h2>{t('cases.lookup.waitingFor')}</h2>
          <ul>
            {c.waitingFor.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p>{t('cases.lookup.paused')}</p>
        </div>
      ) : null}
      <h2>{t('cases.lookup.timeline')}</h2>
      <Timeline ctx={ctx} events={c.events} />
    </Shell>
  );
}

export interface SlipView {
  code: string;
  guideName: string;
  applicantName: string;
  missing: { text: string; basis: string | null }[];
  note: string | null;
  bringBy: string;
  officerName: string;
  createdAt: string;
  /** the case's public reference, for the look-up */
  caseReference: string | null;
  officeName: string;
  officePhone: string;
}

export function SlipPage({ ctx, slip }: { ctx: ViewContext; slip: SlipView }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.slip.title')}>
      <article class="slip-page">
        <h1>{t('cases.slip.title')}</h1>
        <p>{t('cases.slip.lead', { name: slip.applicantName, guide: slip.guideName })}</p>
        <ol class="doc-list">
          {slip.missing.map((m) => (
            <li key={m.text}>
              {m.text}
              {m.basis ? <span class="muted">（{t('guides.basis', { basis: m.basis })}）</span> : null}
            </li>
          ))}
        </ol>
        {slip.note ? <p>{slip.note}</p> : null}
        <p class="slip-deadline">
          <strong>{t('cases.slip.bringBy', { date: showDate(slip.bringBy, ctx.locale, true) })}</strong>
        </p>
        {slip.caseReference ? <p>{t('cases.slip.case', { reference: slip.caseReference })}</p> : null}
        <p>{t('cases.slip.officer', { name: slip.officerName })}</p>
        <p>{t('cases.slip.contact', { office: slip.officeName, phone: slip.officePhone })}</p>
        <p class="muted">{t('cases.slip.issued', { date: showInstant(slip.createdAt, ctx.locale) })}</p>
        <p>
          <a class="button button-secondary" href={`/n/${slip.code}.pdf`}>
            {t('cases.slip.pdf')}
          </a>
        </p>
      </article>
    </Shell>
  );
}
