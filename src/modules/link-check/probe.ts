import type { FastifyInstance } from 'fastify';
import { sitePath } from './links.js';

/** What a check found: ok (2xx, or 3xx ending in 2xx), broken (4xx, 5xx, an error), unchecked (external while off). */
export type LinkState = 'ok' | 'broken' | 'unchecked';
export type LinkError = 'timeout' | 'dns' | 'refused' | 'network' | 'redirects';
export interface ProbeResult {
  state: LinkState;
  status: number | null;
  error: LinkError | null;
}

export interface ProbeOptions {
  app: FastifyInstance;
  siteOrigin: string;
  external: boolean;
  timeoutMs: number;
}

const MAX_REDIRECTS = 5;

type Answer = { status: number; location: string | null } | { error: LinkError };

/** The site itself, through app.inject: the same routes, no network, no proxy in between. */
async function askSite(app: FastifyInstance, path: string, method: 'HEAD' | 'GET'): Promise<Answer> {
  const res = await app.inject({ method, url: path, headers: { 'user-agent': 'Huzheng link check' } });
  const loc = res.headers.location;
  return { status: res.statusCode, location: typeof loc === 'string' ? loc : null };
}

export function classify(err: unknown): LinkError {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  const code = e?.cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  return 'network';
}

async function askOther(url: string, method: 'HEAD' | 'GET', timeoutMs: number): Promise<Answer> {
  try {
    const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'Huzheng link check' } });
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, location: res.headers.get('location') };
  } catch (err) {
    return { error: classify(err) };
  }
}

/** HEAD first; a server that refuses HEAD (any 4xx/5xx) is asked again with GET. A timeout is not asked twice. */
async function ask(url: string, o: ProbeOptions): Promise<Answer | null> {
  const path = sitePath(url, o.siteOrigin);
  if (path === null && !o.external) return null;
  const one = (m: 'HEAD' | 'GET') => (path !== null ? askSite(o.app, path, m) : askOther(url, m, o.timeoutMs));
  const head = await one('HEAD');
  if ('error' in head ? head.error === 'timeout' : head.status < 400) return head;
  return one('GET');
}

/** Checks one URL, following up to five redirects. */
export async function probe(url: string, o: ProbeOptions): Promise<ProbeResult> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await ask(current, o);
    if (answer === null) return hop === 0 ? { state: 'unchecked', status: null, error: null } : { state: 'ok', status: null, error: null };
    if ('error' in answer) return { state: 'broken', status: null, error: answer.error };
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      current = new URL(answer.location, sitePath(current, o.siteOrigin) !== null ? `${o.siteOrigin}/` : current).href;
      continue;
    }
    return { state: answer.status < 400 ? 'ok' : 'broken', status: answer.status, error: null };
  }
  return { state: 'broken', status: null, error: 'redirects' };
}

/** Runs `fn` over the items, at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
