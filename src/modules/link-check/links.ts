import MarkdownIt from 'markdown-it';

/**
 * The links a text holds: what markdown-it makes a link of (the content
 * bodies are its Markdown subset, with bare addresses linkified, as the
 * public pages render them), plus `href="…"` in case a body carries HTML.
 * Only http(s) addresses and site paths are kept: mailto: and tel: are
 * never checked.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function linksIn(text: string): string[] {
  const out = new Set<string>();
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const t of tokens) {
      if (t.type === 'link_open') {
        const href = t.attrGet('href');
        if (href) out.add(href);
      }
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(text, {}));
  for (const m of text.matchAll(/href\s*=\s*["']([^"']+)["']/gi)) if (m[1]) out.add(m[1]);
  return [...out].map(checkable).filter((u): u is string => u !== null);
}

/** A link as it is checked: without its fragment; null for what is not checked (mailto:, tel:, other schemes, `//host`). */
export function checkable(raw: string): string | null {
  const href = raw.trim().replace(/#.*$/, '');
  if (/^https?:\/\//i.test(href)) {
    try {
      return new URL(href).href;
    } catch {
      return null;
    }
  }
  return /^\/(?![/\\])/.test(href) ? href : null;
}

/** The site path of an internal link (a path, or an address on the site's own origin); null for another site. */
export function sitePath(url: string, siteOrigin: string): string | null {
  if (url.startsWith('/')) return url;
  try {
    const u = new URL(url);
    return u.origin === siteOrigin ? `${u.pathname}${u.search}` : null;
  } catch {
    return null;
  }
}
