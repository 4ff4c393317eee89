import type { ViewContext } from '../../../platform/http/context.js';
import { Button } from '../../../platform/layout/forms.js';
import { Shell } from '../../../platform/layout/Shell.js';
import { type Topic, topicLabel } from '../../../platform/search/index.js';
import { SEARCH_KINDS, type SearchKind } from '../search.js';

export interface ResultView {
  title: string;
  titleParts: { text: string; mark: boolean }[];
  url: string;
  kind: string;
  date: string | null;
  snippet: { text: string; mark: boolean }[];
  /** the language the snippet is in, when it is the other language's text */
  snippetLocale?: string;
  /** the title the page was found by, in the other language (an English query on the Chinese site) */
  alt?: { title: string; locale: string; href: string };
}

export interface SearchPageProps {
  ctx: ViewContext;
  q: string;
  kind: SearchKind | null;
  topic: Topic | null;
  /** the topic filter's choices, each once (search.ts searchTopics) */
  topics: Topic[];
  results: ResultView[];
  total: number;
  page: number;
  pages: number;
  /** did you mean: the site's own words close to what was typed */
  suggestions: string[];
  /** the guides closest to what was typed, when nothing matched */
  closestGuides: { title: string; url: string }[];
  popular: string[];
}

const home = (ctx: ViewContext) => ({ href: ctx.office ? `/o/${ctx.office.code}` : '/', label: ctx.t('nav.home') });
const Marked = ({ parts }: { parts: { text: string; mark: boolean }[] }) => <>{parts.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;

/** Two filters that never share a word: what kind of page (類型) and what it is about (主題). */
function Filters({ ctx, q, kind, topic, topics }: Pick<SearchPageProps, 'ctx' | 'q' | 'kind' | 'topic' | 'topics'>) {
  const { t } = ctx;
  return (
    <search>
      <form method="get" action="/search" class="filter-bar">
        <div class="field">
          <label for="f-q">{t('content.searchLabel')}</label>
          <input id="f-q" name="q" type="search" class="input input-medium" value={q} maxLength={100} />
        </div>
        <div class="field">
          <label for="f-kind">{t('content.kind')}</label>
          <select id="f-kind" name="kind" class="input">
            <option value="">{t('content.allKinds')}</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k} selected={k === kind}>
                {t(`content.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-category">{t('content.topic')}</label>
          <select id="f-category" name="category" class="input">
            <option value="">{t('content.allTopics')}</option>
            {topics.map((c) => (
              <option key={c} value={c} selected={c === topic}>
                {topicLabel(t, c)}
              </option>
            ))}
          </select>
        </div>
        <Button>{t('content.searchButton')}</Button>
      </form>
    </search>
  );
}

function NothingFound({ ctx, q, suggestions, closestGuides, popular }: Pick<SearchPageProps, 'ctx' | 'q' | 'suggestions' | 'closestGuides' | 'popular'>) {
  const { t } = ctx;
  return (
    <section class="notice" role="status">
      <h2>{t('content.nothing', { q })}</h2>
      {suggestions.length ? (
        <p>
          {t('content.didYouMean')}{' '}
          {suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 ? t('content.or') : null}
              <a href={`/search?q=${encodeURIComponent(s)}`}>{s}</a>
            </span>
          ))}
        </p>
      ) : null}
      {closestGuides.length ? (
        <>
          <p>{t('content.closestGuides')}</p>
          <ul>
            {closestGuides.map((g) => (
              <li key={g.url}>
                <a href={g.url}>{g.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>{t('content.help')}</p>
      <ul>
        <li>{t('content.help1')}</li>
        <li>{t('content.help2')}</li>
        <li>{t('content.help3')}</li>
      </ul>
      {popular.length ? (
        <p>
          {t('content.tryThese')}{' '}
          {/* popular searches are already limited to the site's vocabulary (search.ts approvedPopular) */}
          {popular.slice(0, 8).map((s) => (
            <a key={s} class="tag" href={`/search?q=${encodeURIComponent(s)}`}>
              {s}
            </a>
          ))}
        </p>
      ) : null}
      <p>
        <a href="/faq">{t('content.faq')}</a> · <a href={ctx.office ? `/o/${ctx.office.code}/mailbox` : '/mailbox'}>{t('nav.mailbox')}</a>
      </p>
    </section>
  );
}

export function SearchPage({ ctx, q, kind, topic, topics, results, total, page, pages, suggestions, closestGuides, popular }: SearchPageProps) {
  const { t } = ctx;
  const link = (p: number) => `/search?q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}${topic ? `&category=${topic}` : ''}&page=${p}`;
  return (
    <Shell ctx={ctx} title={q ? t('content.searchFor', { q }) : t('content.search')} crumbs={[home(ctx), { label: t('content.search') }]}>
      <h1>{t('content.search')}</h1>
      <Filters ctx={ctx} q={q} kind={kind} topic={topic} topics={topics} />
      {q && total > 0 ? <p role="status">{t('content.found', { n: total, q })}</p> : null}
      {q && total === 0 ? <NothingFound ctx={ctx} q={q} suggestions={suggestions} closestGuides={closestGuides} popular={popular} /> : null}
      <ol class="results" start={(page - 1) * 10 + 1}>
        {results.map((r) => (
          <li key={r.url}>
            <a href={r.url}>
              <Marked parts={r.titleParts} />
            </a>{' '}
            {r.alt ? (
              <a class="alt-title" href={r.alt.href} lang={r.alt.locale} hrefLang={r.alt.locale}>
                {r.alt.title}
              </a>
            ) : null}{' '}
            <span class="tag">{t(`content.kind.${r.kind}`)}</span>
            <p lang={r.snippetLocale}>
              <Marked parts={r.snippet} />
            </p>
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav class="pagination" aria-label={t('content.pages')}>
          {page > 1 ? <a href={link(page - 1)}>{t('content.prev')}</a> : null} <span>{t('content.pageOf', { page, pages })}</span> {page < pages ? <a href={link(page + 1)}>{t('content.next')}</a> : null}
        </nav>
      ) : null}
    </Shell>
  );
}
