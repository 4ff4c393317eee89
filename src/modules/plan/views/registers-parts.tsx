import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showPeriod } from '../../../platform/layout/dates.js';
import { Button } from '../../../platform/layout/forms.js';
import type { OfficeChoice } from '../../../platform/layout/OfficePicker.js';
import type { RegisterScope } from '../registers-common.js';

/** Pieces every register page shares: crumbs, the office and year picker, the links between registers, a table with a 合計 row. */

export const REGISTERS = [
  { path: 'checks', key: 'plan.reg.checks.title' },
  { path: 'proposals', key: 'plan.reg.proposals.title' },
  { path: 'process-reviews', key: 'plan.reg.process.title' },
  { path: 'awards', key: 'plan.reg.awards.title' },
] as const;
export type RegisterPath = (typeof REGISTERS)[number]['path'];

export const registerHref = (path: RegisterPath, scope: { office: { code: string }; year: number }) => `/staff/plan/${path}?office=${encodeURIComponent(scope.office.code)}&year=${scope.year}`;

export const regCrumbs = (ctx: ViewContext, path: RegisterPath, scope: RegisterScope, last?: string) => {
  const title = ctx.t(REGISTERS.find((r) => r.path === path)?.key ?? '');
  return [
    { href: '/staff', label: ctx.t('staff.title') },
    { href: '/staff/plan', label: ctx.t('plan.reg.crumb') },
    ...(last ? [{ href: registerHref(path, scope), label: title }, { label: last }] : [{ label: title }]),
  ];
};

/** 民國115年 / 2026 */
export const yearLabel = (year: number, ctx: ViewContext) => showPeriod(String(year), ctx.locale);
export const dateText = (d: string | null, ctx: ViewContext) => (d ? showDate(d, ctx.locale) : '—');
export const sep = (ctx: ViewContext) => (ctx.locale === 'en' ? ': ' : '：');

export function numberText(n: number, ctx: ViewContext): string {
  return n.toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'zh-TW');
}

/** 7.5% (one decimal, none when whole); — when there is nothing to divide. */
export function percentText(n: number | null, ctx: ViewContext): string {
  if (n === null) return '—';
  return `${(Math.round(n * 10) / 10).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'zh-TW', { maximumFractionDigits: 1 })}%`;
}

/** The heading's words: 竹北市戶政事務所 民國115年 抽查、內部稽核 */
export const pageTitle = (ctx: ViewContext, scope: RegisterScope, key: string) => `${scope.office.name} ${yearLabel(scope.year, ctx)} ${ctx.t(key)}`;

/** Which office and year: a GET form that works without script (the office only for those who cover several). */
export function ScopePicker({ ctx, action, choice, year, today }: { ctx: ViewContext; action: string; choice: OfficeChoice; year: number; today: string }) {
  const { t } = ctx;
  const current = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = current + 1; y >= current - 5; y--) years.push(y);
  if (!years.includes(year)) years.push(year);
  return (
    <form method="get" action={action} class="filter-form">
      {choice.offices.length > 1 ? (
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
      ) : (
        <input type="hidden" name="office" value={choice.officeCode} />
      )}
      <div class="field">
        <label for="f-year">{t('plan.reg.year')}</label>
        <select id="f-year" name="year" class="input">
          {years.map((y) => (
            <option key={y} value={String(y)} selected={y === year}>
              {yearLabel(y, ctx)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <Button variant="secondary">{t('plan.reg.show')}</Button>
      </div>
    </form>
  );
}

/** The four registers, for the office and year shown. */
export function RegisterNav({ ctx, scope, current }: { ctx: ViewContext; scope: RegisterScope; current: RegisterPath }) {
  return (
    <nav aria-label={ctx.t('plan.reg.nav')} class="subnav">
      <ul class="tag-list">
        {REGISTERS.map((r) => (
          <li key={r.path}>
            <a href={registerHref(r.path, scope)} aria-current={r.path === current ? 'page' : undefined}>
              {ctx.t(r.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface RegColumn<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/** A register's table: a caption, 查無資料 when empty, an optional 合計 row in <tfoot>; it scrolls inside its frame on a phone, never the page. */
export function RegTable<Row>({ ctx, caption, columns, rows, rowKey, foot }: { ctx: ViewContext; caption: string; columns: RegColumn<Row>[]; rows: Row[]; rowKey: (r: Row) => string | number; foot?: ComponentChildren[] }) {
  if (rows.length === 0)
    return (
      <section class="table-wrap" aria-label={caption}>
        <p class="table-caption">{caption}</p>
        <p class="empty">{ctx.t('plan.reg.empty')}</p>
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
              <th key={c.header} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.header} scope="row" class={c.numeric ? 'num' : undefined}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.header} class={c.numeric ? 'num' : undefined}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr class="county-total">
              {foot.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} class={columns[i]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}

/** A state as words in a tag: never colour alone. */
export function StateTag({ text, warn }: { text: string; warn?: boolean }) {
  return <span class={warn ? 'tag tag-warning' : 'tag'}>{text}</span>;
}
