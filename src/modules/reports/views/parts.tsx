import type { ViewContext } from '../../../platform/http/context.js';
import { Button } from '../../../platform/layout/forms.js';
import type { OfficeChoice } from '../../../platform/layout/OfficePicker.js';
import { monthPeriod, periodLabel } from '../../figures/index.js';
import type { ReportState } from '../service.js';

/** The months a picker offers: this month back three years, newest first, and the one shown if older. */
export function monthOptions(now: string, shown: string): string[] {
  const out: string[] = [];
  let y = Number(now.slice(0, 4));
  let m = Number(now.slice(5, 7));
  for (let i = 0; i < 36; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  if (!out.includes(shown)) out.push(shown);
  return out;
}

export const monthLabel = (key: string, ctx: ViewContext) => periodLabel(monthPeriod(Number(key.slice(0, 4)), Number(key.slice(5, 7))), ctx.locale);

/** The state as a word in a tag (never colour alone). */
export function StateTag({ ctx, state }: { ctx: ViewContext; state: ReportState }) {
  return <span class={state === 'returned' ? 'tag tag-warning' : 'tag'}>{ctx.t(`reports.state.${state}`)}</span>;
}

/** Which office and month: a GET form that works without script (the office only for those who cover several). */
export function ReportPicker({ ctx, action, choice, month, months }: { ctx: ViewContext; action: string; choice: OfficeChoice | null; month: string; months: string[] }) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="filter-form">
      {choice && choice.offices.length > 1 ? (
        <div class="field">
          <label for="f-office">{t('officePicker.label')}</label>
          <select id="f-office" name="office" class="input">
            {choice.offices.map((o) => (
              <option key={o.value} value={o.value} selected={o.value === choice.officeCode}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : choice ? (
        <input type="hidden" name="office" value={choice.officeCode} />
      ) : null}
      <div class="field">
        <label for="f-month">{t('reports.month')}</label>
        <select id="f-month" name="month" class="input">
          {months.map((m) => (
            <option key={m} value={m} selected={m === month}>
              {monthLabel(m, ctx)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <Button variant="secondary">{t('reports.show')}</Button>
      </div>
    </form>
  );
}

/** Download links in a labelled navigation region (a page with two gives each its own label). */
export function Downloads({ ctx, links, label }: { ctx: ViewContext; links: { href: string; label: string }[]; label?: string }) {
  return (
    <nav aria-label={label ?? ctx.t('reports.downloads')}>
      <ul class="tag-list">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
