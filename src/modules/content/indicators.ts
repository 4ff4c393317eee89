import type { Executor } from '../../db/index.js';
import { addDays } from '../../platform/calendar/index.js';
import { instantRange, share } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import type { IndicatorDef, IndicatorOffice, IndicatorPeriod, IndicatorValue } from '../../platform/indicators/index.js';
import { isPublished } from './model.js';

/**
 * Public information, for the plan. An office's site shows its own items
 * and the county-wide ones (office_id null), so every count here takes
 * both, as the public pages and the editors' list do. The state an item is
 * in is today's (items keep no history of their status); an item created
 * after the period never counts for it.
 */

/** The office's and the county's items of a kind that existed at an instant. */
function itemsOf(db: Executor, officeId: number, kind: string, existingAt: string) {
  return db
    .selectFrom('content_item')
    .select(['status', 'publish_from', 'publish_until', 'opengov_category', 'review_on', 'helpful_yes', 'helpful_no', 'created_at'])
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]))
    .where('created_at', '<', existingAt)
    .execute();
}

/** The last moment of the period's last day in Taipei (isPublished asks for an instant). */
const periodEnd = (p: IndicatorPeriod) => instantRange(p.to, p.to).end;
const lastMoment = (end: string) => new Date(new Date(end).getTime() - 1);

async function opengovCategories(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const end = periodEnd(period);
  const items = await itemsOf(db, office.id, 'opengov', end);
  const live = items.filter((i) => i.opengov_category !== null && isPublished(i, lastMoment(end)));
  return { value: new Set(live.map((i) => i.opengov_category)).size, base: live.length };
}

/**
 * Reviewing an item is setting its next review date: an item is overdue
 * when its review date has passed. Counted as the editors' home counts them
 * (every open government item, whatever its status) on the morning after
 * the period: due on or before its last day.
 */
async function reviewsOverdue(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const items = await itemsOf(db, office.id, 'opengov', periodEnd(period));
  const next = addDays(period.to, 1);
  return { value: items.filter((i) => i.review_on !== null && i.review_on < next).length };
}

/** Readers' "was this helpful?" answers are kept only as running counts per FAQ: the share is over every answer so far. */
async function faqHelpful(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const end = periodEnd(period);
  const live = (await itemsOf(db, office.id, 'faq', end)).filter((i) => isPublished(i, lastMoment(end)));
  const yes = live.reduce((n, i) => n + i.helpful_yes, 0);
  const all = live.reduce((n, i) => n + i.helpful_yes + i.helpful_no, 0);
  return all === 0 ? { value: null } : { value: share(yes, all), base: all };
}

/** News items (announcements, services, policy, events) that went live in the period: their window opens in it. */
async function newsPublished(db: Executor, office: IndicatorOffice, period: IndicatorPeriod): Promise<IndicatorValue> {
  const { start, end } = instantRange(period.from, period.to);
  const items = await itemsOf(db, office.id, 'news', end);
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
    'content.indicator.faqHelpful.desc': '發布中的常見問答收到「有幫助」回饋占全部回饋的比率；回饋只累計件數、未記錄日期，因此為至今累計，非僅期間內。',
    'content.indicator.newsPublished': '發布最新消息與宣導則數',
    'content.indicator.newsPublished.desc': '期間內開始刊登的最新消息（公告、服務、政令、活動宣導），含全縣共用者。',
  },
  en: {
    'content.indicator.opengovCategories': '§7 categories published',
    'content.indicator.opengovCategories.desc': "At the end of the period, how many of the ten §7 categories have a live open government item, the office's own or county-wide.",
    'content.indicator.reviewsOverdue': 'Open government reviews overdue',
    'content.indicator.reviewsOverdue.desc': "Open government items, the office's own or county-wide, whose review date is on or before the period's last day and that have not been reviewed (given a new review date).",
    'content.indicator.faqHelpful': 'FAQ answers found helpful',
    'content.indicator.faqHelpful.desc': "Share of 'helpful' among readers' answers on live FAQ items. Answers are kept as running counts without dates, so this is the share so far, not the period's alone.",
    'content.indicator.newsPublished': 'News and outreach items published',
    'content.indicator.newsPublished.desc': 'News items (notices, services, policy, events) whose publication started in the period, county-wide ones included.',
  },
};
