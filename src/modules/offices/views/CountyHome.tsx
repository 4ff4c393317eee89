import type { OfficeInfo, ViewContext } from '../../../platform/http/context.js';
import { ContactFacts } from '../../../platform/layout/Contact.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { TodayStatus } from '../service.js';
import type { HomeBlock } from '../../../platform/module.js';
import { HomeBlocksView, TodayBadge } from './OfficeHome.js';

export function CountyHome({ ctx, offices, closed = [], blocks }: { ctx: ViewContext; offices: { office: OfficeInfo; today: TodayStatus }[]; closed?: OfficeInfo[]; blocks: HomeBlock[] }) {
  const { t } = ctx;
  const title = ctx.county ? t('county.title', { county: ctx.county.name }) : t('site.name');
  return (
    <Shell ctx={ctx} title={t('nav.home')}>
      <h1>{title}</h1>
      <p class="lead">{t('county.lead')}</p>
      <h2>{t('county.offices')}</h2>
      <ul class="office-list">
        {offices.map(({ office, today }) => (
          <li key={office.code} class="office-card">
            <h3>
              <a href={`/o/${office.code}`}>{office.name}</a>
            </h3>
            <TodayBadge ctx={ctx} today={today} />
            <ContactFacts ctx={ctx} office={office} show={['address', 'phone', 'hours']} />
            <a class="button button-secondary" href={`/o/${office.code}`} aria-label={t('county.visit', { office: office.name })}>
              {t('county.visit', { office: office.name })}
            </a>
          </li>
        ))}
      </ul>
      {closed.length > 0 ? (
        <section aria-labelledby="closed-offices">
          <h2 id="closed-offices">{t('offices.pub.closedList')}</h2>
          <ul class="plain-list">
            {closed.map((o) => (
              <li key={o.code}>
                {o.name}：{o.closed?.successor ? <a href={`/o/${o.closed.successor.code}`}>{t('offices.pub.goTo', { name: o.closed.successor.name })}</a> : t('offices.status.closed')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <HomeBlocksView ctx={ctx} blocks={blocks} />
    </Shell>
  );
}
