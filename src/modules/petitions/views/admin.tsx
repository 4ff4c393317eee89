import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { OfficeField, type OfficeChoice, OfficePicker } from './office.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { PetitionFigures } from '../figures.js';
import { CATEGORIES } from '../rules.js';
import { PetitionNav, staffCrumbs } from './staff.js';

export function FollowupsPage({ ctx, rows, choice }: { ctx: ViewContext; rows: { id: number; petitionId: number; number: string; subject: string; reason: string; createdAt: string; detail: string }[]; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.staff.followups')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.followups'))}>
      <h1>{t('petitions.staff.followups')}</h1>
      <OfficePicker ctx={ctx} action="/staff/petitions/followups" choice={choice} />
      <PetitionNav ctx={ctx} oversee />
      <p class="lead">{t('petitions.followups.lead')}</p>
      <Table
        ctx={ctx}
        caption={t('petitions.staff.followups')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('petitions.f.number'), cell: (r) => <a href={`/staff/petitions/${r.petitionId}`}>{r.number}</a> },
          { header: t('petitions.f.subject'), cell: (r) => r.subject },
          { header: t('petitions.followups.reason'), cell: (r) => `${t(`petitions.followups.${r.reason}`)}${r.detail ? ` · ${r.detail}` : ''}` },
          { header: t('petitions.followups.since'), cell: (r) => showInstant(r.createdAt, ctx.locale) },
          {
            header: t('petitions.staff.actions'),
            cell: (r) => (
              <form method="post" action={`/staff/petitions/followups/${r.id}/done`} class="filter-bar">
                <CsrfField ctx={ctx} />
                <TextField ctx={ctx} id={`f-note-${r.id}`} name="note" label={t('petitions.followups.note')} width="medium" maxLength={300} />
                <Button variant="secondary">{t('petitions.followups.done')}</Button>
              </form>
            ),
          },
        ]}
      />
    </Shell>
  );
}

export function TemplatesPage({ ctx, rows, state, choice }: { ctx: ViewContext; rows: { id: number; category: string; title: string; body: string }[]; state?: FormState | undefined; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.staff.templates')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.templates'))}>
      <h1>{t('petitions.staff.templates')}</h1>
      <OfficePicker ctx={ctx} action="/staff/petitions/templates" choice={choice} />
      <PetitionNav ctx={ctx} oversee />
      <Table
        ctx={ctx}
        caption={t('petitions.staff.templates')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('petitions.f.category'), cell: (r) => t(`petitions.category.${r.category}`) },
          { header: t('petitions.templates.title'), cell: (r) => r.title },
          { header: t('petitions.templates.body'), cell: (r) => <span class="pre">{r.body}</span> },
          {
            header: t('petitions.staff.actions'),
            cell: (r) => (
              <form method="post" action={`/staff/petitions/templates/${r.id}/delete`} class="inline-form">
                <CsrfField ctx={ctx} />
                <OfficeField choice={choice} />
                <Button variant="warning">{t('petitions.templates.delete')}</Button>
              </form>
            ),
          },
        ]}
      />
      <h2>{t('petitions.templates.add')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/petitions/templates" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        <SelectField ctx={ctx} state={state} name="category" label={t('petitions.f.category')} options={CATEGORIES.map((c) => ({ value: c, label: t(`petitions.category.${c}`) }))} />
        <TextField ctx={ctx} state={state} name="title" label={t('petitions.templates.title')} maxLength={100} />
        <TextArea ctx={ctx} state={state} name="bodyZh" label={t('petitions.templates.bodyZh')} rows={5} maxLength={4000} />
        <TextArea ctx={ctx} state={state} name="bodyEn" label={t('petitions.templates.bodyEn')} rows={5} maxLength={4000} />
        <Button>{t('petitions.templates.add')}</Button>
      </form>
    </Shell>
  );
}

