import type { Cell, Sheet } from '../export/index.js';
import type { ViewContext } from '../http/context.js';

/** A sheet (the same rows a CSV or ODS download holds) as a table: first column as row headers, numbers right-aligned, scrolling inside its own box on phones; 查無資料 when it has no rows. */
export function SheetTable({ ctx, sheet }: { ctx: ViewContext; sheet: Sheet }) {
  const show = (v: Cell) => (v === null ? '—' : String(v));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={sheet.name}>
      <table class="table">
        <caption>{sheet.name}</caption>
        <thead>
          <tr>
            {sheet.headers.map((h, i) => (
              <th key={h} scope="col" class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.length === 0 ? (
            <tr>
              <td colSpan={sheet.headers.length} class="empty">
                {ctx.t('table.empty')}
              </td>
            </tr>
          ) : null}
          {sheet.rows.map((r, i) => (
            <tr key={`${sheet.name}-${i}`}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={`h-${i}`} scope="row">
                    {show(c)}
                  </th>
                ) : (
                  <td key={`${i}-${j}`} class="num">
                    {show(c)}
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

