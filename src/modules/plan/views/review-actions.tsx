import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { ACTION_FILTERS, type ActionFilter, type PackAction } from '../review-actions.js';
import { actionStateWords, itemWords, monthWords } from '../review-words.js';
import { reviewHref } from './review-pack.js';
import { type ReviewColumn, ReviewTable } from './review-parts.js';

export interface ActionsPageProps {
  ctx: ViewContext;
  plan: { id: number; title: string };
  /** the review to go back to (this month, or the plan year's last) */
  backMonth: string | null;
  filter: ActionFilter;
  actions: PackAction[];
}

/** Every action item of a plan, all or open, closed or overdue (links that keep working without script). */
export function ActionsPage({ ctx, plan, backMonth, filter, actions }: ActionsPageProps) {
  const { t, locale } = ctx;
  const title = t('plan.review.list.title', { plan: plan.title });
  const base = `/staff/plan/${plan.id}/actions`;
  const columns: ReviewColumn<PackAction>[] = [
    { header: t('plan.review.col.text'), cell: (a) => a.text, rowHeader: true },
    { header: t('plan.review.col.relItem'), cell: (a) => itemWords(a), text: true },
    { header: t('plan.review.col.owner'), cell: (a) => a.owner },
    { header: t('plan.review.col.due'), cell: (a) => showDate(a.dueOn, locale) },
    { header: t('plan.review.col.actionState'), cell: (a) => <span class={a.overdue ? 'tag tag-warning' : 'tag'}>{actionStateWords(a, t)}</span> },
    { header: t('plan.review.col.raised'), cell: (a) => <a href={reviewHref(plan.id, a.raisedMonth)}>{monthWords(a.raisedMonth, locale)}</a> },
    { header: t('plan.review.col.closedMonth'), cell: (a) => (a.closedMonth ? <a href={reviewHref(plan.id, a.closedMonth)}>{monthWords(a.closedMonth, locale)}</a> : '') },
    { header: t('plan.review.col.closingNote'), cell: (a) => a.closingNote ?? '', text: true },
  ];
  return (
    <Shell
      ctx={ctx}
      title={title}
      variant="staff"
      crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/plan', label: t('plan.review.plans') }, { href: `/staff/plan/${plan.id}`, label: plan.title }, { label: t('plan.review.actions') }]}
    >
      <h1>{title}</h1>
      {backMonth ? (
        <p>
          <a href={reviewHref(plan.id, backMonth)}>{t('plan.review.list.back', { month: monthWords(backMonth, locale) })}</a>
        </p>
      ) : null}
      <nav class="filter-links" aria-label={t('plan.review.list.filter')}>
        {ACTION_FILTERS.map((f) => (
          <a key={f} class="tag" href={f === 'all' ? base : `${base}?filter=${f}`} aria-current={f === filter ? 'true' : undefined}>
            {t(`plan.review.filter.${f}`)}
          </a>
        ))}
      </nav>
      <ReviewTable ctx={ctx} caption={t('plan.review.list.caption', { filter: t(`plan.review.filter.${filter}`) })} columns={columns} rows={actions} rowKey={(a) => a.id} />
    </Shell>
  );
}
