import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showPeriod } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../platform/layout/Table.js';
import type { CreateSource } from '../plan-forms.js';
import type { PlanLine } from '../plan-list.js';
import { stateWord } from '../plan-words.js';
import { planCrumbs, planHref } from './plan-parts.js';

export interface PlanListProps {
  ctx: ViewContext;
  year: number;
  years: number[];
  lines: PlanLine[];
  /** where a plan may be started (office codes, 'county'); empty: no create form */
  create: { value: string; label: string }[];
  createYears: number[];
  state: FormState;
}

function YearPicker({ ctx, year, years }: { ctx: ViewContext; year: number; years: number[] }) {
  const { t, locale } = ctx;
  return (
    <form method="get" action="/staff/plan" class="filter-form">
      <div class="field">
        <label for="f-year">{t('plan.year')}</label>
        <select id="f-year" name="year" class="input">
          {years.map((y) => (
            <option key={y} value={String(y)} selected={y === year}>
              {showPeriod(String(y), locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <Button variant="secondary">{t('plan.show')}</Button>
      </div>
    </form>
  );
}

function CreateForm({ ctx, options, years, state }: { ctx: ViewContext; options: { value: string; label: string }[]; years: number[]; state: FormState }) {
  const { t, locale } = ctx;
  const sources: { value: CreateSource; label: string; hint: string }[] = [
    { value: 'template:huxi103', label: t('plan.template.huxi103'), hint: t('plan.source.huxi103Hint') },
    { value: 'template:gsqa', label: t('plan.template.gsqa'), hint: t('plan.source.gsqaHint') },
    { value: 'last', label: t('plan.source.last'), hint: t('plan.source.lastHint') },
    { value: 'county', label: t('plan.source.county'), hint: t('plan.source.countyHint') },
    { value: 'blank', label: t('plan.source.blank'), hint: t('plan.source.blankHint') },
  ];
  const labels = { office: t('plan.create.office'), year: t('plan.year'), source: t('plan.create.source') };
  return (
    <form method="post" action="/staff/plan" class="form" novalidate>
      <h2>{t('plan.create.title')}</h2>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <SelectField ctx={ctx} state={state} name="office" label={labels.office} options={options} />
      <SelectField ctx={ctx} state={state} name="year" label={labels.year} options={years.map((y) => ({ value: String(y), label: showPeriod(String(y), locale) }))} />
      <RadioGroup ctx={ctx} state={state} name="source" label={labels.source} options={sources} />
      <div class="actions">
        <Button>{t('plan.create.submit')}</Button>
      </div>
    </form>
  );
}

export function PlanListPage({ ctx, year, years, lines, create, createYears, state }: PlanListProps) {
  const { t, locale } = ctx;
  const columns: Column<PlanLine>[] = [
    { header: t('plan.col.office'), cell: (l) => (l.office ? l.office.name : t('plan.countyPlan')) },
    { header: t('plan.col.plan'), cell: (l) => (l.plan ? <a href={planHref(l.plan.id)}>{l.plan.title}</a> : <span class="muted">{t('plan.notStarted')}</span>) },
    { header: t('plan.col.state'), cell: (l) => (l.plan ? <span class="tag">{stateWord(l.plan.state, t)}</span> : '—') },
    { header: t('plan.col.filed'), cell: (l) => (l.plan?.filedOn ? `${showDate(l.plan.filedOn, locale)} ${l.plan.filedDoc ?? ''}` : '—') },
    { header: t('plan.col.revision'), cell: (l) => (l.plan ? t('plan.revisionN', { n: l.plan.revision }) : '—') },
  ];
  const caption = t('plan.list.caption', { year: showPeriod(String(year), locale) });
  return (
    <Shell ctx={ctx} title={t('plan.list.title')} variant="staff" crumbs={planCrumbs(ctx, null).slice(0, 1).concat({ label: t('plan.list.title') })}>
      <h1>{t('plan.list.title')}</h1>
      <p class="muted">{t('plan.list.lead')}</p>
      <YearPicker ctx={ctx} year={year} years={years} />
      <Table ctx={ctx} caption={caption} columns={columns} rows={lines} rowKey={(l) => (l.office ? `o${l.office.id}` : `c${l.countyId}`)} />
      {create.length ? <CreateForm ctx={ctx} options={create} years={createYears} state={state} /> : null}
    </Shell>
  );
}
