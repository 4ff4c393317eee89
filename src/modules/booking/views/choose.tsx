import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, ErrorSummary, type FormState, RadioGroup, SelectField } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import type { DayView } from '../availability.js';

export interface ServiceView {
  code: string;
  kind: string;
  name: string;
  desc: string;
  documents: string[];
  inPerson: string;
  parties: number;
  slotMinutes: number;
  minDays: number;
  minWorkingDays: boolean;
  maxDays: number;
  cutoff: string | null;
}

export interface OfficeLink {
  code: string;
  name: string;
  services: ServiceView[];
}

const crumbsFor = (ctx: ViewContext, office: { code: string; name: string } | null, last?: string) => [
  { href: '/', label: ctx.t('nav.home') },
  ...(office ? [{ href: `/o/${office.code}/booking`, label: ctx.t('booking.title') }] : [{ href: '/booking', label: ctx.t('booking.title') }]),
  ...(last ? [{ label: last }] : []),
];

export function windowText(ctx: ViewContext, s: ServiceView): string {
  if (s.kind === 'home_visit') return ctx.t('booking.window.homeVisit');
  const from = s.minWorkingDays ? ctx.t('booking.window.fromWorking', { n: s.minDays }) : ctx.t('booking.window.from', { n: s.minDays });
  return `${from}${ctx.t('booking.window.to', { n: s.maxDays })}${s.cutoff ? ctx.t('booking.window.cutoff', { time: s.cutoff }) : ''}`;
}

