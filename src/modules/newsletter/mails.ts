import type { Config } from '../../config.js';
import { absoluteUrl } from '../../config.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import type { MailMessage } from '../../platform/mail/index.js';
import { bounceAddress, CONFIRM_DAYS, mailDomain } from './model.js';
import type { NewsItem } from './news.js';

type MailConfig = Pick<Config, 'publicBaseUrl' | 'mailFrom'>;

export function confirmMail(config: MailConfig, to: string, locale: Locale, token: string): MailMessage {
  const t = translator(locale);
  const link = absoluteUrl(config, `/newsletter/confirm/${token}`);
  return { to, subject: t('newsletter.mail.confirmSubject'), text: t('newsletter.mail.confirmBody', { link, days: CONFIRM_DAYS }) };
}

/** What one issue says in one language: the same for every subscriber of that language but for the unsubscribe link. */
export interface IssueText {
  subject: string;
  intro: string;
  items: NewsItem[];
}

export function issueText(issue: { title_zh: string; title_en: string | null; intro_zh: string; intro_en: string | null }, locale: Locale, items: NewsItem[]): IssueText {
  const en = locale === 'en';
  return { subject: (en && issue.title_en) || issue.title_zh, intro: (en && issue.intro_en) || issue.intro_zh, items };
}

export function newsLink(config: MailConfig, id: number): string {
  return absoluteUrl(config, `/news/${id}`);
}

/**
 * One subscriber's copy of an issue: the text, a link to each item, the
 * unsubscribe link, and the RFC 8058 headers so a mail program offers a
 * one-click "unsubscribe" (a POST to the same link). Bounces come back to
 * the delivery's VERP address.
 */
export function issueMail(config: MailConfig, to: string, locale: Locale, body: IssueText, unsubscribeToken: string, bounceTag: string): MailMessage {
  const t = translator(locale);
  const unsubscribe = absoluteUrl(config, `/newsletter/unsubscribe/${unsubscribeToken}`);
  const items = body.items.map((i) => `■ ${i.title}\n${i.summary ? `${i.summary}\n` : ''}${newsLink(config, i.id)}`);
  const text = [body.intro, ...items, `--\n${t('newsletter.mail.footer', { link: unsubscribe })}`].join('\n\n');
  return {
    to,
    subject: body.subject,
    text,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>, <mailto:unsubscribe+${bounceTag}@${mailDomain(config.mailFrom)}?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Huzheng-Newsletter': bounceTag,
    },
    returnPath: bounceAddress(config.mailFrom, bounceTag),
  };
}
