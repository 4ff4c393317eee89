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
  suggestions: string[];
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

function NothingFound({ ctx, q, suggestions, popular }: Pick<SearchPageProps, 'ctx' | 'q' | 'suggestions' | 'popular'>) {
  const { t } = ctx;
  return (
    <section class="notice" role="status">
      <h2>{t('content.nothing', { q })}</h2>
      <p>{t('content.help')}</p>
      <ul>
        <li>{t('content.help1')}</li>
        <li>{t('content.help2')}</li>
        <li>{t('content.help3')}</li>
      </ul>
      {suggestions.length || popular.length ? (
        <p>
          {t('content.tryThese')}{' '}
          {/* popular searches are already limited to the site's vocabulary (search.ts approvedPopular) */}
          {[...new Set([...popular, ...suggestions])].slice(0, 8).map((s) => (
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

export function SearchPage({ ctx, q, kind, topic, topics, results, total, page, pages, suggestions, popular }: SearchPageProps) {
  const { t } = ctx;
  const link = (p: number) => `/search?q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}${topic ? `&category=${topic}` : ''}&page=${p}`;
  return (
    <Shell ctx={ctx} title={q ? t('content.searchFor', { q }) : t('content.search')} crumbs={[home(ctx), { label: t('content.search') }]}>
      <h1>{t('content.search')}</h1>
      <Filters ctx={ctx} q={q} kind={kind} topic={topic} topics={topics} />
      {q && total > 0 ? <p role="status">{t('content.found', { n: total, q })}</p> : null}
      {q && total === 0 ? <NothingFound ctx={ctx} q={q} suggestions={suggestions} popular={popular} /> : null}
      <ol class="results" start={(page - 1) * 10 + 1}>
        {results.map((r) => (
          <li key={r.url}>
            <a href={r.url}>
              <Marked parts={r.titleParts} />
            </a>{' '}
            <span class="tag">{t(`content.kind.${r.kind}`)}</span>
            <p>
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
