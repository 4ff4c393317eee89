import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import type { OfficeInfo } from '../../../platform/http/context.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { topicLabel } from '../../../platform/search/index.js';
import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import { FEES, LATE_FINES } from '../seed-data.js';
import type { Guide } from '../service.js';

import { CATEGORIES } from '../service.js';

export function GuideList({ ctx, guides, base }: { ctx: ViewContext; guides: Guide[]; base: string }) {
  const { t } = ctx;
  const home = ctx.office ? `/o/${ctx.office.code}` : '/';
  return (
    <Shell ctx={ctx} title={t('guides.title')} crumbs={[{ href: home, label: t('nav.home') }, { label: t('guides.title') }]}>
      <h1>{t('guides.title')}</h1>
      <p class="lead">{t('guides.lead')}</p>
      <p>
        <a href="/fees">{t('guides.fees')}</a>
      </p>
      {CATEGORIES.map((cat) => {
        const list = guides.filter((g) => g.category === cat);
        if (list.length === 0) return null;
        return (
          <section key={cat} aria-labelledby={`cat-${cat}`}>
            <h2 id={`cat-${cat}`}>{topicLabel(t, cat)}</h2>
            <ul class="card-grid">
              {list.map((g) => (
                <li key={g.code} class="card">
                  <a href={`${base}/${g.code}`}>
                    <span class="card-title">{g.name}</span>
                    <span class="card-desc">
                      {g.fee}・{g.processingDays === 0 ? t('guides.sameDay') : t('guides.days', { n: g.processingDays })}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Shell>
  );
}

export function GuidePage({ ctx, guide, base, formHref }: { ctx: ViewContext; guide: Guide; base: string; formHref?: string | null }) {
  const { t } = ctx;
  const home = ctx.office ? `/o/${ctx.office.code}` : '/';
  return (
    <Shell ctx={ctx} title={guide.name} crumbs={[{ href: home, label: t('nav.home') }, { href: base, label: t('guides.title') }, { label: guide.name }]}>
      <h1>{guide.name}</h1>
      <dl class="facts">
        <dt>{t('guides.who')}</dt>
        <dd>{guide.who}</dd>
        <dt>{t('guides.fee')}</dt>
        <dd>{guide.fee}</dd>
        <dt>{t('guides.deadline')}</dt>
        <dd>
          {guide.deadline}
          {guide.lateFine ? (
            <>
              <br />
              <a href="/fees#fines">{t('guides.lateFine')}</a>
            </>
          ) : null}
        </dd>
        <dt>{t('guides.processing')}</dt>
        <dd>{guide.processingDays === 0 ? t('guides.sameDay') : t('guides.days', { n: guide.processingDays })}</dd>
      </dl>
      <h2>{t('guides.documents')}</h2>
      <ol class="doc-list">
        {guide.documents.map((d) => (
          <li key={d.text}>
            {d.text}
            {d.basis ? <span class="muted">（{t('guides.basis', { basis: d.basis })}）</span> : null}
          </li>
        ))}
      </ol>
      <p>
        <a class="button button-secondary" href={`${base}/${guide.code}.pdf`}>
          {t('guides.pdf')}
        </a>
        {formHref ? (
          <>
            {' '}
            <a class="button button-secondary" href={formHref}>
              {t('guides.fillForm')}
            </a>
          </>
        ) : null}
      </p>
      {ctx.office ? (
        <p>
          <a href={`/o/${ctx.office.code}/queue`}>{t('guides.takeTicket')}</a>
        </p>
      ) : null}
      <p class="muted">{t('guides.updated', { date: showDate(toTaipeiIsoDate(new Date(guide.updatedAt)), ctx.locale) })}</p>
    </Shell>
  );
}

export function FeesPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const en = ctx.locale === 'en';
  return (
    <Shell ctx={ctx} title={t('guides.fees')} crumbs={[{ href: '/', label: t('nav.home') }, { href: '/guides', label: t('guides.title') }, { label: t('guides.fees') }]}>
      <h1>{t('guides.fees')}</h1>
      <table class="table">
        <caption>{t('guides.feesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('guides.item')}</th>
            <th scope="col" class="num">
              {t('guides.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {FEES.map((f) => (
            <tr key={f.zh}>
              <th scope="row">{en ? f.en : f.zh}</th>
              <td class="num">{f.ntd}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="table" id="fines">
        <caption>{t('guides.finesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('guides.daysLate')}</th>
            <th scope="col" class="num">
              {t('guides.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {LATE_FINES.map((f) => (
            <tr key={f.fromDay}>
              <th scope="row">{f.toDay === null ? t('guides.fineFrom', { from: f.fromDay }) : t('guides.fineRange', { from: f.fromDay, to: f.toDay })}</th>
              <td class="num">{f.ntd}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Shell>
  );
}

/** A retired guide keeps its address: it says so and points to the list. */
export function RetiredGuidePage({ ctx, guide, listHref }: { ctx: ViewContext; guide: Guide; listHref: string }) {
  const { t } = ctx;
  const home = ctx.office ? `/o/${ctx.office.code}` : '/';
  return (
    <Shell ctx={ctx} title={guide.name} crumbs={[{ href: home, label: t('nav.home') }, { href: listHref, label: t('guides.title') }, { label: guide.name }]}>
      <h1>{guide.name}</h1>
      <div class="notice" role="status">
        <p>{t('guides.retiredLead')}</p>
      </div>
      <p>
        <a href={listHref}>{t('guides.backToList')}</a>
      </p>
    </Shell>
  );
}

const staffCrumbs = (ctx: ViewContext, scopeQuery: string, label: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  { href: `/staff/guides${scopeQuery}`, label: ctx.t('guides.staffTile') },
  { label },
];

/** Create (id null) or edit one guide. The code is fixed once made: links and cases point at it. */
export function GuideEditPage({
  ctx,
  id,
  name,
  state,
  office,
  scopeQuery,
  services,
}: {
  ctx: ViewContext;
  id: number | null;
  name: string;
  state: FormState;
  office: OfficeInfo | null;
  scopeQuery: string;
  services: { value: string; label: string }[];
}) {
  const { t } = ctx;
  const title = id === null ? t('guides.new') : `${t('guides.edit')}：${name}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={staffCrumbs(ctx, scopeQuery, id === null ? t('guides.new') : name)}>
      <h1>{title}</h1>
      <p class="lead">{office ? t('guides.scopeOffice', { office: office.name }) : t('guides.scopeLibrary')}</p>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={id === null ? '/staff/guides/new' : `/staff/guides/${id}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {office ? <input type="hidden" name="office" value={office.code} /> : <input type="hidden" name="scope" value="library" />}
        {id === null ? (
          <TextField ctx={ctx} state={state} name="code" label={t('guides.code')} hint={t('guides.codeHint')} width="medium" maxLength={60} autocomplete="off" />
        ) : (
          <p>
            {t('guides.code')}：<code>{state.values.code}</code>
          </p>
        )}
        <SelectField ctx={ctx} state={state} name="category" label={t('guides.category')} options={CATEGORIES.map((c) => ({ value: c, label: topicLabel(t, c) }))} />
        <TextField ctx={ctx} state={state} name="nameZh" label={t('guides.nameZh')} maxLength={100} />
        <TextField ctx={ctx} state={state} name="nameEn" label={t('guides.nameEn')} maxLength={100} />
        <TextField ctx={ctx} state={state} name="whoZh" label={t('guides.whoZh')} maxLength={300} />
        <TextField ctx={ctx} state={state} name="whoEn" label={t('guides.whoEn')} maxLength={300} />
        <TextArea ctx={ctx} state={state} name="documents" label={t('guides.editDocs')} hint={t('guides.docsHint')} rows={10} maxLength={5000} />
        <TextField ctx={ctx} state={state} name="feeNtd" label={t('guides.feeNtd')} hint={t('guides.feeNtdHint')} required={false} inputMode="numeric" width="short" />
        <TextField ctx={ctx} state={state} name="feeZh" label={t('guides.feeZh')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="feeEn" label={t('guides.feeEn')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="deadlineDays" label={t('guides.deadlineDays')} hint={t('guides.deadlineDaysHint')} required={false} inputMode="numeric" width="short" />
        <TextField ctx={ctx} state={state} name="deadlineZh" label={t('guides.deadlineZh')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="deadlineEn" label={t('guides.deadlineEn')} maxLength={200} />
        <CheckboxGroup ctx={ctx} state={state} name="lateFine" label={t('guides.lateFineLabel')} required={false} options={[{ value: '1', label: t('guides.lateFineYes') }]} />
        <TextField ctx={ctx} state={state} name="processingDays" label={t('guides.processingDays')} inputMode="numeric" width="short" />
        <SelectField ctx={ctx} state={state} name="serviceCode" label={t('guides.serviceCode')} hint={t('guides.serviceCodeHint')} required={false} options={[{ value: '', label: t('guides.noService') }, ...services]} />
        <Button>{id === null ? t('guides.create') : t('guides.save')}</Button>
      </form>
    </Shell>
  );
}

export interface AdminRow {
  id: number;
  code: string;
  name: string;
  active: boolean;
  processingDays: number;
}

/** One scope's guides (an office's, or the county library), with create, copy, retire. */
export function GuideAdminList({
  ctx,
  rows,
  office,
  offices,
  library,
  maySetup,
  copyChoices,
  fromLibrary,
  scopeQuery,
}: {
  ctx: ViewContext;
  rows: AdminRow[];
  office: OfficeInfo | null;
  offices: { value: string; label: string }[];
  library: boolean;
  maySetup: boolean;
  copyChoices: { value: string; label: string }[];
  fromLibrary: boolean;
  scopeQuery: string;
}) {
  const { t } = ctx;
  const scopeField = office ? <input type="hidden" name="office" value={office.code} /> : <input type="hidden" name="scope" value="library" />;
  return (
    <Shell ctx={ctx} title={t('guides.staffTile')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('guides.staffTile') }]}>
      <h1>
        {t('guides.staffTile')}：{office ? office.name : t('guides.library')}
      </h1>
      {offices.length > 0 || library ? (
        <form method="get" action="/staff/guides" class="filter-bar">
          {offices.length > 0 ? <SelectField ctx={ctx} state={{ values: { office: office?.code ?? '' }, errors: [] }} name="office" label={t('guides.office')} required={false} options={offices} {...(office ? {} : { placeholder: '' })} /> : null}
          {offices.length > 0 ? <Button variant="secondary">{t('guides.show')}</Button> : null}
          {library && office ? <a href="/staff/guides?scope=library">{t('guides.openLibrary')}</a> : null}
        </form>
      ) : null}
      <p class="lead">{office ? (fromLibrary ? t('guides.usesLibrary') : t('guides.usesOwn')) : t('guides.libraryLead')}</p>
      {rows.length === 0 ? (
        <p class="muted">{t('guides.none')}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t('guides.staffTile')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('guides.nameZh')}</th>
              <th scope="col">{t('guides.code')}</th>
              <th scope="col">{t('guides.state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('guides.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/staff/guides/${r.id}`}>{r.name}</a>
                </td>
                <td>
                  <code>{r.code}</code>
                </td>
                <td>{r.active ? t('guides.active') : t('guides.retiredState')}</td>
                <td>
                  {maySetup ? (
                    <form method="post" action={`/staff/guides/${r.id}/${r.active ? 'retire' : 'restore'}`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="link-button">
                        {r.active ? t('guides.retire') : t('guides.restore')}
                        <span class="visually-hidden">：{r.name}</span>
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {maySetup ? (
        <>
          <p>
            <a class="button button-secondary" href={`/staff/guides/new${scopeQuery}`}>
              {t('guides.new')}
            </a>
          </p>
          {copyChoices.length > 0 ? (
            <form method="post" action="/staff/guides/copy" class="form">
              <h2>{t('guides.copyTitle')}</h2>
              <CsrfField ctx={ctx} />
              {scopeField}
              <SelectField ctx={ctx} state={{ values: {}, errors: [] }} name="from" label={t('guides.copyFrom')} hint={t('guides.copyHint')} options={copyChoices} placeholder="" />
              <Button variant="secondary">{t('guides.copy')}</Button>
            </form>
          ) : null}
        </>
      ) : null}
    </Shell>
  );
}
