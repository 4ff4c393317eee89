import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import { type OfficeChoice, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Table } from '../../../../platform/layout/Table.js';
import type { NoticeSummary } from '../service.js';
import { officeQuery, STAFF_BASE, StateTag, staffCrumbs } from './shared.js';

/** The office's notices, every state, newest effective date first. */
export function NoticeListPage({ ctx, choice, officeName, notices }: { ctx: ViewContext; choice: OfficeChoice; officeName: string; notices: NoticeSummary[] }) {
  const { t } = ctx;
  const q = officeQuery(choice.officeCode);
  return (
    <Shell ctx={ctx} title={t('renumbering.staff.title')} variant="staff" crumbs={staffCrumbs(ctx)}>
      <h1>{t('renumbering.staff.title')}</h1>
      <p class="lead">{t('renumbering.staff.lead')}</p>
      <OfficePicker ctx={ctx} action={STAFF_BASE} choice={choice} />
      <p>
        <a class="button button-primary" href={`${STAFF_BASE}/new${q}`}>
          {t('renumbering.staff.add')}
        </a>
      </p>
      {notices.length === 0 ? (
        <p class="empty">{t('renumbering.staff.none')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('renumbering.staff.caption', { office: officeName })}
          rows={notices}
          rowKey={(n) => n.id}
          columns={[
            { header: t('renumbering.col.title'), cell: (n) => <a href={`${STAFF_BASE}/${n.id}`}>{n.title}</a> },
            { header: t('renumbering.col.effectiveOn'), cell: (n) => <span class="nowrap">{showDate(n.effectiveOn, ctx.locale)}</span> },
            { header: t('renumbering.col.docNo'), cell: (n) => n.docNo },
            { header: t('renumbering.col.items'), cell: (n) => t('renumbering.itemsCount', { count: n.items }), numeric: true },
            { header: t('renumbering.col.state'), cell: (n) => <StateTag ctx={ctx} state={n.state} /> },
          ]}
        />
      )}
    </Shell>
  );
}
