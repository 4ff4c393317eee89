import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { allIndicators, indicatorDef } from '../../../platform/indicators/index.js';
import type { Measure, Plan, PlanItem } from '../model.js';
import { LABEL_MAX } from '../plan-forms.js';
import { UNITS } from '../plan-words.js';
import { EditRule, ReasonField, withReason } from './plan-edit.js';
import { planCrumbs, planHref } from './plan-parts.js';

export interface MeasurePageProps {
  ctx: ViewContext;
  plan: Plan;
  item: PlanItem;
  /** null: a new measure */
  measure: Measure | null;
  reason: string | null;
  state: FormState;
  alert?: string | undefined;
}

export function savedMeasure(m: Measure, reason: string | null): FormState {
  return {
    values: {
      kind: m.indicatorKey === null ? 'hand' : 'indicator',
      indicator: m.indicatorKey ?? '',
      label: m.label,
      unit: m.unit,
      better: m.better,
      target: m.target === null ? '' : String(m.target),
      reason: reason ?? '',
    },
    errors: [],
  };
}

/** The registry's indicators by title; a stored key the registry no longer knows stays choosable so the form does not lose it. */
function indicatorOptions(ctx: ViewContext, current: string | undefined) {
  const { t } = ctx;
  const options = allIndicators()
    // the title alone: a longer option would widen the select past a phone's screen (unit and direction are the indicator's own)
    .map((d) => ({ value: d.key, label: t(d.titleKey) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-Hant'));
  if (current && !indicatorDef(current)) options.push({ value: current, label: t('plan.measure.unregistered', { key: current }) });
  return options;
}

export function MeasurePage({ ctx, plan, item, measure, reason, state, alert }: MeasurePageProps) {
  const { t } = ctx;
  const base = planHref(plan.id);
  const title = measure ? t('plan.measure.editTitle', { code: item.code, title: item.title }) : t('plan.measure.newTitle', { code: item.code, title: item.title });
  const action = measure ? `${base}/measures/${measure.id}` : `${base}/items/${item.id}/measures`;
  const labels = {
    kind: t('plan.measure.kind'),
    indicator: t('plan.measure.indicator'),
    label: t('plan.measure.label'),
    unit: t('plan.measure.unit'),
    better: t('plan.measure.better'),
    target: t('plan.col.target'),
    reason: t('plan.reason'),
  };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, t('plan.nav.edit'))}>
      <h1>{title}</h1>
      <p>
        <a href={withReason(`${base}/items/${item.id}`, reason)}>{t('plan.measure.back', { code: item.code, title: item.title })}</a>
      </p>
      {alert ? <AlertBox message={alert} /> : null}
      <EditRule ctx={ctx} plan={plan} />
      <form method="post" action={action} class="form" novalidate>
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <CsrfField ctx={ctx} />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="kind"
          label={labels.kind}
          options={[
            { value: 'indicator', label: t('plan.measure.kindIndicator'), hint: t('plan.measure.kindIndicatorHint') },
            { value: 'hand', label: t('plan.measure.kindHand'), hint: t('plan.measure.kindHandHint') },
          ]}
        />
        <SelectField ctx={ctx} state={state} name="indicator" label={labels.indicator} hint={t('plan.measure.indicatorHint')} options={indicatorOptions(ctx, state.values.indicator)} placeholder={t('plan.choose')} required={false} />
        <fieldset class="choices action-form">
          <legend>{t('plan.measure.handPart')}</legend>
          <TextField ctx={ctx} state={state} name="label" label={labels.label} hint={t('plan.measure.labelHint')} required={false} maxLength={LABEL_MAX} />
          <SelectField ctx={ctx} state={state} name="unit" label={labels.unit} options={UNITS.map((u) => ({ value: u, label: t(`plan.unitName.${u}`) }))} placeholder={t('plan.choose')} required={false} />
          <SelectField
            ctx={ctx}
            state={state}
            name="better"
            label={labels.better}
            options={[
              { value: 'higher', label: t('plan.better.higher') },
              { value: 'lower', label: t('plan.better.lower') },
            ]}
            placeholder={t('plan.choose')}
            required={false}
          />
        </fieldset>
        <TextField ctx={ctx} state={state} name="target" label={labels.target} hint={t('plan.measure.targetHint')} width="short" required={false} />
        {plan.state === 'draft' ? null : <ReasonField ctx={ctx} state={state} />}
        <div class="actions">
          <Button>{measure ? t('plan.save') : t('plan.measures.add')}</Button>
        </div>
      </form>
    </Shell>
  );
}
