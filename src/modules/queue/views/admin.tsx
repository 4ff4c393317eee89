import type { ViewContext } from '../../../platform/http/context.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/layout/forms.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { OfficePicker, officeChoice } from '../../../platform/layout/OfficePicker.js';

/** Staff pages: an office's counters and queue services (setup.office). */

export interface OfficeChoice {
  code: string;
  name: string;
}

export interface CounterItem {
  id: number;
  number: number;
  name: string;
  services: string[];
  priorityFirst: boolean;
  openDefault: boolean;
  active: boolean;
  current: string | null;
}

export interface ServiceItem {
  id: number;
  code: string;
  letter: string;
  name: string;
  avgMinutes: number | null;
  sort: number;
  active: boolean;
  counters: number;
}

export interface Change {
  field: string;
  before: string;
  after: string;
}

const q = (office: string) => `?office=${encodeURIComponent(office)}`;

function crumbs(ctx: ViewContext, label: string) {
  return [{ href: '/staff', label: ctx.t('staff.title') }, { label }];
}

function AdminNav({ ctx, office }: { ctx: ViewContext; office: string }) {
  const { t } = ctx;
  return (
    <SubNav
      ctx={ctx}
      label={t('queue.admin.nav')}
      links={[
        [`/staff/queue/counters${q(office)}`, t('queue.admin.counters')],
        [`/staff/queue/services${q(office)}`, t('queue.admin.services')],
      ]}
    />
  );
}

/** A county admin picks the office here; everyone else sees only their own. */
/** The shared office picker (platform/layout), fed from this page's office list. */
function OfficeSwitch({ ctx, offices, office, action }: { ctx: ViewContext; offices: OfficeChoice[]; office: string; action: string }) {
  return <OfficePicker ctx={ctx} action={action} choice={officeChoice(offices, office)} />;
}

const yesNo = (ctx: ViewContext) => [
  { value: '1', label: ctx.t('queue.admin.yes') },
  { value: '0', label: ctx.t('queue.admin.no') },
];

function CounterFields({ ctx, state, services, edit }: { ctx: ViewContext; state: FormState | undefined; services: { value: string; label: string }[]; edit: boolean }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} state={state} name="number" label={t('queue.admin.number')} hint={t('queue.admin.numberHint')} inputMode="numeric" width="short" maxLength={2} />
      <TextField ctx={ctx} state={state} name="nameZh" label={t('queue.admin.nameZh')} maxLength={40} width="medium" />
      <TextField ctx={ctx} state={state} name="nameEn" label={t('queue.admin.nameEn')} maxLength={60} width="medium" />
      <CheckboxGroup ctx={ctx} state={state} name="services" label={t('queue.admin.serves')} hint={t('queue.admin.servesHint')} options={services} required={false} />
      <SelectField ctx={ctx} state={state} name="priorityFirst" label={t('queue.admin.priorityFirst')} hint={t('queue.admin.priorityFirstHint')} options={yesNo(ctx).reverse()} />
      <SelectField ctx={ctx} state={state} name="openDefault" label={t('queue.admin.openDefault')} hint={t('queue.admin.openDefaultHint')} options={yesNo(ctx)} />
      {edit ? (
        <SelectField
          ctx={ctx}
          state={state}
          name="active"
          label={t('queue.admin.status')}
          options={[
            { value: '1', label: t('queue.admin.active') },
            { value: '0', label: t('queue.admin.retired') },
          ]}
        />
      ) : null}
    </>
  );
}

export function CountersPage({
  ctx,
  office,
  offices,
  counters,
  services,
  state,
}: {
  ctx: ViewContext;
  office: OfficeChoice;
  offices: OfficeChoice[];
  counters: CounterItem[];
  services: { value: string; label: string }[];
  state?: FormState | undefined;
}) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('queue.admin.counters')} variant="staff" crumbs={crumbs(ctx, t('queue.admin.counters'))}>
      <h1>
        {t('queue.admin.counters')} <span class="muted">{office.name}</span>
      </h1>
      <AdminNav ctx={ctx} office={office.code} />
      <OfficeSwitch ctx={ctx} offices={offices} office={office.code} action="/staff/queue/counters" />
      <p>{t('queue.admin.countersLead')}</p>
      <Table
        ctx={ctx}
        caption={t('queue.admin.counters')}
        rows={counters}
        rowKey={(c) => c.id}
        columns={[
          { header: t('queue.admin.number'), cell: (c) => c.number, numeric: true },
          { header: t('queue.admin.name'), cell: (c) => <a href={`/staff/queue/counters/${c.id}/edit`}>{c.name}</a> },
          { header: t('queue.admin.servesLetters'), cell: (c) => c.services.join(' ') || '—' },
          { header: t('queue.admin.kind'), cell: (c) => [c.priorityFirst ? t('queue.admin.priorityTag') : '', c.openDefault ? t('queue.admin.dailyTag') : t('queue.admin.supportTag')].filter(Boolean).join('・') },
          { header: t('queue.admin.status'), cell: (c) => (c.active ? t('queue.admin.active') : t('queue.admin.retired')) + (c.current ? `（${t('queue.admin.nowServing', { label: c.current })}）` : '') },
        ]}
      />
      <h2 id="add-counter">{t('queue.admin.addCounter')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/queue/counters${q(office.code)}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="office" value={office.code} />
        <CounterFields ctx={ctx} state={state ?? { values: { priorityFirst: '0', openDefault: '1' }, errors: [] }} services={services} edit={false} />
        <Button>{t('queue.admin.addCounter')}</Button>
      </form>
    </Shell>
  );
}

