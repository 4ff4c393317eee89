import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';

export interface BrokenRow {
  url: string;
  status: number | null;
  error: string | null;
  checkedAt: string | null;
  places: { source: string; sourceId: number; locale: string; title: string }[];
}

export interface LinkCheckView {
  last: { finishedAt: string; links: number; broken: number } | null;
  open: 'queued' | 'running' | null;
  broken: BrokenRow[];
  unchecked: number;
  external: boolean;
  /** may switch external checks on or off (county and system admins) */
  mayConfigure: boolean;
}

const editHref = (p: BrokenRow['places'][number]) => (p.source === 'guide' ? `/staff/guides/${p.sourceId}` : `/staff/content/${p.sourceId}`);

function Result({ ctx, r }: { ctx: ViewContext; r: BrokenRow }) {
  return <>{r.error ? ctx.t(`linkCheck.error.${r.error}`) : ctx.t('linkCheck.status', { status: r.status ?? '' })}</>;
}

function Places({ ctx, r }: { ctx: ViewContext; r: BrokenRow }) {
  return (
    <ul class="plain">
      {r.places.map((p) => (
        <li key={`${p.source}${p.sourceId}${p.locale}`}>
          {ctx.t(`linkCheck.source.${p.source}`)}：<a href={editHref(p)}>{p.title || '—'}</a> <span class="muted">（{p.locale}）</span>
        </li>
      ))}
    </ul>
  );
}

/** The editors' page: when the last check ran, the broken links grouped by URL with every place they appear, and "check now". */
export function LinkCheckPage({ ctx, view }: { ctx: ViewContext; view: LinkCheckView }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('linkCheck.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('linkCheck.title') }]}>
      <h1>{t('linkCheck.title')}</h1>
      <p>{t('linkCheck.lead')}</p>
      <p id="last-run">{view.last ? t('linkCheck.lastRun', { time: showInstant(view.last.finishedAt, ctx.locale), links: view.last.links, broken: view.last.broken }) : t('linkCheck.never')}</p>
      {view.open ? <p class="notice">{t(`linkCheck.open.${view.open}`)}</p> : null}
      <form method="post" action="/staff/link-check/run" class="form">
        <CsrfField ctx={ctx} />
        <Button>{t('linkCheck.runNow')}</Button>
      </form>
      {view.broken.length === 0 ? (
        <p class="notice">{t('linkCheck.none')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('linkCheck.broken')}
          rows={view.broken}
          rowKey={(r) => r.url}
          columns={[
            { header: t('linkCheck.url'), cell: (r) => <code class="broken-url">{r.url}</code> },
            { header: t('linkCheck.result'), cell: (r) => <Result ctx={ctx} r={r} /> },
            { header: t('linkCheck.where'), cell: (r) => <Places ctx={ctx} r={r} /> },
            { header: t('linkCheck.checkedAt'), cell: (r) => (r.checkedAt ? showInstant(r.checkedAt, ctx.locale) : '—') },
          ]}
        />
      )}
      {view.unchecked > 0 ? <p class="muted">{t('linkCheck.unchecked', { n: view.unchecked })}</p> : null}
      {view.mayConfigure ? (
        <form method="post" action="/staff/link-check/settings" class="form">
          <CsrfField ctx={ctx} />
          <CheckboxGroup
            ctx={ctx}
            state={{ values: { 'external[]': view.external ? '1' : '' }, errors: [] }}
            name="external"
            label={t('linkCheck.external')}
            hint={t('linkCheck.externalHint')}
            required={false}
            options={[{ value: '1', label: t('linkCheck.externalOn') }]}
          />
          <Button variant="secondary">{t('linkCheck.save')}</Button>
        </form>
      ) : null}
    </Shell>
  );
}
