import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../http/context.js';
import { HTML_LANG } from '../i18n/index.js';

/** Full-screen pages for devices in the hall (kiosk, display board): no site header or footer. */
export function BareShell({
  ctx,
  title,
  bodyClass,
  scripts = [],
  children,
  refreshSeconds,
}: {
  ctx: ViewContext;
  title: string;
  bodyClass: string;
  scripts?: string[];
  children: ComponentChildren;
  /** without JavaScript the page reloads itself this often */
  refreshSeconds?: number;
}) {
  return (
    <html lang={HTML_LANG[ctx.locale]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ctx.office?.name ?? ''}`}</title>
        <link rel="stylesheet" href="/static/css/site.css" />
        <link rel="stylesheet" href="/static/css/queue.css" />
        {refreshSeconds ? (
          <noscript>
            <meta http-equiv="refresh" content={String(refreshSeconds)} />
          </noscript>
        ) : null}
        {scripts.map((s) => (
          <script key={s} src={`/js/${s}.js`} defer />
        ))}
      </head>
      <body class={bodyClass}>{children}</body>
    </html>
  );
}