export function CounterEditPage({
  ctx,
  office,
  counter,
  services,
  state,
}: {
  ctx: ViewContext;
  office: OfficeChoice;
  counter: { id: number; number: number; name: string; active: boolean; current: string | null };
  services: { value: string; label: string }[];
  state: FormState;
}) {
  const { t } = ctx;
  const title = t('queue.admin.editCounter', { n: counter.number });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[...crumbs(ctx, title).slice(0, 1), { href: `/staff/queue/counters${q(office.code)}`, label: t('queue.admin.counters') }, { label: title }]}>
      <h1>
        {title} <span class="muted">{office.name}</span>
      </h1>
      {counter.current ? <p class="notice">{t('queue.admin.busyNote', { label: counter.current })}</p> : null}
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/queue/counters/${counter.id}/edit`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <CounterFields ctx={ctx} state={state} services={services} edit />
        <Button>{t('queue.admin.save')}</Button>
      </form>
      {counter.active ? (
        <>
          <h2>{t('queue.admin.retireCounter')}</h2>
          <p>{t('queue.admin.retireCounterLead')}</p>
          <form method="post" action={`/staff/queue/counters/${counter.id}/retire`} class="inline-form">
            <CsrfField ctx={ctx} />
            <Button variant="warning">{t('queue.admin.retireCounter')}</Button>
          </form>
        </>
      ) : null}
    </Shell>
  );
}

/** What a change to a counter with a ticket will do; nothing is saved until confirmed. */
export function CounterConfirmPage({
  ctx,
  office,
  counter,
  ticket,
  changes,
  retiring,
  action,
  values,
}: {
  ctx: ViewContext;
  office: OfficeChoice;
  counter: { id: number; number: number };
  ticket: { label: string; status: string };
  changes: Change[];
  retiring: boolean;
  action: string;
  values: Record<string, string | string[]>;
}) {
  const { t } = ctx;
  const title = t('queue.admin.confirmTitle', { n: counter.number });
  return (
    <Shell ctx={ctx} title={title} variant="staff" crumbs={[...crumbs(ctx, title).slice(0, 1), { href: `/staff/queue/counters${q(office.code)}`, label: t('queue.admin.counters') }, { label: title }]}>
      <h1>{title}</h1>
      <div class="notice" role="status">
        <p>{t('queue.admin.confirmBusy', { n: counter.number, label: ticket.label, status: t(`queue.admin.ticketStatus.${ticket.status === 'serving' ? 'serving' : 'called'}`) })}</p>
        <p>{t('queue.admin.confirmKeeps', { label: ticket.label, n: counter.number })}</p>
        <p>{retiring ? t('queue.admin.confirmRetire', { n: counter.number }) : t('queue.admin.confirmChange')}</p>
      </div>
      <Table
        ctx={ctx}
        caption={t('queue.admin.changes')}
        rows={changes}
        rowKey={(c) => c.field}
        columns={[
          { header: t('queue.admin.field'), cell: (c) => c.field },
          { header: t('queue.admin.before'), cell: (c) => c.before },
          { header: t('queue.admin.after'), cell: (c) => c.after },
        ]}
      />
      <form method="post" action={action} class="form">
        <CsrfField ctx={ctx} />
        {Object.entries(values).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x, i) => <input key={`${k}-${i}`} type="hidden" name={k} value={x} />))}
        <input type="hidden" name="confirm" value="1" />
        <Button variant={retiring ? 'warning' : 'primary'}>{retiring ? t('queue.admin.confirmRetireButton') : t('queue.admin.confirmButton')}</Button>{' '}
        <a href={`/staff/queue/counters/${counter.id}/edit`}>{t('queue.admin.cancel')}</a>
      </form>
    </Shell>
  );
}

function ServiceFields({ ctx, state, edit }: { ctx: ViewContext; state: FormState | undefined; edit: boolean }) {
  const { t } = ctx;
  return (
    <>
      {edit ? null : <TextField ctx={ctx} state={state} name="code" label={t('queue.admin.code')} hint={t('queue.admin.codeHint')} width="medium" maxLength={30} />}
      <TextField ctx={ctx} state={state} name="letter" label={t('queue.admin.letter')} hint={t('queue.admin.letterHint')} width="short" maxLength={1} />
      <TextField ctx={ctx} state={state} name="nameZh" label={t('queue.admin.serviceNameZh')} maxLength={60} />
      <TextField ctx={ctx} state={state} name="nameEn" label={t('queue.admin.serviceNameEn')} maxLength={100} />
      <TextField ctx={ctx} state={state} name="avgMinutes" label={t('queue.admin.avgMinutes')} hint={t('queue.admin.avgMinutesHint')} inputMode="numeric" width="short" maxLength={3} required={false} />
      <TextField ctx={ctx} state={state} name="sort" label={t('queue.admin.sort')} hint={t('queue.admin.sortHint')} inputMode="numeric" width="short" maxLength={3} />
      {edit ? (
        <SelectField
          ctx={ctx}
          state={state}
          name="active"
          label={t('queue.admin.status')}
          options={[
            { value: '1', label: t('queue.admin.active') },
            { value: '0', label: t('queue.admin.retired') },
          ]}
        />
      ) : null}
    </>
  );
}

export function ServicesPage({ ctx, office, offices, services, state }: { ctx: ViewContext; office: OfficeChoice; offices: OfficeChoice[]; services: ServiceItem[]; state?: FormState | undefined }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('queue.admin.services')} variant="staff" crumbs={crumbs(ctx, t('queue.admin.services'))}>
      <h1>
        {t('queue.admin.services')} <span class="muted">{office.name}</span>
      </h1>
      <AdminNav ctx={ctx} office={office.code} />
      <OfficeSwitch ctx={ctx} offices={offices} office={office.code} action="/staff/queue/services" />
      <p>{t('queue.admin.servicesLead')}</p>
      <Table
        ctx={ctx}
        caption={t('queue.admin.services')}
        rows={services}
        rowKey={(s) => s.id}
        columns={[
          { header: t('queue.admin.letter'), cell: (s) => s.letter },
          { header: t('queue.admin.name'), cell: (s) => <a href={`/staff/queue/services/${s.id}/edit`}>{s.name}</a> },
          { header: t('queue.admin.code'), cell: (s) => <code>{s.code}</code> },
          { header: t('queue.admin.avgMinutes'), cell: (s) => s.avgMinutes ?? '—', numeric: true },
          { header: t('queue.admin.countersServing'), cell: (s) => s.counters, numeric: true },
          { header: t('queue.admin.status'), cell: (s) => (s.active ? (s.counters > 0 ? t('queue.admin.offered') : t('queue.admin.notOffered')) : t('queue.admin.retired')) },
        ]}
      />
      <h2>{t('queue.admin.addService')}</h2>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/queue/services${q(office.code)}`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="office" value={office.code} />
        <ServiceFields ctx={ctx} state={state ?? { values: { sort: String(services.length) }, errors: [] }} edit={false} />
        <Button>{t('queue.admin.addService')}</Button>
      </form>
    </Shell>
  );
}

