import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../http/context.js';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** numbers align right */
  numeric?: boolean;
}

/**
 * A data table with a caption; on phones it scrolls sideways rather than squashing.
 * `wide`: headers stay on one line. Chinese breaks between any two characters, so a
 * squeezed column of short values would stack 已/送/出 a character a line; a table of
 * many short columns keeps its width and scrolls in its region instead.
 */
export function Table<Row>({
  ctx,
  caption,
  columns,
  rows,
  rowKey,
  wide = false,
}: {
  ctx: ViewContext;
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  wide?: boolean;
}) {
  const headClass = (c: Column<Row>) => [c.numeric ? 'num' : '', wide ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
  // an empty table still says what it would list, or two empty tables side by side read the same
  if (rows.length === 0)
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="table-caption">{caption}</p>
        <p class="empty">{ctx.t('table.empty')}</p>
      </section>
    );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" class={headClass(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.header} class={c.numeric ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Previous / next pages; links keep the rest of the query string. */
export function Pagination({
  ctx,
  page,
  hasNext,
  hrefFor,
}: {
  ctx: ViewContext;
  page: number;
  hasNext: boolean;
  hrefFor: (page: number) => string;
}) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('pager.label')}>
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev">
          {ctx.t('pager.prev')}
        </a>
      ) : null}
      <span aria-current="page">{ctx.t('pager.page', { page })}</span>
      {hasNext ? (
        <a href={hrefFor(page + 1)} rel="next">
          {ctx.t('pager.next')}
        </a>
      ) : null}
    </nav>
  );
}
