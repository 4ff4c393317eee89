import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/context.js';
import { Button } from '../../../platform/layout/forms.js';
import type { MeasureStatus } from '../model.js';
import { monthWords, statusWord } from '../review-words.js';

/** Pieces the review pages share: the status in words, the sparkline, the month picker, the download links. */

/** A status as a word in a tag (never colour alone); a shortfall is marked as a warning too. */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: MeasureStatus }) {
  return <span class={status === 'off_track' || status === 'at_risk' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{statusWord(status, ctx.t)}</span>;
}

const W = 84;
const H = 22;
const PAD = 2;

/**
 * The year's values as a tiny line, drawn on the server; gaps (months
 * without data) break the line. The words say the same for a screen reader
 * (role img with the values as its name), so the picture adds nothing a
 * reader would miss.
 */
export function Sparkline({ values, label }: { values: { month: string; value: number | null }[]; label: string }) {
  const known = values.map((v) => v.value).filter((v): v is number => v !== null);
  const lo = known.length ? Math.min(...known) : 0;
  const hi = known.length ? Math.max(...known) : 1;
  const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
  const at = (i: number, v: number) => {
    const x = values.length > 1 ? PAD + i * step : W / 2;
    const y = hi === lo ? H / 2 : H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as const;
  };
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v.value === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    const [x, y] = at(i, v.value);
    run.push(`${x},${y}`);
  });
  if (run.length) runs.push(run);
  const lastIndex = values.map((v) => v.value !== null).lastIndexOf(true);
  const last = lastIndex >= 0 ? at(lastIndex, values[lastIndex]!.value!) : null;
  return (
    <svg class="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      {runs.map((r) =>
        r.length > 1 ? (
          <polyline key={r[0]} points={r.join(' ')} fill="none" stroke="currentColor" stroke-width="1.5" />
        ) : (
          <circle key={r[0]} cx={r[0]!.split(',')[0]} cy={r[0]!.split(',')[1]} r="1.5" fill="currentColor" />
        ),
      )}
      {last ? <circle cx={last[0]} cy={last[1]} r="2.5" fill="currentColor" /> : null}
    </svg>
  );
}

/** Which month: a GET form that works without script (its address redirects to the month's own). */
export function MonthPicker({ ctx, action, month, months }: { ctx: ViewContext; action: string; month: string; months: string[] }) {
  const { t, locale } = ctx;
  return (
    <form method="get" action={action} class="filter-form">
      <div class="field">
        <label for="f-month">{t('plan.review.month')}</label>
        <select id="f-month" name="month" class="input">
          {months.map((m) => (
            <option key={m} value={m} selected={m === month}>
              {monthWords(m, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <Button variant="secondary">{t('plan.review.show')}</Button>
      </div>
    </form>
  );
}

/** Download links in a labelled navigation region. */
export function Downloads({ ctx, links }: { ctx: ViewContext; links: { href: string; label: string }[] }) {
  return (
    <nav aria-label={ctx.t('plan.review.downloads')}>
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

/** The months a plan's review offers: January of its year up to this month (or December), newest first. */
export function reviewMonths(year: number, thisMonth: string): string[] {
  const out: string[] = [];
  for (let m = 12; m >= 1; m--) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    if (key <= thisMonth) out.push(key);
  }
  return out;
}

export interface ReviewColumn<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** the row's name (th scope=row) */
  rowHeader?: boolean;
  /** running text that wraps; every other cell keeps to one line */
  text?: boolean;
}

/**
 * On a phone a review table scrolls inside its frame with its short cells on
 * one line, rather than squeezing every column to a character's width:
 * county-table gives that today (figures' wide tables), review-table is the
 * review's own hook (its text cells wrap at a readable width).
 */
export const TABLE_CLASS = 'table county-table review-table';

/** A table with a caption that says 查無資料 when empty; on a phone it scrolls inside its frame, never the page. */
export function ReviewTable<Row>({
  ctx,
  caption,
  columns,
  rows,
  rowKey,
  captionHidden,
}: {
  ctx: ViewContext;
  caption: string;
  columns: ReviewColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** a heading just above already says it */
  captionHidden?: boolean;
}) {
  if (rows.length === 0)
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="empty">{ctx.t('plan.review.empty')}</p>
      </section>
    );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class={TABLE_CLASS}>
        <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" class="nowrap">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row" class="text">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.header} class={c.text ? 'text' : undefined}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
