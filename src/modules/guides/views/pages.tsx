import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { toTaipeiIsoDate } from '../../../platform/calendar/index.js';
import { FEES, LATE_FINES } from '../seed-data.js';
import type { Guide } from '../service.js';

const CATEGORIES = ['registration', 'address', 'id', 'certificate', 'nationality'];

export function GuideList({ ctx, guides }: { ctx: ViewContext; guides: Guide[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('guides.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('guides.title') }]}>
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
            <h2 id={`cat-${cat}`}>{t(`guides.cat.${cat}`)}</h2>
            <ul class="card-grid">
              {list.map((g) => (
                <li key={g.code} class="card">
                  <a href={`/guides/${g.code}`}>
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

export function GuidePage({ ctx, guide }: { ctx: ViewContext; guide: Guide }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={guide.name} crumbs={[{ href: '/', label: t('nav.home') }, { href: '/guides', label: t('guides.title') }, { label: guide.name }]}>
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
        <a class="button button-secondary" href={`/guides/${guide.code}.pdf`}>
          {t('guides.pdf')}
        </a>
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

export function GuideEditPage({ ctx, code, name, state }: { ctx: ViewContext; code: string; name: string; state: FormState }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('guides.edit')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { href: '/staff/guides', label: t('guides.staffTile') }, { label: name }]}>
      <h1>
        {t('guides.edit')}：{name}
      </h1>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/guides/${code}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={state} name="whoZh" label={t('guides.whoZh')} maxLength={300} />
        <TextField ctx={ctx} state={state} name="whoEn" label={t('guides.whoEn')} maxLength={300} />
        <TextArea ctx={ctx} state={state} name="documents" label={t('guides.editDocs')} rows={10} maxLength={5000} />
        <TextField ctx={ctx} state={state} name="processingDays" label={t('guides.processingDays')} inputMode="numeric" width="short" />
        <Button>{t('guides.save')}</Button>
      </form>
    </Shell>
  );
}

export function GuideAdminList({ ctx, guides }: { ctx: ViewContext; guides: Guide[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('guides.staffTile')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('guides.staffTile') }]}>
      <h1>{t('guides.staffTile')}</h1>
      <ul class="plain-list">
        {guides.map((g) => (
          <li key={g.code}>
            <a href={`/staff/guides/${g.code}`}>{g.name}</a>
          </li>
        ))}
      </ul>
    </Shell>
  );
}
