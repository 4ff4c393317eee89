import MarkdownIt from 'markdown-it';

export const KINDS = ['news', 'faq', 'page', 'opengov', 'download'] as const;
export type Kind = (typeof KINDS)[number];
/** New immigrants' languages an item may carry a translation in, beside Chinese and English. */
export const IMMIGRANT_LOCALES = ['vi', 'id', 'th'] as const;
export const NEWS_CATEGORIES = ['notice', 'service', 'policy', 'event'] as const;
export const FAQ_CATEGORIES = ['registration', 'id_card', 'transcript', 'nationality', 'booking', 'other'] as const;
export const DOWNLOAD_CATEGORIES = ['form', 'statistics', 'plan', 'other'] as const;
export const AUDIENCES = ['general', 'indigenous', 'new_immigrant'] as const;
/** 政府資訊公開法 §7: the ten categories every agency publishes. */
export const OPENGOV_CATEGORIES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * A small Markdown subset, rendered safely: markdown-it with raw HTML off,
 * so a body can hold paragraphs, emphasis, lists and http(s) links, and
 * nothing a staff member (or an attacker who got their password) types can
 * become a script.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = (url: string) => /^(https?:|mailto:|\/)/i.test(url.trim());
md.disable(['image', 'table', 'code', 'fence', 'html_block', 'html_inline']);

export function renderBody(body: string): string {
  return md.render(body);
}

/** The body as plain text (search, feeds, summaries). */
export function plainText(body: string): string {
  return body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_#>`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isPublished(item: { status: string; publish_from: string | null; publish_until: string | null }, now: Date): boolean {
  const iso = now.toISOString();
  return item.status === 'published' && (item.publish_from === null || item.publish_from <= iso) && (item.publish_until === null || item.publish_until > iso);
}
