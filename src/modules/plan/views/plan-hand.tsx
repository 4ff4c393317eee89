import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant, showPeriod } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, FileField, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../platform/layout/Table.js';
import { EVIDENCE_MAX_BYTES } from '../files.js';
import type { Measure, Plan, PlanItem } from '../model.js';
import { NOTE_MAX } from '../plan-forms.js';
import type { HandRow } from '../plan-repo.js';
import { formatTarget, formatValue, measureTitle } from '../plan-words.js';
import { planCrumbs, planHref } from './plan-parts.js';

type Entry = HandRow & { filename: string | null };

export interface HandPageProps {
  ctx: ViewContext;
  plan: Plan;
  item: PlanItem;
  measure: Measure;
  months: string[];
  entries: Entry[];
  canEdit: boolean;
  state: FormState;
  alert?: string | undefined;
}

export function HandPage({ ctx, plan, item, measure, months, entries, canEdit, state, alert }: HandPageProps) {
  const { t, locale } = ctx;
  const name = measureTitle(measure, t);
  const title = t('plan.hand.title', { name });
  const columns: Column<Entry>[] = [
    { header: t('plan.col.month'), cell: (e) => showPeriod(e.month, locale) },
    { header: t('plan.hand.value'), cell: (e) => formatValue(measure.unit, Number(e.value), t, locale), numeric: true },
    { header: t('plan.hand.note'), cell: (e) => e.note },
    { header: t('plan.hand.evidence'), cell: (e) => (e.file_id ? <a href={`/staff/plan/files/${e.file_id}`}>{e.filename ?? t('plan.hand.file')}</a> : '—') },
    { header: t('plan.col.at'), cell: (e) => showInstant(e.entered_at, locale) },
  ];
  const labels = { month: t('plan.col.month'), value: t('plan.hand.value'), note: t('plan.hand.note'), file: t('plan.hand.evidence') };
  const mb = EVIDENCE_MAX_BYTES / 1024 / 1024;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, name)}>
      <h1>{title}</h1>
      <p>
        <a href={`${planHref(plan.id)}#item-${item.id}`}>{t('plan.hand.back', { code: item.code, title: item.title })}</a>
      </p>
      <p>
        {t('plan.col.target')}
        {t('plan.sep')}
        {formatTarget(measure, t, locale)}
      </p>
      <p class="muted">{t('plan.hand.lead')}</p>
      {alert ? <AlertBox message={alert} /> : null}
      {canEdit && months.length > 0 && plan.state !== 'closed' ? (
        <form method="post" action={`${planHref(plan.id)}/hand/${measure.id}`} class="form" enctype="multipart/form-data" novalidate>
          <h2>{t('plan.hand.enter')}</h2>
          <ErrorSummary ctx={ctx} state={state} labels={labels} />
          <CsrfField ctx={ctx} />
          <SelectField ctx={ctx} state={state} name="month" label={labels.month} hint={t('plan.hand.monthHint')} options={[...months].reverse().map((m) => ({ value: m, label: showPeriod(m, locale) }))} />
          <TextField ctx={ctx} state={state} name="value" label={t('plan.hand.valueUnit', { unit: t(`plan.unitName.${measure.unit}`) })} width="short" />
          <TextArea ctx={ctx} state={state} name="note" label={labels.note} rows={2} required={false} maxLength={NOTE_MAX} />
          <FileField ctx={ctx} state={state} name="file" label={labels.file} hint={t('plan.hand.fileHint', { mb })} accept=".pdf,.jpg,.jpeg,.png,.ods,.odt" required={false} />
          <div class="actions">
            <Button>{t('plan.save')}</Button>
          </div>
        </form>
      ) : null}
      {canEdit && months.length === 0 ? <p class="muted">{t('plan.notBegun')}</p> : null}
      {plan.state === 'closed' ? <p class="muted">{t('plan.edit.ruleClosed')}</p> : null}
      <h2>{t('plan.hand.entries')}</h2>
      <Table ctx={ctx} caption={t('plan.hand.entriesOf', { name })} columns={columns} rows={entries} rowKey={(e) => e.id} />
    </Shell>
  );
}
