import type { ViewContext } from '../../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState, RadioGroup, TextField } from '../../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { COLUMN_NAMES, type CsvProblem, KIND_WORDS, MAX_CSV_ROWS, REQUIRED_COLUMNS } from '../csv.js';
import { ENTRY_FIELDS } from '../form.js';
import { ABROAD_NOTICE_DAYS, DEADLINE_DAYS, REMINDER_KINDS } from '../rules.js';
import { BASE, crumbs, officeQuery } from './shared.js';

/** The add form: one person the office must remind, and the report that says so. */
export function ReminderAddPage({ ctx, choice, state }: { ctx: ViewContext; choice: OfficeChoice; state?: FormState | undefined }) {
  const { t } = ctx;
  const title = t('notify.reminders.add');
  const labels = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, t(`notify.reminders.f.${f}`)]));
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <div class="narrow">
        <h1>{title}</h1>
        <OfficePicker ctx={ctx} action={`${BASE}/new`} choice={choice} />
        <p>
          <a href={`${BASE}/import${officeQuery(choice)}`}>{t('notify.reminders.importInstead')}</a>
        </p>
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <form method="post" action={BASE} class="form" novalidate>
          <CsrfField ctx={ctx} />
          <OfficeField choice={choice} />
          <RadioGroup
            ctx={ctx}
            state={state}
            name="kind"
            label={labels.kind ?? ''}
            options={REMINDER_KINDS.map((k) => ({ value: k, label: t(`notify.reminders.kind.${k}`), hint: t(`notify.reminders.kindHint.${k}`, { days: DEADLINE_DAYS[k], notice: ABROAD_NOTICE_DAYS }) }))}
          />
          <TextField ctx={ctx} state={state} name="eventDate" label={labels.eventDate ?? ''} hint={t('notify.reminders.f.eventDateHint')} width="medium" maxLength={20} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="sourceRef" label={labels.sourceRef ?? ''} hint={t('notify.reminders.f.sourceRefHint')} maxLength={80} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="name" label={labels.name ?? ''} hint={t('notify.reminders.f.nameHint')} width="medium" maxLength={60} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="idNumber" label={labels.idNumber ?? ''} required={false} width="medium" maxLength={20} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="address" label={labels.address ?? ''} hint={t('notify.reminders.f.addressHint')} maxLength={200} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="phone" type="tel" label={labels.phone ?? ''} hint={t('notify.reminders.f.phoneHint')} required={false} width="medium" maxLength={30} autocomplete="off" />
          <TextField ctx={ctx} state={state} name="email" type="email" label={labels.email ?? ''} required={false} width="medium" maxLength={254} autocomplete="off" />
          <Button>{t('notify.reminders.addSubmit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

function Columns({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={t('notify.reminders.csv.columns')}>
      <table class="table table-compact">
        <caption>{t('notify.reminders.csv.columns')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notify.reminders.csv.column')}</th>
            <th scope="col" class="nowrap">
              {t('notify.reminders.csv.required')}
            </th>
            <th scope="col">{t('notify.reminders.csv.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {ENTRY_FIELDS.map((f) => (
            <tr key={f}>
              <th scope="row">
                {COLUMN_NAMES[f][0]}
                <br />
                <span class="muted" lang="en">
                  {COLUMN_NAMES[f][1]}
                </span>
              </th>
              <td class="nowrap">{REQUIRED_COLUMNS.includes(f) ? t('notify.reminders.csv.yes') : t('notify.reminders.csv.no')}</td>
              <td>
                {f === 'kind'
                  ? t('notify.reminders.csv.kindValues', { values: REMINDER_KINDS.map((k) => `${KIND_WORDS[k][0]}（${k}）`).join(t('notify.reminders.csv.sep')) })
                  : t(`notify.reminders.csv.about.${f}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Problems({ ctx, problems }: { ctx: ViewContext; problems: CsvProblem[] }) {
  const { t } = ctx;
  return (
    <div class="error-summary" role="alert" aria-labelledby="csv-problems-title" tabIndex={-1} autofocus>
      <h2 id="csv-problems-title">{t('notify.reminders.csv.problems', { n: problems.length })}</h2>
      <p>{t('notify.reminders.csv.nothingStored')}</p>
      <ul>
        {problems.slice(0, 200).map((p, i) => (
          <li key={i}>
            {p.line > 0 ? t('notify.reminders.csv.at', { line: p.line }) : ''}
            {p.field ? `${t(`notify.reminders.f.${p.field}`)}${ctx.locale === 'en' ? ': ' : '：'}` : ''}
            {t(p.key, p.params)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The CSV upload of a hospital's or court's list: the columns explained, an example file, the problems of a refused file by row and column. */
export function ReminderImportPage({ ctx, choice, problems, fileError }: { ctx: ViewContext; choice: OfficeChoice; problems?: CsvProblem[] | undefined; fileError?: string | undefined }) {
  const { t } = ctx;
  const title = t('notify.reminders.import');
  const state: FormState | undefined = fileError ? { values: {}, errors: [{ field: 'file', key: fileError }] } : undefined;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <OfficePicker ctx={ctx} action={`${BASE}/import`} choice={choice} />
      {problems && problems.length > 0 ? <Problems ctx={ctx} problems={problems} /> : <ErrorSummary ctx={ctx} state={state} />}
      <div class="prose">
        <p>{t('notify.reminders.csv.lead', { max: MAX_CSV_ROWS })}</p>
        <p>
          <a href={`${BASE}/import/sample.csv`} download="reminders-sample.csv">
            {t('notify.reminders.csv.sample')}
          </a>
        </p>
      </div>
      <Columns ctx={ctx} />
      <form method="post" action={`${BASE}/import${officeQuery(choice)}`} class="form narrow" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        <FileField ctx={ctx} state={state} name="file" label={t('notify.reminders.csv.file')} hint={t('notify.reminders.csv.fileHint')} accept=".csv,text/csv" />
        <Button>{t('notify.reminders.csv.submit')}</Button>
      </form>
    </Shell>
  );
}
