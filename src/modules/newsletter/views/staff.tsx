import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { SUBSCRIBER_STATES } from '../model.js';
import type { NewsItem } from '../news.js';

const crumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/newsletter', label: ctx.t('newsletter.staff.title') }, { label: last }] : [{ label: ctx.t('newsletter.staff.title') }]),
];

export interface IssueRow {
  id: number;
  title: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  counts: { sent: number; failed: number; pending: number; skipped: number };
}

export function ListPage({ ctx, issues, subscribers, bounceError }: { ctx: ViewContext; issues: IssueRow[]; subscribers: Record<string, number>; bounceError?: string | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('newsletter.staff.title')} crumbs={crumbs(ctx)} variant="staff">
      <h1>{t('newsletter.staff.title')}</h1>
      <p>
        <a class="button button-primary" href="/staff/newsletter/new">
          {t('newsletter.staff.new')}
        </a>
      </p>
      <Table
        ctx={ctx}
        caption={t('newsletter.staff.issues')}
        rowKey={(r) => r.id}
        rows={issues}
        columns={[
          { header: t('newsletter.staff.col.title'), cell: (r) => <a href={`/staff/newsletter/${r.id}`}>{r.title}</a> },
          { header: t('newsletter.staff.col.status'), cell: (r) => t(`newsletter.state.${r.status}`) },
          { header: t('newsletter.staff.col.created'), cell: (r) => showInstant(r.createdAt, ctx.locale) },
          { header: t('newsletter.staff.col.sentAt'), cell: (r) => (r.sentAt ? showInstant(r.sentAt, ctx.locale) : '') },
          { header: t('newsletter.staff.col.sent'), numeric: true, cell: (r) => r.counts.sent },
          { header: t('newsletter.staff.col.failed'), numeric: true, cell: (r) => r.counts.failed },
          { header: t('newsletter.staff.col.pending'), numeric: true, cell: (r) => r.counts.pending },
          { header: t('newsletter.staff.col.skipped'), numeric: true, cell: (r) => r.counts.skipped },
        ]}
      />
      <Table
        ctx={ctx}
        caption={t('newsletter.staff.subscribers')}
        rowKey={(r) => r}
        rows={[...SUBSCRIBER_STATES]}
        columns={[
          { header: t('newsletter.staff.col.state'), cell: (r) => t(`newsletter.sub.${r}`) },
          { header: t('newsletter.staff.col.count'), numeric: true, cell: (r) => subscribers[r] ?? 0 },
        ]}
      />
      <h2 id="bounces">{t('newsletter.bounces.title')}</h2>
      <p>{t('newsletter.bounces.lead')}</p>
      <form method="post" action="/staff/newsletter/bounces" enctype="multipart/form-data" class="form">
        <CsrfField ctx={ctx} />
        <div class={bounceError ? 'field field-error' : 'field'}>
          <label for="f-file">{t('newsletter.bounces.file')}</label>
          {bounceError ? (
            <p class="field-message" id="f-file-error">
              {bounceError}
            </p>
          ) : null}
          <input id="f-file" name="file" type="file" accept=".eml,message/rfc822" class="input-file" required aria-describedby={bounceError ? 'f-file-error' : undefined} />
        </div>
        <Button variant="secondary">{t('newsletter.bounces.submit')}</Button>
      </form>
    </Shell>
  );
}

export function NewIssuePage({ ctx, state, news }: { ctx: ViewContext; state?: FormState | undefined; news: NewsItem[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('newsletter.staff.new')} crumbs={crumbs(ctx, t('newsletter.staff.new'))} variant="staff">
      <h1>{t('newsletter.staff.new')}</h1>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/newsletter" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={state} name="titleZh" label={t('newsletter.form.titleZh')} maxLength={120} />
        <TextArea ctx={ctx} state={state} name="introZh" label={t('newsletter.form.introZh')} rows={4} maxLength={2000} />
        <TextField ctx={ctx} state={state} name="titleEn" label={t('newsletter.form.titleEn')} hint={t('newsletter.form.enHint')} required={false} maxLength={120} />
        <TextArea ctx={ctx} state={state} name="introEn" label={t('newsletter.form.introEn')} required={false} rows={4} maxLength={2000} />
        <CheckboxGroup ctx={ctx} state={state} name="items" label={t('newsletter.form.items')} hint={t('newsletter.form.itemsHint')} options={news.map((n) => ({ value: String(n.id), label: `${n.date} ${n.title}` }))} />
        <Button>{t('newsletter.form.create')}</Button>
      </form>
    </Shell>
  );
}

export function IssuePage({ ctx, issue, preview, active }: { ctx: ViewContext; issue: IssueRow & { intro: string }; preview: (NewsItem & { href: string })[]; active: number }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={issue.title} crumbs={crumbs(ctx, issue.title)} variant="staff">
      <h1>{issue.title}</h1>
      <p>
        {t('newsletter.staff.col.status')}：{t(`newsletter.state.${issue.status}`)}
      </p>
      <h2>{t('newsletter.preview')}</h2>
      <p class="field-hint">{t('newsletter.preview.lead')}</p>
      <article class="newsletter-preview">
        <p>{issue.intro}</p>
        <ul>
          {preview.map((n) => (
            <li key={n.id}>
              <a href={n.href}>{n.title}</a>
              <p>{n.summary}</p>
            </li>
          ))}
        </ul>
      </article>
      {issue.status === 'draft' ? (
        <form method="post" action={`/staff/newsletter/${issue.id}/send`} class="form">
          <CsrfField ctx={ctx} />
          <p>{t('newsletter.send.lead', { n: active })}</p>
          <Button variant="warning">{t('newsletter.send')}</Button>
        </form>
      ) : (
        <dl class="summary-list">
          <dt>{t('newsletter.staff.col.sent')}</dt>
          <dd>{issue.counts.sent}</dd>
          <dt>{t('newsletter.staff.col.failed')}</dt>
          <dd>{issue.counts.failed}</dd>
          <dt>{t('newsletter.staff.col.pending')}</dt>
          <dd>{issue.counts.pending}</dd>
          <dt>{t('newsletter.staff.col.skipped')}</dt>
          <dd>{issue.counts.skipped}</dd>
        </dl>
      )}
    </Shell>
  );
}
