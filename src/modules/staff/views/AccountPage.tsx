import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';

export function AccountPage({ ctx, state }: { ctx: ViewContext; state?: FormState | undefined }) {
  const { t } = ctx;
  const staff = ctx.staff!;
  return (
    <Shell ctx={ctx} title={t('account.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('account.title') }]}>
      <div class="narrow">
        <h1>{t('account.title')}</h1>
        {staff.mustChangePassword ? (
          <div class="notice" role="status">
            <p>{t('account.mustChange')}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/account" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="current" type="password" label={t('account.current')} autocomplete="current-password" width="medium" />
          <TextField
            ctx={ctx}
            state={state}
            name="next"
            type="password"
            label={t('account.new')}
            hint={t('account.newHint')}
            autocomplete="new-password"
            width="medium"
          />
          <TextField ctx={ctx} state={state} name="confirm" type="password" label={t('account.confirm')} autocomplete="new-password" width="medium" />
          <Button>{t('account.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}
