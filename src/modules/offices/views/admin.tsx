import { can } from '../../../platform/auth/roles.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate } from '../../../platform/layout/dates.js';
import { Button, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { type OfficeChoice, OfficePicker } from '../../../platform/layout/OfficePicker.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import type { OpenItem } from '../admin.js';
import { OFFICE_KINDS, WEEKDAYS } from '../validate.js';

const crumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/admin/offices', label: ctx.t('offices.admin.title') }, { label: last }] : [{ label: ctx.t('offices.admin.title') }]),
];

export function AdminNav({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const links: [string, string][] = [['/staff/admin/offices', t('offices.nav.offices')]];
  if (ctx.staff && can(ctx.staff.role, 'setup.county')) links.unshift(['/staff/admin/county', t('offices.nav.county')], ['/staff/admin/county/badge', t('offices.nav.badge')]);
  return <SubNav ctx={ctx} label={t('offices.nav.label')} links={links} />;
}

export interface OfficeHead {
  code: string;
  name: string;
  closed: boolean;
}

export function OfficeNav({ ctx, office }: { ctx: ViewContext; office: OfficeHead }) {
  const { t } = ctx;
  const base = `/staff/admin/offices/${office.code}`;
  const links: [string, string][] = [
    [base, t('offices.nav.details')],
    [`${base}/hours`, t('offices.nav.hours')],
    [`${base}/exceptions`, t('offices.nav.exceptions')],
    [`${base}/badge`, t('offices.nav.badge')],
  ];
  if (ctx.staff && can(ctx.staff.role, 'setup.county')) links.push([`${base}/deactivate`, t('offices.nav.deactivate')]);
  return <SubNav ctx={ctx} label={office.name} links={links} />;
}

const labels = (ctx: ViewContext, keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, ctx.t(v)]));

export function CountyPage({ ctx, state, choice, example }: { ctx: ViewContext; state: FormState; choice: OfficeChoice; example: string }) {
  const { t } = ctx;
  const f = (name: string, key: string, opts: { required?: boolean; hint?: string; type?: 'text' | 'email' | 'tel'; max?: number } = {}) => (
    <TextField ctx={ctx} state={state} name={name} label={t(key)} required={opts.required ?? false} hint={opts.hint} type={opts.type} maxLength={opts.max ?? 200} />
  );
  return (
    <Shell ctx={ctx} title={t('offices.county.title')} variant="staff" crumbs={crumbs(ctx, t('offices.county.title'))}>
      <h1>{t('offices.county.title')}</h1>
      <AdminNav ctx={ctx} />
      <p class="lead">{t('offices.county.lead')}</p>
      <ErrorSummary ctx={ctx} state={state} labels={labels(ctx, { code: 'offices.c.code', nameZh: 'offices.c.nameZh', nameEn: 'offices.c.nameEn', phone: 'offices.c.phone', email: 'offices.c.email' })} />
      <form method="post" action="/staff/admin/county" class="form" novalidate>
        <CsrfField ctx={ctx} />
        {f('nameZh', 'offices.c.nameZh', { required: true, max: 40 })}
        {f('nameEn', 'offices.c.nameEn', { required: true, max: 80 })}
        {f('code', 'offices.c.code', { required: true, hint: t('offices.err.code'), max: 20 })}
        {f('phone', 'offices.c.phone', { type: 'tel', hint: t('offices.f.phoneHint'), max: 40 })}
        {f('email', 'offices.c.email', { type: 'email', max: 254 })}
        {f('addressZh', 'offices.c.addressZh', { max: 120 })}
        {f('addressEn', 'offices.c.addressEn')}
        {f('siteNameZh', 'offices.c.siteNameZh', { hint: t('offices.c.siteNameHint', { example }), max: 60 })}
        {f('siteNameEn', 'offices.c.siteNameEn', { max: 120 })}
        {f('logoText', 'offices.c.logoText', { max: 40 })}
        <RadioGroup
          ctx={ctx}
          state={state}
          name="english"
          label={t('offices.c.english')}
          options={[
            { value: '1', label: t('offices.c.englishOn') },
            { value: '0', label: t('offices.c.englishOff') },
          ]}
        />
        <Button>{t('offices.save')}</Button>
      </form>
      <h2>{t('offices.county.offices')}</h2>
      <OfficePicker ctx={ctx} action="/staff/admin/offices" choice={choice} />
      <p>
        <a href="/staff/admin/offices">{t('offices.list.title')}</a>
      </p>
    </Shell>
  );
}

