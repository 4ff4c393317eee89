import type { ViewContext } from '../../../../platform/http/context.js';
import type { Cell } from '../../../../platform/export/index.js';
import type { SortKey } from '../figures.js';
import type { CellKind, PopSheet } from '../sheets.js';
import { count, decimal, signed } from './format.js';

/** A cell as the page shows it: counts with thousands separators, ratios with two decimals, changes with their sign; — for unknown. */
export function showCell(v: Cell, kind: CellKind, ctx: ViewContext): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (kind === 'ratio') return decimal(v, ctx.locale);
  if (kind === 'signed') return signed(v, ctx.locale);
  return count(v, ctx.locale);
}

/**
 * One of the page's tables (sheets.ts), as the downloads have it less the
 * download-only columns. Cells keep to one line (Chinese would otherwise
 * break 115/年/10/月 a character a line at 390 px); a wide table scrolls
 * in its own region instead. `sortHref`: the compare table's headings link to
 * the page sorted by that column (server-side, no script).
 */
export function SheetTable({ ctx, sheet, csvHref, sort, sortHref }: { ctx: ViewContext; sheet: PopSheet; csvHref: string; sort?: SortKey; sortHref?: (key: SortKey) => string }) {
  // a table of a few columns would spread its numbers across a wide screen, far from their labels
  const few = sheet.columns.filter((c) => !c.download).length <= 5;
  const shown = sheet.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.download);
  const numeric = (k: CellKind) => k !== 'text';
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section class={few ? 'table-wrap pop-table-short' : 'table-wrap'} tabIndex={0} aria-label={sheet.caption}>
        <table class="table table-compact">
          <caption>{sheet.caption}</caption>
          <thead>
            <tr>
              {shown.map(({ c }) => (
                <th key={c.header} scope="col" class={numeric(c.kind) ? 'num nowrap' : 'nowrap'} aria-sort={c.sort && c.sort === sort ? (numeric(c.kind) ? 'descending' : 'ascending') : undefined}>
                  {c.sort && sortHref ? (
                    <a href={sortHref(c.sort)} aria-label={ctx.t('population.pages.sort.by', { column: c.header })}>
                      {c.header}
                    </a>
                  ) : (
                    c.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((r, ri) => (
              <tr key={`${String(r.cells[0])}-${ri}`}>
                {shown.map(({ c, i }) => {
                  const kind = r.kinds?.[i] ?? c.kind;
                  const text = showCell(r.cells[i] ?? null, kind, ctx);
                  if (i === 0)
                    return (
                      <th key={c.header} scope="row" class="nowrap">
                        {r.href ? <a href={r.href}>{text}</a> : text}
                      </th>
                    );
                  return (
                    <td key={c.header} class={numeric(kind) ? 'num nowrap' : 'nowrap'}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="table-download">
        <a href={csvHref} download>
          {ctx.t('population.pages.download.csv', { table: sheet.name })}
        </a>
      </p>
    </>
  );
}
