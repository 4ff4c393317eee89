import type { ViewContext } from '../../../platform/http/context.js';
import { showInstant } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/layout/forms.js';
import type { OfficeChoice } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Column, Table } from '../../../platform/layout/Table.js';
import { periodLabel } from '../../figures/index.js';
import { COMMENT_MAX, NOTE_MAX, OVERALL_MAX } from '../fill.js';
import type { EventRow } from '../repo.js';
import { EDITABLE, type ReportLine, type ReportModel } from '../service.js';
import { formatChange, formatValue, lineChange, lineLabel, unitOf } from '../words.js';
import { Downloads, ReportPicker, StateTag } from './parts.js';

export interface ReportPageProps {
  ctx: ViewContext;
  model: ReportModel;
  choice: OfficeChoice;
  months: string[];
  can: { fill: boolean; submit: boolean; decide: boolean; template: boolean };
  /** the month has ended: only then may it be submitted */
  ended: boolean;
  fill?: FormState | undefined;
  decide?: FormState | undefined;
  /** a rule said no (the state changed under a click, the month is not over …) */
  alert?: string | undefined;
}

export const reportHref = (m: ReportModel) => `/staff/reports/${m.office.code}/${m.month.key}`;

/** The values the fill form starts with: what is saved. */
export function savedFill(m: ReportModel): FormState {
  const values: Record<string, string> = { overall: m.overallNote };
  for (const l of m.lines) {
    if (l.line.kind === 'manual' && m.handValues[l.line.key] !== undefined) values[`value.${l.line.key}`] = String(m.handValues[l.line.key]);
    values[`note.${l.line.key}`] = l.note;
  }
  return { values, errors: [] };
}

