import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant, showPeriod } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, FileField, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { ManualHit } from '../search.js';
import type { ChangeItem, Ruling } from '../service.js';
import { crumbs, officeCrumbs, Rendered, withOffice } from './common.js';

type Choice = { value: string; label: string };

function Filters({ ctx, action, tag, issuer, tags, issuers, q, choice }: { ctx: ViewContext; action: string; tag: string; issuer: string; tags: string[]; issuers: string[]; q?: string; choice?: OfficeChoice }) {
  const { t } = ctx;
  const state = { values: { tag, issuer, q: q ?? '' }, errors: [] };
  return (
    <form method="get" action={action} class="filter-bar">
      {choice?.officeCode ? <OfficeField choice={choice} /> : null}
      {q !== undefined ? <TextField ctx={ctx} state={state} name="q" label={t('manual.query')} maxLength={100} required={false} /> : null}
      <SelectField ctx={ctx} state={state} name="tag" label={t('manual.tags')} options={[{ value: '', label: t('manual.allTags') }, ...tags.map((x) => ({ value: x, label: x }))]} />
      <SelectField ctx={ctx} state={state} name="issuer" label={t('manual.issuer')} options={[{ value: '', label: t('manual.allIssuers') }, ...issuers.map((x) => ({ value: x, label: x }))]} />
      <Button variant="secondary">{q !== undefined ? t('manual.searchButton') : t('manual.filter')}</Button>
    </form>
  );
}

export function RulingList({ ctx, rulings, tag, issuer, tags, issuers, canEdit }: { ctx: ViewContext; rulings: Ruling[]; tag: string; issuer: string; tags: string[]; issuers: string[]; canEdit: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('manual.rulings')} variant="staff" crumbs={crumbs(ctx, { label: t('manual.rulings') })}>
      <h1>{t('manual.rulings')}</h1>
      <Filters ctx={ctx} action="/staff/manual/rulings" tag={tag} issuer={issuer} tags={tags} issuers={issuers} />
      <Table
        ctx={ctx}
        caption={t('manual.rulings')}
        rows={rulings}
        rowKey={(r) => r.id}
        columns={[
          { header: t('manual.number'), cell: (r) => <a href={`/staff/manual/rulings/${r.id}`}>{r.number}</a> },
          { header: t('manual.issuedOn'), cell: (r) => showDate(r.issuedOn, ctx.locale) },
          { header: t('manual.issuer'), cell: (r) => r.issuer },
          { header: t('manual.subject'), cell: (r) => r.subject },
          { header: t('manual.tags'), cell: (r) => r.tags.join('、') },
        ]}
      />
      {canEdit ? (
        <p>
          <a href="/staff/manual/rulings/new">{t('manual.newRuling')}</a>
        </p>
      ) : null}
    </Shell>
  );
}

