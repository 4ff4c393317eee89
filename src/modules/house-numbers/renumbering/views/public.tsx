import type { ViewContext } from '../../../../platform/http/context.js';
import { showDate } from '../../../../platform/layout/dates.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { Table } from '../../../../platform/layout/Table.js';
import type { Notice, NoticeItem, NoticeSummary } from '../service.js';
import { publicBase } from './shared.js';

interface OfficeRef {
  code: string;
  name: string;
}

const crumbs = (ctx: ViewContext, office: OfficeRef, last?: string) => [
  { href: `/o/${office.code}`, label: office.name },
  ...(last ? [{ href: publicBase(office.code), label: ctx.t('renumbering.public.title') }, { label: last }] : [{ label: ctx.t('renumbering.public.title') }]),
];

/** The office's published renumberings, newest effective date first. */
export function PublicNoticeListPage({ ctx, office, notices }: { ctx: ViewContext; office: OfficeRef; notices: NoticeSummary[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('renumbering.public.title')} crumbs={crumbs(ctx, office)} description={t('renumbering.page.desc')}>
      <h1>{t('renumbering.public.title')}</h1>
      <p class="lead">{t('renumbering.public.lead')}</p>
      {notices.length === 0 ? (
        <p class="empty">{t('renumbering.public.none')}</p>
      ) : (
        <ul class="office-list">
          {notices.map((n) => (
            <li key={n.id} class="request-card">
              <h2>
                <a href={`${publicBase(office.code)}/${n.id}`}>{n.title}</a>
              </h2>
              <dl class="facts">
                <dt>{t('renumbering.public.effective')}</dt>
                <dd>{showDate(n.effectiveOn, ctx.locale)}</dd>
                <dt>{t('renumbering.public.docNo')}</dt>
                <dd>{n.docNo}</dd>
              </dl>
              <p class="note">{t('renumbering.public.items', { count: n.items })}</p>
            </li>
          ))}
        </ul>
      )}
      <NextSteps ctx={ctx} officeCode={office.code} />
    </Shell>
  );
}

/** Old → new, two columns; a new number the register already has links to its page in the look-up. */
function PairList({ ctx, officeCode, items }: { ctx: ViewContext; officeCode: string; items: NoticeItem[] }) {
  const { t } = ctx;
  return (
    <Table
      ctx={ctx}
      caption={t('renumbering.public.items', { count: items.length })}
      rows={items}
      rowKey={(i) => i.oldKey}
      columns={[
        { header: t('renumbering.public.old'), cell: (i) => i.oldLabel },
        {
          header: t('renumbering.public.new'),
          cell: (i) => (i.newPointId !== null ? <a href={`/o/${officeCode}/house-numbers/p/${i.newPointId}`}>{i.newLabel}</a> : i.newLabel),
        },
      ]}
    />
  );
}

/** Where to go from a notice: the certificate that proves old and new, the assignment guide, a booking, the look-up. */
function NextSteps({ ctx, officeCode }: { ctx: ViewContext; officeCode: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="next-title">
      <h2 id="next-title">{t('renumbering.public.next')}</h2>
      <ul>
        <li>
          <a href={`/o/${officeCode}/guides/house-number-certificate`}>{t('renumbering.public.certificate')}</a>
        </li>
        <li>
          <a href={`/o/${officeCode}/guides/house-number-assignment`}>{t('renumbering.public.assignment')}</a>
        </li>
        <li>
          <a href={`/o/${officeCode}/booking`}>{t('renumbering.public.booking')}</a>
        </li>
        <li>
          <a href={`/o/${officeCode}/house-numbers`}>{t('renumbering.public.lookup')}</a>
        </li>
      </ul>
    </section>
  );
}

/** One published notice: its date, document number, area and the whole old → new list. */
export function PublicNoticePage({ ctx, office, notice, villageNames }: { ctx: ViewContext; office: OfficeRef; notice: Notice; villageNames: string[] }) {
  const { t } = ctx;
  const sep = ctx.locale === 'en' ? ', ' : '、';
  return (
    <Shell ctx={ctx} title={notice.title} crumbs={crumbs(ctx, office, notice.title)} description={t('renumbering.public.effectiveOn', { date: showDate(notice.effectiveOn, ctx.locale) })}>
      <h1>{notice.title}</h1>
      <dl class="facts">
        <dt>{t('renumbering.public.effective')}</dt>
        <dd>{showDate(notice.effectiveOn, ctx.locale)}</dd>
        <dt>{t('renumbering.public.docNo')}</dt>
        <dd>{notice.docNo}</dd>
        {villageNames.length > 0 ? (
          <>
            <dt>{t('renumbering.public.villages')}</dt>
            <dd>{villageNames.join(sep)}</dd>
          </>
        ) : null}
        {notice.note ? (
          <>
            <dt>{t('renumbering.public.note')}</dt>
            <dd class="pre">{notice.note}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('renumbering.public.lead')}</p>
      <PairList ctx={ctx} officeCode={office.code} items={notice.items} />
      <NextSteps ctx={ctx} officeCode={office.code} />
      <p>
        <a href={publicBase(office.code)}>{t('renumbering.public.all')}</a>
      </p>
    </Shell>
  );
}
