import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { ContactFacts } from '../../../platform/layout/Contact.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { HomeBlock, SitePage } from '../../../platform/module.js';
import { tileDescKey } from '../i18n-home.js';
import { daySpan, type HoursRow, type TodayStatus } from '../service.js';

export interface OfficeHomeProps {
  ctx: ViewContext;
  today: TodayStatus;
  hours: HoursRow[];
  facts: { counters: number; directorName: string | null; services: { code: string; name: string }[]; villages?: string[]; mapUrl?: string | null };
  links: SitePage[];
  upcoming: { date: string; note: string }[];
  /** dated exceptions the office set (other hours, or closed) */
  special?: { date: string; closed: boolean; hours: string | null; reason: string }[];
  blocks: HomeBlock[];
}

export function TodayBadge({ ctx, today }: { ctx: ViewContext; today: TodayStatus }) {
  const { t } = ctx;
  if (!today.openToday) {
    return (
      <p class="status status-closed">
        {today.closedReason ? t('office.closedTodayReason', { reason: today.closedReason }) : t('office.closedToday')}
      </p>
    );
  }
  return (
    <p class={today.openNow ? 'status status-open' : 'status status-closed'}>
      <strong>{today.openNow ? t('office.openNow') : t('office.closedNow')}</strong>
      <span>{t('office.openToday', { hours: today.hoursToday ?? '' })}</span>
    </p>
  );
}

/** What other modules put on a home page (latest news): a heading, a short dated list, a link to the rest. */
export function HomeBlocksView({ ctx, blocks }: { ctx: ViewContext; blocks: HomeBlock[] }) {
  return (
    <>
      {blocks.map((b) => (
        <section key={b.titleKey} class="home-block" aria-labelledby={`block-${b.titleKey.replace(/\W/g, '-')}`}>
          <h2 id={`block-${b.titleKey.replace(/\W/g, '-')}`}>{ctx.t(b.titleKey)}</h2>
          <ul class="news-list">
            {b.items.map((i) => (
              <li key={i.href}>
                {i.date ? <span class="muted">{showDate(i.date, ctx.locale)} </span> : null}
                <a href={i.href}>{i.label}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href={b.moreHref}>{ctx.t('office.more', { title: ctx.t(b.titleKey) })}</a>
          </p>
        </section>
      ))}
    </>
  );
}

/** What a weekday's hours say beyond the span: lunch-hour and evening service, the office's note. */
function dayNotes(ctx: ViewContext, h: HoursRow): string[] {
  const out: string[] = [];
  if (h.lunch_open === 1) out.push(ctx.t('offices.pub.lunchOpen'));
  if (h.evening_closes) out.push(ctx.t('offices.pub.evening', { time: h.evening_closes }));
  const note = ctx.locale === 'en' ? h.note_en : h.note_zh;
  if (note) out.push(note);
  return out;
}

export function OfficeHome({ ctx, today, hours, facts, links, upcoming, special = [], blocks }: OfficeHomeProps) {
  const { t } = ctx;
  const office = ctx.office!;
  return (
    <Shell ctx={ctx} title={t('nav.home')}>
      <div class="hero">
        <h1>{office.name}</h1>
        <TodayBadge ctx={ctx} today={today} />
      </div>
      {links.length > 0 ? (
        <ul class="card-grid">
          {links.map((l) => {
            const desc = tileDescKey(l.titleKey) ?? l.descKey;
            return (
              <li key={l.href} class="card">
                <a href={l.href}>
                  <span class="card-title">{t(l.titleKey)}</span>
                  {desc ? <span class="card-desc">{t(desc)}</span> : null}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
      <HomeBlocksView ctx={ctx} blocks={blocks} />
      <div class="columns">
        <section aria-labelledby="hours-title">
          <h2 id="hours-title">{t('office.weeklyHours')}</h2>
          <table class="table table-compact">
            <caption class="visually-hidden">{t('office.weeklyHours')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.weekday')}</th>
                <th scope="col">{t('office.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {[1, 2, 3, 4, 5, 6, 0].map((wd) => {
                const h = hours.find((r) => r.weekday === wd);
                const notes = h ? dayNotes(ctx, h) : [];
                return (
                  <tr key={wd}>
                    <th scope="row">{t(`weekdayLong.${wd}`)}</th>
                    <td>
                      {h ? daySpan(h, t('hours.sep')) : t('office.closed')}
                      {notes.length > 0 ? <span class="note">{t('hours.except', { list: notes.join(t('hours.sep')) })}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {special.length > 0 ? (
            <>
              <h3>{t('offices.pub.special')}</h3>
              <ul class="plain-list">
                {special.map((x) => {
                  const what = x.closed ? t('offices.pub.specialClosed') : (x.hours ?? '');
                  return <li key={x.date}>{t('punct.labelled', { label: showDate(x.date, ctx.locale, true), value: x.reason ? t('punct.aside', { text: what, aside: x.reason }) : what })}</li>;
                })}
              </ul>
            </>
          ) : null}
          {upcoming.length > 0 ? (
            <>
              <h3>{t('office.upcomingClosures')}</h3>
              <ul class="plain-list">
                {upcoming.map((u) => (
                  <li key={u.date}>
                    {u.note ? t('punct.labelled', { label: showDate(u.date, ctx.locale, true), value: u.note }) : showDate(u.date, ctx.locale, true)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">{t('office.contact')}</h2>
          <ContactFacts
            ctx={ctx}
            office={office}
            show={['address', 'phone', 'email']}
            extra={facts.directorName ? [{ label: t('office.director'), value: facts.directorName }] : []}
          />
          {facts.mapUrl ? (
            <p>
              <a href={facts.mapUrl} rel="noopener noreferrer">
                {t('office.mapLink')}
              </a>
            </p>
          ) : null}
          {facts.villages && facts.villages.length > 0 ? (
            <>
              <h3>{t('offices.pub.villages')}</h3>
              <p>{facts.villages.join(t('hours.sep'))}</p>
            </>
          ) : null}
          <h2>{t('office.services')}</h2>
          <p class="muted">{t('office.counters', { n: facts.counters })}</p>
          <ul class="tag-list">
            {facts.services.map((s) => (
              <li key={s.code}>{s.name}</li>
            ))}
          </ul>
        </section>
      </div>
    </Shell>
  );
}
