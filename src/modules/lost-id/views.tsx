import type { ViewContext } from '../../platform/http/context.js';
import { showInstant } from '../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../platform/layout/forms.js';
import { Shell } from '../../platform/layout/Shell.js';

const crumbs = (ctx: ViewContext, label: string) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/lost-id', label: ctx.t('lostid.title') }, { label }];

export function ReportPage({ ctx, state }: { ctx: ViewContext; state?: FormState | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('lostid.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('lostid.title') }]}>
      <div class="narrow">
        <h1>{t('lostid.title')}</h1>
        <p class="lead">{t('lostid.lead')}</p>
        <p>
          <a href="/lost-id/status">{t('lostid.status')}</a>　<a href="/lost-id/revoke">{t('lostid.revoke')}</a>
        </p>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/lost-id" class="form" novalidate>
          <CsrfField ctx={ctx} />
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

export function StaffListPage({ ctx, rows }: { ctx: ViewContext; rows: { id: number; reference: string; reportedAt: string; name: string; idMasked: string }[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('lostid.staffTitle')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('lostid.staffTitle') }]}>
      <h1>{t('lostid.staffTitle')}</h1>
      {rows.length === 0 ? (
        <p class="muted">{t('table.empty')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('lostid.staffTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lostid.reference')}</th>
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
      )}
    </Shell>
  );
}
