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
 * so a body can hold paragraphs, emphasis, lists and links, and nothing a
 * staff member (or an attacker who got their password) types can become a
 * script or send a reader to another site unannounced.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = isSafeHref;
md.disable(['image', 'table', 'code', 'fence', 'html_block', 'html_inline']);

/**
 * The links a body may hold: http(s), mailto and tel, and paths of this
 * site. A path starts with exactly one slash: `//evil.example` and
 * `/\evil.example` (browsers read a backslash as a slash) are other hosts.
 * markdown-it hands us the href after decoding entities and percent-encoding
 * it, so `&#47;&#47;evil` arrives as `//evil` and `/\evil` as `/%5Cevil`;
 * tabs and newlines browsers would drop are removed before the test.
 */
export function isSafeHref(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a browser drops from a URL
  const u = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^(?:https?:\/\/|mailto:|tel:)/i.test(u)) return true;
  return /^\/(?![/\\]|%2f|%5c)/i.test(u);
}

const EXTERNAL = /^https?:/i;

/**
 * Links to other sites carry rel="noopener noreferrer external", the class
 * `external` and, when the caller gives one, a visually hidden label
 * ("（外部網站）"): a screen-reader user hears that the link leaves the
 * office's site. They open in the same window: the reader keeps the back
 * button, and there is no new window to announce.
 */
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token && EXTERNAL.test(token.attrGet('href') ?? '')) {
    token.attrSet('rel', 'noopener noreferrer external');
    token.attrJoin('class', 'external');
    token.meta = { ...(token.meta ?? {}), external: true };
  }
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_close = (tokens, idx, options, env: { externalLabel?: string }, self) => {
  let open = idx - 1;
  while (open >= 0 && tokens[open]?.type !== 'link_open') open--;
  const label = tokens[open]?.meta?.external && env.externalLabel ? `<span class="visually-hidden">${md.utils.escapeHtml(env.externalLabel)}</span>` : '';
  return label + self.renderToken(tokens, idx, options);
};

/** The body as HTML; `externalLabel` (from the catalog, in the page's language) is read out after each external link. */
export function renderBody(body: string, externalLabel?: string): string {
  return md.render(body, externalLabel ? { externalLabel } : {});
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
