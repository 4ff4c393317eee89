import { taipeiToday } from '../../../platform/calendar/index.js';
import type { ViewContext } from '../../../platform/http/context.js';
import { showDate, showInstant } from '../../../platform/layout/dates.js';
import { Button, CheckboxGroup, CsrfField, ErrorSummary, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../platform/layout/forms.js';
import { Shell, SubNav } from '../../../platform/layout/Shell.js';
import { Table } from '../../../platform/layout/Table.js';
import { CATEGORIES, CHANNELS, CLASSES, DECLINE_GROUNDS } from '../rules.js';
import { type OfficeChoice, OfficePicker } from './office.js';

export const staffCrumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: '/staff/petitions', label: ctx.t('petitions.staff.title') }, { label: last }] : [{ label: ctx.t('petitions.staff.title') }]),
];

export function PetitionNav({ ctx, oversee }: { ctx: ViewContext; oversee: boolean }) {
  const { t } = ctx;
  const links: [string, string][] = [
    ['/staff/petitions', t('petitions.staff.list')],
    ['/staff/petitions/new', t('petitions.staff.new')],
    ['/staff/petitions/media', t('petitions.staff.media')],
    ...(oversee
      ? ([
          ['/staff/petitions/followups', t('petitions.staff.followups')],
          ['/staff/petitions/templates', t('petitions.staff.templates')],
          ['/staff/petitions/settings', t('petitions.staff.settings')],
          ['/staff/petitions/figures', t('petitions.staff.figures')],
        ] as [string, string][])
      : []),
  ];
  return <SubNav ctx={ctx} label={t('petitions.staff.title')} links={links} />;
}

export interface ListRow {
  id: number;
  number: string;
  subject: string;
  channel: string;
  category: string;
  status: string;
  assignee: string | null;
  dueOn: string | null;
  escalation: number;
  english: boolean;
}

export const FILTERS = ['open', 'overdue', 'soon', 'waiting', 'mine', 'replied', 'all'] as const;

export function ListPage({ ctx, rows, filter, oversee, today, choice }: { ctx: ViewContext; rows: ListRow[]; filter: string; oversee: boolean; today: string; choice: OfficeChoice }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('petitions.staff.title')} variant="staff" crumbs={staffCrumbs(ctx)}>
      <h1>{t('petitions.staff.title')}</h1>
      <PetitionNav ctx={ctx} oversee={oversee} />
      <OfficePicker ctx={ctx} action="/staff/petitions" choice={choice} keep={{ filter }} />
      <nav class="filter-links" aria-label={t('petitions.staff.filter')}>
        {FILTERS.map((f) => (
          <a key={f} href={`/staff/petitions?filter=${f}${choice.officeCode ? `&office=${choice.officeCode}` : ''}`} aria-current={f === filter ? 'true' : undefined} class="tag">
            {t(`petitions.filter.${f}`)}
          </a>
        ))}
      </nav>
      <Table
        ctx={ctx}
        caption={t(`petitions.filter.${filter}`)}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('petitions.f.number'), cell: (r) => <a href={`/staff/petitions/${r.id}`}>{r.number}</a> },
          { header: t('petitions.f.subject'), cell: (r) => `${r.subject}${r.english ? ' (EN)' : ''}` },
          { header: t('petitions.f.channel'), cell: (r) => t(`petitions.channel.${r.channel}`) },
          { header: t('petitions.f.category'), cell: (r) => t(`petitions.category.${r.category}`) },
          { header: t('petitions.f.assignee'), cell: (r) => r.assignee ?? '—' },
          {
            header: t('petitions.f.due'),
            cell: (r) => (r.dueOn ? <span class={r.dueOn < today && ['received', 'assigned'].includes(r.status) ? 'tag tag-warning' : undefined}>{showDate(r.dueOn, ctx.locale)}</span> : '—'),
          },
          { header: t('petitions.f.status'), cell: (r) => `${t(`petitions.state.${r.status}`)}${r.escalation ? ` · ${t(`petitions.escalation.${r.escalation}`)}` : ''}` },
        ]}
      />
    </Shell>
  );
}

