import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';

export function LoginPage({
  ctx,
  state,
  next,
  notice,
  demoHint,
}: {
  ctx: ViewContext;
  state?: FormState | undefined;
  next: string;
  notice?: string | undefined;
  demoHint?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('staff.login.title')} variant="staff">
      <div class="narrow">
        <h1>{t('staff.login.title')}</h1>
        {notice ? (
          <div class="notice" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/login" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <TextField ctx={ctx} state={state} name="username" label={t('staff.login.username')} autocomplete="username" width="medium" maxLength={60} />
          <TextField
            ctx={ctx}
            state={state}
            name="password"
            type="password"
            label={t('staff.login.password')}
            autocomplete="current-password"
            width="medium"
            maxLength={200}
          />
          <Button>{t('staff.login.submit')}</Button>
        </form>
        {demoHint ? <p class="demo-hint">{demoHint}</p> : null}
      </div>
    </Shell>
  );
}
