import { toTaipeiIsoDate } from '../../../../platform/calendar/index.js';
import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import { CsrfField } from '../../../../platform/layout/forms.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { SECTORS } from '../../../../platform/life-events.js';
import { type Recipient, recipientName } from '../model.js';

export const LIST_PATH = '/staff/notify/recipients';

/** The label–value separator: full width beside Chinese, ': ' in English. */
export const colon = (ctx: ViewContext) => (ctx.locale === 'en' ? ': ' : '：');

export const listCrumbs = (ctx: ViewContext, last?: string) => [
  { href: '/staff', label: ctx.t('staff.title') },
  ...(last ? [{ href: LIST_PATH, label: ctx.t('notify.recipients.title') }, { label: last }] : [{ label: ctx.t('notify.recipients.title') }]),
];

/** How the notice reaches the agency: the channel, and its address when it has one. */
function ChannelLine({ ctx, r }: { ctx: ViewContext; r: Recipient }) {
  const address = r.channel === 'email' ? r.email : r.channel === 'webhook' ? r.webhookUrl : null;
  return (
    <>
      {ctx.t(`notify.recipients.channel.${r.channel}`)}
      {address ? (
        <>
          <br />
          <span class="note">{address}</span>
        </>
      ) : null}
    </>
  );
}

function RecipientCard({ ctx, r, mayEdit }: { ctx: ViewContext; r: Recipient; mayEdit: boolean }) {
  const { t } = ctx;
  const name = recipientName(r, ctx.locale);
  const other = ctx.locale === 'en' ? (r.nameEn ? r.name : '') : r.nameEn;
  const sep = ctx.locale === 'en' ? ', ' : '、';
  return (
    <li class="request-card" id={`r-${r.code}`}>
      <h3>{mayEdit ? <a href={`${LIST_PATH}/${r.id}`}>{name}</a> : name}</h3>
      <p class="note">
        {other ? (
          <>
            <span lang={ctx.locale === 'en' ? 'zh-Hant' : 'en'}>{other}</span>
            <br />
          </>
        ) : null}
        {t('notify.recipients.code')}
        {colon(ctx)}
        <code>{r.code}</code>
      </p>
      <dl class="facts">
        <dt>{t('notify.recipients.channel')}</dt>
        <dd>
          <ChannelLine ctx={ctx} r={r} />
        </dd>
        <dt>{t('notify.recipients.list.events')}</dt>
        <dd>{r.events.map((e) => t(`notify.recipients.event.${e}`)).join(sep)}</dd>
        <dt>{t('notify.recipients.list.fields')}</dt>
        <dd>{r.fields.map((f) => t(`notify.recipients.field.${f}`)).join(sep)}</dd>
        <dt>{t('notify.recipients.ackWithin')}</dt>
        <dd>{t('notify.recipients.ackDaysValue', { days: r.ackDays })}</dd>
        <dt>{t('notify.recipients.list.contact')}</dt>
        <dd>
          {r.contactName}
          <br />
          <a href={`tel:${r.contactPhone.replace(/[^\d+]/g, '')}`}>{r.contactPhone}</a>
          {r.contactEmail ? (
            <>
              <br />
              <a href={`mailto:${r.contactEmail}`}>{r.contactEmail}</a>
            </>
          ) : null}
        </dd>
        <dt>{t('notify.recipients.state')}</dt>
        <dd>
          {r.active ? t('notify.recipients.active') : <span class="tag tag-warning">{t('notify.recipients.retired')}</span>}
          <br />
          <span class="note">{t('notify.recipients.since', { date: showDate(toTaipeiIsoDate(new Date(r.createdAt)), ctx.locale) })}</span>
        </dd>
      </dl>
      {mayEdit ? (
        <div class="row-actions">
          <a href={`${LIST_PATH}/${r.id}`}>
            {t('notify.recipients.edit')}
            <span class="visually-hidden">
              {colon(ctx)}
              {name}
            </span>
          </a>
          <form method="post" action={`${LIST_PATH}/${r.id}/${r.active ? 'retire' : 'restore'}`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="link-button">
              {r.active ? t('notify.recipients.retire') : t('notify.recipients.restore')}
              <span class="visually-hidden">
              {colon(ctx)}
              {name}
            </span>
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}

export function RecipientListPage({ ctx, recipients, mayEdit }: { ctx: ViewContext; recipients: Recipient[]; mayEdit: boolean }) {
  const { t } = ctx;
  const active = recipients.filter((r) => r.active);
  const retired = recipients.filter((r) => !r.active);
  const groups = SECTORS.map((s) => ({ sector: s, rows: active.filter((r) => r.sector === s) })).filter((g) => g.rows.length > 0);
  return (
    <Shell ctx={ctx} title={t('notify.recipients.title')} variant="staff" crumbs={listCrumbs(ctx)}>
      <h1>{t('notify.recipients.title')}</h1>
      <p class="lead">{t('notify.recipients.lead')}</p>
      {mayEdit ? (
        <p>
          <a class="button button-primary" href={`${LIST_PATH}/new`}>
            {t('notify.recipients.add')}
          </a>
        </p>
      ) : (
        <p class="notice">{t('notify.recipients.readOnly')}</p>
      )}
      {recipients.length === 0 ? <p class="empty">{t('notify.recipients.none')}</p> : null}
      {groups.length > 1 ? (
        <nav aria-label={t('notify.recipients.sector')}>
          <ul class="tag-list">
            {groups.map((g) => (
              <li key={g.sector}>
                <a href={`#sector-${g.sector}`}>{t(`notify.recipients.sector.${g.sector}`)}</a>
              </li>
            ))}
            {retired.length > 0 ? (
              <li>
                <a href="#sector-retired">{t('notify.recipients.retiredHeading')}</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {/* sectors side by side on a wide screen: most hold one or two agencies */}
      <div class="columns">
        {groups.map((g) => (
        <section key={g.sector} aria-labelledby={`sector-${g.sector}`}>
          <h2 id={`sector-${g.sector}`}>
            {t(`notify.recipients.sector.${g.sector}`)} <span class="note">{t('notify.recipients.count', { count: g.rows.length })}</span>
          </h2>
          <ul class="office-list">
            {g.rows.map((r) => (
              <RecipientCard key={r.id} ctx={ctx} r={r} mayEdit={mayEdit} />
            ))}
          </ul>
        </section>
        ))}
      </div>
      {retired.length > 0 ? (
        <section aria-labelledby="sector-retired">
          <h2 id="sector-retired">{t('notify.recipients.retiredHeading')}</h2>
          <p class="note">{t('notify.recipients.retiredLead')}</p>
          <ul class="office-list">
            {retired.map((r) => (
              <RecipientCard key={r.id} ctx={ctx} r={r} mayEdit={mayEdit} />
            ))}
          </ul>
        </section>
      ) : null}
    </Shell>
  );
}
