import type { ViewContext } from '../../../platform/http/context.js';
import { LOCALES } from '../../../platform/i18n/index.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { Timeline } from './public.js';

export interface CaseListRow {
  id: number;
  number: string;
  guideName: string;
  applicantName: string;
  status: string;
  dueOn: string;
}

const crumbs = (ctx: ViewContext, label?: string) =>
  label ? [{ href: '/staff', label: ctx.t('staff.title') }, { href: '/staff/cases', label: ctx.t('cases.list.title') }, { label }] : [{ href: '/staff', label: ctx.t('staff.title') }, { label: ctx.t('cases.list.title') }];

function CaseTable({ ctx, caption, rows }: { ctx: ViewContext; caption: string; rows: CaseListRow[] }) {
  const { t } = ctx;
  return (
    <Table
      ctx={ctx}
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: t('cases.list.number'), cell: (r) => <a href={`/staff/cases/${r.id}`}>{r.number}</a> },
        { header: t('cases.list.type'), cell: (r) => r.guideName },
        { header: t('cases.list.applicant'), cell: (r) => r.applicantName },
        { header: t('cases.list.status'), cell: (r) => t(`cases.state.${r.status}`) },
        { header: t('cases.list.due'), cell: (r) => showDate(r.dueOn, ctx.locale) },
      ]}
    />
  );
}

/** `?office=<code>` for links that keep the office a county admin switched to. */
const officeQuery = (choice: OfficeChoice, sep: '?' | '&' = '?') => (choice.officeCode ? `${sep}office=${encodeURIComponent(choice.officeCode)}` : '');