export function MediaPage({ ctx, rows, state, oversee, choice }: { ctx: ViewContext; rows: { id: number; seenOn: string; source: string; title: string; url: string | null; facts: string; clarification: string | null; clarifiedOn: string | null }[]; state?: FormState | undefined; oversee: boolean; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.staff.media')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.media'))}>
      <h1>{t('petitions.staff.media')}</h1>
      <OfficePicker ctx={ctx} action="/staff/petitions/media" choice={choice} />
      <PetitionNav ctx={ctx} oversee={oversee} />
      <p class="lead">{t('petitions.media.lead')}</p>
      <Table
        ctx={ctx}
        caption={t('petitions.staff.media')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('petitions.media.seenOn'), cell: (r) => showDate(r.seenOn, ctx.locale) },
          { header: t('petitions.media.source'), cell: (r) => (r.url ? <a href={r.url}>{r.source}</a> : r.source) },
          { header: t('petitions.media.title'), cell: (r) => r.title },
          { header: t('petitions.media.facts'), cell: (r) => <span class="pre">{r.facts}</span> },
          { header: t('petitions.media.clarification'), cell: (r) => (r.clarification ? `${r.clarification}${r.clarifiedOn ? ` (${showDate(r.clarifiedOn, ctx.locale)})` : ''}` : '—') },
        ]}
      />
      <h2>{t('petitions.media.add')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/petitions/media" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        <TextField ctx={ctx} state={state} name="seenOn" label={t('petitions.media.seenOn')} hint={t('petitions.f.dateHint')} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="source" label={t('petitions.media.source')} hint={t('petitions.media.sourceHint')} maxLength={100} />
        <TextField ctx={ctx} state={state} name="title" label={t('petitions.media.title')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="url" type="text" label={t('petitions.media.url')} required={false} maxLength={500} />
        <TextArea ctx={ctx} state={state} name="facts" label={t('petitions.media.facts')} rows={4} maxLength={4000} />
        <TextArea ctx={ctx} state={state} name="clarification" label={t('petitions.media.clarification')} required={false} rows={3} maxLength={4000} />
        <TextField ctx={ctx} state={state} name="clarifiedOn" label={t('petitions.media.clarifiedOn')} hint={t('petitions.f.dateHint')} required={false} width="medium" maxLength={20} />
        <Button>{t('petitions.media.add')}</Button>
      </form>
    </Shell>
  );
}

export function SettingsPage({ ctx, state, choice }: { ctx: ViewContext; state: FormState; choice: OfficeChoice }) {
  const { t } = ctx;
  const num = (name: string) => <TextField ctx={ctx} state={state} name={name} label={t(`petitions.set.${name}`)} type="number" inputMode="numeric" width="short" maxLength={3} />;
  return (
    <Shell ctx={ctx} title={t('petitions.staff.settings')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.settings'))}>
      <h1>{t('petitions.staff.settings')}</h1>
      <PetitionNav ctx={ctx} oversee />
      <OfficePicker ctx={ctx} action="/staff/petitions/settings" choice={choice} />
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/petitions/settings" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <OfficeField choice={choice} />
        {['simple', 'several', 'complex', 'confirmDays', 'rateDays', 'lowScore', 'followupDays', 'directorAfterDays'].map(num)}
        <Button>{t('petitions.set.save')}</Button>
      </form>
    </Shell>
  );
}

export function FiguresPage({ ctx, f, from, to, choice }: { ctx: ViewContext; f: PetitionFigures; from: string; to: string; choice: OfficeChoice }) {
  const { t } = ctx;
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
  return (
    <Shell ctx={ctx} title={t('petitions.staff.figures')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.figures'))}>
      <h1>{t('petitions.staff.figures')}</h1>
      <PetitionNav ctx={ctx} oversee />
      <form method="get" action="/staff/petitions/figures" class="filter-bar">
        <TextField ctx={ctx} state={{ values: { from }, errors: [] }} name="from" type="date" label={t('petitions.fig.from')} width="medium" />
        <TextField ctx={ctx} state={{ values: { to }, errors: [] }} name="to" type="date" label={t('petitions.fig.to')} width="medium" />
        {choice.offices.length > 1 ? <SelectField ctx={ctx} state={{ values: { office: choice.officeCode }, errors: [] }} name="office" label={t('petitions.office')} options={choice.offices} /> : null}
        <Button variant="secondary">{t('petitions.fig.show')}</Button>
      </form>
      <dl class="stat-grid">
        {(
          [
            ['total', f.total],
            ['onTimeRate', pct(f.onTimeRate)],
            ['meanDays', f.meanDays ?? '—'],
            ['p90Days', f.p90Days ?? '—'],
            ['satisfactionRate', pct(f.satisfactionRate)],
            ['meanRating', f.meanRating ?? '—'],
          ] as [string, string | number][]
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{t(`petitions.fig.${k}`)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={`/staff/petitions/figures.csv?from=${from}&to=${to}&office=${choice.officeCode}`}>CSV</a> · <a href={`/staff/petitions/figures.ods?from=${from}&to=${to}&office=${choice.officeCode}`}>ODS</a>
      </p>
      <div class="two-col">
        <Table ctx={ctx} caption={t('petitions.fig.byChannel')} rows={f.byChannel} rowKey={(r) => r.key} columns={[{ header: t('petitions.f.channel'), cell: (r) => t(`petitions.channel.${r.key}`) }, { header: t('petitions.fig.count'), cell: (r) => r.n, numeric: true }]} />
        <Table ctx={ctx} caption={t('petitions.fig.byCategory')} rows={f.byCategory} rowKey={(r) => r.key} columns={[{ header: t('petitions.f.category'), cell: (r) => t(`petitions.category.${r.key}`) }, { header: t('petitions.fig.count'), cell: (r) => r.n, numeric: true }]} />
      </div>
    </Shell>
  );
}
