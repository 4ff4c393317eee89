import type { ViewContext } from '../../../platform/http/context.js';
import { BareShell, LangSwitch } from '../../../platform/layout/BareShell.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, TextArea } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { PROFILE, type Questionnaire } from '../definition.js';

export interface SurveyForm {
  action: string;
  title: string;
  q: Questionnaire;
  hidden: Record<string, string>;
  visitNote: string | null;
}

const SCALE = ['5', '4', '3', '2', '1'];

function Questions({ ctx, form, state }: { ctx: ViewContext; form: SurveyForm; state?: FormState | undefined }) {
  const { t } = ctx;
  const en = ctx.locale === 'en';
  return (
    <form method="post" action={form.action} class="form survey-form" novalidate>
      <CsrfField ctx={ctx} />
      {Object.entries(form.hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {form.q.sections.map((section, si) => (
        <section key={`s${si}`} aria-label={(en ? section.en : section.zh) || form.title}>
          {section.zh ? <h2>{en ? section.en : section.zh}</h2> : null}
          {form.q.questions
            .filter((q) => q.section === si)
            .map((q) => {
              const label = en ? q.en : q.zh;
              if (q.type === 'text') return <TextArea key={q.key} ctx={ctx} state={state} name={q.key} label={label} required={false} rows={3} maxLength={500} />;
              if (q.type === 'multi') return <CheckboxGroup key={q.key} ctx={ctx} state={state} name={q.key} label={label} required={q.required} options={q.options.map((o) => ({ value: o.value, label: en ? o.en : o.zh }))} />;
              const options = q.type === 'scale' ? SCALE.map((v) => ({ value: v, label: t(`surveys.scale.${v}`) })) : q.options.map((o) => ({ value: o.value, label: en ? o.en : o.zh }));
              return <RadioGroup key={q.key} ctx={ctx} state={state} name={q.key} label={label} required={q.required} inline={q.type === 'scale'} options={options} />;
            })}
        </section>
      ))}
      <section aria-label={t('surveys.profile.title')}>
        <h2>{t('surveys.profile.title')}</h2>
        <p class="muted">{t('surveys.profile.optional')}</p>
        <RadioGroup ctx={ctx} state={state} name="gender" label={t('surveys.profile.gender')} required={false} inline options={PROFILE.gender.map((g) => ({ value: g, label: t(`surveys.profile.gender.${g}`) }))} />
        <RadioGroup ctx={ctx} state={state} name="age" label={t('surveys.profile.age')} required={false} inline options={PROFILE.age.map((g) => ({ value: g, label: t(`surveys.profile.age.${g}`) }))} />
        <RadioGroup ctx={ctx} state={state} name="identity" label={t('surveys.profile.identity')} required={false} inline options={PROFILE.identity.map((g) => ({ value: g, label: t(`surveys.profile.identity.${g}`) }))} />
      </section>
      <p class="muted">{t('surveys.consent')}</p>
      <Button>{t('surveys.send')}</Button>
    </form>
  );
}

export function SurveyPage({ ctx, form, state }: { ctx: ViewContext; form: SurveyForm; state?: FormState | undefined }) {
  return (
    <Shell ctx={ctx} title={form.title} crumbs={[{ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: ctx.t('nav.home') }, { label: form.title }]}>
      <div class="narrow">
        <h1>{form.title}</h1>
        <p class="lead">{ctx.t('surveys.lead')}</p>
        {form.visitNote ? <p class="notice">{form.visitNote}</p> : null}
        <ErrorSummary ctx={ctx} state={state} />
        <Questions ctx={ctx} form={form} state={state} />
      </div>
    </Shell>
  );
}

/** The tablet at the counter: big targets, no site chrome, back to a blank form after each person. */
export function KioskSurveyPage({ ctx, form, state }: { ctx: ViewContext; form: SurveyForm; state?: FormState | undefined }) {
  return (
    <BareShell ctx={ctx} title={form.title} bodyClass="kiosk survey-kiosk" styles={['queue']}>
      <main class="kiosk-main">
        <header class="kiosk-head">
          <p class="kiosk-office">{ctx.office?.name}</p>
          <LangSwitch ctx={ctx} />
        </header>
        <h1>{form.title}</h1>
        <ErrorSummary ctx={ctx} state={state} />
        <Questions ctx={ctx} form={form} state={state} />
      </main>
    </BareShell>
  );
}

export function ThanksPage({ ctx, kioskBack, messageKey = 'surveys.thanks' }: { ctx: ViewContext; kioskBack: string | null; messageKey?: string }) {
  const { t } = ctx;
  const body = (
    <div class="panel panel-success" role="status">
      <h1>{t(messageKey)}</h1>
      {kioskBack ? <p>{t('surveys.kioskNext')}</p> : null}
    </div>
  );
  if (kioskBack) {
    return (
      <BareShell ctx={ctx} title={t(messageKey)} bodyClass="kiosk survey-kiosk" styles={['queue']} scripts={['kiosk']}>
        <main class="kiosk-main" data-back={kioskBack} data-back-after="8">
          {body}
          <p>
            <a class="kiosk-back" href={kioskBack}>
              {t('surveys.kioskAgain')}
            </a>
          </p>
        </main>
      </BareShell>
    );
  }
  return (
    <Shell ctx={ctx} title={t(messageKey)} crumbs={[{ href: '/', label: t('nav.home') }, { label: t(messageKey) }]}>
      <div class="narrow">{body}</div>
    </Shell>
  );
}
