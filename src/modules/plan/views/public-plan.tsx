import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showPeriod } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { PlanTree } from '../model.js';
import type { MeasureProgress, ProgressWindow } from '../plan-progress.js';
import type { StatusCounts } from '../pack.js';
import { countsInWords } from '../review-words.js';
import { PlanItems, PointsTotal } from './plan-parts.js';

export interface PublicPlan {
  tree: PlanTree;
  window: ProgressWindow | null;
  progress: Map<number, MeasureProgress>;
}

export interface PublicPlanProps {
  ctx: ViewContext;
  officeName: string;
  year: number;
  /** this year's plan when published or closed; else null */
  current: PublicPlan | null;
  /** last year's plan, shown when this year's is not published yet (and last year's was) */
  previous: PublicPlan | null;
  /** the day the figures were last rolled up (null: never) */
  updatedOn: string | null;
}

const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data', 'no_target'] as const;

/** The year so far in one line at the top (the items below run long): how many measures stand where, and a way down to them. */
function AtAGlance({ ctx, p }: { ctx: ViewContext; p: PublicPlan }) {
  const { t, locale } = ctx;
  if (!p.window || p.progress.size === 0) return null;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const v of p.progress.values()) counts[v.ytd.status]++;
  return (
    <div class="notice">
      <p>
        <strong>{t('plan.public.glance', { on: showDate(p.window.asOf, locale) })}</strong>
        {countsInWords(counts, p.progress.size, t)}
      </p>
      <p>
        <a href={`#progress-${p.tree.plan.id}`}>{t('plan.public.toProgress')}</a>
      </p>
    </div>
  );
}

/** What each status word means, so a reader need not guess from a colour. */
function Legend({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <details class="notice">
      <summary>{t('plan.public.legend')}</summary>
      <dl class="facts">
        {STATUSES.map((s) => (
          <div key={s}>
            <dt>{t(`plan.status.${s}`)}</dt>
            <dd>{t(`plan.status.${s}.desc`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function PlanBody({ ctx, p, updatedOn, heading }: { ctx: ViewContext; p: PublicPlan; updatedOn: string | null; heading: 'h1' | 'h2' }) {
  const { t, locale } = ctx;
  const { plan } = p.tree;
  const facts: [string, string][] = [
    [t('plan.year'), showPeriod(String(plan.year), locale)],
    ...(plan.filedOn ? ([[t('plan.col.filed'), t('plan.filedAs', { on: showDate(plan.filedOn, locale), doc: plan.filedDoc ?? '' })]] as [string, string][]) : []),
    ...(plan.publishedOn ? ([[t('plan.col.published'), showDate(plan.publishedOn, locale)]] as [string, string][]) : []),
  ];
  return (
    <section aria-labelledby={`plan-${plan.id}`}>
      {heading === 'h1' ? <h1 id={`plan-${plan.id}`}>{plan.title}</h1> : <h2 id={`plan-${plan.id}`}>{plan.title}</h2>}
      <dl class="summary-list">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <AtAGlance ctx={ctx} p={p} />
      {plan.basis ? (
        <>
          <h2>{t('plan.basis')}</h2>
          <p class="pre prose">{plan.basis}</p>
        </>
      ) : null}
      {plan.goals ? (
        <>
          <h2>{t('plan.goals')}</h2>
          <p class="pre prose">{plan.goals}</p>
        </>
      ) : null}
      <h2 id={`progress-${plan.id}`}>{t('plan.public.progress')}</h2>
      <p>{updatedOn ? t('plan.public.updated', { on: showDate(updatedOn, locale) }) : t('plan.public.updatedNever')}</p>
      {p.window ? <p class="muted">{t('plan.valuesAsOf', { month: showPeriod(p.window.month.key, locale), on: showDate(p.window.asOf, locale) })}</p> : null}
      <Legend ctx={ctx} />
      <PointsTotal ctx={ctx} total10={p.tree.total10} />
      <PlanItems ctx={ctx} items={p.tree.items} view={{ progress: p.progress }} />
    </section>
  );
}

export function PublicPlanPage({ ctx, officeName, year, current, previous, updatedOn }: PublicPlanProps) {
  const { t, locale } = ctx;
  if (current) {
    return (
      <Shell ctx={ctx} title={current.tree.plan.title} crumbs={[{ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: officeName }, { label: t('plan.public.nav') }]}>
        <PlanBody ctx={ctx} p={current} updatedOn={updatedOn} heading="h1" />
      </Shell>
    );
  }
  return (
    <Shell ctx={ctx} title={t('plan.public.nav')} crumbs={[{ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: officeName }, { label: t('plan.public.nav') }]}>
      <h1>{t('plan.public.nav')}</h1>
      <div class="notice">
        <p>{t('plan.public.notYet', { year: showPeriod(String(year), locale) })}</p>
      </div>
      {previous ? <PlanBody ctx={ctx} p={previous} updatedOn={updatedOn} heading="h2" /> : null}
    </Shell>
  );
}
