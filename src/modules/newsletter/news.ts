import type { Executor } from '../../db/index.js';
import type { Locale } from '../../platform/i18n/index.js';
// the one place this module reads the content module: its published news (see README, "News")
import { published } from '../content/index.js';

export interface NewsItem {
  id: number;
  title: string;
  summary: string;
  date: string;
}

/** A body's first words: the summary an issue shows under each title. */
export function summaryOf(body: string, max = 120): string {
  const plain = body.replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** The county's published news items (office ones included), newest first, in a language. */
export async function publishedNews(db: Executor, locale: Locale, now: Date): Promise<NewsItem[]> {
  const items = await published(db, 'news', null, locale, now);
  return items.map((i) => ({ id: i.id, title: i.title, summary: summaryOf(i.body), date: i.date }));
}
