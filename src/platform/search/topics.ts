import { type ModuleCatalog, registerCatalog, type Translate } from '../i18n/index.js';

/**
 * The site's one topic vocabulary: every category a guide, a news item, an
 * FAQ answer or a download can carry, with its label in both languages.
 * Guides, content and the search filter all read it, so one topic has one
 * key and one label everywhere (the search filter once listed 身分證 and
 * 國民身分證 side by side). What kind of page something is (guide, news,
 * FAQ, open government…) is not a topic: that is the type filter.
 */
const TOPICS = {
  registration: ['戶籍登記', 'Household registration'],
  address: ['遷徙與門牌', 'Moving and house numbers'],
  id_card: ['國民身分證', 'National ID card'],
  transcript: ['謄本與證明', 'Transcripts and certificates'],
  nationality: ['國籍與初設戶籍', 'Nationality and first registration'],
  booking: ['預約與取號', 'Booking and queue tickets'],
  notice: ['公告', 'Notices'],
  service: ['服務異動', 'Service changes'],
  policy: ['政策宣導', 'Policy'],
  event: ['活動', 'Events'],
  form: ['申請書表', 'Forms'],
  statistics: ['統計資料', 'Statistics'],
  plan: ['計畫與報告', 'Plans and reports'],
  other: ['其他', 'Other'],
} as const satisfies Record<string, readonly [string, string]>;

export type Topic = keyof typeof TOPICS;
/** In the order filters and lists show them. */
export const TOPIC_KEYS = Object.keys(TOPICS) as Topic[];
/** The topics a service guide can file under. */
export const GUIDE_TOPICS = ['registration', 'address', 'id_card', 'transcript', 'nationality'] as const satisfies readonly Topic[];
export type GuideTopic = (typeof GUIDE_TOPICS)[number];

/**
 * Keys guides were stored under before there was one vocabulary. Rows and
 * configuration sheets written then still say `id` and `certificate`; they
 * are read as the topic they meant, and saved under its key next time.
 */
const FORMER: Record<string, Topic> = { id: 'id_card', certificate: 'transcript' };

/** The topic a stored category means, or null (open government items, site pages and unknown keys have none). */
export function topicOf(raw: string | null | undefined): Topic | null {
  if (!raw) return null;
  if (Object.hasOwn(TOPICS, raw)) return raw as Topic;
  return FORMER[raw] ?? null;
}

const catalogKey = (topic: Topic) => `topic.${topic}`;

export const topicCatalog: ModuleCatalog = {
  'zh-Hant': Object.fromEntries(TOPIC_KEYS.map((k) => [catalogKey(k), TOPICS[k][0]])),
  en: Object.fromEntries(TOPIC_KEYS.map((k) => [catalogKey(k), TOPICS[k][1]])),
};
registerCatalog(topicCatalog);

/** A stored category's label; empty when it is no topic, so a raw key never reaches a page. */
export function topicLabel(t: Translate, raw: string | null | undefined): string {
  const topic = topicOf(raw);
  return topic ? t(catalogKey(topic)) : '';
}