export interface OfficeListRow {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  closed: boolean;
  successor: string | null;
}

export function OfficeListPage({ ctx, rows, choice, chosen, canCreate }: { ctx: ViewContext; rows: OfficeListRow[]; choice: OfficeChoice; chosen: OfficeHead | null; canCreate: boolean }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('offices.list.title')} variant="staff" crumbs={crumbs(ctx)}>
      <h1>{t('offices.list.title')}</h1>
      <AdminNav ctx={ctx} />
      <p class="lead">{t('offices.list.lead')}</p>
      <OfficePicker ctx={ctx} action="/staff/admin/offices" choice={choice} />
      {chosen ? (
        <section aria-labelledby="chosen-office">
          <h2 id="chosen-office">{t('offices.list.chosen', { name: chosen.name })}</h2>
          <OfficeNav ctx={ctx} office={chosen} />
        </section>
      ) : null}
      {canCreate ? (
        <p>
          <a class="button button-secondary" href="/staff/admin/offices/new">
            {t('offices.list.new')}
          </a>
        </p>
      ) : null}
      <Table
        ctx={ctx}
        caption={t('offices.list.title')}
        rows={rows}
        rowKey={(r) => r.code}
        columns={[
          { header: t('offices.list.name'), cell: (r) => <a href={`/staff/admin/offices/${r.code}`}>{r.name}</a> },
          { header: t('offices.list.code'), cell: (r) => <code>{r.code}</code> },
          { header: t('offices.list.kind'), cell: (r) => `${t(`offices.kind.${r.kind}`)}${r.parent ? `（${r.parent}）` : ''}` },
          { header: t('offices.list.status'), cell: (r) => (r.closed ? (r.successor ? t('offices.status.closedTo', { name: r.successor }) : t('offices.status.closed')) : t('offices.status.open')) },
        ]}
      />
    </Shell>
  );
}