/** The list of what can be booked: per office on an office page, every office on the county page. */
export function ServicesPage({ ctx, offices }: { ctx: ViewContext; offices: OfficeLink[] }) {
  const { t } = ctx;
  const single = offices.length === 1 ? offices[0] : undefined;
  return (
    <Shell ctx={ctx} title={t('booking.title')} crumbs={[{ href: '/', label: t('nav.home') }, { label: t('booking.title') }]}>
      <h1>{single ? `${single.name} ${t('booking.title')}` : t('booking.title')}</h1>
      <p class="lead">{t('booking.lead')}</p>
      <p>
        <a href="/booking/manage">{t('booking.manage.link')}</a>
      </p>
      {offices.map((o) => (
        <section key={o.code} aria-label={o.name}>
          {single ? null : <h2>{o.name}</h2>}
          <ul class="card-grid">
            {o.services.map((s) => (
              <li key={s.code} class="card">
                <a href={`/o/${o.code}/booking/${s.code}`}>
                  <span class="card-title">{s.name}</span>
                  <span class="card-desc">{s.desc}</span>
                  <span class="card-desc">{windowText(ctx, s)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Shell>
  );
}

function BeforeYouBook({ ctx, service }: { ctx: ViewContext; service: ServiceView }) {
  return (
    <details class="notice" open>
      <summary>{ctx.t('booking.before.title')}</summary>
      <WhatToBring ctx={ctx} documents={service.documents} inPerson={service.inPerson} heading="h3" />
    </details>
  );
}

/** The documents to bring, who must come, and the lateness rule: before booking and on the booking itself. */
export function WhatToBring({ ctx, documents, inPerson, heading }: { ctx: ViewContext; documents: string[]; inPerson: string; heading: 'h2' | 'h3' }) {
  const { t } = ctx;
  return (
    <>
      {/* a service set up without a list says nothing rather than an empty heading */}
      {documents.length > 0 ? (
        <>
          {heading === 'h2' ? <h2>{t('booking.before.bring')}</h2> : <h2 class="h3">{t('booking.before.bring')}</h2>}
          <ul>
            {documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      ) : null}
      {inPerson.trim() ? (
        <p>
          <strong>{t('booking.before.inPerson')}</strong>
          {ctx.locale === 'en' ? ' ' : ''}
          {inPerson}
        </p>
      ) : null}
      <p>{t('booking.before.late')}</p>
    </>
  );
}

/** Step 1: the day. Each day says how many places are left; full days stay listed as full. */
export function DaysPage({ ctx, office, service, days, basePath, heading }: { ctx: ViewContext; office: { code: string; name: string }; service: ServiceView; days: DayView[]; basePath: string; heading?: string }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={`${service.name} · ${t('booking.step.day')}`} crumbs={crumbsFor(ctx, office, service.name)}>
      <p class="step">{t('booking.step', { n: 1, of: 4 })}</p>
      <h1>{heading ?? service.name}</h1>
      <p class="lead">{windowText(ctx, service)}</p>
      <BeforeYouBook ctx={ctx} service={service} />
      <h2>{t('booking.step.day')}</h2>
      {days.length === 0 ? <p class="notice">{t('booking.noDays')}</p> : null}
      <ul class="day-list">
        {days.map((d) => {
          const left = d.slots.reduce((n, s) => n + s.left, 0);
          const label = showDate(d.day, ctx.locale, true);
          return (
            <li key={d.day} class={left === 0 && !d.lottery ? 'day day-full' : 'day'}>
              {left === 0 && !d.lottery ? (
                <span class="day-box">
                  <span class="day-label">
                    {label}
                    {d.note ? <span class="day-note">{d.note}</span> : null}
                  </span>
                  <strong class="tag tag-full">{t('booking.full')}</strong>
                </span>
              ) : (
                <a class="day-box" href={`${basePath}/${d.day}`}>
                  <span class="day-label">
                    {label}
                    {d.note ? <span class="day-note">{d.note}</span> : null}
                  </span>
                  <span class="day-left">{d.lottery ? t('booking.lottery.tag') : t('booking.left', { n: left })}</span>
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </Shell>
  );
}

/** Step 2: the time on that day, as radios; full times are shown but cannot be chosen. */
export function TimesPage({
  ctx,
  office,
  service,
  day,
  action,
  method = 'get',
  state,
  hidden = {},
  backHref,
}: {
  ctx: ViewContext;
  office: { code: string; name: string };
  service: ServiceView;
  day: DayView;
  action: string;
  method?: 'get' | 'post';
  state?: FormState | undefined;
  hidden?: Record<string, string>;
  backHref: string;
}) {
  const { t } = ctx;
  const date = showDate(day.day, ctx.locale, true);
  return (
    <Shell ctx={ctx} title={`${service.name} · ${t('booking.step.time')}`} crumbs={crumbsFor(ctx, office, service.name)}>
      <p class="step">{t('booking.step', { n: 2, of: 4 })}</p>
      <ErrorSummary ctx={ctx} state={state} />
      <h1>{t('booking.time.title', { date })}</h1>
      {day.lottery ? <p class="notice">{t('booking.lottery.explain', { until: showInstant(day.lottery.applyUntil, ctx.locale) })}</p> : null}
      <form method={method} action={action} class="form" novalidate>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="day" value={day.day} />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="starts"
          label={t('booking.time.label')}
          options={day.slots.map((s) => ({
            value: s.starts,
            label: `${s.starts}–${s.ends}`,
            // an office's evening service (夜間延時服務) gives slots after work, grouped apart
            group: s.starts < '12:00' ? t('booking.time.morning') : s.starts < '18:00' ? t('booking.time.afternoon') : t('booking.time.evening'),
            hint: day.lottery ? undefined : s.left === 0 ? t('booking.full') : t('booking.left', { n: s.left }),
            disabled: s.left === 0 && !day.lottery,
          }))}
        />
        {service.kind === 'hall' ? (
          <SelectField
            ctx={ctx}
            state={state}
            name="slots"
            label={t('booking.hall.length')}
            options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t('booking.hall.minutes', { n: n * service.slotMinutes }) }))}
          />
        ) : null}
        <Button>{t('booking.continue')}</Button>
      </form>
      <p>
        <a href={backHref}>{t('booking.otherDay')}</a>
      </p>
    </Shell>
  );
}
