import type { AuditRow } from '../../../platform/audit/index.js';
import { actionText, areaOf, areaText, detailPairs, targetText } from '../../../platform/audit/words.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Pagination, Table } from '../../../platform/layout/Table.js';

export function AuditPage({
  ctx,
  rows,
  actions,
  page,
  hasNext,
  filter,
  hrefFor,
  choice,
  officeName,
}: {
  ctx: ViewContext;
  rows: AuditRow[];
  /** every action in the log this person may see: the filter's choices */
  actions: string[];
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
        <SelectField ctx={ctx} state={filter} name="action" label={t('audit.action')} required={false} placeholder={t('audit.anyAction')} options={actionOptions(ctx, actions)} />
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
            { header: t('audit.action'), cell: (r) => actionText(t, r.action) },
            { header: t('audit.target'), cell: (r) => targetText(t, r.targetType, r.targetId) },
            { header: t('audit.detail'), cell: (r) => <Detail ctx={ctx} detail={r.detail} /> },
            { header: t('audit.ip'), cell: (r) => r.ip ?? '' },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={page} hasNext={hasNext} hrefFor={hrefFor} />
    </Shell>
  );
}

/** Each area (「預約（全部）」) followed by its actions, in words. */
function actionOptions(ctx: ViewContext, actions: string[]): { value: string; label: string }[] {
  const { t } = ctx;
  const out: { value: string; label: string }[] = [];
  for (const area of [...new Set(actions.map(areaOf))]) {
    out.push({ value: area, label: t('audit.areaAll', { area: areaText(t, area) }) });
    for (const a of actions.filter((x) => areaOf(x) === area)) out.push({ value: a, label: `　${actionText(t, a)}` });
  }
  return out;
}

function Detail({ ctx, detail }: { ctx: ViewContext; detail: string | null }) {
  // a date in a detail reads as the page's dates do (民國…)
  const pairs = detailPairs(ctx.t, detail).map((p) => (/^\d{4}-\d{2}-\d{2}$/.test(p.value) ? { ...p, value: showDate(p.value, ctx.locale) } : p));
  if (pairs.length === 0) return '';
  return (
    <ul class="audit-detail">
      {pairs.map((p, i) => (
        <li key={String(i)}>{p.key ? `${p.key}：${p.value}` : p.value}</li>
      ))}
    </ul>
  );
}
