import { showDate, showPeriod } from '../../../platform/layout/dates.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CsrfField, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { Question } from '../definition.js';
import type { GroupSummary, TrendPoint } from '../report.js';
import type { ScaleSummary } from '../stats.js';
import { SurveyNav, staffCrumbs } from './staff.js';

export interface ReportView {
  surveyId: number;
  title: string;
  kind: string;
  minGroup: number;
  filters: Record<string, string>;
  officeOptions: { value: string; label: string }[];
  serviceOptions: { value: string; label: string }[];
  responses: number;
  overall: ScaleSummary;
  questions: { q: Question; s: ScaleSummary | undefined }[];
  choices: { q: Question; counts: { label: string; n: number }[] }[];
  months: TrendPoint[];
  quarters: TrendPoint[];
  byService: { label: string; s: GroupSummary }[];
  byChannel: { label: string; s: GroupSummary }[];
  byWait: { label: string; s: GroupSummary }[];
  peers: { label: string; s: GroupSummary; band: string; mine: boolean }[] | null;
  countyAverage: GroupSummary | null;
  comments: { id: number; day: string; text: string; low: number | null }[];
  keywords: { word: string; n: number }[];
  query: string;
}

/**
 * Small groups of a staff survey are not shown at all: the anonymity rule.
 * It counts people (questionnaires), never answers: one person's five
 * answers are still one person.
 */
const hidden = (s: ScaleSummary | undefined, people: number, min: number, staff: boolean) => !s || (staff && people < min);

function rate(ctx: ViewContext, s: ScaleSummary | undefined, people: number, min: number, staff: boolean) {
  if (hidden(s, people, min, staff)) return <span class="muted">{ctx.t('surveys.r.tooFew')}</span>;
  if (!s || s.rate === null) return '—';
  return `${s.rate}%（${s.low}–${s.high}%）`;
}

