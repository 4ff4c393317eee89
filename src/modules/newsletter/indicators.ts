import type { Executor } from '../../db/index.js';
import { instantRange } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, remembered } from '../../platform/indicators/index.js';

/**
 * The newsletter for the plan. It is the county's (one list, one issue for
 * every office), so each office's plan shows the county's figure. Periods
 * are Taipei days; the tables are small (one row per address, per issue,
 * per mail), so each value is one COUNT — and in a batch (a plan pack asks
 * for every month of two years) the instants are read once and counted
 * here, so the pack costs three queries, not three per period.
 */

interface Instants {
  subscribers: { confirmed_at: string | null; left_at: string | null }[];
  issues: string[];
  delivered: string[];
}

function instants(db: Executor, memo: IndicatorMemo): Promise<Instants> {
  return remembered(memo, 'newsletter.instants', async () => ({
    subscribers: await db.selectFrom('newsletter_subscriber').select(['confirmed_at', 'left_at']).where('confirmed_at', 'is not', null).execute(),
    issues: (await db.selectFrom('newsletter_issue').select('sent_at').where('sent_at', 'is not', null).execute()).map((r) => r.sent_at ?? ''),
    delivered: (await db.selectFrom('newsletter_delivery').select('sent_at').where('status', '=', 'sent').where('bounced_at', 'is', null).where('sent_at', 'is not', null).execute()).map((r) => r.sent_at ?? ''),
  }));
}

const within = (xs: string[], start: string, end: string) => xs.filter((x) => x >= start && x < end).length;

/** Subscribers receiving mail at the end of the period: confirmed before it ended and not left by then. */
export async function activeAt(db: Executor, end: string): Promise<number> {
  const r = await db
    .selectFrom('newsletter_subscriber')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('confirmed_at', '<', end)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', end)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function activeSubscribers(db: Executor, _office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const end = instantRange(period.from, period.to).end;
  if (!memo) return { value: await activeAt(db, end) };
  const { subscribers } = await instants(db, memo);
  return { value: subscribers.filter((r) => r.confirmed_at !== null && r.confirmed_at < end && (r.left_at === null || r.left_at >= end)).length };
}

export async function issuesSentIn(db: Executor, start: string, end: string): Promise<number> {
  const r = await db.selectFrom('newsletter_issue').select((eb) => eb.fn.countAll<number | string>().as('n')).where('sent_at', '>=', start).where('sent_at', '<', end).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function issuesSent(db: Executor, _office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const { start, end } = instantRange(period.from, period.to);
  return { value: memo ? within((await instants(db, memo)).issues, start, end) : await issuesSentIn(db, start, end) };
}

/** Mails handed to the mail server in the period that have not come back as bounces. */
export async function deliveredIn(db: Executor, start: string, end: string): Promise<number> {
  const r = await db
    .selectFrom('newsletter_delivery')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'sent')
    .where('sent_at', '>=', start)
    .where('sent_at', '<', end)
    .where('bounced_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function mailsDelivered(db: Executor, _office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const { start, end } = instantRange(period.from, period.to);
  return { value: memo ? within((await instants(db, memo)).delivered, start, end) : await deliveredIn(db, start, end) };
}

const href = () => '/staff/newsletter';

export const newsletterIndicators: IndicatorDef[] = [
  { key: 'newsletter.activeSubscribers', titleKey: 'newsletter.indicator.activeSubscribers', unit: 'count', better: 'higher', href, compute: activeSubscribers },
  { key: 'newsletter.issuesSent', titleKey: 'newsletter.indicator.issuesSent', unit: 'count', better: 'higher', additive: true, href, compute: issuesSent },
  { key: 'newsletter.mailsDelivered', titleKey: 'newsletter.indicator.mailsDelivered', unit: 'count', better: 'higher', additive: true, href, compute: mailsDelivered },
];

export const newsletterIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'newsletter.indicator.activeSubscribers': '電子報訂閱人數',
    'newsletter.indicator.activeSubscribers.desc': '期間最後一天結束時，已確認訂閱且尚未取消或退信停寄的電子信箱數（全縣共用一份電子報）。',
    'newsletter.indicator.issuesSent': '電子報發行期數',
    'newsletter.indicator.issuesSent.desc': '期間內寄送完成的電子報期數。',
    'newsletter.indicator.mailsDelivered': '電子報寄達封數',
    'newsletter.indicator.mailsDelivered.desc': '期間內寄出且未退信的電子報封數。',
  },
  en: {
    'newsletter.indicator.activeSubscribers': 'Newsletter subscribers',
    'newsletter.indicator.activeSubscribers.desc': "Addresses confirmed and neither unsubscribed nor stopped by bounces at the end of the period's last day (one newsletter for the whole county).",
    'newsletter.indicator.issuesSent': 'Newsletter issues sent',
    'newsletter.indicator.issuesSent.desc': 'Newsletter issues whose sending finished in the period.',
    'newsletter.indicator.mailsDelivered': 'Newsletter mails delivered',
    'newsletter.indicator.mailsDelivered.desc': 'Newsletter mails sent in the period that did not bounce.',
  },
};
