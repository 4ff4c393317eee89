import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant, showPeriod } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { Measure, Plan, PlanTree } from '../model.js';
import type { MeasureProgress, OfficeColumn, ProgressWindow } from '../plan-progress.js';
import { stateWord } from '../plan-words.js';
import { PlanItems, PlanNav, type PlanNavCan, PointsTotal, planCrumbs, planHref } from './plan-parts.js';

export interface PlanPageProps {
  ctx: ViewContext;
  tree: PlanTree;
  /** the office's name; null for the county's own plan */
  officeName: string | null;
  officeCode: string | null;
  window: ProgressWindow | null;
  progress: Map<number, MeasureProgress>;
  /** the county's own plan: each open office's year so far */
  columns?: OfficeColumn[];
  can: PlanNavCan;
  /** the month the review link opens */
  month: string;
}

/** Who, which year, what state, when filed (with the county's document number) and which revision. */
export function PlanFacts({ ctx, plan, officeName }: { ctx: ViewContext; plan: Plan; officeName: string | null }) {
  const { t, locale } = ctx;
  const rows: [string, string][] = [
    [t('plan.col.office'), officeName ?? t('plan.countyPlan')],
    [t('plan.year'), showPeriod(String(plan.year), locale)],
    [t('plan.col.state'), stateWord(plan.state, t)],
    [t('plan.col.filed'), plan.filedOn ? t('plan.filedAs', { on: showDate(plan.filedOn, locale), doc: plan.filedDoc ?? '' }) : t('plan.notYet')],
    [t('plan.col.published'), plan.publishedOn ? showDate(plan.publishedOn, locale) : t('plan.notYet')],
    ...(plan.closedOn ? ([[t('plan.col.closed'), showDate(plan.closedOn, locale)]] as [string, string][]) : []),
    [t('plan.col.revision'), t('plan.revisionAt', { n: plan.revision, at: showInstant(plan.updatedAt, locale) })],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 計畫依據 and 計畫目標, as written. */
export function BasisAndGoals({ ctx, plan }: { ctx: ViewContext; plan: Plan }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('plan.basis')}</h2>
      <p class="pre prose">{plan.basis || t('plan.notWritten')}</p>
      <h2>{t('plan.goals')}</h2>
      <p class="pre prose">{plan.goals || t('plan.notWritten')}</p>
    </>
  );
}

function Registers({ ctx, code }: { ctx: ViewContext; code: string | null }) {
  const { t } = ctx;
  const q = code ? `?office=${code}` : '';
  const links = [
    { href: `/staff/plan/checks${q}`, label: t('plan.links.checks') },
    { href: `/staff/plan/proposals${q}`, label: t('plan.links.proposals') },
    { href: `/staff/plan/process-reviews${q}`, label: t('plan.links.processReviews') },
    { href: `/staff/plan/awards${q}`, label: t('plan.links.awards') },
  ];
  return (
    <nav aria-label={t('plan.links.label')}>
      <h2>{t('plan.links.label')}</h2>
      <ul class="tag-list">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PlanPage({ ctx, tree, officeName, officeCode, window, progress, columns, can, month }: PlanPageProps) {
  const { t, locale } = ctx;
  const { plan } = tree;
  const title = `${officeName ?? t('plan.countyPlan')} ${plan.title}`;
  const handHref = (m: Measure) => `${planHref(plan.id)}/hand/${m.id}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, { id: plan.id, title: plan.title })}>
      <h1>{title}</h1>
      <PlanNav ctx={ctx} planId={plan.id} current={planHref(plan.id)} can={can} month={month} />
      <PlanFacts ctx={ctx} plan={plan} officeName={officeName} />
      <BasisAndGoals ctx={ctx} plan={plan} />
      <h2>{t('plan.items')}</h2>
      <PointsTotal ctx={ctx} total10={tree.total10} />
      {officeCode === null ? (
        <p class="muted">{window ? t('plan.countyValuesAsOf', { on: showDate(window.asOf, locale) }) : t('plan.notBegun')}</p>
      ) : window ? (
        <p class="muted">{t('plan.valuesAsOf', { month: showPeriod(window.month.key, locale), on: showDate(window.asOf, locale) })}</p>
      ) : (
        <p class="muted">{t('plan.notBegun')}</p>
      )}
      <PlanItems ctx={ctx} items={tree.items} view={{ ...(officeCode && window ? { progress } : {}), ...(columns?.length ? { columns } : {}), handHref, linkFigures: true }} />
      {officeCode === null && can.compare ? (
        <p>
          <a href={`/staff/plan/county?year=${plan.year}`}>{t('plan.countyCompare')}</a>
        </p>
      ) : null}
      <Registers ctx={ctx} code={officeCode} />
    </Shell>
  );
}
