import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, FileField, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { topicLabel } from '../../../platform/search/index.js';
import { AUDIENCES, DOWNLOAD_CATEGORIES, FAQ_CATEGORIES, IMMIGRANT_LOCALES, type Kind, KINDS, NEWS_CATEGORIES, OPENGOV_CATEGORIES } from '../model.js';

const crumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/content', label: ctx.t('content.staff.title') }, { label: last }] : [{ label: ctx.t('content.staff.title') }]),
];

/** `office=<code>` when a county admin switched office, so moving between content pages keeps it. */
const officeParam = (choice?: OfficeChoice) => (choice?.officeCode ? `office=${encodeURIComponent(choice.officeCode)}` : '');

function Nav({ ctx, choice }: { ctx: ViewContext; choice?: OfficeChoice | undefined }) {
  const { t } = ctx;
  const o = officeParam(choice);
  return (
    <SubNav
      ctx={ctx}
      label={t('content.staff.title')}
      links={[...KINDS.map((k): [string, string] => [`/staff/content?kind=${k}${o ? `&${o}` : ''}`, t(`content.kind.${k}`)]), [`/staff/content/reviews${o ? `?${o}` : ''}`, t('content.staff.reviews')], [`/staff/content/search${o ? `?${o}` : ''}`, t('content.staff.searchTerms')]]}
    />
  );
}

export interface StaffRow {
  id: number;
  /** whose item it is: an office's name, or the county's (shown on every office's site) */
  scope: string;
  countyWide: boolean;
  title: string;
  category: string;
  status: string;
  live: boolean;
  marquee: boolean;
  updatedAt: string;
  reviewOn: string | null;
  helpful: string;
}

export function ContentListPage({ ctx, kind, rows, today, choice }: { ctx: ViewContext; kind: Kind; rows: StaffRow[]; today: string; choice: OfficeChoice }) {
  const { t } = ctx;
  const o = officeParam(choice);
  return (
    <Shell ctx={ctx} title={t('content.staff.title')} variant="staff" crumbs={crumbs(ctx)}>
      <h1>
        {t('content.staff.title')}：{t(`content.kind.${kind}`)}
      </h1>
      <Nav ctx={ctx} choice={choice} />
      <OfficePicker ctx={ctx} action="/staff/content" choice={choice} keep={{ kind }} />
      <p>
        <a class="button" href={`/staff/content/new?kind=${kind}${o ? `&${o}` : ''}`}>
          {t('content.staff.new')}
        </a>
      </p>
      <Table
        ctx={ctx}
        caption={t(`content.kind.${kind}`)}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('content.f.title'), cell: (r) => <a href={`/staff/content/${r.id}`}>{r.title || '—'}</a> },
          { header: t('content.f.scope'), cell: (r) => (r.countyWide ? <span class="tag">{r.scope}</span> : r.scope) },
          { header: t('content.f.category'), cell: (r) => topicLabel(t, r.category) || '—' },
          { header: t('content.f.status'), cell: (r) => `${t(`content.status.${r.status}`)}${r.live ? ` · ${t('content.staff.live')}` : ''}${r.marquee ? ` · ${t('content.f.marquee')}` : ''}` },
          { header: t('content.f.reviewOn'), cell: (r: StaffRow) => (r.reviewOn ? <span class={r.reviewOn < today ? 'tag tag-warning' : undefined}>{showDate(r.reviewOn, ctx.locale)}</span> : '—') },
          ...(kind === 'faq' ? [{ header: t('content.staff.helpful'), cell: (r: StaffRow) => r.helpful }] : []),
          { header: t('content.staff.updated'), cell: (r) => showInstant(r.updatedAt, ctx.locale) },
        ]}
      />
    </Shell>
  );
}

