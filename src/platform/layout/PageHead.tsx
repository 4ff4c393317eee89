/** The <head> every page shares: charset, viewport, title, stylesheets, same-origin scripts, the no-JS refresh. */
export function PageHead({
  title,
  description,
  styles = [],
  scripts = [],
  refreshSeconds,
  feeds = [],
}: {
  title: string;
  description?: string | undefined;
  styles?: string[];
  scripts?: string[];
  refreshSeconds?: number | undefined;
  feeds?: { href: string; type: string; title: string }[];
}) {
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      {description ? <meta name="description" content={description} /> : null}
      <link rel="stylesheet" href="/static/css/site.css" />
      <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml" />
      {feeds.map((f) => (
        <link key={f.href} rel="alternate" type={f.type} href={f.href} title={f.title} />
      ))}
      {styles.map((s) => (
        <link key={s} rel="stylesheet" href={`/static/css/${s}.css`} />
      ))}
      {refreshSeconds ? (
        <noscript>
          <meta http-equiv="refresh" content={String(refreshSeconds)} />
        </noscript>
      ) : null}
      {scripts.map((s) => (
        <script key={s} src={`/js/${s}.js`} defer />
      ))}
    </head>
  );
}
