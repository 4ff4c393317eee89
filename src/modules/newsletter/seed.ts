import type { Executor } from '../../db/index.js';
import { hashToken, newBounceTag, newToken } from './model.js';
import { publishedNews } from './news.js';

/**
 * Demo data: four confirmed subscribers (example.org, which never takes
 * mail), one pending, and one issue of the three latest news items, sent a
 * week ago to the four. Call after the content seed (it picks its news).
 */
export async function seedNewsletter(trx: Executor, now: Date): Promise<void> {
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const people = [
    { email: 'lin.mei@example.org', locale: 'zh-Hant', days: 60 },
    { email: 'chen.wei@example.org', locale: 'zh-Hant', days: 45 },
    { email: 'yuma@example.org', locale: 'zh-Hant', days: 30 },
    { email: 'sarah.jones@example.org', locale: 'en', days: 20 },
  ];
  const ids: number[] = [];
  for (const p of people) {
    const row = await trx
      .insertInto('newsletter_subscriber')
      .values({ email: p.email, locale: p.locale, office_id: null, status: 'active', confirm_hash: null, confirm_expires_at: null, confirmed_at: at(p.days), left_at: null, created_at: at(p.days), updated_at: at(p.days) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  await trx
    .insertInto('newsletter_subscriber')
    .values({ email: 'not.yet@example.org', locale: 'zh-Hant', office_id: null, status: 'pending', confirm_hash: hashToken(newToken()), confirm_expires_at: at(-5), confirmed_at: null, left_at: null, created_at: at(2), updated_at: at(2) })
    .execute();
  const items = (await publishedNews(trx, 'zh-Hant', new Date(at(7)))).slice(0, 3).map((n) => n.id);
  const issue = await trx
    .insertInto('newsletter_issue')
    .values({ status: 'sent', title_zh: '戶政電子報 第 1 期', title_en: 'Household Registration Newsletter, issue 1', intro_zh: '本期為您整理近期的戶政消息與便民服務。', intro_en: 'Recent household registration news and services.', items: JSON.stringify(items), created_by: null, created_at: at(8), updated_at: at(7), send_started_at: at(7), fanned_out: 1, sent_at: at(7) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const subscriberId of ids) {
    await trx
      .insertInto('newsletter_delivery')
      .values({ issue_id: issue.id, subscriber_id: subscriberId, status: 'sent', unsubscribe_hash: hashToken(newToken()), bounce_tag: newBounceTag(), sent_at: at(7), bounced_at: null, bounce_status: null, created_at: at(7) })
      .execute();
  }
}