export function ServiceEditPage({
  ctx,
  office,
  service,
  state,
  openTickets,
}: {
  ctx: ViewContext;
  office: OfficeChoice;
  service: { id: number; code: string; name: string; active: boolean };
  state: FormState;
  openTickets: number;
}) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={service.name} variant="staff" crumbs={[...crumbs(ctx, service.name).slice(0, 1), { href: `/staff/queue/services${q(office.code)}`, label: t('queue.admin.services') }, { label: service.name }]}>
      <h1>
        {service.name} <span class="muted">{office.name}</span>
      </h1>
      <p>
        {t('queue.admin.code')}：<code>{service.code}</code>
      </p>
      <ErrorSummary ctx={ctx} state={state} />
      <form method="post" action={`/staff/queue/services/${service.id}/edit`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <ServiceFields ctx={ctx} state={state} edit />
        <Button>{t('queue.admin.save')}</Button>
      </form>
      {service.active ? (
        <>
          <h2>{t('queue.admin.retireService')}</h2>
          <p>{t('queue.admin.retireServiceLead', { n: openTickets })}</p>
          <form method="post" action={`/staff/queue/services/${service.id}/retire`} class="inline-form">
            <CsrfField ctx={ctx} />
            <Button variant="warning">{t('queue.admin.retireService')}</Button>
          </form>
        </>
      ) : null}
    </Shell>
  );
}
