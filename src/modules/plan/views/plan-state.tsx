import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { PLAN_STATES, type PlanTree } from '../model.js';
import { DOC_MAX } from '../plan-forms.js';
import { NEXT } from '../plan-state.js';
import { stateWord } from '../plan-words.js';
import { PlanFacts } from './plan-page.js';
import { PlanNav, type PlanNavCan, planCrumbs, planHref } from './plan-parts.js';

export interface StatePageProps {
  ctx: ViewContext;
  tree: PlanTree;
  officeName: string | null;
  can: PlanNavCan;
  month: string;
  state: FormState;
  alert?: string | undefined;
}

function StepForm({ ctx, planId, to, state }: { ctx: ViewContext; planId: number; to: 'filed' | 'published' | 'closed'; state: FormState }) {
  const { t } = ctx;
  const labels = { on: t(`plan.step.${to}.on`), doc: t('plan.step.filed.doc') };
  return (
    <form method="post" action={`${planHref(planId)}/state`} class="form" novalidate>
      <h2>{t(`plan.step.${to}.title`)}</h2>
      <p class="muted">{t(`plan.step.${to}.lead`)}</p>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      <input type="hidden" name="to" value={to} />
      <TextField ctx={ctx} state={state} name="on" label={labels.on} hint={t('plan.dateHint')} width="medium" />
      {to === 'filed' ? <TextField ctx={ctx} state={state} name="doc" label={labels.doc} hint={t('plan.step.filed.docHint')} width="medium" maxLength={DOC_MAX} /> : null}
      <div class="actions">
        <Button>{t(`plan.step.${to}.submit`)}</Button>
      </div>
    </form>
  );
}

export function StatePage({ ctx, tree, officeName, can, month, state, alert }: StatePageProps) {
  const { t } = ctx;
  const { plan } = tree;
  const title = t('plan.state.title', { title: `${officeName ?? t('plan.countyPlan')} ${plan.title}` });
  const next = NEXT[plan.state];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, t('plan.nav.state'))}>
      <h1>{title}</h1>
      <PlanNav ctx={ctx} planId={plan.id} current={`${planHref(plan.id)}/state`} can={can} month={month} />
      {alert ? <AlertBox message={alert} /> : null}
      <PlanFacts ctx={ctx} plan={plan} officeName={officeName} />
      <h2>{t('plan.state.flow')}</h2>
      <ol>
        {PLAN_STATES.map((s) => (
          <li key={s}>{s === plan.state ? <strong>{t('plan.state.current', { state: stateWord(s, t) })}</strong> : stateWord(s, t)}</li>
        ))}
      </ol>
      {next && can.submit ? <StepForm ctx={ctx} planId={plan.id} to={next} state={state} /> : null}
      {next && !can.submit ? <p class="muted">{t('plan.state.onlyDirector')}</p> : null}
      {next ? null : <p class="muted">{t('plan.state.done')}</p>}
    </Shell>
  );
}
