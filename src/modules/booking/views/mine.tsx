import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showDateTime } from '../../../platform/layout/dates.js';
import { AlertBox, Button, CsrfField, ErrorSummary, type FormState, TextField } from '../../../platform/layout/forms.js';
import { WhatToBring } from './choose.js';
import { Shell } from '../../../platform/layout/Shell.js';

export interface MyBooking {
  token: string;
  code: string;
  status: string;
  serviceName: string;
  kind: string;
  officeName: string;
  officeAddress: string;
  officePhone: string;
  day: string | null;
  starts: string | null;
  ends: string | null;
  name: string;
  partnerName: string | null;
  documents: string[];
  inPerson: string;
  qrSvg: string;
  canChange: boolean;
  canMove: boolean;
  dueOn: string | null;
  endReason: string | null;
}

const crumbs = (ctx: ViewContext, last: string) => [{ href: '/', label: ctx.t('nav.home') }, { href: '/booking', label: ctx.t('booking.title') }, { label: last }];

/** The booking's own page (its link is the e-mail's): code, QR for the kiosk, calendar file, and what to bring. */
export function BookingPage({ ctx, b, fresh }: { ctx: ViewContext; b: MyBooking; fresh: boolean }) {
  const { t } = ctx;
  const when = b.day ? showDateTime(b.day, b.starts ? `${b.starts}–${b.ends}` : '', ctx.locale, true) : t('booking.homeVisit.when');
  const live = ['booked', 'pending', 'applied'].includes(b.status);
  return (
    <Shell ctx={ctx} title={`${t('booking.mine.title')} ${b.code}`} crumbs={crumbs(ctx, b.code)}>
      {fresh ? (
        <div class="panel panel-success" role="status">
          <h1>{t(`booking.done.${b.status}`)}</h1>
          <p>{t('booking.done.code')}</p>
          <p class="booking-code">{b.code}</p>
        </div>
      ) : (
        <h1>
          {t('booking.mine.title')} <span class="booking-code-inline">{b.code}</span>
        </h1>
      )}
      <dl class="summary-list">
        <dt>{t('booking.status')}</dt>
        <dd>
          <strong>{t(`booking.state.${b.status}`)}</strong>
          {b.endReason && !live ? <span class="muted"> {b.endReason}</span> : null}
        </dd>
        <dt>{t('booking.service')}</dt>
        <dd>{b.serviceName}</dd>
        <dt>{t('booking.when')}</dt>
        <dd>{when}</dd>
        {b.dueOn && b.status === 'pending' ? (
          <>
            <dt>{t('booking.homeVisit.due')}</dt>
            <dd>{showDate(b.dueOn, ctx.locale, true)}</dd>
          </>
        ) : null}
        <dt>{t('booking.office')}</dt>
        <dd>
          {b.officeName}
          <br />
          {b.officeAddress} · <a href={`tel:${b.officePhone.replace(/[^\d+]/g, '')}`}>{b.officePhone}</a>
        </dd>
        <dt>{t('booking.f.name')}</dt>
        <dd>{b.partnerName ? `${b.name}、${b.partnerName}` : b.name}</dd>
      </dl>
      {live && b.day && b.starts ? (
        <div class="booking-qr">
          <div class="qr" role="img" aria-label={t('booking.qrAlt', { code: b.code })} dangerouslySetInnerHTML={{ __html: b.qrSvg }} />
          <p>{t('booking.qrHelp')}</p>
          <p>
            <a class="button button-secondary" href={`/b/${b.token}/booking.ics`} download={`booking-${b.code}.ics`}>
              {t('booking.ics.add')}
            </a>
          </p>
        </div>
      ) : null}
      {live ? (
        <section>
          <WhatToBring ctx={ctx} documents={b.documents} inPerson={b.inPerson} heading="h2" />
        </section>
      ) : null}
      {b.canChange ? (
        <p class="actions">
          {b.canMove ? (
            <a class="button button-secondary" href={`/b/${b.token}/reschedule`}>
              {t('booking.reschedule')}
            </a>
          ) : null}{' '}
          <a class="button button-warning" href={`/b/${b.token}/cancel`}>
            {t('booking.cancel')}
          </a>
        </p>
      ) : null}
      {b.status === 'checked_in' || b.status === 'served' ? (
        <p>
          <a class="button" href={`/s/b/${b.token}`}>
            {t('booking.rateVisit')}
          </a>
        </p>
      ) : null}
      <p class="muted">{t('booking.mine.keep')}</p>
    </Shell>
  );
}

export function ManagePage({ ctx, state, notFound }: { ctx: ViewContext; state?: FormState | undefined; notFound?: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('booking.manage.title')} crumbs={crumbs(ctx, t('booking.manage.title'))}>
      <div class="narrow">
        <h1>{t('booking.manage.title')}</h1>
        <p class="lead">{t('booking.manage.lead')}</p>
        {notFound ? <AlertBox message={t('booking.manage.notFound')} /> : null}
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/booking/manage" class="form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} state={state} name="code" label={t('booking.code')} hint={t('booking.manage.codeHint')} autocomplete="off" width="medium" maxLength={20} />
          <TextField ctx={ctx} state={state} name="idNumber" label={t('booking.f.idNumber')} hint={t('booking.manage.idHint')} autocomplete="off" width="medium" maxLength={20} />
          <Button>{t('booking.manage.submit')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export function CancelPage({ ctx, b, errorKey }: { ctx: ViewContext; b: MyBooking; errorKey?: string | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('booking.cancel.title')} crumbs={crumbs(ctx, b.code)}>
      <div class="narrow">
        {errorKey ? <AlertBox message={t(errorKey)} /> : null}
        <h1>{t('booking.cancel.title')}</h1>
        <p>
          {b.serviceName} · {b.day ? showDateTime(b.day, b.starts ?? '', ctx.locale, true) : (b.starts ?? '')}
        </p>
        <p>{t('booking.cancel.explain')}</p>
        <form method="post" action={`/b/${b.token}/cancel`} class="form">
          <CsrfField ctx={ctx} />
          <Button variant="warning">{t('booking.cancel.yes')}</Button>
        </form>
        <p>
          <a href={`/b/${b.token}`}>{t('booking.cancel.no')}</a>
        </p>
      </div>
    </Shell>
  );
}
