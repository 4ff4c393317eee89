import { can } from '../../../platform/auth/roles.js';
import { showPeriod } from '../../../platform/layout/dates.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { GenderTable } from '../gender.js';
import type { GroupSummary } from '../report.js';

export const staffCrumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/surveys', label: ctx.t('surveys.staff.title') }, { label: last }] : [{ label: ctx.t('surveys.staff.title') }]),
];

const mayManage = (ctx: ViewContext) => (ctx.staff ? can(ctx.staff.role, 'surveys.manage') : false);
const mayReport = (ctx: ViewContext) => (ctx.staff ? can(ctx.staff.role, 'surveys.report') : false);

export function SurveyNav({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <SubNav
      ctx={ctx}
      label={t('surveys.staff.title')}
      links={[
        ['/staff/surveys', t('surveys.staff.list')],
        // only the pages this person may open (a clerk answers questionnaires, a supervisor up manages them)
        ...(mayManage(ctx)
          ? ([
              ['/staff/surveys/new', t('surveys.staff.new')],
              ['/staff/surveys/phone-tests', t('surveys.staff.phone')],
            ] as [string, string][])
          : []),
      ]}
    />
  );
}

/** County staff pick the office a page is about with ?office= (the choice rides along on the page's forms). */
export interface OfficeChoice {
  officeCode: string;
  offices: { value: string; label: string }[];
  /** the first option is "every office" */
  all?: boolean;
}

function OfficePicker({ ctx, action, choice }: { ctx: ViewContext; action: string; choice: OfficeChoice }) {
  if (choice.offices.length < 2) return null;
  const options = choice.all ? [{ value: '', label: ctx.t('surveys.r.all') }, ...choice.offices] : choice.offices;
  return (
    <form method="get" action={action} class="filter-bar">
      <SelectField ctx={ctx} state={{ values: { office: choice.officeCode }, errors: [] }} name="office" label={ctx.t('surveys.r.office')} required={!choice.all} options={options} />
      <Button variant="secondary">{ctx.t('surveys.r.show')}</Button>
    </form>
  );
}

export interface ListItem {
  id: number;
  title: string;
  kind: string;
  status: string;
  scope: string;
  version: number | null;
  responses: number;
  links: { web: string; kiosk: string | null; qrSvg: string } | null;
}