export function IntakePage({ ctx, state, oversee, choice }: { ctx: ViewContext; state?: FormState | undefined; oversee: boolean; choice: OfficeChoice }) {
  const { t } = ctx;
  const values = state ?? { values: { channel: 'onsite', language: 'zh-Hant', wantsReply: '1', office: choice.officeCode }, errors: [] };
  return (
    <Shell ctx={ctx} title={t('petitions.staff.new')} variant="staff" crumbs={staffCrumbs(ctx, t('petitions.staff.new'))}>
      <h1>{t('petitions.staff.new')}</h1>
      <PetitionNav ctx={ctx} oversee={oversee} />
      <div class="narrow">
        <ErrorSummary ctx={ctx} state={state} />
        <form method="post" action="/staff/petitions" class="form" novalidate>
          <CsrfField ctx={ctx} />
          {choice.offices.length > 1 ? <SelectField ctx={ctx} state={values} name="office" label={t('petitions.office')} options={choice.offices} /> : null}
          <SelectField ctx={ctx} state={values} name="channel" label={t('petitions.f.channel')} options={CHANNELS.map((c) => ({ value: c, label: t(`petitions.channel.${c}`) }))} />
          <TextField ctx={ctx} state={values} name="superiorAgency" label={t('petitions.f.superiorAgency')} hint={t('petitions.f.superiorHint')} required={false} maxLength={100} />
          <TextField ctx={ctx} state={values} name="superiorDocNo" label={t('petitions.f.superiorDocNo')} required={false} width="medium" maxLength={60} />
          <TextField ctx={ctx} state={values} name="superiorDueOn" label={t('petitions.f.superiorDueOn')} hint={t('petitions.f.superiorDueHint')} required={false} width="medium" maxLength={20} />
          <TextField ctx={ctx} state={values} name="bookingCode" label={t('petitions.f.bookingCode')} hint={t('petitions.f.bookingCodeHint')} required={false} width="medium" maxLength={20} />
          <TextField ctx={ctx} state={values} name="subject" label={t('petitions.f.subject')} maxLength={100} />
          <SelectField ctx={ctx} state={values} name="category" label={t('petitions.f.category')} options={CATEGORIES.map((c) => ({ value: c, label: t(`petitions.category.${c}`) }))} />
          <TextArea ctx={ctx} state={values} name="body" label={t('petitions.f.body')} hint={t('petitions.f.oralHint')} rows={8} maxLength={4000} />
          <TextField ctx={ctx} state={values} name="name" label={t('petitions.f.name')} width="medium" maxLength={60} />
          <TextField ctx={ctx} state={values} name="email" type="email" label={t('petitions.f.email')} required={false} maxLength={254} />
          <TextField ctx={ctx} state={values} name="phone" type="tel" label={t('petitions.f.phone')} required={false} width="medium" maxLength={24} />
          <TextField ctx={ctx} state={values} name="address" label={t('petitions.f.address')} required={false} maxLength={200} />
          <RadioGroup ctx={ctx} state={values} name="language" label={t('petitions.f.language')} inline options={[{ value: 'zh-Hant', label: '中文' }, { value: 'en', label: 'English' }]} />
          <RadioGroup ctx={ctx} state={values} name="wantsReply" label={t('petitions.f.wantsReply')} inline options={[{ value: '1', label: t('petitions.yes') }, { value: '0', label: t('petitions.no') }]} />
          <CheckboxGroup ctx={ctx} state={values} name="readBack" label={t('petitions.f.readBack')} hint={t('petitions.f.readBackHint')} required={false} options={[{ value: '1', label: t('petitions.f.readBackYes') }]} />
          <Button>{t('petitions.staff.record')}</Button>
        </form>
      </div>
    </Shell>
  );
}

export interface DetailView {
  id: number;
  number: string;
  status: string;
  channel: string;
  category: string;
  cls: string;
  subject: string;
  body: string;
  language: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  wantsReply: boolean;
  readBack: boolean;
  /** 上級機關交辦: the agency, its document number, its own deadline */
  superior: { agency: string; docNo: string; dueOn: string } | null;
  receivedOn: string | null;
  dueOn: string | null;
  escalation: number;
  assigneeId: number | null;
  extendedReason: string | null;
  reply: string | null;
  rating: number | null;
  ratingComment: string | null;
  attachments: { id: number; filename: string; size: number }[];
  events: { at: string; kind: string; text: string | null; public: boolean; staff: string | null }[];
}