export function CaseListPage({ ctx, overdue, dueSoon, open, share, choice }: { ctx: ViewContext; overdue: CaseListRow[]; dueSoon: CaseListRow[]; open: CaseListRow[]; share: { share: number | null; withNotice: number }; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.list.title')} variant="staff" crumbs={crumbs(ctx)}>
      <h1>{t('cases.list.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/cases" choice={choice} />
      <p>
        <a class="button" href={`/staff/cases/new${officeQuery(choice)}`}>
          {t('cases.list.new')}
        </a>{' '}
        <a class="button button-secondary" href={`/staff/notices/new${officeQuery(choice)}`}>
          {t('cases.list.slip')}
        </a>
      </p>
      <p class="muted">
        {t('cases.list.singleNotice', { share: share.share === null ? t('cases.list.noData') : `${Math.round(share.share * 100)}%`, n: share.withNotice })}
      </p>
      <h2>{t('cases.list.overdue')}</h2>
      <CaseTable ctx={ctx} caption={t('cases.list.overdue')} rows={overdue} />
      <h2>{t('cases.list.dueSoon')}</h2>
      <CaseTable ctx={ctx} caption={t('cases.list.dueSoon')} rows={dueSoon} />
      <h2>{t('cases.list.open')}</h2>
      <CaseTable ctx={ctx} caption={t('cases.list.open')} rows={open} />
    </Shell>
  );
}

export function NewCasePage({ ctx, state, guides, choice }: { ctx: ViewContext; state?: FormState | undefined; guides: { code: string; name: string }[]; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.new.title')} variant="staff" crumbs={crumbs(ctx, t('cases.new.title'))}>
      <div class="narrow">
        <h1>{t('cases.new.title')}</h1>
        <OfficePicker ctx={ctx} action="/staff/cases/new" choice={choice} />
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/cases" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <OfficeField choice={choice} />
          <SelectField ctx={ctx} state={state} name="guide" label={t('cases.new.guide')} placeholder="" options={guides.map((g) => ({ value: g.code, label: g.name }))} />
          <TextField ctx={ctx} state={state} name="name" label={t('cases.new.name')} width="medium" maxLength={60} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="idNumber" label={t('cases.new.idNumber')} width="medium" maxLength={20} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="birthDate" label={t('cases.new.birthDate')} hint={t('cases.lookup.birthHint')} width="medium" maxLength={20} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="email" type="email" label={t('cases.new.email')} hint={t('cases.new.emailHint')} required={false} width="medium" maxLength={254} />
          <TextField ctx={ctx} state={state} name="phone" type="tel" label={t('cases.new.phone')} required={false} width="medium" maxLength={20} />
          <TextField ctx={ctx} state={state} name="ticket" label={t('cases.new.ticket')} hint={t('cases.new.ticketHint')} required={false} width="short" maxLength={4} autocomplete="off" />
          <SelectField ctx={ctx} state={state} name="locale" label={t('cases.new.locale')} options={LOCALES.map((l) => ({ value: l, label: t(`cases.locale.${l}`) }))} />
          <Button>{t('cases.new.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface CaseDetail {
  id: number;
  number: string;
  /** the citizen's look-up code, to write on the receipt */
  reference: string;
  locale: string;
  guideCode: string;
  guideName: string;
  status: string;
  applicantName: string;
  idMasked: string;
  receivedOn: string;
  dueOn: string;
  notices: number;
  next: string[];
  events: { at: string; status: string; note: string | null }[];
  slips: { code: string; createdAt: string }[];
  documents: string[];
  /** the cross-agency notices and follow-ups page, for a life event approved or closed */
  notifyHref?: string | null;
}

export function SlipFields({ ctx, state, documents }: { ctx: ViewContext; state?: FormState | undefined; documents: string[] }) {
  const { t } = ctx;
  const err = state?.errors.find((e) => e.field === 'missing');
  return (
    <>
      <fieldset class={err ? 'field field-error' : 'field'} id="f-missing" tabIndex={-1}>
        <legend>{t('cases.slip.missing')}</legend>
        {err ? <p class="field-message">{t(err.key)}</p> : null}
        {documents.map((d, i) => (
          <label key={d} class="checkbox">
            <input type="checkbox" name="missing" value={String(i)} /> {d}
          </label>
        ))}
      </fieldset>
      <TextArea ctx={ctx} state={state} name="slipNote" label={t('cases.slip.note')} required={false} rows={3} maxLength={1000} />
      <TextField ctx={ctx} state={state} name="within" label={t('cases.slip.within')} inputMode="numeric" width="short" />
    </>
  );
}

export function CaseDetailPage({ ctx, c, state, slipState }: { ctx: ViewContext; c: CaseDetail; state?: FormState | undefined; slipState?: FormState | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={c.number} variant="staff" crumbs={crumbs(ctx, c.number)}>
      <h1>
        {c.guideName} <span class="muted">{c.number}</span>
      </h1>
      <dl class="facts">
        <dt>{t('cases.lookup.status')}</dt>
        <dd>
          <strong>{t(`cases.state.${c.status}`)}</strong>
        </dd>
        <dt>{t('cases.detail.reference')}</dt>
        <dd>
          <strong class="case-reference">{c.reference}</strong>
          <br />
          <span class="muted">{t('cases.detail.referenceHint')}</span>
        </dd>
        <dt>{t('cases.slip.applicant')}</dt>
        <dd>{c.applicantName}</dd>
        <dt>{t('cases.detail.locale')}</dt>
        <dd>{t(`cases.locale.${c.locale}`)}</dd>
        <dt>{t('cases.detail.idNumber')}</dt>
        <dd>{c.idMasked}</dd>
        <dt>{t('cases.detail.received')}</dt>
        <dd>{showDate(c.receivedOn, ctx.locale)}</dd>
        <dt>{t('cases.detail.due')}</dt>
        <dd>{showDate(c.dueOn, ctx.locale, true)}</dd>
        <dt>{t('cases.detail.notices')}</dt>
        <dd>{c.notices}</dd>
      </dl>
      {c.notifyHref ? (
        <p>
          <a class="button button-secondary" href={c.notifyHref}>
            {t('notify.consent.caseLink')}
          </a>
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} state={state ?? slipState} />
      {c.next.length > 0 ? (
        <form method="post" action={`/staff/cases/${c.id}/move`} class="form narrow" novalidate>
          <h2>{t('cases.detail.move')}</h2>
          <CsrfField ctx={ctx} />
          <SelectField ctx={ctx} state={state} name="to" label={t('cases.detail.to')} options={c.next.map((n) => ({ value: n, label: t(`cases.state.${n}`) }))} />
          <TextArea ctx={ctx} state={state} name="note" label={t('cases.detail.note')} required={false} rows={2} maxLength={500} />
          <Button>{t('cases.detail.moveSubmit')}</Button>
        </form>
      ) : null}
      {c.next.includes('waiting_docs') || c.status === 'waiting_docs' ? (
        <form method="post" action={`/staff/cases/${c.id}/slip`} class="form narrow" novalidate>
          <h2>{t('cases.slip.new')}</h2>
          <CsrfField ctx={ctx} />
          <SlipFields ctx={ctx} state={slipState ?? { values: { within: '5' }, errors: [] }} documents={c.documents} />
          <Button>{t('cases.slip.submit')}</Button>
        </form>
      ) : null}
      <h2>{t('cases.detail.slips')}</h2>
      {c.slips.length === 0 ? (
        <p class="muted">{t('table.empty')}</p>
      ) : (
        <ul class="plain-list">
          {c.slips.map((s) => (
            <li key={s.code}>
              <a href={`/n/${s.code}`}>{showInstant(s.createdAt, ctx.locale)}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('cases.detail.timeline')}</h2>
      <Timeline ctx={ctx} events={c.events} />
    </Shell>
  );
}

export function CounterSlipPage({ ctx, state, guides, documents, guideCode, choice }: { ctx: ViewContext; state?: FormState | undefined; guides: { code: string; name: string }[]; documents: string[]; guideCode: string | null; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('cases.slip.new')} variant="staff" crumbs={crumbs(ctx, t('cases.slip.new'))}>
      <div class="narrow">
        <h1>{t('cases.slip.new')}</h1>
        <OfficePicker ctx={ctx} action="/staff/notices/new" choice={choice} keep={guideCode ? { guide: guideCode } : {}} />
        <form method="get" action="/staff/notices/new" class="inline-fields">
          <OfficeField choice={choice} />
          <label for="f-guide-pick">{t('cases.new.guide')}</label>
          <select id="f-guide-pick" name="guide" class="input">
            {guides.map((g) => (
              <option key={g.code} value={g.code} selected={g.code === guideCode}>
                {g.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-secondary">
            {t('search.submit')}
          </button>
        </form>
        {guideCode ? (
          <>
            <ErrorSummary ctx={ctx} state={state} />
            <form method="post" action="/staff/notices" class="form" novalidate>
              <CsrfField ctx={ctx} />
              <OfficeField choice={choice} />
              <input type="hidden" name="guide" value={guideCode} />
              <TextField ctx={ctx} state={state} name="name" label={t('cases.new.name')} width="medium" maxLength={60} />
              <SlipFields ctx={ctx} state={state ?? { values: { within: '5' }, errors: [] }} documents={documents} />
              <Button>{t('cases.slip.submit')}</Button>
            </form>
          </>
        ) : null}
      </div>
    </Shell>
  );
}
