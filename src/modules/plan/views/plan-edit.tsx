import type { ViewContext } from '../../../platform/http/context.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { Plan, PlanItem, PlanTree } from '../model.js';
import { MAX_DEPTH } from '../plan-items.js';
import { TEXT_MAX, TITLE_MAX } from '../plan-forms.js';
import { pointsText, REASON_MAX, stateWord } from '../plan-words.js';
import { PlanNav, type PlanNavCan, PointsTotal, planCrumbs, planHref } from './plan-parts.js';

/** `?reason=…` carried from page to page while a filed plan is being revised. */
export const withReason = (href: string, reason: string | null) => (reason ? `${href}${href.includes('?') ? '&' : '?'}reason=${encodeURIComponent(reason)}` : href);

export function ReasonHidden({ reason }: { reason: string | null }) {
  return reason ? <input type="hidden" name="reason" value={reason} /> : null;
}

/** The reason field of a revision, on every form of a filed or published plan. */
export function ReasonField({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  return <TextField ctx={ctx} state={state} name="reason" label={ctx.t('plan.reason')} hint={ctx.t('plan.reasonHint')} maxLength={REASON_MAX} />;
}

/** What editing means in this state: free in a draft, a revision with a reason after filing, nothing once closed. */
export function EditRule({ ctx, plan }: { ctx: ViewContext; plan: Plan }) {
  const { t } = ctx;
  const key = plan.state === 'draft' ? 'plan.edit.ruleDraft' : plan.state === 'closed' ? 'plan.edit.ruleClosed' : 'plan.edit.ruleRevise';
  return (
    <div class="notice">
      <p>{t(key, { state: stateWord(plan.state, t) })}</p>
    </div>
  );
}

/** Before a filed plan's forms: say why it is being revised (a GET form, so it works without script and the reason follows the links). */
export function ReviseGate({ ctx, action, state }: { ctx: ViewContext; action: string; state: FormState }) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="form" novalidate>
      <h2>{t('plan.revise.title')}</h2>
      <ErrorSummary ctx={ctx} state={state} labels={{ reason: t('plan.reason') }} />
      <ReasonField ctx={ctx} state={state} />
      <div class="actions">
        <Button>{t('plan.revise.start')}</Button>
      </div>
    </form>
  );
}

function ItemActions({ ctx, planId, item, first, last, reason }: { ctx: ViewContext; planId: number; item: PlanItem; first: boolean; last: boolean; reason: string | null }) {
  const { t } = ctx;
  const base = `${planHref(planId)}/items/${item.id}`;
  const name = <span class="visually-hidden"> {`${item.code} ${item.title}`}</span>;
  const post = (action: string, label: string, field: Record<string, string>, variant: 'secondary' | 'warning' = 'secondary') => (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ReasonHidden reason={reason} />
      {Object.entries(field).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button variant={variant}>
        {label}
        {name}
      </Button>
    </form>
  );
  return (
    <div class="row-actions">
      <a class="button button-secondary" href={withReason(base, reason)}>
        {t('plan.edit.item')}
        {name}
      </a>
      {item.depth < MAX_DEPTH ? (
        <a class="button button-secondary" href={withReason(`${planHref(planId)}/items/new?parent=${item.id}`, reason)}>
          {t('plan.edit.addChild')}
          {name}
        </a>
      ) : null}
      {first ? null : post(`${base}/move`, t('plan.edit.up'), { dir: 'up' })}
      {last ? null : post(`${base}/move`, t('plan.edit.down'), { dir: 'down' })}
      {item.children.length === 0 ? post(`${base}/delete`, t('plan.edit.delete'), {}, 'warning') : null}
    </div>
  );
}

function Outline({ ctx, planId, items, reason }: { ctx: ViewContext; planId: number; items: PlanItem[]; reason: string | null }) {
  const { t, locale } = ctx;
  if (items.length === 0) return <p class="empty">{t('table.empty')}</p>;
  return (
    <ul class="request-list">
      {items.map((item, i) => (
        <li key={item.id} class="request-card">
          <p>
            <strong>
              {item.code} {item.title}
            </strong>{' '}
            <span class="muted">
              {t('plan.pointsParen', { n: pointsText(item.points10, locale) })}
              {item.measures.length ? t('plan.edit.measureCount', { n: item.measures.length }) : ''}
            </span>
          </p>
          <ItemActions ctx={ctx} planId={planId} item={item} first={i === 0} last={i === items.length - 1} reason={reason} />
          {item.children.length ? <Outline ctx={ctx} planId={planId} items={item.children} reason={reason} /> : null}
        </li>
      ))}
    </ul>
  );
}

export interface EditPageProps {
  ctx: ViewContext;
  tree: PlanTree;
  officeName: string | null;
  can: PlanNavCan;
  month: string;
  /** the reason a filed plan is being revised (null: not given yet, or a draft) */
  reason: string | null;
  fields: FormState;
  gate: FormState;
  alert?: string | undefined;
}

export function PlanEditPage({ ctx, tree, officeName, can, month, reason, fields, gate, alert }: EditPageProps) {
  const { t } = ctx;
  const { plan } = tree;
  const base = planHref(plan.id);
  const title = t('plan.edit.title', { title: `${officeName ?? t('plan.countyPlan')} ${plan.title}` });
  const open = plan.state === 'draft' || (plan.state !== 'closed' && reason !== null);
  const labels = { title: t('plan.f.title'), basis: t('plan.basis'), goals: t('plan.goals'), reason: t('plan.reason') };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, { id: plan.id, title: plan.title }, t('plan.nav.edit'))}>
      <h1>{title}</h1>
      <PlanNav ctx={ctx} planId={plan.id} current={`${base}/edit`} can={can} month={month} />
      {alert ? <AlertBox message={alert} /> : null}
      <EditRule ctx={ctx} plan={plan} />
      {plan.state !== 'draft' && plan.state !== 'closed' && reason === null ? <ReviseGate ctx={ctx} action={`${base}/edit`} state={gate} /> : null}
      {open ? (
        <>
          {reason && plan.state !== 'draft' ? <p>{t('plan.revise.current', { reason })}</p> : null}
          <form method="post" action={`${base}/edit`} class="form" novalidate>
            <h2>{t('plan.edit.fields')}</h2>
            <ErrorSummary ctx={ctx} state={fields} labels={labels} />
            <CsrfField ctx={ctx} />
            <TextField ctx={ctx} state={fields} name="title" label={labels.title} maxLength={TITLE_MAX} />
            <TextArea ctx={ctx} state={fields} name="basis" label={labels.basis} rows={3} required={false} maxLength={TEXT_MAX} />
            <TextArea ctx={ctx} state={fields} name="goals" label={labels.goals} rows={3} required={false} maxLength={TEXT_MAX} />
            {plan.state === 'draft' ? null : <ReasonField ctx={ctx} state={fields} />}
            <div class="actions">
              <Button>{t('plan.save')}</Button>
            </div>
          </form>
          <h2>{t('plan.items')}</h2>
          <PointsTotal ctx={ctx} total10={tree.total10} />
          <Outline ctx={ctx} planId={plan.id} items={tree.items} reason={reason} />
          <p>
            <a class="button button-secondary" href={withReason(`${base}/items/new`, reason)}>
              {t('plan.edit.addTop')}
            </a>
          </p>
        </>
      ) : null}
    </Shell>
  );
}