/** The details form: new (with the code) or edit (code shown, fixed). */
export function OfficeFormPage({
  ctx,
  state,
  office,
  parents,
}: {
  ctx: ViewContext;
  state: FormState;
  office: (OfficeHead & { closedOn: string | null; successor: string | null }) | null;
  parents: { value: string; label: string }[];
}) {
  const { t } = ctx;
  const title = office ? t('offices.edit.title', { name: office.name }) : t('offices.new.title');
  const action = office ? `/staff/admin/offices/${office.code}` : '/staff/admin/offices/new';
  const tf = (name: string, key: string, opts: { required?: boolean; hint?: string; type?: 'text' | 'email' | 'tel'; max?: number; width?: 'short' | 'medium' | 'full' } = {}) => (
    <TextField ctx={ctx} state={state} name={name} label={t(key)} required={opts.required ?? true} hint={opts.hint} type={opts.type} maxLength={opts.max ?? 200} width={opts.width} />
  );
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      {office ? <OfficeNav ctx={ctx} office={office} /> : <AdminNav ctx={ctx} />}
      {office?.closed ? <p class="status status-closed">{t('offices.deact.already', { date: office.closedOn ? showDate(office.closedOn, ctx.locale) : '', name: office.successor ?? '' })}</p> : null}
      <ErrorSummary
        ctx={ctx}
        state={state}
        labels={labels(ctx, {
          code: 'offices.f.code',
          kind: 'offices.f.kind',
          parent: 'offices.f.parent',
          nameZh: 'offices.f.nameZh',
          nameEn: 'offices.f.nameEn',
          addressZh: 'offices.f.addressZh',
          addressEn: 'offices.f.addressEn',
          phone: 'offices.f.phone',
          fax: 'offices.f.fax',
          email: 'offices.f.email',
          director: 'offices.f.director',
          villages: 'offices.f.villages',
          mapUrl: 'offices.f.mapUrl',
        })}
      />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {office ? (
          <p>
            {t('offices.f.codeFixed')}：<code>{office.code}</code>
          </p>
        ) : (
          tf('code', 'offices.f.code', { hint: t('offices.f.codeHint'), max: 20, width: 'medium' })
        )}
        <SelectField ctx={ctx} state={state} name="kind" label={t('offices.f.kind')} options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`offices.kind.${k}`) }))} />
        <SelectField ctx={ctx} state={state} name="parent" label={t('offices.f.parent')} hint={t('offices.f.parentHint')} required={false} options={[{ value: '', label: t('offices.f.parentNone') }, ...parents]} />
        {tf('nameZh', 'offices.f.nameZh', { max: 60 })}
        {tf('nameEn', 'offices.f.nameEn', { max: 120 })}
        {tf('addressZh', 'offices.f.addressZh', { max: 120 })}
        {tf('addressEn', 'offices.f.addressEn')}
        {tf('phone', 'offices.f.phone', { type: 'tel', hint: t('offices.f.phoneHint'), max: 40, width: 'medium' })}
        {tf('fax', 'offices.f.fax', { type: 'tel', required: false, max: 40, width: 'medium' })}
        {tf('email', 'offices.f.email', { type: 'email', required: false, max: 254 })}
        {tf('director', 'offices.f.director', { required: false, max: 40, width: 'medium' })}
        <TextArea ctx={ctx} state={state} name="villages" label={t('offices.f.villages')} hint={t('offices.f.villagesHint')} required={false} rows={6} maxLength={8000} />
        {tf('mapUrl', 'offices.f.mapUrl', { required: false, hint: t('offices.f.mapUrlHint'), max: 500 })}
        <Button>{office ? t('offices.save') : t('offices.new.submit')}</Button>
      </form>
    </Shell>
  );
}