export function ListPage({ ctx, rows, canManage, choice }: { ctx: ViewContext; rows: ListItem[]; canManage: boolean; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('surveys.staff.title')} variant="staff" crumbs={staffCrumbs(ctx)}>
      <h1>{t('surveys.staff.title')}</h1>
      <SurveyNav ctx={ctx} />
      <OfficePicker ctx={ctx} action="/staff/surveys" choice={choice} />
      <ul class="request-list">
        {rows.map((r) => (
          <li key={r.id} class="request-card">
            <h2 class="h3">
              {r.title} <span class="muted">v{r.version ?? '—'}</span>
            </h2>
            <p>
              {t(`surveys.kind.${r.kind}`)} · {r.scope} · {t(`surveys.status.${r.status}`)} · {t('surveys.staff.responses', { n: r.responses })}
            </p>
            <p class="actions">
              {mayReport(ctx) ? <a href={`/staff/surveys/${r.id}/report`}>{t('surveys.staff.report')}</a> : null}
              {canManage ? <a href={`/staff/surveys/${r.id}/edit`}>{t('surveys.staff.edit')}</a> : null}
              {r.kind === 'staff' && r.status === 'open' ? <a href={`/staff/surveys/${r.id}/answer`}>{t('surveys.staff.answer')}</a> : null}
            </p>
            {r.links ? (
              <div class="booking-qr">
                {/* the QR for posters and the counter: it leads to the web form */}
                <div class="qr" role="img" aria-label={t('surveys.staff.qr')} dangerouslySetInnerHTML={{ __html: r.links.qrSvg }} />
                <p>
                  {t('punct.labelled', { label: t('surveys.staff.web'), value: '' })}
                  <a href={r.links.web}>{r.links.web}</a>
                  {r.links.kiosk ? (
                    <>
                      <br />
                      {t('punct.labelled', { label: t('surveys.staff.kiosk'), value: '' })}
                      <a href={r.links.kiosk}>{t('surveys.staff.kioskOpen')}</a>
                    </>
                  ) : null}
                </p>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </Shell>
  );
}

export function EditPage({ ctx, id, state, scopes }: { ctx: ViewContext; id: number | null; state: FormState; scopes: { value: string; label: string }[] }) {
  const { t } = ctx;
  const title = id ? t('surveys.staff.edit') : t('surveys.staff.new');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <SurveyNav ctx={ctx} />
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={id ? `/staff/surveys/${id}` : '/staff/surveys'} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {id ? null : (
          <>
            <SelectField ctx={ctx} state={state} name="kind" label={t('surveys.f.kind')} options={['service', 'courtesy', 'facilities', 'online', 'staff'].map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))} />
            <SelectField ctx={ctx} state={state} name="scope" label={t('surveys.f.scope')} options={scopes} />
          </>
        )}
        <TextField ctx={ctx} state={state} name="titleZh" label={t('surveys.f.titleZh')} maxLength={100} />
        <TextField ctx={ctx} state={state} name="titleEn" label={t('surveys.f.titleEn')} maxLength={100} />
        <SelectField ctx={ctx} state={state} name="status" label={t('surveys.f.status')} options={['draft', 'open', 'closed'].map((k) => ({ value: k, label: t(`surveys.status.${k}`) }))} />
        <TextField ctx={ctx} state={state} name="minGroup" type="number" label={t('surveys.f.minGroup')} hint={t('surveys.f.minGroupHint')} width="short" maxLength={3} />
        <TextArea ctx={ctx} state={state} name="definition" label={t('surveys.f.definition')} hint={t('surveys.f.definitionHint')} rows={16} maxLength={20000} />
        <details class="notice">
          <summary>{t('surveys.f.syntax')}</summary>
          <pre class="syntax">{t('surveys.f.syntaxBody')}</pre>
        </details>
        <Button>{t('surveys.f.save')}</Button>
      </form>
    </Shell>
  );
}

const GENDERS = ['female', 'male', 'other', 'none', ''];

export function GenderPage({ ctx, surveyId, g, quarters, serviceName }: { ctx: ViewContext; surveyId: number; g: GenderTable; quarters: string[]; serviceName: (c: string) => string }) {
  const { t } = ctx;
  // n= is questionnaires; the rate is over their scale answers
  const cell = (s: GroupSummary | undefined) => (s?.n ? `${s.rate}%（n=${s.responses}）` : '—');
  const cols = (label: string) => [{ header: label, cell: (r: { label: string }) => r.label }, ...GENDERS.map((x) => ({ header: t(`surveys.profile.gender.${x || 'unknown'}`), cell: (r: { cells: Record<string, GroupSummary | undefined> }) => cell(r.cells[x]) }))];
  return (
    <Shell ctx={ctx} title={t('surveys.gender.title')} variant="staff" crumbs={staffCrumbs(ctx, t('surveys.gender.title'))}>
      <h1>
        {t('surveys.gender.title')} <span class="muted">{showPeriod(g.quarter, ctx.locale)}</span>
      </h1>
      <SurveyNav ctx={ctx} />
      <form method="get" action={`/staff/surveys/${surveyId}/gender`} class="filter-bar">
        <SelectField ctx={ctx} state={{ values: { quarter: g.quarter }, errors: [] }} name="quarter" label={t('surveys.gender.quarter')} options={quarters.map((q) => ({ value: q, label: showPeriod(q, ctx.locale) }))} />
        <Button variant="secondary">{t('surveys.r.show')}</Button>
      </form>
      <p>
        <a href={`/staff/surveys/${surveyId}/gender.ods?quarter=${g.quarter}`}>ODS</a> · <a href={`/staff/surveys/${surveyId}/gender.pdf?quarter=${g.quarter}`}>PDF</a>
      </p>
      <section class="notice">
        <h2 class="h3">{t('surveys.gender.summary')}</h2>
        {g.summary.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </section>
      <Table ctx={ctx} caption={t('surveys.gender.byService')} rows={[...g.byService.map((r) => ({ label: serviceName(r.key), cells: r.cells })), { label: t('surveys.gender.total'), cells: g.totals }]} rowKey={(r) => r.label} columns={cols(t('surveys.r.service'))} />
      <Table ctx={ctx} caption={t('surveys.gender.byAge')} rows={g.byAge.map((r) => ({ label: t(`surveys.profile.age.${r.key || 'unknown'}`), cells: r.cells }))} rowKey={(r) => r.label} columns={cols(t('surveys.profile.age'))} />
      <p class="muted">{t('surveys.gender.note')}</p>
    </Shell>
  );
}

export const PHONE_CHECKS = ['greeting', 'name', 'courtesy', 'answer', 'transfer', 'closing'] as const;

export function PhoneTestsPage({ ctx, rows, state, choice }: { ctx: ViewContext; rows: { id: number; calledAt: string; answeredBy: string; score: number; passed: string[]; note: string | null }[]; state?: FormState | undefined; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('surveys.staff.phone')} variant="staff" crumbs={staffCrumbs(ctx, t('surveys.staff.phone'))}>
      <h1>{t('surveys.staff.phone')}</h1>
      <SurveyNav ctx={ctx} />
      <p class="lead">{t('surveys.phone.lead')}</p>
      <OfficePicker ctx={ctx} action="/staff/surveys/phone-tests" choice={choice} />
      <Table
        ctx={ctx}
        caption={t('surveys.staff.phone')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('surveys.phone.calledAt'), cell: (r) => showInstant(r.calledAt, ctx.locale) },
          { header: t('surveys.phone.answeredBy'), cell: (r) => r.answeredBy },
          { header: t('surveys.phone.score'), cell: (r) => r.score, numeric: true },
          { header: t('surveys.phone.checks'), cell: (r) => r.passed.map((p) => t(`surveys.phone.check.${p}`)).join('、') || '—' },
          { header: t('surveys.phone.note'), cell: (r) => r.note ?? '' },
        ]}
      />
      <h2>{t('surveys.phone.add')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/surveys/phone-tests" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="office" value={choice.officeCode} />
        <TextField ctx={ctx} state={state} name="calledAt" label={t('surveys.phone.calledAt')} hint={t('surveys.phone.calledAtHint')} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="answeredBy" label={t('surveys.phone.answeredBy')} hint={t('surveys.phone.answeredByHint')} maxLength={60} />
        <CheckboxGroup ctx={ctx} state={state} name="checks" label={t('surveys.phone.checks')} required={false} options={PHONE_CHECKS.map((c) => ({ value: c, label: t(`surveys.phone.check.${c}`) }))} />
        <TextArea ctx={ctx} state={state} name="note" label={t('surveys.phone.note')} required={false} rows={3} maxLength={500} />
        <Button>{t('surveys.phone.save')}</Button>
      </form>
    </Shell>
  );
}
