import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';

export function SetupPage({ ctx, state, needCounty, hasToken }: { ctx: ViewContext; state?: FormState | undefined; needCounty: boolean; hasToken: boolean }) {
  const { t } = ctx;
  const labels = {
    token: t('setup.token'),
    countyName: t('setup.countyName'),
    countyNameEn: t('setup.countyNameEn'),
    countyCode: t('setup.countyCode'),
    username: t('setup.username'),
    displayName: t('setup.displayName'),
    password: t('setup.password'),
    confirm: t('setup.confirm'),
  };
  return (
    <Shell ctx={ctx} title={t('setup.title')}>
      <div class="narrow">
        <h1>{t('setup.title')}</h1>
        <p class="lead">{t('setup.lead')}</p>
        {hasToken ? null : <AlertBox message={t('setup.noToken')} />}
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <form method="post" action="/setup" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="token" type="password" autocomplete="off" label={labels.token} hint={t('setup.tokenHint')} />
          {needCounty ? (
            <fieldset class="choices">
              <legend>{t('setup.countyTitle')}</legend>
              <p class="field-hint">{t('setup.countyLead')}</p>
              <TextField ctx={ctx} state={state} name="countyName" label={labels.countyName} maxLength={40} width="medium" />
              <TextField ctx={ctx} state={state} name="countyNameEn" label={labels.countyNameEn} hint={t('setup.countyNameEnHint')} required={false} maxLength={80} width="medium" />
              <TextField ctx={ctx} state={state} name="countyCode" label={labels.countyCode} hint={t('setup.countyCodeHint')} maxLength={40} width="medium" autocomplete="off" />
            </fieldset>
          ) : null}
          <fieldset class="choices">
            <legend>{t('setup.adminTitle')}</legend>
            <TextField ctx={ctx} state={state} name="username" label={labels.username} hint={t('setup.usernameHint')} autocomplete="username" maxLength={40} width="medium" />
            <TextField ctx={ctx} state={state} name="displayName" label={labels.displayName} autocomplete="name" maxLength={60} width="medium" />
            <TextField ctx={ctx} state={state} name="password" type="password" label={labels.password} hint={t('setup.passwordHint')} autocomplete="new-password" width="medium" />
            <TextField ctx={ctx} state={state} name="confirm" type="password" label={labels.confirm} autocomplete="new-password" width="medium" />
          </fieldset>
          <Button>{t('setup.submit')}</Button>
        </form>
        <section aria-labelledby="setup-cli">
          <h2 id="setup-cli">{t('setup.cliTitle')}</h2>
          <p>{t('setup.cliLead')}</p>
          <p>
            <code>{'HUZHENG_PASSWORD=… npm run cli -- user add --username admin --role system_admin --name "…"'}</code>
          </p>
        </section>
      </div>
    </Shell>
  );
}
