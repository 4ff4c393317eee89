import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Shell } from '../../../platform/layout/Shell.js';

export interface SlipView {
  officeName: string;
  officePhone: string;
  officeHours: string;
  day: string;
  serviceName: string;
  missing: { text: string; basis: string | null }[];
  note: string | null;
  nextHref: string;
}

/** The one-time notice slip (一次告知單): what is missing, each with its basis; prints on one page, no script needed. */
export function SlipPage({ ctx, slip }: { ctx: ViewContext; slip: SlipView }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('precheck.slipTitle')} variant="staff" styles={['precheck']} crumbs={[{ href: '/staff', label: t('staff.title') }, { href: slip.nextHref, label: t('precheck.title') }, { label: t('precheck.slipTitle') }]}>
      <p class="no-print muted">{t('precheck.slipPrint')}</p>
      <article class="precheck-slip" aria-labelledby="slip-title">
        <h1 id="slip-title">
          {slip.officeName}　{t('precheck.slipTitle')}
        </h1>
        <p>{t('precheck.slipDate', { date: showDate(slip.day, ctx.locale, true) })}</p>
        <p>{t('precheck.slipLead', { service: slip.serviceName })}</p>
        <ol class="precheck-missing">
          {slip.missing.map((m) => (
            <li key={m.text}>
              {m.text}
              {m.basis ? <span class="precheck-basis">{t('guides.basis', { basis: m.basis })}</span> : null}
            </li>
          ))}
        </ol>
        {slip.note ? (
          <p class="precheck-note">
            {t('precheck.slipNote')}
            {slip.note}
          </p>
        ) : null}
        <p>{t('precheck.slipContact', { office: slip.officeName, phone: slip.officePhone })}</p>
        {slip.officeHours ? <p>{t('precheck.slipHours', { hours: slip.officeHours })}</p> : null}
      </article>
      <p class="no-print">
        <a class="button button-primary precheck-next" href={slip.nextHref}>
          {t('precheck.another')}
        </a>
      </p>
    </Shell>
  );
}
