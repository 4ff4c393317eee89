import { Fragment } from 'preact';
import type { OfficeInfo, ViewContext } from '../http/context.js';

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Address, phone (callable), fax, e-mail, and optionally hours: the same facts everywhere an office is shown. */
export function ContactFacts({
  ctx,
  office,
  show = ['address', 'phone', 'fax', 'email'],
  className = 'facts',
  extra,
}: {
  ctx: ViewContext;
  office: OfficeInfo;
  show?: ('address' | 'phone' | 'fax' | 'email' | 'hours')[];
  className?: string;
  extra?: { label: string; value: string }[];
}) {
  const { t } = ctx;
  return (
    <dl class={className}>
      {show.includes('address') ? (
        <>
          <dt>{t('footer.address')}</dt>
          <dd>{office.address}</dd>
        </>
      ) : null}
      {show.includes('phone') ? (
        <>
          <dt>{t('footer.phone')}</dt>
          <dd>
            <a href={telHref(office.phone)}>{office.phone}</a>
          </dd>
        </>
      ) : null}
      {show.includes('fax') && office.fax ? (
        <>
          <dt>{t('footer.fax')}</dt>
          <dd>{office.fax}</dd>
        </>
      ) : null}
      {show.includes('email') && office.email ? (
        <>
          <dt>{t('footer.email')}</dt>
          <dd>
            <a href={`mailto:${office.email}`}>{office.email}</a>
          </dd>
        </>
      ) : null}
      {show.includes('hours') ? (
        <>
          <dt>{t('footer.hours')}</dt>
          <dd>{office.hoursSummary}</dd>
        </>
      ) : null}
      {(extra ?? []).map((e) => (
        <Fragment key={e.label}>
          <dt>{e.label}</dt>
          <dd>{e.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
