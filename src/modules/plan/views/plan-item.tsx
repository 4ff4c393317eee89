import { formatRocDate } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { Plan, PlanItem } from '../model.js';
import { CO_MAX, CODE_MAX, ITEM_TITLE_MAX, TEXT_MAX, UNIT_MAX } from '../plan-forms.js';
import { formatTarget, measureTitle, pointsText } from '../plan-words.js';
import { EditRule, ReasonField, ReasonHidden, withReason } from './plan-edit.js';
import { HandTag, planCrumbs, planHref } from './plan-parts.js';

export interface ItemPageProps {
  ctx: ViewContext;
  plan: Plan;
  /** the item edited; null: a new one */
  item: PlanItem | null;
  /** a new item's parent (null: top level) */
  parent: PlanItem | null;
  reason: string | null;
  state: FormState;
  alert?: string | undefined;
}

/** The values the item form starts with: what is saved. */
export function savedItem(i: PlanItem, reason: string | null): FormState {
  return {
    values: {
      code: i.code,
      title: i.title,
      strategy: i.strategy,
      points: i.children.length ? '' : String(i.points10 / 10),
      // shown as people type it here: 115/12/31
      deadline: i.deadline ? formatRocDate(i.deadline, 'slash') : '',
      leadUnit: i.leadUnit,
      coUnits: i.coUnits,
      benefit: i.benefit,
      reason: reason ?? '',
    },
    errors: [],
  };
}

function Measures({ ctx, plan, item, reason }: { ctx: ViewContext; plan: Plan; item: PlanItem; reason: string | null }) {
  const { t, locale } = ctx;
  const base = planHref(plan.id);
  return (
    <>
      <h2>{t('plan.measures.title')}</h2>
      {item.measures.length === 0 ? <p class="empty">{t('table.empty')}</p> : null}
      <ul class="request-list">
        {item.measures.map((m) => {
          const name = measureTitle(m, t);
          return (
            <li key={m.id} class="request-card">
              <p>
                <strong>{name}</strong> {m.indicatorKey === null ? <HandTag ctx={ctx} /> : null} <span class="muted">{formatTarget(m, t, locale)}</span>
              </p>
              <div class="row-actions">
                <a class="button button-secondary" href={withReason(`${base}/measures/${m.id}`, reason)}>
                  {t('plan.edit.item')}
                  <span class="visually-hidden"> {name}</span>
                </a>
                <form method="post" action={`${base}/measures/${m.id}/delete`}>
                  <CsrfField ctx={ctx} />
                  <ReasonHidden reason={reason} />
                  <Button variant="warning">
                    {t('plan.edit.delete')}
                    <span class="visually-hidden"> {name}</span>
                  </Button>
                </form>
              </div>
            </li>
          );
        })}
      </ul>
      <p>
        <a class="button button-secondary" href={withReason(`${base}/items/${item.id}/measures/new`, reason)}>
          {t('plan.measures.add')}
        </a>
      </p>
    </>
  );
}

export function ItemPage({ ctx, plan, item, parent, reason, state, alert }: ItemPageProps) {
  const { t, locale } = ctx;
  const base = planHref(plan.id);
  const title = item ? t('plan.item.editTitle', { code: item.code, title: item.title }) : parent ? t('plan.item.newUnder', { code: parent.code, title: parent.title }) : t('plan.item.newTop');
  const action = item ? `${base}/items/${item.id}` : `${base}/items${parent ? `?parent=${parent.id}` : ''}`;
  const isParent = (item?.children.length ?? 0) > 0;
  const labels = {
    code: t('plan.col.code'),
    title: t('plan.col.title'),
    strategy: t('plan.col.strategy'),
    points: t('plan.col.points'),
    deadline: t('plan.col.deadline'),
    leadUnit: t('plan.col.lead'),
    coUnits: t('plan.col.co'),
    benefit: t('plan.col.benefit'),
    reason: t('plan.reason'),
  };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, t('plan.nav.edit'))}>
      <h1>{title}</h1>
      <p>
        <a href={withReason(`${base}/edit`, reason)}>{t('plan.edit.back')}</a>
      </p>
      {alert ? <AlertBox message={alert} /> : null}
      <EditRule ctx={ctx} plan={plan} />
      <form method="post" action={action} class="form" novalidate>
        <ErrorSummary ctx={ctx} state={state} labels={labels} />
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={state} name="code" label={labels.code} hint={t('plan.item.codeHint')} width="short" maxLength={CODE_MAX} />
        <TextField ctx={ctx} state={state} name="title" label={labels.title} maxLength={ITEM_TITLE_MAX} />
        <TextArea ctx={ctx} state={state} name="strategy" label={labels.strategy} rows={3} required={false} maxLength={TEXT_MAX} />
        {isParent && item ? (
          <p>
            {labels.points}
            {t('plan.sep')}
            {t('plan.item.pointsSum', { n: pointsText(item.points10, locale) })}
          </p>
        ) : (
          <TextField ctx={ctx} state={state} name="points" label={labels.points} hint={t('plan.item.pointsHint')} width="short" required={false} inputMode="text" />
        )}
        <TextField ctx={ctx} state={state} name="deadline" label={labels.deadline} hint={t('plan.item.deadlineHint')} width="medium" required={false} />
        <TextField ctx={ctx} state={state} name="leadUnit" label={labels.leadUnit} width="medium" required={false} maxLength={UNIT_MAX} />
        <TextField ctx={ctx} state={state} name="coUnits" label={labels.coUnits} width="medium" required={false} maxLength={CO_MAX} />
        <TextArea ctx={ctx} state={state} name="benefit" label={labels.benefit} rows={2} required={false} maxLength={TEXT_MAX} />
        {plan.state === 'draft' ? null : <ReasonField ctx={ctx} state={state} />}
        <div class="actions">
          <Button>{item ? t('plan.save') : t('plan.item.add')}</Button>
        </div>
      </form>
      {item ? <Measures ctx={ctx} plan={plan} item={item} reason={reason} /> : null}
    </Shell>
  );
}
