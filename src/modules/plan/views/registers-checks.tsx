import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { OfficeField } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { AREA_MAX, CHECK_KINDS, CHECKER_MAX, type CheckRow, FINDINGS_MAX, type MonthTotals } from '../registers-checks.js';
import type { RegisterScope } from '../registers-common.js';
import { dateText, numberText, pageTitle, percentText, RegisterNav, RegTable, regCrumbs, registerHref, ScopePicker, StateTag } from './registers-parts.js';

const kindLabel = (ctx: ViewContext, kind: string) => ctx.t(`plan.reg.check.kind.${kind}`);

function labels(ctx: ViewContext): Record<string, string> {
  const { t } = ctx;
  return {
    checkedOn: t('plan.reg.check.checkedOn'),
    kind: t('plan.reg.check.kind'),
    area: t('plan.reg.check.area'),
    checker: t('plan.reg.check.checker'),
    items: t('plan.reg.check.items'),
    defects: t('plan.reg.check.defects'),
    findings: t('plan.reg.check.findings'),
    fixedOn: t('plan.reg.check.fixedOn'),
  };
}

/** The fields of a check; the fixed date only when editing one already recorded. */
function CheckFields({ ctx, state, editing }: { ctx: ViewContext; state: FormState; editing: boolean }) {
  const { t } = ctx;
  const l = labels(ctx);
  return (
    <>
      <TextField ctx={ctx} state={state} name="checkedOn" label={l.checkedOn ?? ''} hint={t('plan.reg.dateHint')} width="medium" maxLength={30} />
      <SelectField ctx={ctx} state={state} name="kind" label={l.kind ?? ''} placeholder={t('plan.reg.choose')} options={CHECK_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))} />
      <TextField ctx={ctx} state={state} name="area" label={l.area ?? ''} hint={t('plan.reg.check.areaHint')} maxLength={AREA_MAX} />
      <TextField ctx={ctx} state={state} name="checker" label={l.checker ?? ''} width="medium" maxLength={CHECKER_MAX} />
      <TextField ctx={ctx} state={state} name="items" label={l.items ?? ''} hint={t('plan.reg.check.itemsHint')} inputMode="numeric" width="short" maxLength={12} />
      <TextField ctx={ctx} state={state} name="defects" label={l.defects ?? ''} hint={t('plan.reg.check.defectsHint')} inputMode="numeric" width="short" maxLength={12} />
      <TextArea ctx={ctx} state={state} name="findings" label={l.findings ?? ''} hint={t('plan.reg.check.findingsHint')} required={false} rows={3} maxLength={FINDINGS_MAX} />
      {editing ? <TextField ctx={ctx} state={state} name="fixedOn" label={l.fixedOn ?? ''} hint={t('plan.reg.check.fixedOnHint')} required={false} width="medium" maxLength={30} /> : null}
    </>
  );
}

function MonthTable({ ctx, scope, months, total }: { ctx: ViewContext; scope: RegisterScope; months: MonthTotals[]; total: MonthTotals }) {
  const { t } = ctx;
  return (
    <RegTable
      ctx={ctx}
      caption={`${pageTitle(ctx, scope, 'plan.reg.checks.byMonth')}`}
      rows={months}
      rowKey={(m) => m.month}
      columns={[
        { header: t('plan.reg.month'), cell: (m) => t('plan.reg.monthOnly', { m: Number(m.month.slice(5, 7)) }) },
        { header: t('plan.reg.check.count'), cell: (m) => numberText(m.checks, ctx), numeric: true },
        { header: t('plan.reg.check.items'), cell: (m) => numberText(m.items, ctx), numeric: true },
        { header: t('plan.reg.check.defects'), cell: (m) => numberText(m.defects, ctx), numeric: true },
        { header: t('plan.reg.check.rate'), cell: (m) => percentText(m.rate, ctx), numeric: true },
      ]}
      foot={[t('plan.reg.total'), numberText(total.checks, ctx), numberText(total.items, ctx), numberText(total.defects, ctx), percentText(total.rate, ctx)]}
    />
  );
}

