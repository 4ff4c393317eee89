import type { ViewContext } from '../../../../platform/http/context.js';
import type { Translate } from '../../../../platform/i18n/index.js';
import { showDate } from '../../../../platform/layout/dates.js';
import type { NoticeField } from '../../../../platform/life-events.js';

/** The case as the consent pages show it: enough to be sure it is the right person, the ID masked. */
export interface CaseSummary {
  caseId: number;
  number: string;
  guideName: string;
  applicantName: string;
  idMasked: string;
  event: string;
  closedOn: string | null;
}

export const fieldWords = (t: Translate, fields: readonly NoticeField[]) => fields.map((f) => t(`notify.consent.field.${f}`)).join(t('notify.consent.fieldSep'));

export const consentCrumbs = (ctx: ViewContext, s: CaseSummary) => [
  { href: '/staff', label: ctx.t('staff.title') },
  { href: '/staff/cases', label: ctx.t('cases.list.title') },
  { href: `/staff/cases/${s.caseId}`, label: s.number },
  { label: ctx.t('notify.consent.title') },
];

export function CaseFacts({ ctx, s }: { ctx: ViewContext; s: CaseSummary }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      <dt>{t('notify.consent.guide')}</dt>
      <dd>{s.guideName}</dd>
      <dt>{t('notify.consent.event')}</dt>
      <dd>{t(`notify.consent.event.${s.event}`)}</dd>
      <dt>{t('notify.consent.applicant')}</dt>
      <dd>{s.applicantName}</dd>
      <dt>{t('notify.consent.idNumber')}</dt>
      <dd>{s.idMasked}</dd>
      <dt>{t('notify.consent.closedOn')}</dt>
      <dd>{s.closedOn ? showDate(s.closedOn, ctx.locale) : t('notify.consent.notClosed')}</dd>
    </dl>
  );
}

export function PageTitle({ ctx, s }: { ctx: ViewContext; s: CaseSummary }) {
  return (
    <h1>
      {ctx.t('notify.consent.title')} <span class="muted nowrap">{s.number}</span>
    </h1>
  );
}
