import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../platform/layout/Table.js';
import type { Plan } from '../model.js';
import type { RevisionRow } from '../plan-repo.js';
import type { Snapshot } from '../plan-snapshot.js';
import { reasonText } from '../plan-words.js';
import { BasisAndGoals, PlanFacts } from './plan-page.js';
import { PlanItems, PlanNav, type PlanNavCan, PointsTotal, planCrumbs, planHref } from './plan-parts.js';

type Row = Omit<RevisionRow, 'snapshot'>;

export function RevisionsPage({ ctx, plan, officeName, rows, can, month }: { ctx: ViewContext; plan: Plan; officeName: string | null; rows: Row[]; can: PlanNavCan; month: string }) {
  const { t, locale } = ctx;
  const base = planHref(plan.id);
  const title = t('plan.revisions.title', { title: `${officeName ?? t('plan.countyPlan')} ${plan.title}` });
  const columns: Column<Row>[] = [
    { header: t('plan.col.revision'), cell: (r) => <a href={`${base}/revisions/${r.revision}`}>{t('plan.revisionN', { n: r.revision })}</a> },
    { header: t('plan.col.at'), cell: (r) => showInstant(r.at, locale) },
    { header: t('plan.col.who'), cell: (r) => r.staff_name },
    { header: t('plan.col.reason'), cell: (r) => reasonText(r.reason, t) },
  ];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, t('plan.nav.revisions'))}>
      <h1>{title}</h1>
      <PlanNav ctx={ctx} planId={plan.id} current={`${base}/revisions`} can={can} month={month} />
      <p class="muted">{t('plan.revisions.lead')}</p>
      <Table ctx={ctx} caption={t('plan.nav.revisions')} columns={columns} rows={rows} rowKey={(r) => r.id} />
    </Shell>
  );
}

export function SnapshotPage({ ctx, plan, officeName, row, snap }: { ctx: ViewContext; plan: Plan; officeName: string | null; row: Row; snap: Snapshot | null }) {
  const { t, locale } = ctx;
  const title = t('plan.revision.title', { n: row.revision, title: `${officeName ?? t('plan.countyPlan')} ${plan.title}` });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={planCrumbs(ctx, plan, t('plan.revisionN', { n: row.revision }))}>
      <h1>{title}</h1>
      <div class="notice">
        <p>{t('plan.revision.readOnly', { at: showInstant(row.at, locale), who: row.staff_name, reason: reasonText(row.reason, t) })}</p>
        <p>
          <a href={`${planHref(plan.id)}/revisions`}>{t('plan.revision.back')}</a>
        </p>
      </div>
      {snap ? (
        <>
          <PlanFacts ctx={ctx} plan={snap.plan} officeName={officeName} />
          <BasisAndGoals ctx={ctx} plan={snap.plan} />
          <h2>{t('plan.items')}</h2>
          <PointsTotal ctx={ctx} total10={snap.total10} />
          <PlanItems ctx={ctx} items={snap.items} view={{}} />
        </>
      ) : (
        <p class="empty">{t('plan.revision.unreadable')}</p>
      )}
    </Shell>
  );
}