export interface ChecksPageProps {
  ctx: ViewContext;
  scope: RegisterScope;
  rows: CheckRow[];
  months: MonthTotals[];
  total: MonthTotals;
  canEdit: boolean;
  state?: FormState | undefined;
}

export function ChecksPage({ ctx, scope, rows, months, total, canEdit, state }: ChecksPageProps) {
  const { t } = ctx;
  const title = pageTitle(ctx, scope, 'plan.reg.checks.title');
  const form = state ?? { values: { checker: ctx.staff?.displayName ?? '' }, errors: [] };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'checks', scope)}>
      <h1>{title}</h1>
      <ScopePicker ctx={ctx} action="/staff/plan/checks" choice={scope.choice} year={scope.year} today={scope.today} />
      <RegisterNav ctx={ctx} scope={scope} current="checks" />
      <p class="lead">{t('plan.reg.checks.lead')}</p>
      <MonthTable ctx={ctx} scope={scope} months={months} total={total} />
      <h2>{t('plan.reg.checks.list')}</h2>
      <RegTable
        ctx={ctx}
        caption={pageTitle(ctx, scope, 'plan.reg.checks.list')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('plan.reg.check.checkedOn'), cell: (r) => dateText(r.checkedOn, ctx) },
          { header: t('plan.reg.check.kind'), cell: (r) => kindLabel(ctx, r.kind) },
          { header: t('plan.reg.check.area'), cell: (r) => r.area },
          { header: t('plan.reg.check.checker'), cell: (r) => r.checker },
          { header: t('plan.reg.check.items'), cell: (r) => numberText(r.items, ctx), numeric: true },
          { header: t('plan.reg.check.defects'), cell: (r) => numberText(r.defects, ctx), numeric: true },
          { header: t('plan.reg.check.findings'), cell: (r) => <span class="pre">{r.findings || '—'}</span> },
          {
            header: t('plan.reg.check.fixedOn'),
            cell: (r) => (r.defects === 0 ? t('plan.reg.check.noDefects') : r.fixedOn ? dateText(r.fixedOn, ctx) : <StateTag text={t('plan.reg.check.notFixed')} warn />),
          },
          ...(canEdit ? [{ header: t('plan.reg.actions'), cell: (r: CheckRow) => <a href={`/staff/plan/checks/${r.id}`}>{t('plan.reg.check.edit', { date: dateText(r.checkedOn, ctx) })}</a> }] : []),
        ]}
      />
      {canEdit ? (
        <form method="post" action="/staff/plan/checks" class="form narrow" novalidate>
          <h2>{t('plan.reg.check.add')}</h2>
          <ErrorSummary ctx={ctx} state={form} labels={labels(ctx)} />
          <CsrfField ctx={ctx} />
          <OfficeField choice={scope.choice} />
          <input type="hidden" name="year" value={String(scope.year)} />
          <CheckFields ctx={ctx} state={form} editing={false} />
          <Button>{t('plan.reg.check.save')}</Button>
        </form>
      ) : null}
    </Shell>
  );
}

export function CheckEditPage({ ctx, scope, check, state }: { ctx: ViewContext; scope: RegisterScope; check: CheckRow; state: FormState }) {
  const { t } = ctx;
  const title = t('plan.reg.check.editTitle', { date: dateText(check.checkedOn, ctx) });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={regCrumbs(ctx, 'checks', scope, title)}>
      <h1>{title}</h1>
      <p class="muted">
        {t('officePicker.label')}
        {ctx.locale === 'en' ? ': ' : '：'}
        {scope.office.name}
      </p>
      <form method="post" action={`/staff/plan/checks/${check.id}`} class="form narrow" novalidate>
        <ErrorSummary ctx={ctx} state={state} labels={labels(ctx)} />
        <CsrfField ctx={ctx} />
        <CheckFields ctx={ctx} state={state} editing />
        <div class="actions">
          <Button>{t('plan.reg.check.save')}</Button>
          <a href={registerHref('checks', scope)}>{t('form.back')}</a>
        </div>
      </form>
    </Shell>
  );
}