function LinesTable({ ctx, m }: { ctx: ViewContext; m: ReportModel }) {
  const { t, locale } = ctx;
  const v = (l: ReportLine, n: number | null) => formatValue(l.line, n, t, locale);
  const c = (l: ReportLine, now: number | null, before: number | null) => formatChange(l.line, lineChange(l.line, now, before), t, locale).text;
  const caption = `${m.office.name} ${periodLabel(m.month, locale)} ${t('reports.title')}`;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.line')}</th>
            <th scope="col" class="num">
              {t('reports.col.value')}
            </th>
            <th scope="col" class="num">
              {t('reports.col.previous')}
            </th>
            <th scope="col" class="num">
              {t('reports.col.changePrev')}
            </th>
            <th scope="col" class="num">
              {t('reports.col.lastYear')}
            </th>
            <th scope="col" class="num">
              {t('reports.col.changeYear')}
            </th>
            <th scope="col">{t('reports.col.note')}</th>
            {m.liveDiffers ? (
              <th scope="col" class="num">
                {t('reports.col.live')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {m.lines.map((l) => (
            <tr key={l.line.key}>
              <th scope="row">{lineLabel(l.line, t, locale)}</th>
              <td class="num">{v(l, l.value)}</td>
              <td class="num">{v(l, l.previous)}</td>
              <td class="num">{c(l, l.value, l.previous)}</td>
              <td class="num">{v(l, l.lastYear)}</td>
              <td class="num">{c(l, l.value, l.lastYear)}</td>
              <td>{l.note}</td>
              {m.liveDiffers ? <td class="num">{l.live ? v(l, l.live.value) : ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FillForm({ ctx, m, state, canSubmit, ended }: { ctx: ViewContext; m: ReportModel; state: FormState; canSubmit: boolean; ended: boolean }) {
  const { t, locale } = ctx;
  const labels: Record<string, string> = { overall: t('reports.overall') };
  for (const l of m.lines) {
    labels[`value.${l.line.key}`] = lineLabel(l.line, t, locale);
    labels[`note.${l.line.key}`] = `${lineLabel(l.line, t, locale)} ${t('reports.col.note')}`;
  }
  return (
    <form method="post" action={reportHref(m)} class="form" novalidate>
      <h2>{t('reports.fill.title')}</h2>
      <p class="muted">{t('reports.fill.lead')}</p>
      <ErrorSummary ctx={ctx} state={state} labels={labels} />
      <CsrfField ctx={ctx} />
      {m.lines.map((l) => {
        const label = lineLabel(l.line, t, locale);
        const unit = unitOf(l.line, t);
        return (
          <fieldset class="choices action-form" key={l.line.key}>
            <legend>{label}</legend>
            {l.line.kind === 'manual' ? (
              <TextField ctx={ctx} state={state} name={`value.${l.line.key}`} label={unit ? t('reports.fill.valueUnit', { unit }) : t('reports.fill.value')} hint={t('reports.fill.valueHint')} width="short" required={false} />
            ) : null}
            <TextArea ctx={ctx} state={state} name={`note.${l.line.key}`} label={t('reports.col.note')} rows={2} required={false} maxLength={NOTE_MAX} />
          </fieldset>
        );
      })}
      <TextArea ctx={ctx} state={state} name="overall" label={t('reports.overall')} rows={4} required={false} maxLength={OVERALL_MAX} />
      <div class="actions">
        <Button name="op" value="save" variant={canSubmit && ended ? 'secondary' : 'primary'}>
          {t('reports.fill.save')}
        </Button>
        {canSubmit && ended ? (
          <Button name="op" value="submit">
            {t('reports.fill.submit')}
          </Button>
        ) : null}
      </div>
      {canSubmit ? <p class="muted">{ended ? t('reports.fill.submitHint') : t('reports.err.notEnded')}</p> : null}
    </form>
  );
}

function DecideForm({ ctx, m, state }: { ctx: ViewContext; m: ReportModel; state: FormState }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${reportHref(m)}/decide`} class="form" novalidate>
      <h2>{t('reports.decide.title')}</h2>
      <ErrorSummary ctx={ctx} state={state} labels={{ comment: t('reports.decide.comment') }} />
      <CsrfField ctx={ctx} />
      <TextArea ctx={ctx} state={state} name="comment" label={t('reports.decide.comment')} hint={t('reports.decide.commentHint')} rows={3} required={false} maxLength={COMMENT_MAX} />
      <div class="actions">
        <Button name="decision" value="accept">
          {t('reports.decide.accept')}
        </Button>
        <Button name="decision" value="return" variant="warning">
          {t('reports.decide.return')}
        </Button>
      </div>
    </form>
  );
}

export function ReportPage({ ctx, model: m, choice, months, can, ended, fill, decide, alert }: ReportPageProps) {
  const { t, locale } = ctx;
  const title = `${m.office.name} ${periodLabel(m.month, locale)} ${t('reports.title')}`;
  const href = reportHref(m);
  const editable = EDITABLE.includes(m.state) && m.template !== null;
  const historyColumns: Column<EventRow>[] = [
    { header: t('reports.col.at'), cell: (e) => showInstant(e.at, locale) },
    { header: t('reports.col.who'), cell: (e) => e.staff_name },
    { header: t('reports.col.action'), cell: (e) => t(`reports.action.${e.action}`) },
    { header: t('reports.col.comment'), cell: (e) => e.comment ?? '' },
  ];
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('reports.tile') }]}>
      <h1>{title}</h1>
      <ReportPicker ctx={ctx} action="/staff/reports" choice={choice} month={m.month.key} months={months} />
      {alert ? <AlertBox message={alert} /> : null}
      <p>
        {t('reports.stateLabel')}
        {t('reports.sep')}
        <StateTag ctx={ctx} state={m.state} />
        {m.template ? <span class="muted">　{t('reports.versionShort', { n: m.template.version })}</span> : null}
      </p>
      {can.decide ? (
        <p>
          <a href={`/staff/reports/county?month=${m.month.key}`}>{t('reports.county.back', { month: periodLabel(m.month, locale) })}</a>
        </p>
      ) : null}
      {m.template === null ? (
        <div class="notice">
          <p>{t('reports.noTemplate')}</p>
          {can.template ? <a href="/staff/reports/template">{t('reports.template.title')}</a> : null}
        </div>
      ) : null}
      {m.state === 'returned' && m.countyComment ? (
        <div class="notice">
          <p>
            <strong>{t('reports.returnedBy')}</strong>
          </p>
          <p>{m.countyComment}</p>
        </div>
      ) : null}
      {m.frozenAt ? (
        <div class="notice">
          <p>{t('reports.frozen', { at: showInstant(m.frozenAt, locale) })}</p>
          {m.liveDiffers ? (
            <p>
              <strong>{t('reports.liveDiffers')}</strong>
            </p>
          ) : (
            <p>{t('reports.liveSame')}</p>
          )}
        </div>
      ) : m.template ? (
        <p class="muted">{t('reports.liveNote')}</p>
      ) : null}
      {m.template ? (
        <>
          <Downloads
            ctx={ctx}
            links={[
              { href: `${href}/report.ods`, label: t('reports.download.ods') },
              { href: `${href}/report.csv`, label: t('reports.download.csv') },
              { href: `${href}/report.pdf`, label: t('reports.download.pdf') },
            ]}
          />
          <LinesTable ctx={ctx} m={m} />
        </>
      ) : null}
      {m.overallNote && !(editable && can.fill) ? (
        <>
          <h2>{t('reports.overall')}</h2>
          <p class="prose">{m.overallNote}</p>
        </>
      ) : null}
      {editable && can.fill ? <FillForm ctx={ctx} m={m} state={fill ?? savedFill(m)} canSubmit={can.submit} ended={ended} /> : null}
      {can.decide && m.state === 'submitted' ? <DecideForm ctx={ctx} m={m} state={decide ?? { values: {}, errors: [] }} /> : null}
      <h2>{t('reports.history')}</h2>
      <Table ctx={ctx} caption={t('reports.history')} columns={historyColumns} rows={m.events} rowKey={(e) => e.id} />
      {m.events.length ? <Downloads ctx={ctx} label={t('reports.history')} links={[{ href: `${href}/history.csv`, label: t('reports.download.historyCsv') }]} /> : null}
    </Shell>
  );
}
