import type { ViewContext } from '../../../../platform/http/context.js';
import type { OfficeChoice } from '../../../../platform/layout/OfficePicker.js';
import type { ReminderState } from '../rules.js';

export const BASE = '/staff/notify/reminders';

export const crumbs = (ctx: ViewContext, label?: string) =>
  label
    ? [{ href: '/staff', label: ctx.t('staff.title') }, { href: BASE, label: ctx.t('notify.reminders.title') }, { label }]
    : [{ href: '/staff', label: ctx.t('staff.title') }, { label: ctx.t('notify.reminders.title') }];

/** `?office=<code>` (or `&office=`) for links that keep the office a county admin switched to. */
export const officeQuery = (choice: OfficeChoice, sep: '?' | '&' = '?') => (choice.officeCode ? `${sep}office=${encodeURIComponent(choice.officeCode)}` : '');

/** NT$ 900 / NT$900: whole dollars (DESIGN.md: money in whole NT dollars). */
export const money = (ctx: ViewContext, ntd: number) => ctx.t('notify.reminders.money', { ntd: ntd.toLocaleString('en-US') });

export function StateTag({ ctx, status }: { ctx: ViewContext; status: ReminderState }) {
  return <span class="tag nowrap">{ctx.t(`notify.reminders.state.${status}`)}</span>;
}

export function OverdueTag({ ctx, days }: { ctx: ViewContext; days: number }) {
  return days > 0 ? <span class="tag tag-warning nowrap">{ctx.t('notify.reminders.overdueDays', { days })}</span> : null;
}
