import type { ViewContext } from '../../platform/http/context.js';
import { showInstant } from '../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, TextArea, TextField } from '../../platform/layout/forms.js';
import { Shell } from '../../platform/layout/Shell.js';
import { type FieldDef, FORM_CODES, FORMS, type FormCode, fieldsOf, titleKey } from './defs.js';

const home = (ctx: ViewContext) => ({ href: '/', label: ctx.t('nav.home') });
const formsCrumb = (ctx: ViewContext) => ({ href: '/forms', label: ctx.t('forms.title') });

export function IndexPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('forms.title')} crumbs={[home(ctx), { label: t('forms.title') }]}>
      <h1>{t('forms.title')}</h1>
      <p class="lead">{t('forms.lead')}</p>
      <ul class="card-grid">
        {FORM_CODES.map((code) => (
          <li class="card" key={code}>
            <a href={`/forms/${code}`}>
              <span class="card-title">{t(titleKey(code))}</span>
              <span class="card-desc">{t(`forms.desc.${code}`)}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/forms/draft">{t('forms.draftOpen')}</a>
      </p>
    </Shell>
  );
}

function Field({ ctx, state, f }: { ctx: ViewContext; state: FormState | undefined; f: FieldDef }) {
  const { t } = ctx;
  const common = { ctx, state, name: f.name, label: t(`forms.f.${f.name}`), required: !f.optional };
  switch (f.kind) {
    case 'id':
      return <TextField {...common} hint={t('forms.hint.id')} width="medium" autocomplete="off" maxLength={20} />;
    case 'date':
    case 'birthDate':
      return <TextField {...common} hint={t('forms.hint.date')} width="medium" autocomplete={f.name === 'applicantBirth' ? 'bday' : 'off'} maxLength={20} />;
    case 'phone':
      return <TextField {...common} type="tel" width="medium" autocomplete="tel" maxLength={20} />;
    case 'count':
      return <TextField {...common} width="short" inputMode="numeric" maxLength={2} />;
    case 'choice':
      return <RadioGroup {...common} inline options={(f.options ?? []).map((o) => ({ value: o, label: t(`forms.opt.${f.name}.${o}`) }))} />;
    case 'long':
      return <TextArea {...common} rows={3} maxLength={f.max} />;
    default:
      return (
        <TextField
          {...common}
          hint={f.name === 'partialNames' ? t('forms.hint.partialNames') : undefined}
          autocomplete={f.name === 'applicantName' ? 'name' : f.name === 'applicantAddress' ? 'street-address' : 'off'}
          maxLength={f.max}
        />
      );
  }
}

export interface FormPageProps {
  ctx: ViewContext;
  code: FormCode;
  state?: FormState | undefined;
  /** where the form posts: /forms/<code> for citizens, /staff/forms/<draft> at the counter */
  action: string;
  staff?: boolean;
  /** the draft this page was opened from */
  draftCode?: string | undefined;
}

/** One application form, in the paper form's sections; the page posts (ID numbers never travel in a URL). */
export function FormPage({ ctx, code, state, action, staff, draftCode }: FormPageProps) {
  const { t } = ctx;
  const def = FORMS[code];
  const title = t(titleKey(code));
  const labels = Object.fromEntries(fieldsOf(def).map((f) => [f.name, t(`forms.f.${f.name}`)]));
  const crumbs = staff ? [{ href: '/staff', label: t('staff.title') }, { href: '/staff/forms', label: t('forms.staffTitle') }, { label: title }] : [home(ctx), formsCrumb(ctx), { label: title }];
  return (
    <Shell ctx={ctx} title={title} variant={staff ? 'staff' : 'public'} crumbs={crumbs} styles={['forms']}>
      <div class="narrow">
        <h1>{title}</h1>
        <p class="lead">{t(`forms.desc.${code}`)}</p>
        <p>
          <a href={`/guides/${def.guide}`}>{t('forms.guide')}</a>
        </p>
        {draftCode ? (
          <div class="notice" role="status">
            <p>{t('forms.draftOpened', { code: draftCode })}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <form method="post" action={action} class="form" novalidate>
          <CsrfField ctx={ctx} />
          {def.sections.map((s) => (
            <fieldset class="forms-section" key={s.key}>
              <legend>{t(`forms.section.${s.key}`)}</legend>
              {s.fields.map((f) => (
                <Field key={f.name} ctx={ctx} state={state} f={f} />
              ))}
            </fieldset>
          ))}
          <div class="actions">
            <Button name="action" value="print">
              {t('forms.print')}
            </Button>
            {staff ? null : (
              <Button name="action" value="draft" variant="secondary">
                {t('forms.saveDraft')}
              </Button>
            )}
          </div>
          {staff ? null : <p class="field-hint">{t('forms.draftHint')}</p>}
        </form>
      </div>
    </Shell>
  );
}

export function DraftSavedPage({ ctx, code, expiresAt }: { ctx: ViewContext; code: string; expiresAt: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('forms.draftSaved')} crumbs={[home(ctx), formsCrumb(ctx), { label: t('forms.draftSaved') }]}>
      <div class="confirmation" role="status">
        <h1>{t('forms.draftSaved')}</h1>
        <p class="lead">{t('forms.draftCode', { code })}</p>
      </div>
      <p>{t('forms.draftSavedLead', { until: showInstant(expiresAt, ctx.locale) })}</p>
      <p>
        <a href={`/forms/draft/${code}`}>{t('forms.draftContinue')}</a>
      </p>
    </Shell>
  );
}

/** Asks for a draft's code; GET, so it works without script and a code is not a secret like an ID number. */
export function OpenDraftPage({ ctx, state, staff, prints }: { ctx: ViewContext; state?: FormState | undefined; staff?: boolean; prints?: PrintCounts | undefined }) {
  const { t } = ctx;
  const title = staff ? t('forms.staffTitle') : t('forms.draftOpen');
  const crumbs = staff ? [{ href: '/staff', label: t('staff.title') }, { label: title }] : [home(ctx), formsCrumb(ctx), { label: title }];
  return (
    <Shell ctx={ctx} title={title} variant={staff ? 'staff' : 'public'} crumbs={crumbs}>
      <div class="narrow">
        <h1>{title}</h1>
        <p>{t('forms.draftOpenLead')}</p>
        <ErrorSummary ctx={ctx} state={state} />
        <form method="get" action={staff ? '/staff/forms' : '/forms/draft'} class="form">
          <TextField ctx={ctx} state={state} name="code" label={t('forms.draftCodeLabel')} width="short" autocomplete="off" maxLength={12} />
          <Button>{t('forms.draftOpenSubmit')}</Button>
        </form>
        {prints ? <PrintTable ctx={ctx} prints={prints} /> : null}
      </div>
    </Shell>
  );
}

export interface PrintCounts {
  month: string;
  rows: { form: string; printed: number }[];
}

/** Forms printed this month (all offices and the public site together): counts only. */
function PrintTable({ ctx, prints }: { ctx: ViewContext; prints: PrintCounts }) {
  const { t } = ctx;
  const count = new Map(prints.rows.map((r) => [r.form, r.printed]));
  const caption = t('forms.printsTitle', { month: prints.month });
  return (
    <section aria-label={caption}>
      <h2>{caption}</h2>
      <table class="table table-compact">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('forms.printsForm')}</th>
            <th scope="col">{t('forms.printsCount')}</th>
          </tr>
        </thead>
        <tbody>
          {FORM_CODES.map((code) => (
            <tr key={code}>
              <th scope="row">{t(titleKey(code))}</th>
              <td>{count.get(code) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