export function HoursPage({ ctx, office, state }: { ctx: ViewContext; office: OfficeHead; state: FormState }) {
  const { t } = ctx;
  const title = `${office.name}：${t('offices.hours.title')}`;
  const time = (name: string, key: string, required = true, hint?: string) => (
    <TextField ctx={ctx} state={state} name={name} label={t(key)} required={required} hint={hint} width="short" maxLength={5} inputMode="numeric" />
  );
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <OfficeNav ctx={ctx} office={office} />
      <p class="lead">{t('offices.hours.lead')}</p>
      <p class="field-hint">{t('offices.h.timeHint')}</p>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/admin/offices/${office.code}/hours`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        {WEEKDAYS.map((wd) => (
          <fieldset key={wd} class="choices">
            <legend>{t(`weekdayLong.${wd}`)}</legend>
            <RadioGroup
              ctx={ctx}
              state={state}
              name={`open${wd}`}
              label={t('offices.h.open')}
              inline
              options={[
                { value: '1', label: t('offices.h.openYes') },
                { value: '0', label: t('offices.h.openNo') },
              ]}
            />
            {time(`opens${wd}`, 'offices.h.opens')}
            {time(`closes${wd}`, 'offices.h.closes')}
            <RadioGroup
              ctx={ctx}
              state={state}
              name={`lunch${wd}`}
              label={t('offices.h.lunch')}
              options={[
                { value: 'open', label: t('offices.h.lunchOpen') },
                { value: 'break', label: t('offices.h.lunchBreak') },
              ]}
            />
            {time(`lunchFrom${wd}`, 'offices.h.lunchFrom', false)}
            {time(`lunchTo${wd}`, 'offices.h.lunchTo', false)}
            {time(`evening${wd}`, 'offices.h.evening', false, t('offices.h.eveningHint'))}
            <TextField ctx={ctx} state={state} name={`noteZh${wd}`} label={t('offices.h.noteZh')} required={false} maxLength={60} />
            <TextField ctx={ctx} state={state} name={`noteEn${wd}`} label={t('offices.h.noteEn')} required={false} maxLength={120} />
          </fieldset>
        ))}
        <Button>{t('offices.save')}</Button>
      </form>
    </Shell>
  );
}

export interface ExceptionRow {
  id: number;
  date: string;
  closed: boolean;
  hours: string | null;
  reason: string;
}

export function ExceptionsPage({ ctx, office, state, rows }: { ctx: ViewContext; office: OfficeHead; state: FormState; rows: ExceptionRow[] }) {
  const { t } = ctx;
  const title = `${office.name}：${t('offices.ex.title')}`;
  const base = `/staff/admin/offices/${office.code}/exceptions`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <OfficeNav ctx={ctx} office={office} />
      <p class="lead">{t('offices.ex.lead')}</p>
      {rows.length === 0 ? (
        <p>{t('offices.ex.none')}</p>
      ) : (
        <Table
          ctx={ctx}
          caption={t('offices.ex.title')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('offices.ex.date'), cell: (r) => showDate(r.date, ctx.locale, true) },
            { header: t('offices.ex.hours'), cell: (r) => (r.closed ? t('offices.ex.closedYes') : r.hours) },
            { header: t('offices.ex.reasonZh'), cell: (r) => r.reason },
            {
              header: t('offices.ex.actions'),
              cell: (r) => (
                <form method="post" action={`${base}/${r.id}/delete`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <Button variant="warning">{t('offices.ex.remove')}</Button>
                </form>
              ),
            },
          ]}
        />
      )}
      <h2>{t('offices.ex.save')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={base} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} state={state} name="date" label={t('offices.ex.date')} hint={t('offices.ex.dateHint')} width="medium" maxLength={20} />
        <RadioGroup
          ctx={ctx}
          state={state}
          name="closed"
          label={t('offices.ex.closed')}
          options={[
            { value: '1', label: t('offices.ex.closedYes') },
            { value: '0', label: t('offices.ex.closedNo') },
          ]}
        />
        <TextField ctx={ctx} state={state} name="opens" label={t('offices.ex.opens')} required={false} width="short" maxLength={5} />
        <TextField ctx={ctx} state={state} name="closes" label={t('offices.ex.closes')} required={false} width="short" maxLength={5} />
        <TextField ctx={ctx} state={state} name="reasonZh" label={t('offices.ex.reasonZh')} maxLength={60} />
        <TextField ctx={ctx} state={state} name="reasonEn" label={t('offices.ex.reasonEn')} required={false} maxLength={120} />
        <Button>{t('offices.ex.save')}</Button>
      </form>
    </Shell>
  );
}

export function DeactivatePage({
  ctx,
  office,
  open,
  successors,
  state,
  closedOn,
  successor,
}: {
  ctx: ViewContext;
  office: OfficeHead;
  open: OpenItem[];
  successors: { value: string; label: string }[];
  state: FormState;
  closedOn: string | null;
  successor: string | null;
}) {
  const { t } = ctx;
  const title = t('offices.deact.title', { name: office.name });
  const base = `/staff/admin/offices/${office.code}`;
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <OfficeNav ctx={ctx} office={office} />
      {office.closed ? (
        <>
          <p class="status status-closed">{t('offices.deact.already', { date: closedOn ? showDate(closedOn, ctx.locale) : '', name: successor ?? '' })}</p>
          <form method="post" action={`${base}/reactivate`} class="form">
            <CsrfField ctx={ctx} />
            <Button variant="secondary">{t('offices.reactivate')}</Button>
          </form>
        </>
      ) : (
        <>
          <p class="lead">{t('offices.deact.lead')}</p>
          <h2>{t('offices.deact.open')}</h2>
          <ul>
            {open.map((o) => (
              <li key={o.key}>{t(o.key, { n: o.n })}</li>
            ))}
          </ul>
          <p>{t('offices.deact.keep')}</p>
          <ErrorSummary ctx={ctx} state={state} />
          <form method="post" action={`${base}/deactivate`} class="form" novalidate>
            <CsrfField ctx={ctx} />
            <SelectField ctx={ctx} state={state} name="successor" label={t('offices.deact.successor')} placeholder="" options={successors} />
            <Button variant="warning">{t('offices.deact.confirm')}</Button>
          </form>
        </>
      )}
    </Shell>
  );
}
