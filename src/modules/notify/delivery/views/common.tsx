import type { ComponentChildren } from 'preact';
import { formatRocDate } from '../../../../platform/calendar/index.js';
import type { ViewContext } from '../../../../platform/http/context.js';
import { showInstant } from '../../../../platform/layout/dates.js';
import { Button, type FormState, TextField } from '../../../../platform/layout/forms.js';
import type { OfficeChoice } from '../../../../platform/layout/OfficePicker.js';
import { SubNav } from '../../../../platform/layout/Shell.js';


export const staffCrumbs = (ctx: ViewContext, label: string, parent = true) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(parent ? [{ href: '/staff/notify', label: ctx.t('notify.delivery.title') }] : []),
  { label },
];

/** The links between the delivery pages; the office rides along for those who cover several. */
export function DeliveryNav({ ctx, choice }: { ctx: ViewContext; choice: OfficeChoice }) {
  const q = choice.offices.length > 1 ? `?office=${encodeURIComponent(choice.officeCode)}` : '';
  return (
    <SubNav
      ctx={ctx}
      label={ctx.t('notify.delivery.title')}
      links={[
        [`/staff/notify${q}`, ctx.t('notify.delivery.title')],
        [`/staff/notify/batches${q}`, ctx.t('notify.delivery.batch.title')],
      ]}
    />
  );
}

const STATUS_CLASS: Record<string, string> = { failed: 'tag tag-warning', queued: 'tag', sent: 'tag', acknowledged: 'tag' };

export function StatusTag({ ctx, status }: { ctx: ViewContext; status: string }) {
  return <span class={`${STATUS_CLASS[status] ?? 'tag'} nowrap`}>{ctx.t(`notify.delivery.status.${status}`)}</span>;
}

/** A cell that keeps to one line: on a phone the table scrolls sideways instead of breaking every word into a column of characters. */
export const nw = (children: ComponentChildren) => <span class="nowrap">{children}</span>;

/** An instant, or a dash for one that has not happened. */
export const when = (ctx: ViewContext, iso: string | null) => nw(iso ? showInstant(iso, ctx.locale) : '—');

export const noticeLink = (ctx: ViewContext, id: number) => (
  <a href={`/staff/notify/notices/${id}`} class="nowrap">
    {ctx.t('notify.delivery.noticeNo', { id })}
  </a>
);

/** From and to (Taipei days), as a GET form: typed values come back as typed, else the days shown in 民國. */
export function PeriodForm({ ctx, action, choice, from, to, state }: { ctx: ViewContext; action: string; choice: OfficeChoice; from: string; to: string; state?: FormState | undefined }) {
  const { t } = ctx;
  const shown = (d: string) => (ctx.locale === 'en' ? d : formatRocDate(d, 'slash'));
  const form = { values: state?.values ?? { from: shown(from), to: shown(to) }, errors: state?.errors ?? [] };
  return (
    <form method="get" action={action} class="filter-form">
      <input type="hidden" name="office" value={choice.officeCode} />
      <TextField ctx={ctx} state={form} name="from" label={t('notify.delivery.period.from')} hint={t('notify.delivery.period.hint')} width="medium" maxLength={40} />
      <TextField ctx={ctx} state={form} name="to" label={t('notify.delivery.period.to')} width="medium" maxLength={40} />
      <div class="field">
        <Button variant="secondary">{t('notify.delivery.period.show')}</Button>
      </div>
    </form>
  );
}