export function RulingPage({ ctx, r, html, attachments, links, canEdit }: { ctx: ViewContext; r: Ruling; html: string; attachments: { id: number; name: string; size: number }[]; links: { code: string; name: string; procedureId: number | null }[]; canEdit: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={r.number} variant="staff" crumbs={crumbs(ctx, { href: '/staff/manual/rulings', label: t('manual.rulings') }, { label: r.number })}>
      <h1>{r.subject}</h1>
      <dl class="summary-list">
        <dt>{t('manual.number')}</dt>
        <dd id="ruling-number">{r.number}</dd>
        <dt>{t('manual.issuedOn')}</dt>
        <dd>{showDate(r.issuedOn, ctx.locale)}</dd>
        <dt>{t('manual.issuer')}</dt>
        <dd>{r.issuer}</dd>
        <dt>{t('manual.tags')}</dt>
        <dd>{r.tags.length ? r.tags.map((x) => <a key={x} href={`/staff/manual/rulings?tag=${encodeURIComponent(x)}`}>{`${x} `}</a>) : t('manual.none')}</dd>
      </dl>
      <p>
        <a href={`/staff/manual/rulings/${r.id}/revisions`}>{t('manual.revisions')}（{t('manual.revisionN', { n: r.revision })}）</a>
        {canEdit ? (
          <a href={`/staff/manual/rulings/${r.id}/edit`}>{t('manual.edit')}</a>
        ) : null}
      </p>
      <h2>{t('manual.body')}</h2>
      <Rendered html={html} />
      <h2>{t('manual.affects')}</h2>
      {links.length ? (
        <ul>
          {links.map((l) => (
            <li key={l.code}>
              {l.procedureId ? <a href={`/staff/manual/procedures/${l.procedureId}`}>{l.name}</a> : l.name}　<a href={`/guides/${l.code}`}>{t('manual.publicGuide')}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('manual.none')}</p>
      )}
      <h2>{t('manual.attachments')}</h2>
      {attachments.length ? (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/staff/manual/attachments/${a.id}`}>{a.name}</a>（{Math.ceil(a.size / 1024)} KB）
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('manual.none')}</p>
      )}
    </Shell>
  );
}

export function RulingForm({ ctx, state, action, guides }: { ctx: ViewContext; state: FormState; action: string; guides: Choice[] }) {
  const { t } = ctx;
  const title = t('manual.newRuling');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, { href: '/staff/manual/rulings', label: t('manual.rulings') }, { label: title })}>
      <h1>{t('manual.rulings')}</h1>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={action} enctype="multipart/form-data" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="revision" value={state.values.revision ?? ''} />
        <TextField ctx={ctx} state={state} name="number" label={t('manual.number')} hint={t('manual.numberHint')} maxLength={40} />
        <TextField ctx={ctx} state={state} name="issuedOn" label={t('manual.issuedOn')} hint={t('manual.dateHint')} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="issuer" label={t('manual.issuer')} hint={t('manual.issuerHint')} width="medium" maxLength={60} />
        <TextField ctx={ctx} state={state} name="subject" label={t('manual.subject')} maxLength={200} />
        <TextArea ctx={ctx} state={state} name="body" label={t('manual.body')} rows={14} maxLength={50000} />
        <TextField ctx={ctx} state={state} name="tags" label={t('manual.tags')} hint={t('manual.tagsHint')} maxLength={400} required={false} />
        <CheckboxGroup ctx={ctx} state={state} name="links" label={t('manual.links')} options={guides} required={false} />
        <FileField ctx={ctx} state={state} name="file" label={t('manual.attachment')} hint={t('manual.attachmentHint')} accept=".pdf" required={false} />
        <Button>{t('manual.save')}</Button>
      </form>
    </Shell>
  );
}

const Marked = ({ parts }: { parts: { text: string; mark: boolean }[] }) => <>{parts.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;

/** The search over the county's procedures, the shown office's (or every covered office's) own, and every ruling. */
export function SearchPage({ ctx, q, tag, issuer, tags, issuers, hits, choice }: { ctx: ViewContext; q: string; tag: string; issuer: string; tags: string[]; issuers: string[]; hits: ManualHit[] | null; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('manual.search')} variant="staff" crumbs={officeCrumbs(ctx, choice.officeCode, { label: t('manual.search') })}>
      <h1>{t('manual.search')}</h1>
      <OfficePicker ctx={ctx} action="/staff/manual/search" choice={choice} keep={{ q, tag, issuer }} />
      <Filters ctx={ctx} action="/staff/manual/search" tag={tag} issuer={issuer} tags={tags} issuers={issuers} q={q} choice={choice} />
      {hits === null ? null : hits.length === 0 ? (
        <p>{t('manual.noHits')}</p>
      ) : (
        <>
          <p>{t('manual.hits', { n: hits.length })}</p>
          <ol class="search-results">
            {hits.map((h) => (
              <li key={h.url}>
                <a href={h.kind === 'procedure' ? withOffice(h.url, choice.officeCode) : h.url}>{h.title}</a>（{t(`manual.kind.${h.kind}`)}）
                <p>
                  <Marked parts={h.snippet} />
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Shell>
  );
}

/** Rulings added and procedure revisions of a month: the county's and the shown office's (or every covered office's). */
export function ChangesPage({ ctx, month, items, choice }: { ctx: ViewContext; month: string; items: ChangeItem[]; choice: OfficeChoice }) {
  const { t } = ctx;
  const title = t('manual.changesOf', { month: showPeriod(month, ctx.locale) });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={officeCrumbs(ctx, choice.officeCode, { label: t('manual.changes') })}>
      <h1>{title}</h1>
      <OfficePicker ctx={ctx} action="/staff/manual/changes" choice={choice} keep={{ month }} />
      <form method="get" action="/staff/manual/changes" class="filter-bar">
        {choice.officeCode ? <OfficeField choice={choice} /> : null}
        <label for="month">{t('manual.month')}</label>
        <input type="month" id="month" name="month" value={month} />
        <Button variant="secondary">{t('manual.show')}</Button>
      </form>
      {items.length === 0 ? (
        <p>{t('manual.noChanges')}</p>
      ) : (
        <ol class="manual-changes">
          {items.map((i) => (
            <li key={`${i.kind}-${i.href}-${i.revision}`} data-kind={i.kind}>
              {showInstant(i.at, ctx.locale)}　{i.kind === 'ruling' ? t('manual.added') : t('manual.revised', { n: i.revision })}：<a href={i.kind === 'procedure' ? withOffice(i.href, choice.officeCode) : i.href}>{i.label}</a>
            </li>
          ))}
        </ol>
      )}
    </Shell>
  );
}
