import type { Executor } from '../../db/index.js';
import { daysBetween } from '../../platform/calendar/index.js';
import { mean } from '../../platform/figures/index.js';
import type { ModuleCatalog } from '../../platform/i18n/index.js';
import { type IndicatorDef, type IndicatorMemo, type IndicatorOffice, type IndicatorPeriod, type IndicatorValue, rowsOver } from '../../platform/indicators/index.js';

/**
 * The media log (輿情), for the plan: how many items concerned the office,
 * and how fast they were clarified. The log keeps dates only and the
 * module counts nothing in working days for it, so the time to clarify is
 * in calendar days (a clarification the same day is 0).
 */

async function mediaItems(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: string, to: string) =>
    db.selectFrom('media_log').select('seen_on').where('office_id', '=', office.id).where('seen_on', '>=', from).where('seen_on', '<=', to).execute();
  const rows = await rowsOver(memo, `petitions.mediaSeen|${office.id}`, period, read, (r) => r.seen_on >= period.from && r.seen_on <= period.to);
  return { value: rows.length };
}

/** Of items clarified in the period (whenever they were seen), the mean days from seen to clarified. */
async function mediaClarifyDays(db: Executor, office: IndicatorOffice, period: IndicatorPeriod, memo?: IndicatorMemo): Promise<IndicatorValue> {
  const read = (from: string, to: string) =>
    db
      .selectFrom('media_log')
      .select(['seen_on', 'clarified_on'])
      .where('office_id', '=', office.id)
      .where('clarified_on', '>=', from)
      .where('clarified_on', '<=', to)
      .execute();
  const rows = await rowsOver(memo, `petitions.mediaClarified|${office.id}`, period, read, (r) => r.clarified_on !== null && r.clarified_on >= period.from && r.clarified_on <= period.to);
  // a clarification dated before the item was seen is a typing slip: it counts as the same day, not as negative time
  const days = rows.reduce((s, r) => s + Math.max(0, daysBetween(r.seen_on, r.clarified_on!)), 0);
  return rows.length === 0 ? { value: null } : { value: mean(days, rows.length), base: rows.length };
}

const mediaPage = (office: IndicatorOffice) => `/staff/petitions/media?office=${encodeURIComponent(office.code)}`;

export const petitionsIndicators: IndicatorDef[] = [
  { key: 'petitions.mediaItems', titleKey: 'petitions.indicator.mediaItems', unit: 'count', better: 'lower', additive: true, href: mediaPage, compute: mediaItems },
  { key: 'petitions.mediaClarifyDays', titleKey: 'petitions.indicator.mediaClarifyDays', unit: 'days', better: 'lower', href: mediaPage, compute: mediaClarifyDays },
];

export const petitionsIndicatorsCatalog: ModuleCatalog = {
  'zh-Hant': {
    'petitions.indicator.mediaItems': '媒體輿情則數',
    'petitions.indicator.mediaItems.desc': '期間內登錄於輿情紀錄、涉及本所的新聞或貼文則數（依發現日）。',
    'petitions.indicator.mediaClarifyDays': '輿情澄清平均日數',
    'petitions.indicator.mediaClarifyDays.desc': '期間內完成澄清的輿情，自發現日至澄清日的平均日曆天數（當天澄清為0日）。',
  },
  en: {
    'petitions.indicator.mediaItems': 'Media items',
    'petitions.indicator.mediaItems.desc': 'News items or posts about the office entered in the media log, by the day they were seen.',
    'petitions.indicator.mediaClarifyDays': 'Days to clarify a media item',
    'petitions.indicator.mediaClarifyDays.desc': 'For media items clarified in the period, the mean calendar days from the day seen to the day clarified (the same day is 0).',
  },
};