export function EditContentPage({
  ctx,
  id,
  kind,
  state,
  choice,
  scopes,
  guides,
  preview,
  revisions,
  otherLocale,
}: {
  ctx: ViewContext;
  id: number | null;
  kind: Kind;
  state: FormState;
  /** the office a new item is for unless another scope is picked */
  choice: OfficeChoice;
  scopes: { value: string; label: string }[];
  guides: { value: string; label: string }[];
  preview: { title: string; html: string } | null;
  revisions: { at: string; locale: string; title: string; status: string; by: string }[];
  otherLocale: string;
}) {
  const { t } = ctx;
  const categories = kind === 'faq' ? FAQ_CATEGORIES : kind === 'download' ? DOWNLOAD_CATEGORIES : NEWS_CATEGORIES;
  const title = id ? t('content.staff.edit') : t('content.staff.new');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>
        {title}：{t(`content.kind.${kind}`)}
      </h1>
      <Nav ctx={ctx} choice={id ? undefined : choice} />
      {id ? null : <OfficePicker ctx={ctx} action="/staff/content/new" choice={choice} keep={{ kind }} />}
      {preview ? (
        <section class="preview" aria-label={t('content.staff.preview')}>
          <p class="tag">{t('content.staff.preview')}</p>
          <h2>{preview.title}</h2>
          <div class="content-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
        </section>
      ) : null}
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={id ? `/staff/content/${id}` : `/staff/content?kind=${kind}`} class="form" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        {id ? null : <OfficeField choice={choice} />}
        {id ? null : <SelectField ctx={ctx} state={state} name="scope" label={t('content.f.scope')} options={scopes} />}
        {kind === 'opengov' ? null : <SelectField ctx={ctx} state={state} name="category" label={t('content.f.category')} options={categories.map((c) => ({ value: c, label: topicLabel(t, c) }))} />}
        {kind === 'faq' ? (
          <>
            <SelectField ctx={ctx} state={state} name="audience" label={t('content.f.audience')} options={AUDIENCES.map((a) => ({ value: a, label: t(`content.audience.${a}`) }))} />
            <SelectField ctx={ctx} state={state} name="guideCode" label={t('content.f.guide')} required={false} options={[{ value: '', label: '—' }, ...guides]} />
          </>
        ) : null}
        {kind === 'opengov' ? (
          <>
            <SelectField ctx={ctx} state={state} name="opengov" label={t('content.f.opengov')} options={OPENGOV_CATEGORIES.map((c) => ({ value: String(c), label: t(`content.opengov.${c}`) }))} />
            <TextField ctx={ctx} state={state} name="owner" label={t('content.f.owner')} width="medium" maxLength={60} />
            <TextField ctx={ctx} state={state} name="reviewOn" label={t('content.f.reviewOn')} hint={t('content.f.dateHint')} width="medium" maxLength={20} />
          </>
        ) : null}
        {kind === 'opengov' ? null : <TextField ctx={ctx} state={state} name="reviewOn" label={t('content.f.reviewOn')} hint={t(kind === 'news' ? 'content.f.reviewHintNews' : 'content.f.reviewHint')} required={false} width="medium" maxLength={20} />}
        {kind === 'download' ? <FileField ctx={ctx} state={state} name="file" label={t('content.f.file')} hint={t('content.f.fileHint')} required={!id} accept=".odt,.ods,.pdf" /> : null}
        <TextField ctx={ctx} state={state} name="titleZh" label={t('content.f.titleZh')} maxLength={200} />
        <TextArea ctx={ctx} state={state} name="bodyZh" label={t('content.f.bodyZh')} hint={t('content.f.bodyHint')} rows={10} maxLength={20000} required={kind !== 'download'} />
        <TextField ctx={ctx} state={state} name="titleEn" label={t('content.f.titleEn')} required={false} maxLength={200} />
        <TextArea ctx={ctx} state={state} name="bodyEn" label={t('content.f.bodyEn')} required={false} rows={6} maxLength={20000} />
        <details class="notice" open={Boolean(state.values.titleOther)}>
          <summary>{t('content.f.moreLanguages')}</summary>
          <SelectField ctx={ctx} state={{ values: { ...state.values, otherLocale }, errors: state.errors }} name="otherLocale" label={t('content.f.language')} options={IMMIGRANT_LOCALES.map((l) => ({ value: l, label: t(`content.lang.${l}`) }))} />
          <TextField ctx={ctx} state={state} name="titleOther" label={t('content.f.titleOther')} required={false} maxLength={200} />
          <TextArea ctx={ctx} state={state} name="bodyOther" label={t('content.f.bodyOther')} required={false} rows={5} maxLength={20000} />
        </details>
        <SelectField ctx={ctx} state={state} name="status" label={t('content.f.status')} options={['draft', 'published'].map((s) => ({ value: s, label: t(`content.status.${s}`) }))} />
        <TextField ctx={ctx} state={state} name="publishFrom" label={t('content.f.publishFrom')} hint={t('content.f.whenHint')} required={false} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="publishUntil" label={t('content.f.publishUntil')} hint={t('content.f.whenHint')} required={false} width="medium" maxLength={20} />
        {kind === 'news' ? <CheckboxGroup ctx={ctx} state={state} name="marquee" label={t('content.f.marquee')} required={false} options={[{ value: '1', label: t('content.f.marqueeYes') }]} /> : null}
        <div class="row-actions">
          <Button variant="secondary" name="preview" value="1">
            {t('content.staff.preview')}
          </Button>
          <Button>{t('content.staff.save')}</Button>
        </div>
      </form>
      {revisions.length ? (
        <Table
          ctx={ctx}
          caption={t('content.staff.revisions')}
          rows={revisions}
          rowKey={(r) => `${r.at}${r.locale}`}
          columns={[
            { header: t('content.staff.updated'), cell: (r) => showInstant(r.at, ctx.locale) },
            { header: t('content.staff.by'), cell: (r) => r.by },
            { header: t('content.f.language'), cell: (r) => r.locale },
            { header: t('content.f.title'), cell: (r) => r.title },
            { header: t('content.f.status'), cell: (r) => t(`content.status.${r.status}`) },
          ]}
        />
      ) : null}
    </Shell>
  );
}

