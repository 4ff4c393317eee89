import { can } from '../../../platform/auth/roles.js';
import type { OfficeInfo, ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, FileField, type FormState, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficeField, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { YearView } from '../service.js';

export interface CalendarPageProps {
  ctx: ViewContext;
  view: YearView;
  office: OfficeInfo | null;
  /** the offices the person covers and the one shown (county staff switch with ?office=<code>) */
  choice: OfficeChoice;
  closures: { id: number; date: string; reason: string }[];
  imports: { id: number; year: number; encoding: string; days: number; days_off: number; filename: string | null; imported_at: string; username: string | null }[];
  importForm?: FormState;
  closureForm?: FormState;
}

function dayClass(d: YearView['months'][number]['days'][number]): string {
  if (d.closure) return 'day day-closure';
  if (d.makeup) return 'day day-makeup';
  return d.working ? 'day day-work' : 'day day-off';
}

function Month({ ctx, month }: { ctx: ViewContext; month: YearView['months'][number] }) {
  const { t } = ctx;
  const lead = month.days[0]?.weekday ?? 0;
  const cells: (YearView['months'][number]['days'][number] | null)[] = [...Array(lead).fill(null), ...month.days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (typeof cells)[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="month">
      <caption>{t('month.n', { n: month.month })}</caption>
      <thead>
        <tr>
          {[0, 1, 2, 3, 4, 5, 6].map((wd) => (
            <th key={wd} scope="col" abbr={t(`weekdayLong.${wd}`)}>
              {t(`weekday.${wd}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, i) => (
          <tr key={`${month.month}-${i}`}>
            {w.map((d, j) =>
              d ? (
                <td key={d.date} class={dayClass(d)} title={d.closure ?? (d.note || undefined)}>
                  <span aria-hidden="true">{Number(d.date.slice(8))}</span>
                  <span class="visually-hidden">
                    {showDate(d.date, ctx.locale)} {d.closure ? `${t('calendar.legendClosure')} ${d.closure}` : ''}
                    {!d.closure && d.makeup ? t('calendar.legendMakeup') : ''}
                    {!d.closure && !d.makeup ? (d.working ? t('calendar.legendWork') : t('calendar.legendOff')) : ''} {d.note}
                  </span>
                </td>
              ) : (
                <td key={`e-${month.month}-${i}-${j}`} class="day day-empty" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CalendarPage(p: CalendarPageProps) {
  const { ctx, view } = p;
  const { t } = ctx;
  const staff = ctx.staff!;
  const officeQuery = p.office ? `&office=${encodeURIComponent(p.office.code)}` : '';
  return (
    <Shell ctx={ctx} title={t('calendar.title')} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('calendar.title') }]}>
      <h1>{t('calendar.title')}</h1>
      <ErrorSummary ctx={ctx} state={p.importForm ?? p.closureForm} />
      <OfficePicker ctx={ctx} action="/staff/calendar" choice={p.choice} keep={{ year: String(view.year) }} />
      <div class="toolbar">
        <a href={`/staff/calendar?year=${view.year - 1}${officeQuery}`}>← {t('calendar.prevYear')}</a>
        <h2 class="toolbar-title">{t('calendar.year', { year: view.year, roc: view.year - 1911 })}</h2>
        <a href={`/staff/calendar?year=${view.year + 1}${officeQuery}`}>{t('calendar.nextYear')} →</a>
      </div>
      {view.imported ? (
        <p class="muted">{t('calendar.workingDays', { n: view.workingDays })}</p>
      ) : (
        <p class="notice">{t('calendar.noData', { year: view.year })}</p>
      )}
      <ul class="legend" aria-hidden="true">
        <li class="day-work">{t('calendar.legendWork')}</li>
        <li class="day-off">{t('calendar.legendOff')}</li>
        <li class="day-makeup">{t('calendar.legendMakeup')}</li>
        <li class="day-closure">{t('calendar.legendClosure')}</li>
      </ul>
      <div class="year-grid">
        {view.months.map((m) => (
          <Month key={m.month} ctx={ctx} month={m} />
        ))}
      </div>

      {p.office && can(staff.role, 'closures.manage') ? (
        <section aria-labelledby="closures-title">
          <h2 id="closures-title">
            {t('calendar.closures')}：{p.office.name}
          </h2>
          {p.closures.length > 0 ? (
            <ul class="plain-list">
              {p.closures.map((c) => (
                <li key={c.id}>
                  <form method="post" action={`/staff/calendar/closures/${c.id}/delete`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    {showDate(c.date, ctx.locale, true)}：{c.reason}{' '}
                    <button type="submit" class="link-button">
                      {t('calendar.closureRemove')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('table.empty')}</p>
          )}
          <form method="post" action="/staff/calendar/closures" class="form" novalidate>
            <h3>{t('calendar.closureAdd')}</h3>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="officeId" value={String(p.office.id)} />
            <input type="hidden" name="year" value={String(view.year)} />
            <TextField ctx={ctx} state={p.closureForm} name="date" label={t('calendar.closureDate')} hint={t('err.closureDate')} width="medium" />
            <TextField
              ctx={ctx}
              state={p.closureForm}
              name="reason"
              label={t('calendar.closureReason')}
              hint={t('calendar.closureReasonHint')}
              maxLength={100}
            />
            <Button>{t('calendar.closureAdd')}</Button>
          </form>
        </section>
      ) : null}

      {can(staff.role, 'calendar.import') ? (
        <section aria-labelledby="import-title">
          <h2 id="import-title">{t('calendar.import')}</h2>
          <p>{t('calendar.importHint')}</p>
          <form method="post" action="/staff/calendar/import" enctype="multipart/form-data" class="form" novalidate>
            <CsrfField ctx={ctx} />
            {p.choice.officeCode ? <OfficeField choice={p.choice} /> : null}
            <FileField ctx={ctx} state={p.importForm} name="file" label={t('calendar.file')} accept=".csv,text/csv" />
            <Button>{t('calendar.submit')}</Button>
          </form>
          {p.imports.length > 0 ? (
            <>
              <h3>{t('calendar.imports')}</h3>
              <ul class="plain-list">
                {p.imports.map((i) => (
                  <li key={i.id}>
                    {showInstant(i.imported_at, ctx.locale)}　{t('calendar.importLine', { year: i.year, roc: i.year - 1911, days: i.days, off: i.days_off, encoding: i.encoding.toUpperCase(), file: i.filename ?? '-', who: i.username ?? 'system' })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </Shell>
  );
}
