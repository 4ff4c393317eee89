import type { ViewContext } from '../../platform/http/context.js';
import { showDate, showInstant } from '../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../platform/layout/forms.js';
import { Shell } from '../../platform/layout/Shell.js';

const crumbs = (ctx: ViewContext, label: string) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/lost-id', label: ctx.t('lostid.title') }, { label }];

/** The report form: at an office (/o/<office>/lost-id) the office is known; on the county page the citizen chooses it. */
export function ReportPage({ ctx, state, officeCode, offices }: { ctx: ViewContext; state?: FormState | undefined; officeCode?: string | undefined; offices?: { value: string; label: string }[] | undefined }) {
  const { t } = ctx;
  const home = officeCode ? `/o/${officeCode}` : '/';
  return (
    <Shell ctx={ctx} title={t('lostid.title')} crumbs={[{ href: home, label: t('nav.home') }, { label: t('lostid.title') }]}>
      <div class="narrow">
        <h1>{t('lostid.title')}</h1>
        <p class="lead">{t('lostid.lead')}</p>
        <p>
          <a href="/lost-id/status">{t('lostid.status')}</a>　<a href="/lost-id/revoke">{t('lostid.revoke')}</a>
        </p>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action={officeCode ? `/o/${officeCode}/lost-id` : '/lost-id'} class="form" novalidate>
          <CsrfField ctx={ctx} />
          {offices ? <SelectField ctx={ctx} state={state} name="office" label={t('lostid.office')} hint={t('lostid.officeHint')} options={offices} placeholder="" /> : null}
          <TextField ctx={ctx} state={state} name="idNumber" label={t('lostid.idNumber')} width="medium" autocomplete="off" maxLength={20} />
          <TextField ctx={ctx} state={state} name="name" label={t('lostid.name')} width="medium" autocomplete="name" maxLength={60} />
          <TextField ctx={ctx} state={state} name="birthDate" label={t('lostid.birthDate')} hint={t('cases.lookup.birthHint')} width="medium" autocomplete="bday" maxLength={20} />
          <TextField ctx={ctx} state={state} name="address" label={t('lostid.address')} autocomplete="street-address" maxLength={200} />
          <TextField ctx={ctx} state={state} name="contact" label={t('lostid.contact')} width="medium" maxLength={120} />
          <TextField ctx={ctx} state={state} name="password" type="password" label={t('lostid.password')} hint={t('lostid.passwordHint')} width="medium" autocomplete="new-password" />
          <TextField ctx={ctx} state={state} name="passwordConfirm" type="password" label={t('lostid.passwordConfirm')} width="medium" autocomplete="new-password" />
          <Button>{t('lostid.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export function DonePage({ ctx, reference, reportedAt }: { ctx: ViewContext; reference: string; reportedAt: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('lostid.done')} crumbs={crumbs(ctx, t('lostid.done'))}>
      <div class="confirmation" role="status">
        <h1>{t('lostid.done')}</h1>
        <p class="lead">{t('lostid.doneLead', { time: showInstant(reportedAt, ctx.locale), reference })}</p>
      </div>
      <p>{t('lostid.doneNext')}</p>
    </Shell>
  );
}

export function CheckPage({ ctx, mode, state, message }: { ctx: ViewContext; mode: 'status' | 'revoke'; state?: FormState | undefined; message?: string | undefined }) {
  const { t } = ctx;
  const title = mode === 'status' ? t('lostid.status') : t('lostid.revoke');
  return (
    <Shell ctx={ctx} title={title} crumbs={crumbs(ctx, title)}>
      <div class="narrow">
        <h1>{title}</h1>
        {mode === 'revoke' ? <p>{t('lostid.revokeLead')}</p> : null}
        {message ? (
          <div class="notice" role="status">
            <p>{message}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action={`/lost-id/${mode}`} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="idNumber" label={t('lostid.idNumber')} width="medium" autocomplete="off" maxLength={20} />
          <TextField ctx={ctx} state={state} name="birthDate" label={t('lostid.birthDate')} hint={t('cases.lookup.birthHint')} width="medium" autocomplete="bday" maxLength={20} />
          {mode === 'revoke' ? <TextField ctx={ctx} state={state} name="password" type="password" label={t('lostid.password')} width="medium" autocomplete="current-password" /> : null}
          <Button>{mode === 'status' ? t('lostid.statusSubmit') : t('lostid.revokeSubmit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface StaffRow {
  id: number;
  reference: string;
  reportedAt: string;
  name: string;
  idMasked: string;
  office: string;
}

/** Reports in force; county staff pick an office (or all of them) with ?office=. */
export function StaffListPage({ ctx, rows, offices, officeCode }: { ctx: ViewContext; rows: StaffRow[]; offices: { value: string; label: string }[]; officeCode: string }) {
  const { t } = ctx;
  const many = offices.length > 1;
  return (
    <Shell ctx={ctx} title={t('lostid.staffTitle')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('lostid.staffTitle') }]}>
      <h1>{t('lostid.staffTitle')}</h1>
      {many ? (
        <form method="get" action="/staff/lost-id" class="filter-bar">
          <SelectField ctx={ctx} state={{ values: { office: officeCode }, errors: [] }} name="office" label={t('lostid.office')} required={false} options={[{ value: '', label: t('lostid.allOffices') }, ...offices]} />
          <Button variant="secondary">{t('lostid.showOffice')}</Button>
        </form>
      ) : null}
      {rows.length === 0 ? (
        <p class="muted">{t('table.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section class="table-wrap" tabIndex={0} aria-label={t('lostid.staffTitle')}>
          <table class="table">
            <caption class="visually-hidden">{t('lostid.staffTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lostid.reference')}</th>
                {many ? <th scope="col">{t('lostid.office')}</th> : null}
                <th scope="col">{t('lostid.name')}</th>
                <th scope="col">{t('lostid.idNumber')}</th>
                <th scope="col">{t('lostid.reportedAt')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('lostid.close')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.reference}</td>
                  {many ? <td>{r.office}</td> : null}
                  <td>{r.name}</td>
                  <td>{r.idMasked}</td>
                  <td>{showInstant(r.reportedAt, ctx.locale)}</td>
                  <td>
                    <form method="post" action={`/staff/lost-id/${r.id}/close`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="link-button">
                        {t('lostid.close')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Shell>
  );
}

// ---- a report taken by phone (staff, intake.work) ------------------------

const phoneCrumbs = (ctx: ViewContext, label: string) => [{ href: '/staff', label: ctx.t('staff.title') }, { href: '/staff/lost-id/phone', label: ctx.t('lostid.phone.title') }, { label }];

export interface PhoneOffice {
  code: string;
  name: string;
}

/** Step 1: the clerk types what the caller says (the public form's fields; the password is made for them). */
export function PhoneFormPage({ ctx, state, office, offices }: { ctx: ViewContext; state?: FormState | undefined; office: PhoneOffice; offices: { value: string; label: string }[] }) {
  const { t } = ctx;
  const values = state ?? { values: { office: office.code }, errors: [] };
  return (
    <Shell ctx={ctx} title={t('lostid.phone.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('lostid.phone.title') }]}>
      <div class="narrow">
        <h1>{t('lostid.phone.title')}</h1>
        <p class="lead">{t('lostid.phone.lead')}</p>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/lost-id/phone" class="form" novalidate>
          <CsrfField ctx={ctx} />
          {offices.length > 1 ? (
            <SelectField ctx={ctx} state={{ values: { office: values.values.office ?? office.code }, errors: [] }} name="office" label={t('lostid.office')} options={offices} />
          ) : (
            <p>
              {t('lostid.office')}：{office.name}
              <input type="hidden" name="office" value={office.code} />
            </p>
          )}
          <TextField ctx={ctx} state={values} name="idNumber" label={t('lostid.idNumber')} width="medium" autocomplete="off" maxLength={20} />
          <TextField ctx={ctx} state={values} name="name" label={t('lostid.name')} width="medium" autocomplete="off" maxLength={60} />
          <TextField ctx={ctx} state={values} name="birthDate" label={t('lostid.birthDate')} hint={t('cases.lookup.birthHint')} width="medium" autocomplete="off" maxLength={20} />
          <TextField ctx={ctx} state={values} name="address" label={t('lostid.address')} autocomplete="off" maxLength={200} />
          <TextField ctx={ctx} state={values} name="contact" label={t('lostid.contact')} width="medium" autocomplete="off" maxLength={120} />
          <TextField ctx={ctx} state={values} name="email" type="email" label={t('lostid.phone.email')} hint={t('lostid.phone.emailHint')} required={false} width="medium" autocomplete="off" maxLength={254} />
          <Button>{t('lostid.phone.next')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface ReadBack {
  office: PhoneOffice;
  idMasked: string;
  name: string;
  birthDate: string;
  address: string;
  contact: string;
  email: string | null;
}

/** Step 2: what will be recorded (the ID masked); the clerk reads it back and ticks 已向來電者覆誦. */
export function PhoneReadBackPage({ ctx, r, values, state }: { ctx: ViewContext; r: ReadBack; values: Record<string, string>; state?: FormState | undefined }) {
  const { t } = ctx;
  const carried = ['office', 'idNumber', 'name', 'birthDate', 'address', 'contact', 'email'];
  return (
    <Shell ctx={ctx} title={t('lostid.phone.readBackTitle')} variant="staff" crumbs={phoneCrumbs(ctx, t('lostid.phone.readBackTitle'))}>
      <div class="narrow">
        <h1>{t('lostid.phone.readBackTitle')}</h1>
        <p class="lead">{t('lostid.phone.readBackLead')}</p>
        <ErrorSummary ctx={ctx} state={state} />
        <dl class="facts">
          <dt>{t('lostid.office')}</dt>
          <dd>{r.office.name}</dd>
          <dt>{t('lostid.idNumber')}</dt>
          <dd>{r.idMasked}</dd>
          <dt>{t('lostid.name')}</dt>
          <dd>{r.name}</dd>
          <dt>{t('lostid.birthDate')}</dt>
          <dd>{showDate(r.birthDate, ctx.locale)}</dd>
          <dt>{t('lostid.address')}</dt>
          <dd>{r.address}</dd>
          <dt>{t('lostid.contact')}</dt>
          <dd>{r.contact}</dd>
          <dt>{t('lostid.phone.delivery')}</dt>
          <dd>{r.email ? t('lostid.phone.byEmail', { email: r.email }) : t('lostid.phone.readOut')}</dd>
        </dl>
        <form method="post" action="/staff/lost-id/phone" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="step" value="confirm" />
          {carried.map((k) => (
            <input key={k} type="hidden" name={k} value={values[k] ?? ''} />
          ))}
          <CheckboxGroup ctx={ctx} state={state} name="readBack" label={t('lostid.phone.readBack')} options={[{ value: '1', label: t('lostid.phone.readBackYes') }]} />
          <Button>{t('lostid.phone.record')}</Button>
        </form>
        <form method="post" action="/staff/lost-id/phone" class="inline-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="step" value="edit" />
          {carried.map((k) => (
            <input key={k} type="hidden" name={k} value={values[k] ?? ''} />
          ))}
          <button type="submit" class="link-button">
            {t('lostid.phone.change')}
          </button>
        </form>
      </div>
    </Shell>
  );
}

/** Step 3: recorded. The password is shown here once when it was not e-mailed, and never again. */
export function PhoneDonePage({ ctx, reference, reportedAt, password, email }: { ctx: ViewContext; reference: string; reportedAt: string; password: string | null; email: string | null }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('lostid.phone.done')} variant="staff" crumbs={phoneCrumbs(ctx, t('lostid.phone.done'))}>
      <div class="confirmation" role="status">
        <h1>{t('lostid.phone.done')}</h1>
        <p class="lead">{t('lostid.doneLead', { time: showInstant(reportedAt, ctx.locale), reference })}</p>
      </div>
      {password ? (
        <div class="notice">
          <p>{t('lostid.phone.readOutNow')}</p>
          <p class="lead">
            {t('lostid.password')}：<strong class="secret">{password}</strong>
          </p>
          <p class="muted">{t('lostid.phone.onceOnly')}</p>
        </div>
      ) : (
        <p>{t('lostid.phone.emailed', { email: email ?? '' })}</p>
      )}
      <p>
        <a href="/staff/lost-id/phone">{t('lostid.phone.another')}</a>
      </p>
    </Shell>
  );
}
