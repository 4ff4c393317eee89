import type { ViewContext } from '../../../../platform/http/context.js';
import type { NoticeState } from '../service.js';

export const STAFF_BASE = '/staff/house-numbers/renumberings';
export const publicBase = (officeCode: string) => `/o/${officeCode}/house-numbers/renumberings`;

/** The label–value separator: full width beside Chinese, ': ' in English. */
export const colon = (ctx: ViewContext) => (ctx.locale === 'en' ? ': ' : '：');

export const staffCrumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: STAFF_BASE, label: ctx.t('renumbering.staff.title') }, { label: last }] : [{ label: ctx.t('renumbering.staff.title') }]),
];

/** `?office=<code>` for links that keep the office a county admin switched to. */
export const officeQuery = (code: string) => (code ? `?office=${encodeURIComponent(code)}` : '');

export function StateTag({ ctx, state }: { ctx: ViewContext; state: NoticeState }) {
  return <span class={state === 'withdrawn' ? 'tag tag-warning nowrap' : 'tag nowrap'}>{ctx.t(`renumbering.state.${state}`)}</span>;
}
