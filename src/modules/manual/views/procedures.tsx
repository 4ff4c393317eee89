import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { Revision } from '../service.js';
import { crumbs, officeCrumbs, Rendered, RevisionList, withOffice } from './common.js';

export interface ProcRow {
  id: number;
  code: string;
  guideName: string;
  title: string;
  office: string | null;
  revision: number;
  updatedAt: string;
}

/** The procedures of the county and of the office(s) shown; the picker switches office, every link keeps it. */
export function ManualHome({ ctx, rows, canEdit, choice }: { ctx: ViewContext; rows: ProcRow[]; canEdit: boolean; choice: OfficeChoice }) {
  const { t } = ctx;
  const at = (href: string) => withOffice(href, choice.officeCode);
  return (
    <Shell ctx={ctx} title={t('manual.title')} variant="staff" crumbs={crumbs(ctx).slice(0, 1).concat({ label: t('manual.title') })}>
      <h1>{t('manual.title')}</h1>
      <OfficePicker ctx={ctx} action="/staff/manual" choice={choice} />
      <p>
        <a href="/staff/manual/rulings">{t('manual.rulings')}</a>　<a href={at('/staff/manual/search')}>{t('manual.search')}</a>　<a href={at('/staff/manual/changes')}>{t('manual.changes')}</a>
      </p>
      <Table
        ctx={ctx}
        caption={t('manual.title')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('manual.guideCode'), cell: (r) => r.guideName },
          { header: t('manual.procTitle'), cell: (r) => <a href={at(`/staff/manual/procedures/${r.id}`)}>{r.title}</a> },
          { header: t('manual.scope'), cell: (r) => r.office ?? t('manual.scope.county') },
          { header: t('manual.revisions'), cell: (r) => <a href={at(`/staff/manual/procedures/${r.id}/revisions`)}>{t('manual.revisionN', { n: r.revision })}</a> },
          { header: t('manual.field.issuedOn'), cell: (r) => showDate(r.updatedAt.slice(0, 10), ctx.locale) },
        ]}
      />
      {canEdit ? (
        <p>
          <a href={at('/staff/manual/procedures/new')}>{t('manual.newProcedure')}</a>
        </p>
      ) : null}
    </Shell>
  );
}

export interface ProcView {
  id: number;
  code: string;
  title: string;
  office: string | null;
  revision: number;
  html: { steps: string; checks: string; mistakes: string; basis: string };
  rulings: { id: number; number: string; subject: string }[];
}

export function ProcedurePage({ ctx, p, canEdit, office = '' }: { ctx: ViewContext; p: ProcView; canEdit: boolean; office?: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={p.title} variant="staff" crumbs={officeCrumbs(ctx, office, { label: p.title })}>
      <h1>{p.title}</h1>
      <p>
        {p.office ?? t('manual.scope.county')}　<a href={`/guides/${p.code}`}>{t('manual.publicGuide')}</a>　<a href={withOffice(`/staff/manual/procedures/${p.id}/revisions`, office)}>{t('manual.revisions')}（{t('manual.revisionN', { n: p.revision })}）</a>
        {canEdit ? (
          <a href={withOffice(`/staff/manual/procedures/${p.id}/edit`, office)}>{t('manual.edit')}</a>
        ) : null}
      </p>
      <h2>{t('manual.steps')}</h2>
      <Rendered html={p.html.steps} />
      <h2>{t('manual.checks')}</h2>
      <Rendered html={p.html.checks} />
      <h2>{t('manual.mistakes')}</h2>
      <Rendered html={p.html.mistakes} />
      <h2>{t('manual.basis')}</h2>
      <Rendered html={p.html.basis} />
      <h2>{t('manual.relatedRulings')}</h2>
      {p.rulings.length ? (
        <ul>
          {p.rulings.map((r) => (
            <li key={r.id}>
              <a href={`/staff/manual/rulings/${r.id}`}>{r.number}</a>　{r.subject}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('manual.none')}</p>
      )}
    </Shell>
  );
}

type Options = { value: string; label: string }[];

/** A new procedure (guides and scopes to pick) or an edit (both fixed); `office` is the office the page came from, kept on. */
export function ProcedureForm({ ctx, state, action, guides, scopes, office = '' }: { ctx: ViewContext; state: FormState; action: string; guides: Options | null; scopes: Options | null; office?: string }) {
  const { t } = ctx;
  const title = t('manual.procedure');
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={officeCrumbs(ctx, office, { label: title })}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {office ? <OfficeField choice={{ officeCode: office, offices: [] }} /> : null}
        <input type="hidden" name="revision" value={state.values.revision ?? ''} />
        {guides ? <SelectField ctx={ctx} state={state} name="guideCode" label={t('manual.guideCode')} options={guides} /> : <input type="hidden" name="guideCode" value={state.values.guideCode ?? ''} />}
        {scopes ? <SelectField ctx={ctx} state={state} name="scope" label={t('manual.scope')} options={scopes} /> : null}
        <TextField ctx={ctx} state={state} name="title" label={t('manual.procTitle')} maxLength={120} />
        <TextArea ctx={ctx} state={state} name="steps" label={t('manual.steps')} hint={t('manual.stepsHint')} rows={12} maxLength={20000} />
        <TextArea ctx={ctx} state={state} name="checks" label={t('manual.checks')} rows={6} maxLength={10000} required={false} />
        <TextArea ctx={ctx} state={state} name="mistakes" label={t('manual.mistakes')} rows={6} maxLength={10000} required={false} />
        <TextArea ctx={ctx} state={state} name="basis" label={t('manual.basis')} rows={4} maxLength={4000} required={false} />
        <Button>{t('manual.save')}</Button>
      </form>
    </Shell>
  );
}

export function RevisionsPage({ ctx, title, back, revisions, office = '' }: { ctx: ViewContext; title: string; back: string; revisions: Revision[]; office?: string }) {
  const { t } = ctx;
  const heading = `${title}：${t('manual.revisions')}`;
  return (
    <Shell ctx={ctx} title={heading} variant="staff" crumbs={officeCrumbs(ctx, office, { href: withOffice(back, office), label: title }, { label: t('manual.revisions') })}>
      <h1>{heading}</h1>
      <RevisionList ctx={ctx} revisions={revisions} />
    </Shell>
  );
}