const signed = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${n}`);

export function ReportPage({ ctx, r }: { ctx: ViewContext; r: ReportView }) {
  const { t } = ctx;
  const staff = r.kind === 'staff';
  // 份數 is questionnaires; the rate and mean are over their scale answers
  const groupCols = (label: string) => [
    { header: label, cell: (x: { label: string }) => x.label },
    { header: t('surveys.r.n'), cell: (x: { s: GroupSummary }) => (hidden(x.s, x.s.responses, r.minGroup, staff) ? '—' : x.s.responses), numeric: true },
    { header: t('surveys.r.rate'), cell: (x: { s: GroupSummary }) => rate(ctx, x.s, x.s.responses, r.minGroup, staff) },
    { header: t('surveys.r.mean'), cell: (x: { s: GroupSummary }) => (hidden(x.s, x.s.responses, r.minGroup, staff) ? '—' : (x.s.mean ?? '—')), numeric: true },
  ];
  const trendCols = [
    { header: t('surveys.r.period'), cell: (p: TrendPoint) => showPeriod(p.period, ctx.locale) },
    { header: t('surveys.r.n'), cell: (p: TrendPoint) => (hidden(p.summary, p.summary.responses, r.minGroup, staff) ? '—' : p.summary.responses), numeric: true },
    { header: t('surveys.r.rate'), cell: (p: TrendPoint) => rate(ctx, p.summary, p.summary.responses, r.minGroup, staff) },
    { header: t('surveys.r.vsPrevious'), cell: (p: TrendPoint) => signed(p.vsPrevious), numeric: true },
    { header: t('surveys.r.vsLastYear'), cell: (p: TrendPoint) => signed(p.vsLastYear), numeric: true },
  ];
  return (
    <Shell ctx={ctx} title={r.title} variant="staff" crumbs={staffCrumbs(ctx, r.title)}>
      <h1>{r.title}</h1>
      <SurveyNav ctx={ctx} />
      <form method="get" action={`/staff/surveys/${r.surveyId}/report`} class="filter-bar">
        <TextField ctx={ctx} state={{ values: r.filters, errors: [] }} name="from" type="date" label={t('surveys.r.from')} width="medium" />
        <TextField ctx={ctx} state={{ values: r.filters, errors: [] }} name="to" type="date" label={t('surveys.r.to')} width="medium" />
        {r.officeOptions.length > 1 ? <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="office" label={t('surveys.r.office')} options={r.officeOptions} /> : null}
        <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="service" label={t('surveys.r.service')} options={[{ value: '', label: t('surveys.r.all') }, ...r.serviceOptions]} />
        <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="channel" label={t('surveys.r.channel')} options={[{ value: '', label: t('surveys.r.all') }, ...['kiosk', 'web', 'ticket', 'booking'].map((c) => ({ value: c, label: t(`surveys.channel.${c}`) }))]} />
        <TextField ctx={ctx} state={{ values: r.filters, errors: [] }} name="counter" type="number" label={t('surveys.r.counter')} width="short" required={false} maxLength={3} />
        <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="gender" label={t('surveys.profile.gender')} options={[{ value: '', label: t('surveys.r.all') }, ...['female', 'male', 'other', 'none'].map((g) => ({ value: g, label: t(`surveys.profile.gender.${g}`) }))]} />
        <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="age" label={t('surveys.profile.age')} options={[{ value: '', label: t('surveys.r.all') }, ...['u20', '20s', '30s', '40s', '50s', '60_64', '65plus'].map((g) => ({ value: g, label: t(`surveys.profile.age.${g}`) }))]} />
        <SelectField ctx={ctx} state={{ values: r.filters, errors: [] }} name="identity" label={t('surveys.profile.identity')} options={[{ value: '', label: t('surveys.r.all') }, ...['general', 'indigenous', 'new_immigrant'].map((g) => ({ value: g, label: t(`surveys.profile.identity.${g}`) }))]} />
        <Button variant="secondary">{t('surveys.r.show')}</Button>
      </form>
      <p>
        <a href={`/staff/surveys/${r.surveyId}/report.ods?${r.query}`}>ODS</a> · <a href={`/staff/surveys/${r.surveyId}/gender`}>{t('surveys.gender.title')}</a>
      </p>
      <dl class="stat-grid">
        <div>
          <dt>{t('surveys.r.responses')}</dt>
          <dd>{r.responses}</dd>
        </div>
        <div>
          <dt>{t('surveys.r.rate')}</dt>
          <dd>{hidden(r.overall, r.responses, r.minGroup, staff) || r.overall.rate === null ? '—' : `${r.overall.rate}%`}</dd>
        </div>
        <div>
          <dt>{t('surveys.r.ci')}</dt>
          <dd>{hidden(r.overall, r.responses, r.minGroup, staff) || r.overall.low === null ? '—' : `${r.overall.low}–${r.overall.high}%`}</dd>
        </div>
        <div>
          <dt>{t('surveys.r.mean')}</dt>
          <dd>{hidden(r.overall, r.responses, r.minGroup, staff) ? '—' : (r.overall.mean ?? '—')}</dd>
        </div>
      </dl>
      <p class="muted">{t('surveys.r.rateHelp')}</p>
      <Table
        ctx={ctx}
        caption={t('surveys.r.byQuestion')}
        rows={r.questions}
        rowKey={(x) => x.q.key}
        columns={[
          { header: t('surveys.r.question'), cell: (x) => (ctx.locale === 'en' ? x.q.en : x.q.zh) },
          { header: t('surveys.r.answers'), cell: (x) => (hidden(x.s, x.s?.n ?? 0, r.minGroup, staff) ? '—' : (x.s?.n ?? 0)), numeric: true },
          { header: t('surveys.r.rate'), cell: (x) => rate(ctx, x.s, x.s?.n ?? 0, r.minGroup, staff) },
          { header: t('surveys.r.mean'), cell: (x) => (hidden(x.s, x.s?.n ?? 0, r.minGroup, staff) ? '—' : (x.s?.mean ?? '—')), numeric: true },
          { header: t('surveys.r.distribution'), cell: (x) => (hidden(x.s, x.s?.n ?? 0, r.minGroup, staff) ? '—' : (x.s?.distribution.slice().reverse().join(' / ') ?? '—')) },
        ]}
      />
      <h2>{t('surveys.r.trend')}</h2>
      <figure class="chart">
        <img src={`/staff/surveys/${r.surveyId}/trend.svg?${r.query}`} alt={t('surveys.r.trendAlt')} width="760" height="320" />
        <figcaption>{t('surveys.r.trendCaption')}</figcaption>
      </figure>
      <div class="two-col">
        <Table ctx={ctx} caption={t('surveys.r.byMonth')} rows={r.months} rowKey={(p) => p.period} columns={trendCols} />
        <Table ctx={ctx} caption={t('surveys.r.byQuarter')} rows={r.quarters} rowKey={(p) => p.period} columns={trendCols} />
      </div>
      <div class="two-col">
        <Table ctx={ctx} caption={t('surveys.r.byService')} rows={r.byService} rowKey={(x) => x.label} columns={groupCols(t('surveys.r.service'))} />
        <Table ctx={ctx} caption={t('surveys.r.byWait')} rows={r.byWait} rowKey={(x) => x.label} columns={groupCols(t('surveys.r.wait'))} />
      </div>
      <Table ctx={ctx} caption={t('surveys.r.byChannel')} rows={r.byChannel} rowKey={(x) => x.label} columns={groupCols(t('surveys.r.channel'))} />
      {r.peers ? (
        <>
          <h2>{t('surveys.r.peers')}</h2>
          <p class="muted">{t('surveys.r.peersHelp', { rate: r.countyAverage?.rate ?? '—' })}</p>
          <Table
            ctx={ctx}
            caption={t('surveys.r.peers')}
            rows={r.peers}
            rowKey={(x) => x.label}
            columns={[...groupCols(t('surveys.r.office')), { header: t('surveys.r.band'), cell: (x) => <span class={x.band === 'below' ? 'tag tag-warning' : 'tag'}>{t(`surveys.band.${x.band}`)}</span> }]}
          />
        </>
      ) : null}
      {r.choices.map((c) => (
        <Table key={c.q.key} ctx={ctx} caption={ctx.locale === 'en' ? c.q.en : c.q.zh} rows={c.counts} rowKey={(x) => x.label} columns={[{ header: t('surveys.r.answer'), cell: (x) => x.label }, { header: t('surveys.r.chosen'), cell: (x) => x.n, numeric: true }]} />
      ))}
      <h2>{t('surveys.r.comments')}</h2>
      {staff && r.responses < r.minGroup ? (
        <p class="muted">{t('surveys.r.tooFew')}</p>
      ) : (
        <>
          {r.keywords.length ? (
            <p class="tag-list">
              {r.keywords.map((k) => (
                <span key={k.word} class="tag">
                  {k.word} × {k.n}
                </span>
              ))}
            </p>
          ) : null}
          <ul class="comment-list">
            {r.comments.map((c) => (
              <li key={c.id}>
                <span class="muted">{showDate(c.day, ctx.locale)}</span> {c.low !== null ? <span class={c.low <= 2 ? 'tag tag-warning' : 'tag'}>{t('surveys.r.lowest', { n: c.low })}</span> : null}
                <p class="pre">{c.text}</p>
                {!staff && c.low !== null && c.low <= 2 ? (
                  <form method="post" action={`/staff/surveys/${r.surveyId}/followup/${c.id}`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <Button variant="secondary">{t('surveys.r.toFollowup')}</Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Shell>
  );
}