export function DetailPage({
  ctx,
  p,
  staffOptions,
  templates,
  replyDraft,
  canApprove,
  oversee,
  state,
}: {
  ctx: ViewContext;
  p: DetailView;
  staffOptions: { value: string; label: string }[];
  templates: { id: number; title: string }[];
  replyDraft: string;
  canApprove: boolean;
  oversee: boolean;
  state?: FormState | undefined;
}) {
  const { t } = ctx;
  const open = ['received', 'assigned', 'waiting'].includes(p.status);
  const form = (action: string, children: preact.ComponentChildren, label: string, variant: 'primary' | 'secondary' | 'warning' = 'secondary') => (
    <form method="post" action={`/staff/petitions/${p.id}/${action}`} class="form action-form" novalidate>
      <CsrfField ctx={ctx} />
      {children}
      <Button variant={variant}>{label}</Button>
    </form>
  );
  return (
    <Shell ctx={ctx} title={p.number} variant="staff" crumbs={staffCrumbs(ctx, p.number)}>
      <h1>
        {p.subject} <span class="muted">{p.number}</span>
      </h1>
      <PetitionNav ctx={ctx} oversee={oversee} />
      {p.language === 'en' ? <p class="notice">{t('petitions.staff.english')}</p> : null}
      {p.escalation ? <p class="flash flash-warning">{t(`petitions.escalation.${p.escalation}`)}</p> : null}
      <ErrorSummary ctx={ctx} state={state} />
      <div class="two-col">
        <section>
          <dl class="facts">
            <dt>{t('petitions.f.status')}</dt>
            <dd>{t(`petitions.state.${p.status}`)}</dd>
            <dt>{t('petitions.f.channel')}</dt>
            <dd>{t(`petitions.channel.${p.channel}`)}</dd>
            {p.superior ? (
              <>
                <dt>{t('petitions.f.superiorAgency')}</dt>
                <dd>
                  {p.superior.agency} · {t('petitions.f.superiorDocNo')} {p.superior.docNo} · {t('petitions.f.superiorDueOn')} {showDate(p.superior.dueOn, ctx.locale, true)}
                </dd>
              </>
            ) : null}
            <dt>{t('petitions.f.class')}</dt>
            <dd>{t(`petitions.class.${p.cls}`)}</dd>
            <dt>{t('petitions.f.received')}</dt>
            <dd>{p.receivedOn ? showDate(p.receivedOn, ctx.locale) : '—'}</dd>
            <dt>{t('petitions.f.due')}</dt>
            <dd>
              {p.dueOn ? showDate(p.dueOn, ctx.locale, true) : '—'}
              {p.extendedReason ? t('punct.aside', { text: '', aside: t('punct.labelled', { label: t('petitions.staff.extended'), value: p.extendedReason }) }) : ''}
            </dd>
            <dt>{t('petitions.f.name')}</dt>
            <dd>{p.name}</dd>
            <dt>{t('petitions.f.contact')}</dt>
            <dd>{[p.email, p.phone, p.address].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('petitions.f.wantsReply')}</dt>
            <dd>
              {p.wantsReply ? t('petitions.yes') : t('petitions.no')}
              {p.readBack ? ` · ${t('petitions.f.readBackYes')}` : ''}
            </dd>
            {p.rating ? (
              <>
                <dt>{t('petitions.rate.title')}</dt>
                <dd>
                  {p.rating} / 5{p.ratingComment ? ` · ${p.ratingComment}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <h2>{t('petitions.f.body')}</h2>
          <div class="reply-body">{p.body}</div>
          {p.attachments.length ? (
            <ul>
              {p.attachments.map((a) => (
                <li key={a.id}>
                  <a href={`/staff/petitions/${p.id}/files/${a.id}`}>{a.filename}</a> <span class="muted">({Math.ceil(a.size / 1024)} KB)</span>
                </li>
              ))}
            </ul>
          ) : null}
          {p.reply ? (
            <>
              <h2>{t('petitions.citizen.reply')}</h2>
              <div class="reply-body">{p.reply}</div>
              <p>
                <a href={`/staff/petitions/${p.id}/letter`}>{t('petitions.staff.letter')}</a>
              </p>
            </>
          ) : null}
          <h2>{t('petitions.citizen.timeline')}</h2>
          <ol class="timeline">
            {p.events.map((e) => (
              <li key={`${e.at}${e.kind}`} class={e.public ? undefined : 'internal'}>
                <span class="muted">{showInstant(e.at, ctx.locale)}</span> {t(`petitions.event.${e.kind}`)}
                {e.staff ? <span class="muted"> · {e.staff}</span> : null}
                {e.public ? null : <span class="tag">{t('petitions.staff.internal')}</span>}
                {e.text ? <p class="pre">{e.kind === 'declined' ? t(`petitions.ground.${e.text}`) : e.text}</p> : null}
              </li>
            ))}
          </ol>
        </section>
        <section class="actions-col" aria-label={t('petitions.staff.actions')}>
          {open || p.status === 'replied' ? (
            <>
              <h2>{p.status === 'replied' ? t('petitions.staff.answerAgain') : t('petitions.staff.reply')}</h2>
              {templates.length ? (
                <form method="get" action={`/staff/petitions/${p.id}`} class="filter-bar">
                  <SelectField ctx={ctx} name="template" label={t('petitions.staff.template')} options={templates.map((x) => ({ value: String(x.id), label: x.title }))} />
                  <Button variant="secondary">{t('petitions.staff.useTemplate')}</Button>
                </form>
              ) : null}
              {form('reply', <TextArea ctx={ctx} state={{ values: { replyBody: state?.values.replyBody ?? replyDraft }, errors: state?.errors ?? [] }} name="replyBody" label={t('petitions.staff.replyBody')} rows={8} maxLength={8000} />, t('petitions.staff.sendReply'), 'primary')}
            </>
          ) : null}
          {open ? (
            <>
              <h2>{t('petitions.staff.triage')}</h2>
              {form(
                'triage',
                <>
                  <SelectField ctx={ctx} state={{ values: { cls: p.cls }, errors: [] }} name="cls" label={t('petitions.f.class')} options={CLASSES.map((c) => ({ value: c, label: t(`petitions.class.${c}`) }))} />
                  <SelectField ctx={ctx} state={{ values: { triageCategory: p.category }, errors: [] }} name="triageCategory" label={t('petitions.f.category')} options={CATEGORIES.map((c) => ({ value: c, label: t(`petitions.category.${c}`) }))} />
                  <SelectField ctx={ctx} state={{ values: { assignee: String(p.assigneeId ?? '') }, errors: [] }} name="assignee" label={t('petitions.f.assignee')} options={[{ value: '', label: '—' }, ...staffOptions]} />
                </>,
                t('petitions.staff.saveTriage'),
              )}
              {p.status === 'waiting'
                ? form('resume', <TextArea ctx={ctx} name="resumeText" label={t('petitions.staff.resumeText')} required={false} rows={2} maxLength={1000} />, t('petitions.staff.resume'))
                : form('ask', <TextArea ctx={ctx} name="askText" label={t('petitions.staff.askText')} rows={3} maxLength={1000} />, t('petitions.staff.ask'))}
              {canApprove
                ? form(
                    'extend',
                    <>
                      <TextField ctx={ctx} name="until" label={t('petitions.staff.until')} hint={t('petitions.f.dateHint')} width="medium" maxLength={20} />
                      <TextField ctx={ctx} name="extendReason" label={t('petitions.staff.extendReason')} maxLength={300} />
                    </>,
                    t('petitions.staff.extend'),
                  )
                : null}
              {form(
                'transfer',
                <>
                  <TextField ctx={ctx} name="agency" label={t('petitions.staff.agency')} hint={t('petitions.staff.agencyHint')} maxLength={100} />
                  <TextField ctx={ctx} name="transferNote" label={t('petitions.staff.transferNote')} required={false} maxLength={300} />
                </>,
                t('petitions.staff.transfer'),
              )}
              {form('decline', <SelectField ctx={ctx} name="ground" label={t('petitions.staff.ground')} options={DECLINE_GROUNDS.map((g) => ({ value: g, label: t(`petitions.ground.${g}`) }))} />, t('petitions.staff.decline'), 'warning')}
            </>
          ) : null}
          {form('note', <TextArea ctx={ctx} name="noteText" label={t('petitions.staff.noteText')} rows={3} maxLength={2000} />, t('petitions.staff.addNote'))}
          {p.status === 'replied' || open ? form('close', null, t('petitions.staff.close')) : null}
        </section>
      </div>
    </Shell>
  );
}

/** A reply as a letter for post (A4, printed from the browser). */
export function LetterPage({ ctx, p, office }: { ctx: ViewContext; p: DetailView; office: { name: string; address: string; phone: string } }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={`${t('petitions.staff.letter')} ${p.number}`} variant="staff" crumbs={staffCrumbs(ctx, p.number)}>
      <article class="letter">
        <p class="letter-office">
          {office.name}
          <br />
          {office.address} · {office.phone}
        </p>
        <p>
          {p.name} {p.address ?? ''}
        </p>
        <p>
          {t('punct.labelled', { label: t('petitions.f.number'), value: p.number ?? '' })} · {t('punct.labelled', { label: t('petitions.f.subject'), value: p.subject })}
        </p>
        <div class="reply-body">{p.reply}</div>
        <p class="letter-date">{showDate(taipeiToday(ctx.now), ctx.locale)}</p>
      </article>
    </Shell>
  );
}
