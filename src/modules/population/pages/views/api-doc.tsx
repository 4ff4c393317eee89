import type { FastifyInstance } from 'fastify';
import type { ViewContext } from '../../../../platform/http/context.js';
import { Shell } from '../../../../platform/layout/Shell.js';
import { API_BASE, API_ERRORS } from '../api.js';
import { ageFigures, eventFigures, summarise } from '../figures.js';
import type { PopulationFigures } from '../service.js';
import { API_DOC_PATH } from './links.js';

/**
 * /population/api: the JSON API's documentation (zh-Hant and English),
 * with an example answer built by the same functions as the real ones
 * from made-up figures, so its shape cannot drift from the API's.
 */

const EXAMPLE_PATH = `${API_BASE}/villages/10004010001?month=2026-10`;

/** A made-up village of 14,913 people: the example answer's figures. */
export function exampleFigures(): PopulationFigures {
  const trend = [
    { month: '2026-09', households: 5210, people: 14872, male: 7301, female: 7571 },
    { month: '2026-10', households: 5228, people: 14913, male: 7322, female: 7591 },
  ];
  const weight = (age: number) => (age < 65 ? 1 - age / 200 : Math.max(0.02, 0.68 - (age - 65) / 50));
  const spread = (total: number) => {
    const w = Array.from({ length: 101 }, (_, a) => weight(a));
    const sum = w.reduce((x, y) => x + y, 0);
    const out = w.map((x) => Math.floor((x / sum) * total));
    out[40]! += total - out.reduce((x, y) => x + y, 0);
    return out;
  };
  const m = spread(7322);
  const f = spread(7591);
  const now = trend[1]!;
  return {
    area: { level: 'village', code: '10004010001', name: '竹北里', nameEn: null },
    parents: [
      { level: 'county', code: 'hsinchu', name: '新竹縣', nameEn: 'Hsinchu County' },
      { level: 'town', code: '10004010', name: '竹北市', nameEn: 'Zhubei City' },
    ],
    month: '2026-10',
    months: ['2026-10', '2026-09'],
    summary: summarise(now, 2.4, trend[0]!),
    ages: ageFigures(m.map((male, age) => ({ age, male, female: f[age]! }))),
    events: eventFigures({ births_m: 6, births_f: 5, deaths_m: 4, deaths_f: 3, marriages: 7, divorces: 2, moved_in: 96, moved_out: 74 }),
    trend,
    compare: null,
  };
}

/** JSON indented by two, with each innermost object or list of plain values on one line, so the example reads in one screen. */
export function compactJson(v: unknown): string {
  return JSON.stringify(v, null, 2)
    .replace(/\[\n\s+([^{}[\]]*?)\n\s*\]/g, (_m, inner: string) => `[${inner.replace(/\n\s+/g, ' ')}]`)
    .replace(/\{\n\s+([^{}]*?)\n\s*\}/g, (_m, inner: string) => `{ ${inner.replace(/\n\s+/g, ' ')} }`);
}

const ENDPOINTS: { path: string; key: string }[] = [
  { path: '/towns', key: 'towns' },
  { path: '/months', key: 'months' },
  { path: '/months/{month}', key: 'month' },
  { path: '/county?month=', key: 'county' },
  { path: '/towns/{town}?month=', key: 'town' },
  { path: '/villages/{village}?month=', key: 'village' },
  { path: '/county/series?from=&to=', key: 'series' },
  { path: '/towns/{town}/series', key: 'series' },
  { path: '/villages/{village}/series', key: 'series' },
];

export function ApiDocPage({ ctx }: { ctx: ViewContext }) {
  const t = (key: string, params?: Record<string, string | number>) => ctx.t(`population.pages.api.${key}`, params);
  return (
    <Shell ctx={ctx} title={t('title')} crumbs={[{ href: '/', label: ctx.t('nav.home') }, { href: '/population', label: ctx.t('population.pages.title') }, { label: t('title') }]} styles={['population']}>
      <h1>{t('title')}</h1>
      <p class="lead">{t('lead')}</p>
      <h2>{t('endpoints')}</h2>
      <p>
        {t('base')}
        <code>{API_BASE}</code>
      </p>
      <dl class="pop-endpoints">
        {ENDPOINTS.map((e) => (
          <div key={e.path}>
            <dt>
              <code class="pop-path">{e.path}</code>
            </dt>
            <dd>{t(`ep.${e.key}`)}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('params')}</h2>
      <ul>
        <li>{t('param.month')}</li>
        <li>{t('param.range')}</li>
        <li>{t('param.sort')}</li>
      </ul>
      <h2>{t('fields')}</h2>
      <ul>
        {['sexRatio', 'density', 'dependency', 'events', 'round'].map((k) => (
          <li key={k}>{t(`field.${k}`)}</li>
        ))}
      </ul>
      <h2>{t('errors')}</h2>
      <p>{t('errorsLead')}</p>
      <dl class="pop-endpoints">
        {API_ERRORS.map((e) => (
          <div key={e.code}>
            <dt>
              <code>{`${e.status} ${e.code}`}</code>
            </dt>
            <dd>{t(`err.${e.code}`)}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('caching')}</h2>
      <p>{t('cachingBody')}</p>
      <h2>{t('example')}</h2>
      <p>{t('exampleLead')}</p>
      <p>
        <code class="pop-path">GET {EXAMPLE_PATH}</code>
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section class="pop-json" tabIndex={0} aria-label={t('example')}>
        <pre>
          <code>{compactJson(exampleFigures())}</code>
        </pre>
      </section>
    </Shell>
  );
}

export function apiDocRoutes(app: FastifyInstance) {
  app.get(API_DOC_PATH, async (req, reply) => reply.render(ApiDocPage({ ctx: await req.view() })));
}
