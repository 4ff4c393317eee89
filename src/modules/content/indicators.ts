import type { Executor } from '../../db/index.js';
import { addDays, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { instantRange, share } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, remembered, rowsOver } from '../../platform/indicators/index.js';
import { isPublished } from './model.js';

/**
 * Public information, for the plan. An office's site shows its own items
 * and the county-wide ones (office_id null), so every count here takes
 * both, as the public pages and the editors' list do. The state an item is
 * in is today's (items keep no history of their status); an item created
 * after the period never counts for it.
 */

/**
 * The office's and the county's items of a kind that existed at an
 * instant. In a batch (a pack asks for the end of every month) the items
 * that existed at the end of the instant's year are read once and the
 * earlier instants picked from them.
 */
async function itemsOf(db: Executor, officeId: number, kind: string, existingAt: string, memo?: IndicatorMemo) {
  const read = (before: string) =>
    db
      .selectFrom('content_item')
      .select(['status', 'publish_from', 'publish_until', 'opengov_category', 'review_on', 'created_at'])
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]))
      .where('created_at', '<', before)
      .execute();
  if (!memo) return read(existingAt);
  // the year's last instant in Taipei: existingAt is at most the start of 1 January after it
  const year = toTaipeiIsoDate(new Date(new Date(existingAt).getTime() - 1)).slice(0, 4);
  const items = await remembered(memo, `content.items|${officeId}|${kind}|${year}`, () => read(instantRange(`${year}-12-31`, `${year}-12-31`).end));
  return items.filter((i) => i.created_at < existingAt);
}

/** The last moment of the period's last day in Taipei (isPublished asks for an instant). */
const periodEnd = (p: IndicatorPeriod) => instantRange(p.to, p.to).end;
const lastMoment = (end: string) => new Date(new Date(end).getTime() - 1);

async function opengovCategories(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const end = periodEnd(period);
  const items = await itemsOf(db, office.id, 'opengov', end, memo);
  const live = items.filter((i) => i.opengov_category !== null && isPublished(i, lastMoment(end)));
  return { value: new Set(live.map((i) => i.opengov_category)).size, base: live.length };
}

/**
 * Reviewing an item is setting its next review date: an item is overdue
 * when its review date has passed. Counted as the editors' home counts them
 * (every open government item, whatever its status) on the morning after
 * the period: due on or before its last day.
 */
async function reviewsOverdue(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const items = await itemsOf(db, office.id, 'opengov', periodEnd(period), memo);
  const next = addDays(period.to, 1);
  return { value: items.filter((i) => i.review_on !== null && i.review_on < next).length };
}

/**
 * Readers' "was this helpful?" answers given in the period (by Taipei day),
 * on the office's and the county-wide FAQ items, whatever their state now:
 * an answer was given to a live page.
 */
async function faqHelpful(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  // by day, so a batch's months come from one read of the year (rowsOver)
  const read = (from: string, to: string) =>
    db
      .selectFrom('content_feedback')
      .innerJoin('content_item', 'content_item.id', 'content_feedback.item_id')
      .where('content_item.kind', '=', 'faq')
      .where((eb) => eb.or([eb('content_item.office_id', 'is', null), eb('content_item.office_id', '=', office.id)]))
      .where('content_feedback.day', '>=', from)
      .where('content_feedback.day', '<=', to)
      .select((eb) => ['content_feedback.day', eb.fn.sum<number | string | null>('content_feedback.yes').as('yes'), eb.fn.sum<number | string | null>('content_feedback.no').as('no')])
      .groupBy('content_feedback.day')
      .execute();
  const days = await rowsOver(memo, `content.faqFeedback|${office.id}`, period, read, (r) => r.day >= period.from && r.day <= period.to);
  const yes = days.reduce((n, r) => n + Number(r.yes ?? 0), 0);
  const all = yes + days.reduce((n, r) => n + Number(r.no ?? 0), 0);
  return all === 0 ? { value: null } : { value: share(yes, all), base: all };
}

/** News items (announcements, services, policy, events) that went live in the period: their window opens in it. */
async function newsPublished(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const { start, end } = instantRange(period.from, period.to);
  const items = await itemsOf(db, office.id, 'news', end, memo);
  const opened = items.filter((i) => {
    const from = i.publish_from ?? i.created_at;
    return i.status === 'published' && from >= start && from < end;
  });
  return { value: opened.length };
}

const listOf = (kind: string) => (office: IndicatorOffice) => `/staff/content?kind=${kind}&office=${encodeURIComponent(office.code)}`;

export const contentIndicators: IndicatorDef[] = [
  { key: 'content.opengovCategories', titleKey: 'content.indicator.opengovCategories', unit: 'count', better: 'higher', href: listOf('opengov'), compute: opengovCategories },
  { key: 'content.reviewsOverdue', titleKey: 'content.indicator.reviewsOverdue', unit: 'count', better: 'lower', href: listOf('opengov'), compute: reviewsOverdue },
  { key: 'content.faqHelpful', titleKey: 'content.indicator.faqHelpful', unit: 'percent', better: 'higher', href: listOf('faq'), compute: faqHelpful },
  { key: 'content.newsPublished', titleKey: 'content.indicator.newsPublished', unit: 'count', better: 'higher', additive: true, href: listOf('news'), compute: newsPublished },
];

export const contentIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'content.indicator.opengovCategories': '政府資訊公開法第7條已公開類別數',
    'content.indicator.opengovCategories.desc': '期間結束時，本所及全縣共用的政府資訊公開項目中，有發布中項目的第7條類別數（共10類）。',
    'content.indicator.reviewsOverdue': '政府資訊公開逾期未檢視件數',
    'content.indicator.reviewsOverdue.desc': '本所及全縣共用的政府資訊公開項目中，檢視日期在期間最後一天以前（含）且尚未重新檢視（未更新檢視日期）的件數。',
    'content.indicator.faqHelpful': '常見問答有幫助比率',
    'content.indicator.faqHelpful.desc': '期間內民眾對常見問答（本所及全縣共用）回答「有幫助」占全部回答的比率，依回答日期計算。',
    'content.indicator.newsPublished': '發布最新消息與宣導則數',
    'content.indicator.newsPublished.desc': '期間內開始刊登的最新消息（公告、服務、政令、活動宣導），含全縣共用者。',
  },
  en: {
    'content.indicator.opengovCategories': '§7 categories published',
    'content.indicator.opengovCategories.desc': "At the end of the period, how many of the ten §7 categories have a live open government item, the office's own or county-wide.",
    'content.indicator.reviewsOverdue': 'Open government reviews overdue',
    'content.indicator.reviewsOverdue.desc': "Open government items, the office's own or county-wide, whose review date is on or before the period's last day and that have not been reviewed (given a new review date).",
    'content.indicator.faqHelpful': 'FAQ answers found helpful',
    'content.indicator.faqHelpful.desc': "Share of 'helpful' among readers' answers given in the period on FAQ items, the office's own and county-wide, by the day they were given.",
    'content.indicator.newsPublished': 'News and outreach items published',
    'content.indicator.newsPublished.desc': 'News items (notices, services, policy, events) whose publication started in the period, county-wide ones included.',
  },
};
