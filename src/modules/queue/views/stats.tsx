import { formatRocDate } from '../../../platform/calendar/index.js';
import type { Sheet } from '../../../platform/export/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { SheetTable } from '../../../platform/layout/SheetTable.js';
import { Shell } from '../../../platform/layout/Shell.js';

/**
 * A day or a run of days: the form, the chart of tickets per hour (summed
 * over the days) and every table. With wrong dates (`data` null) only the
 * form and its errors.
 */
export function StatsPage({
  ctx,
  from,
  to,
  choice,
  state,
  data,
}: {
  ctx: ViewContext;
  from: string;
  to: string;
  choice: OfficeChoice;
  state?: FormState | undefined;
  data: { sheets: Sheet[]; walkIns: number } | null;
}) {
  const { t } = ctx;
  const officeCode = choice.officeCode;
  const q = new URLSearchParams({ from, to, office: officeCode }).toString();
  const label = from === to ? showDate(from, ctx.locale) : t('queue.stats.range', { from: showDate(from, ctx.locale), to: showDate(to, ctx.locale) });
  const title = data ? t('queue.stats.title', { date: label }) : t('queue.stats.tile');
  // typed values come back as typed; otherwise the days shown, in 民國 on zh-Hant pages
  const shown = (d: string) => (ctx.locale === 'en' ? d : formatRocDate(d, 'slash'));
  const values = state?.values ?? { from: shown(from), to: from === to ? '' : shown(to) };
  const form = { values, errors: state?.errors ?? [] };
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('queue.stats.tile') }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} state={state} labels={{ from: t('queue.stats.from'), to: t('queue.stats.to') }} />
      <OfficePicker ctx={ctx} action="/staff/queue/stats" choice={choice} keep={data ? { from, to } : {}} />
      <form method="get" action="/staff/queue/stats" class="filter-form">
        <input type="hidden" name="office" value={officeCode} />
        <TextField ctx={ctx} state={form} name="from" label={t('queue.stats.from')} hint={t('queue.stats.dateHint')} width="medium" maxLength={40} />
        <TextField ctx={ctx} state={form} name="to" label={t('queue.stats.to')} width="medium" maxLength={40} required={false} />
        <div class="field">
          <Button variant="secondary">{t('queue.stats.show')}</Button>
        </div>
        {data ? (
          <div class="field">
            <a href={`/staff/queue/stats.csv?${q}`}>{t('queue.stats.csv')}</a>
            {'　'}
            <a href={`/staff/queue/stats.ods?${q}`}>{t('queue.stats.ods')}</a>
          </div>
        ) : null}
      </form>
      {data ? (
        <>
          {/* the chart of tickets per hour with its table beside it on wide screens (the second sheet), then the others */}
          <div class="two-col">
            <img class="chart" src={`/staff/queue/stats/chart.svg?${q}`} alt={t('queue.stats.chartAlt')} />
            {data.sheets[1] ? <SheetTable ctx={ctx} sheet={data.sheets[1]} /> : null}
          </div>
          {data.sheets
            .filter((_, i) => i !== 1)
            .map((s) => (
              <SheetTable ctx={ctx} key={s.name} sheet={s} />
            ))}
          <p>
            {t('queue.stats.walkIns')}
            {ctx.locale === 'en' ? ': ' : '：'}
            {data.walkIns}
          </p>
        </>
      ) : (
        <p>{t('queue.stats.err.fix')}</p>
      )}
    </Shell>
  );
}
