import type { Sheet } from '../../../platform/export/index.js';
import { SheetTable } from '../../../platform/layout/SheetTable.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';

export function StatsPage({ ctx, date, choice, sheets, walkIns }: { ctx: ViewContext; date: string; choice: OfficeChoice; sheets: Sheet[]; walkIns: number }) {
  const { t } = ctx;
  const officeCode = choice.officeCode;
  const q = `date=${date}&office=${officeCode}`;
  return (
    <Shell ctx={ctx} title={t('queue.stats.title', { date })} variant="staff" crumbs={[{ href: '/staff', label: t('staff.title') }, { label: t('queue.stats.tile') }]}>
      <h1>{t('queue.stats.title', { date: showDate(date, ctx.locale) })}</h1>
      <OfficePicker ctx={ctx} action="/staff/queue/stats" choice={choice} keep={{ date }} />
      <form method="get" action="/staff/queue/stats" class="filter-form">
        <input type="hidden" name="office" value={officeCode} />
        <div class="field">
          <label for="f-date">{t('queue.stats.date')}</label>
          <input id="f-date" type="date" name="date" value={date} class="input" />
        </div>
        <div class="field">
          <button type="submit" class="button button-secondary">
            {t('queue.stats.show')}
          </button>
        </div>
        <div class="field">
          <a href={`/staff/queue/stats.csv?${q}`}>{t('queue.stats.csv')}</a>
          {'　'}
          <a href={`/staff/queue/stats.ods?${q}`}>{t('queue.stats.ods')}</a>
        </div>
      </form>
      <img class="chart" src={`/staff/queue/stats/chart.svg?${q}`} alt={t('queue.stats.chartAlt')} width="760" height="340" />
      {sheets.map((s) => (
        <SheetTable key={s.name} sheet={s} />
      ))}
      <p>
        {t('queue.stats.walkIns')}：{walkIns}
      </p>
    </Shell>
  );
}
