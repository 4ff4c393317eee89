import type { AuditRow } from '../../../platform/audit/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { type FormState, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Pagination, Table } from '../../../platform/layout/Table.js';

export function AuditPage({
  ctx,
  rows,
  page,
  hasNext,
  filter,
  hrefFor,
  choice,
  officeName,
}: {
  ctx: ViewContext;
  rows: AuditRow[];
  page: number;
  hasNext: boolean;
  filter: FormState;
  hrefFor: (page: number) => string;
  choice: OfficeChoice;
  /** the one office the log is limited to, when it is */
  officeName?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('audit.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('audit.title') }]}>
      <h1>{officeName ? `${t('audit.title')}：${officeName}` : t('audit.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/audit" choice={choice} keep={Object.fromEntries(['from', 'to', 'action', 'actor'].flatMap((k) => (filter.values[k] ? [[k, filter.values[k] as string]] : [])))} />
      <form method="get" action="/staff/audit" class="filter-form">
        {choice.officeCode ? <OfficeField choice={choice} /> : null}
        <TextField ctx={ctx} state={filter} name="from" type="date" label={t('audit.from')} required={false} width="short" />
        <TextField ctx={ctx} state={filter} name="to" type="date" label={t('audit.to')} required={false} width="short" />
        <TextField ctx={ctx} state={filter} name="action" label={t('audit.action')} required={false} width="short" />
        <TextField ctx={ctx} state={filter} name="actor" label={t('audit.actor')} required={false} width="short" />
        <div class="field">
          <button type="submit" class="button button-secondary">
            {t('audit.filter')}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p class="empty">{t('audit.none')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('audit.title')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('audit.when'), cell: (r) => showInstant(r.at, ctx.locale) },
            { header: t('audit.who'), cell: (r) => r.actorLabel },
            { header: t('audit.action'), cell: (r) => <code>{r.action}</code> },
            { header: t('audit.target'), cell: (r) => (r.targetType ? `${r.targetType} #${r.targetId}` : '') },
            { header: t('audit.detail'), cell: (r) => (r.detail ? <code class="detail">{r.detail}</code> : '') },
            { header: t('audit.ip'), cell: (r) => r.ip ?? '' },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={page} hasNext={hasNext} hrefFor={hrefFor} />
    </Shell>
  );
}
