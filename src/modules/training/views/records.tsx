import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState, RadioGroup, SelectField, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { showHours, YEARLY_HOURS } from '../model.js';
import type { HoursRow, QuizResult } from '../service.js';
import { type AttemptRow, carriedOffice, crumbsTo, scoreText, withOffice } from './common.js';

export interface RecordRow {
  id: number;
  title: string;
  provider: string;
  mode: string;
  startDate: string;
  endDate: string;
  hoursCenti: number;
  certificateNo: string | null;
  hasFile: boolean;
}

function RecordsTable({ ctx, rows }: { ctx: ViewContext; rows: RecordRow[] }) {
  const { t } = ctx;
  const dates = (r: RecordRow) => (r.endDate === r.startDate ? showDate(r.startDate, ctx.locale) : `${showDate(r.startDate, ctx.locale)}～${showDate(r.endDate, ctx.locale)}`);
  return (
    <Table
      ctx={ctx}
      caption={t('training.myRecords')}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: t('training.courseTitle'), cell: (r) => r.title },
        { header: t('training.provider'), cell: (r) => `${r.provider}（${t(`training.mode.${r.mode}`)}）` },
        { header: t('training.dates'), cell: dates },
        { header: t('training.hours'), cell: (r) => showHours(r.hoursCenti), numeric: true },
        { header: t('training.certificateNo'), cell: (r) => (r.hasFile ? <a href={`/staff/training/records/${r.id}/certificate`}>{r.certificateNo ?? t('training.download')}</a> : (r.certificateNo ?? '')) },
      ]}
    />
  );
}

/** A person's attempts and training entries of a year. */
export function HistoryPage({ ctx, name, own, attempts, records, year, office }: { ctx: ViewContext; name: string; own: boolean; attempts: AttemptRow[]; records: RecordRow[]; year: string; office: string }) {
  const { t } = ctx;
  const title = own ? t('training.myHistory') : t('training.history', { name });
  const hours = records.reduce((n, r) => n + r.hoursCenti, 0);
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbsTo(ctx, title, office)}>
      <h1>{title}</h1>
      <h2>{t('training.attempts')}</h2>
      <Table
        ctx={ctx}
        caption={t('training.attempts')}
        rows={attempts}
        rowKey={(a) => a.id}
        columns={[
          { header: t('training.quiz'), cell: (a) => <a href={`/staff/training/attempts/${a.id}`}>{a.title}</a> },
          { header: t('training.startedAt'), cell: (a) => showInstant(a.startedAt, ctx.locale) },
          { header: t('training.score'), cell: (a) => scoreText(ctx, a.correct, a.total) },
          { header: t('training.passed'), cell: (a) => (a.correct === null ? '' : `${t((a.correct / a.total) * 100 >= a.passPercent ? 'training.passed' : 'training.failed')}${a.late ? `（${t('training.late')}）` : ''}`) },
        ]}
      />
      <h2>{t('training.myRecords')}</h2>
      <form method="get" class="filter-bar">
        {office ? <input type="hidden" name="office" value={office} /> : null}
        <TextField ctx={ctx} state={{ values: { year }, errors: [] }} name="year" label={t('training.year')} width="short" inputMode="numeric" required={false} />
        <Button variant="secondary">{t('training.show')}</Button>
      </form>
      <p id="year-total">{t('training.yearTotal', { year, hours: showHours(hours), target: YEARLY_HOURS })}</p>
      <RecordsTable ctx={ctx} rows={records} />
      {own ? (
        <p>
          <a href={withOffice('/staff/training/records/new', office)}>{t('training.newRecord')}</a>
        </p>
      ) : null}
    </Shell>
  );
}

