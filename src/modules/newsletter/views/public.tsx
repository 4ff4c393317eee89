import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { CONFIRM_DAYS } from '../model.js';

const crumbs = (ctx: ViewContext, officeCode?: string, last?: string) => [
  { href: officeCode ? `/o/${officeCode}` : '/', label: ctx.t('nav.home') },
  ...(last ? [{ href: officeCode ? `/o/${officeCode}/newsletter` : '/newsletter', label: ctx.t('newsletter.title') }, { label: last }] : [{ label: ctx.t('newsletter.title') }]),
];

/** The subscription form, county-wide (/newsletter) or from an office's pages (/o/<office>/newsletter): one list either way. */
export function SubscribePage({ ctx, state, officeCode }: { ctx: ViewContext; state?: FormState | undefined; officeCode?: string | undefined }) {
  const { t } = ctx;
  const values = state ?? { values: { locale: ctx.locale }, errors: [] };
  return (
    <Shell ctx={ctx} title={t('newsletter.title')} crumbs={crumbs(ctx, officeCode)}>
      <div class="narrow">
        <h1>{t('newsletter.title')}</h1>
        <p class="lead">{t('newsletter.lead')}</p>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action={officeCode ? `/o/${officeCode}/newsletter` : '/newsletter'} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={values} name="email" type="email" label={t('newsletter.email')} hint={t('newsletter.emailHint')} autocomplete="email" inputMode="email" maxLength={254} />
          <RadioGroup
            ctx={ctx}
            state={values}
            name="locale"
            label={t('newsletter.locale')}
            inline
            options={[
              { value: 'zh-Hant', label: t('newsletter.locale.zh-Hant') },
              { value: 'en', label: t('newsletter.locale.en') },
            ]}
          />
          <p class="field-hint">{t('newsletter.privacy')}</p>
          <Button>{t('newsletter.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export function MessagePage({ ctx, titleKey, leadKey, params, officeCode, again }: { ctx: ViewContext; titleKey: string; leadKey: string; params?: Record<string, string | number>; officeCode?: string | undefined; again?: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t(titleKey)} crumbs={crumbs(ctx, officeCode, t(titleKey))}>
      <div class="confirmation" role="status">
        <h1>{t(titleKey)}</h1>
        <p class="lead">{t(leadKey, { days: CONFIRM_DAYS, ...params })}</p>
      </div>
      {again ? (
        <p>
          <a href="/newsletter">{t('newsletter.again')}</a>
        </p>
      ) : null}
    </Shell>
  );
}

/** A page with one button that POSTs back to the same link: confirming, or unsubscribing (link scanners only GET). */
export function OneButtonPage({ ctx, titleKey, lead, buttonKey, action }: { ctx: ViewContext; titleKey: string; lead: string; buttonKey: string; action: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t(titleKey)} crumbs={crumbs(ctx, undefined, t(titleKey))}>
      <div class="narrow">
        <h1>{t(titleKey)}</h1>
        <p class="lead">{lead}</p>
        <form method="post" action={action} class="form">
          <CsrfField ctx={ctx} />
          <Button>{t(buttonKey)}</Button>
        </form>
      </div>
    </Shell>
  );
}
