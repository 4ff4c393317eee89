import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate, showInstant } from '../../../../platform/layout/dates.js';
import { Button, SelectField, TextField } from '../../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Pagination, Table } from '../../../../platform/layout/Table.js';
import { REMINDER_KINDS, type ReminderKind, type ReminderState } from '../rules.js';
import { BASE, crumbs, money, OverdueTag, officeQuery, StateTag } from './shared.js';

/** The status links: what is still to act on (the default), each state, everything. */
export const STATUS_FILTERS = ['active', 'open', 'reminded', 'registered', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ListFilterView {
  status: StatusFilter;
  kind: ReminderKind | '';
  overdue: boolean;
  q: string;
}

export interface ListRow {
  id: number;
  office: string;
  kind: ReminderKind;
  name: string;
  sourceRef: string;
  eventDate: string;
  dueOn: string;
  status: ReminderState;
  lastContactAt: string | null;
  overdueDays: number;
  fine: number | null;
}

/** The list's address with some of the filter changed (page 1 unless given). */
export function listHref(choice: OfficeChoice, f: ListFilterView, change: Partial<ListFilterView> & { page?: number } = {}): string {
  const g = { ...f, ...change };
  const q = new URLSearchParams();
  if (choice.officeCode) q.set('office', choice.officeCode);
  if (g.status !== 'active') q.set('status', g.status);
  if (g.kind) q.set('kind', g.kind);
  if (g.overdue) q.set('overdue', '1');
  if (g.q) q.set('q', g.q);
  if (change.page && change.page > 1) q.set('page', String(change.page));
  const s = q.toString();
  return s ? `${BASE}?${s}` : BASE;
}

export const countOf = (counts: Record<ReminderState, number>, s: StatusFilter): number =>
  s === 'active' ? counts.open + counts.reminded : s === 'all' ? counts.open + counts.reminded + counts.registered + counts.closed : counts[s];

function Filters({ ctx, choice, filter }: { ctx: ViewContext; choice: OfficeChoice; filter: ListFilterView }) {
  const { t } = ctx;
  const values = { kind: filter.kind, q: filter.q };
  return (
    <form method="get" action={BASE} class="filter-bar">
      {choice.officeCode ? <input type="hidden" name="office" value={choice.officeCode} /> : null}
      {filter.status !== 'active' ? <input type="hidden" name="status" value={filter.status} /> : null}
      <SelectField ctx={ctx} state={{ values, errors: [] }} name="kind" label={t('notify.reminders.f.kind')} required={false} options={[{ value: '', label: t('notify.reminders.allKinds') }, ...REMINDER_KINDS.map((k) => ({ value: k, label: t(`notify.reminders.kind.${k}`) }))]} />
      <TextField ctx={ctx} state={{ values, errors: [] }} name="q" type="search" label={t('notify.reminders.search')} required={false} width="medium" maxLength={60} />
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" name="overdue" value="1" checked={filter.overdue} /> {t('notify.reminders.overdueOnly')}
        </label>
      </div>
      <Button variant="secondary">{t('notify.reminders.filter')}</Button>
    </form>
  );
}

export function ReminderListPage({
  ctx,
  choice,
  filter,
  counts,
  rows,
  page,
  hasNext,
  many,
}: {
  ctx: ViewContext;
  choice: OfficeChoice;
  filter: ListFilterView;
  counts: Record<ReminderState, number>;
  rows: ListRow[];
  page: number;
  hasNext: boolean;
  many: boolean;
}) {
  const { t } = ctx;
  const caption = t('notify.reminders.caption', { filter: t(`notify.reminders.status.${filter.status}`), n: countOf(counts, filter.status) });
  return (
    <Shell ctx={ctx} title={t('notify.reminders.title')} variant="staff" crumbs={crumbs(ctx)}>
      <h1>{t('notify.reminders.title')}</h1>
      <p class="lead">{t('notify.reminders.lead')}</p>
      <OfficePicker ctx={ctx} action={BASE} choice={choice} />
      <p>
        <a class="button" href={`${BASE}/new${officeQuery(choice)}`}>
          {t('notify.reminders.add')}
        </a>{' '}
        <a class="button button-secondary" href={`${BASE}/import${officeQuery(choice)}`}>
          {t('notify.reminders.import')}
        </a>
      </p>
      <Filters ctx={ctx} choice={choice} filter={filter} />
      <nav class="filter-links" aria-label={t('notify.reminders.byStatus')}>
        {STATUS_FILTERS.map((s) => (
          <a key={s} class="tag" href={listHref(choice, filter, { status: s })} aria-current={s === filter.status ? 'true' : undefined}>
            {t('notify.reminders.statusCount', { label: t(`notify.reminders.status.${s}`), n: countOf(counts, s) })}
          </a>
        ))}
      </nav>
      <p class="muted">{t('notify.reminders.sum', { all: countOf(counts, 'all'), open: counts.open, reminded: counts.reminded, registered: counts.registered, closed: counts.closed })}</p>
      <Table
        ctx={ctx}
        caption={caption}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            header: t('notify.reminders.col.due'),
            cell: (r) => (
              <>
                <span class="nowrap">{showDate(r.dueOn, ctx.locale)}</span>
                {r.overdueDays > 0 ? <br /> : null}
                <OverdueTag ctx={ctx} days={r.overdueDays} />
              </>
            ),
          },
          {
            header: t('notify.reminders.col.name'),
            cell: (r) => (
              <a class="nowrap" href={`${BASE}/${r.id}`}>
                {r.name}
              </a>
            ),
          },
          {
            header: t('notify.reminders.col.kindSource'),
            cell: (r) => (
              <>
                <span class="nowrap">{t(`notify.reminders.kind.${r.kind}`)}</span>
                <br />
                <span class="muted">{r.sourceRef}</span>
              </>
            ),
          },
          ...(many ? [{ header: t('notify.reminders.col.office'), cell: (r: ListRow) => <span class="nowrap">{r.office}</span> }] : []),
          { header: t('notify.reminders.col.state'), cell: (r) => <StateTag ctx={ctx} status={r.status} /> },
          {
            header: t('notify.reminders.col.contact'),
            cell: (r) => (r.lastContactAt ? <span class="nowrap">{showInstant(r.lastContactAt, ctx.locale)}</span> : <span class="nowrap muted">{t('notify.reminders.never')}</span>),
          },
          { header: t('notify.reminders.col.fine'), cell: (r) => (r.fine === null ? '' : <span class="nowrap">{money(ctx, r.fine)}</span>), numeric: true },
        ]}
      />
      <Pagination ctx={ctx} page={page} hasNext={hasNext} hrefFor={(p) => listHref(choice, filter, { page: p })} />
    </Shell>
  );
}