export function RecordForm({ ctx, state, people, choice }: { ctx: ViewContext; state: FormState; people: { value: string; label: string }[] | null; choice: OfficeChoice | null }) {
  const { t } = ctx;
  const office = carriedOffice(choice ?? undefined);
  return (
    <Shell ctx={ctx} title={t('training.newRecord')} variant="staff" crumbs={crumbsTo(ctx, t('training.newRecord'), office)}>
      <h1>{t('training.newRecord')}</h1>
      {choice ? <OfficePicker ctx={ctx} action="/staff/training/records/new" choice={choice} /> : null}
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action="/staff/training/records" enctype="multipart/form-data" class="form" novalidate>
        <CsrfField ctx={ctx} />
        {office ? <input type="hidden" name="office" value={office} /> : null}
        {people ? <SelectField ctx={ctx} state={state} name="staffId" label={t('training.recordFor')} options={people} /> : null}
        <TextField ctx={ctx} state={state} name="title" label={t('training.courseTitle')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="provider" label={t('training.provider')} width="medium" maxLength={120} />
        <RadioGroup ctx={ctx} state={state} name="mode" label={t('training.mode')} inline options={['internal', 'external'].map((m) => ({ value: m, label: t(`training.mode.${m}`) }))} />
        <TextField ctx={ctx} state={state} name="startDate" label={t('training.startDate')} hint={t('training.dateHint')} width="medium" maxLength={20} />
        <TextField ctx={ctx} state={state} name="endDate" label={t('training.endDate')} hint={t('training.endDateHint')} width="medium" maxLength={20} required={false} />
        <TextField ctx={ctx} state={state} name="hours" label={t('training.hoursField')} hint={t('training.hoursHint')} width="short" inputMode="text" maxLength={10} />
        <TextField ctx={ctx} state={state} name="certificateNo" label={t('training.certificateNo')} width="medium" maxLength={60} required={false} />
        <FileField ctx={ctx} state={state} name="file" label={t('training.certificate')} hint={t('training.certificateHint')} accept=".pdf,.jpg,.jpeg,.png" required={false} />
        <Button>{t('training.save')}</Button>
      </form>
    </Shell>
  );
}

/** The office's quiz results and training hours of a year (office picker for county staff). */
export function ResultsPage({ ctx, year, officeCode, offices, quizzes, hours }: { ctx: ViewContext; year: string; officeCode: string; offices: { value: string; label: string }[]; quizzes: QuizResult[]; hours: { rows: HoursRow[]; total: { people: number; records: number; hoursCenti: number; meeting: number; meetingShare: number | null; perPersonCenti: number | null } } }) {
  const { t } = ctx;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  const total: HoursRow = { staffId: 0, name: t('training.total'), records: hours.total.records, hoursCenti: hours.total.hoursCenti, meets: false };
  return (
    <Shell ctx={ctx} title={t('training.results')} variant="staff" crumbs={crumbsTo(ctx, t('training.results'), offices.length > 1 ? officeCode : '')}>
      <h1>{t('training.results')}</h1>
      <form method="get" action="/staff/training/results" class="filter-bar">
        {offices.length > 1 ? <SelectField ctx={ctx} state={{ values: { office: officeCode }, errors: [] }} name="office" label={t('training.office')} options={offices} /> : null}
        <TextField ctx={ctx} state={{ values: { year }, errors: [] }} name="year" label={t('training.year')} width="short" inputMode="numeric" required={false} />
        <Button variant="secondary">{t('training.show')}</Button>
      </form>
      <h2>{t('training.quizResults')}</h2>
      <Table
        ctx={ctx}
        caption={t('training.quizResults')}
        rows={quizzes}
        rowKey={(q) => q.quizId}
        columns={[
          { header: t('training.quiz'), cell: (q) => q.title },
          { header: t('training.people'), cell: (q) => q.people, numeric: true },
          { header: t('training.attemptCount'), cell: (q) => q.attempts, numeric: true },
          { header: t('training.average'), cell: (q) => pct(q.average), numeric: true },
          { header: t('training.passPercent'), cell: (q) => q.passPercent, numeric: true },
          { header: t('training.passRate'), cell: (q) => `${pct(q.passRate)}（${q.passed}／${q.people}）`, numeric: true },
        ]}
      />
      <h2>{t('training.hoursTable')}</h2>
      <p id="meeting">{t('training.meetingShare', { hours: YEARLY_HOURS, meeting: hours.total.meeting, people: hours.total.people, share: hours.total.meetingShare ?? 0, avg: showHours(hours.total.perPersonCenti ?? 0) })}</p>
      <Table
        ctx={ctx}
        caption={t('training.hoursTable')}
        rows={[...hours.rows, total]}
        rowKey={(r) => r.staffId}
        columns={[
          { header: t('training.person'), cell: (r) => (r.staffId ? <a href={withOffice(`/staff/training/people/${r.staffId}?year=${year}`, offices.length > 1 ? officeCode : '')}>{r.name}</a> : <strong>{r.name}</strong>) },
          { header: t('training.records'), cell: (r) => r.records, numeric: true },
          { header: t('training.hours'), cell: (r) => <span data-hours={r.staffId}>{showHours(r.hoursCenti)}</span>, numeric: true },
          { header: t('training.meets', { hours: YEARLY_HOURS }), cell: (r) => (r.staffId ? (r.meets ? '✓' : '') : hours.total.meeting), numeric: true },
        ]}
      />
    </Shell>
  );
}