export interface ReviewRow {
  id: number;
  kind: Kind;
  scope: string;
  title: string;
  reviewOn: string;
  owner: string | null;
  status: string;
}

/** Items past their review date, oldest first, each linking to its form. */
export function ReviewsPage({ ctx, rows, choice }: { ctx: ViewContext; rows: ReviewRow[]; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.staff.reviews')} variant="staff" crumbs={crumbs(ctx, t('content.staff.reviews'))}>
      <h1>{t('content.staff.reviews')}</h1>
      <Nav ctx={ctx} choice={choice} />
      <OfficePicker ctx={ctx} action="/staff/content/reviews" choice={choice} />
      <p>{t('content.staff.reviewsLead')}</p>
      {rows.length === 0 ? (
        <p class="notice">{t('content.staff.reviewsNone')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('content.staff.reviews')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('content.f.title'), cell: (r) => <a href={`/staff/content/${r.id}`}>{r.title || '—'}</a> },
            { header: t('content.f.kind'), cell: (r) => t(`content.kind.${r.kind}`) },
            { header: t('content.f.scope'), cell: (r) => r.scope },
            { header: t('content.f.reviewOn'), cell: (r) => <span class="tag tag-warning">{showDate(r.reviewOn, ctx.locale)}</span> },
            { header: t('content.f.owner'), cell: (r) => r.owner ?? '—' },
            { header: t('content.f.status'), cell: (r) => t(`content.status.${r.status}`) },
          ]}
        />
      )}
    </Shell>
  );
}

export function SearchTermsPage({ ctx, synonyms, empty, popular, state, choice }: { ctx: ViewContext; synonyms: string; empty: { query: string; n: number }[]; popular: { query: string; n: number }[]; state?: FormState | undefined; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('content.staff.searchTerms')} variant="staff" crumbs={crumbs(ctx, t('content.staff.searchTerms'))}>
      <h1>{t('content.staff.searchTerms')}</h1>
      <Nav ctx={ctx} choice={choice} />
      <OfficePicker ctx={ctx} action="/staff/content/search" choice={choice} />
      <p class="muted">{t('content.staff.termsCountyWide')}</p>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/content/search" class="form" novalidate>
        <CsrfField ctx={ctx} />
        {choice.officeCode ? <OfficeField choice={choice} /> : null}
        <TextArea ctx={ctx} state={state ?? { values: { synonyms }, errors: [] }} name="synonyms" label={t('content.staff.synonyms')} hint={t('content.staff.synonymsHint')} rows={10} maxLength={20000} />
        <Button>{t('content.staff.save')}</Button>
      </form>
      <div class="two-col">
        <Table ctx={ctx} caption={t('content.staff.noResults')} rows={empty} rowKey={(r) => r.query} columns={[{ header: t('content.searchLabel'), cell: (r) => r.query }, { header: t('content.staff.times'), cell: (r) => r.n, numeric: true }]} />
        <Table ctx={ctx} caption={t('content.staff.popular')} rows={popular} rowKey={(r) => r.query} columns={[{ header: t('content.searchLabel'), cell: (r) => r.query }, { header: t('content.staff.times'), cell: (r) => r.n, numeric: true }]} />
      </div>
    </Shell>
  );
}
