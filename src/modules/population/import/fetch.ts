import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/index.js';
import { addDays, taipeiToday } from '../../../platform/calendar/index.js';
import { enqueueJob, type JobHandler } from '../../../platform/jobs/index.js';
import type { AppServices } from '../../../platform/module.js';
import { officesService } from '../../offices/index.js';
import { type StatKind, yyymmOfMonth } from '../formats.js';
import { readTableFile } from '../table-file.js';
import { kindOfKeys } from './columns.js';
import { importPopulationFile, monthImported } from './service.js';
import { MAX_UPLOAD_BYTES } from './limits.js';

/**
 * The scheduled fetch (off unless POPULATION_FETCH_URLS names URL templates):
 * once a day each template is fetched with {yyymm} the latest month not yet
 * imported — the previous month first (the Ministry publishes a month early
 * in the next), then the one before when that is not out yet (404) — and
 * imported with source 'fetch'. What happened goes to the log (the URL
 * without its query, the month, the outcome; never a body).
 */
export const FETCH_JOB = 'population.fetch';
const FETCH_TIME = '06:00:00';
export const FETCH_TIMEOUT_MS = 30_000;
const KINDS: StatKind[] = ['households', 'ages', 'events'];

const fetchKey = (date: string) => `${FETCH_JOB}:${date}`;

export interface FetchDeps {
  database: Database;
  config: Pick<Config, 'populationFetchUrls'>;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  timeoutMs?: number;
}

export type FetchOutcome = { url: string; month: string | null; outcome: 'imported' | 'refused' | 'already' | 'missing' | 'failed'; detail?: string };

/** For main.ts at start: today's fetch, now (one a day however many processes start); each run queues the next day's. */
export async function schedulePopulationFetch(services: Pick<AppServices, 'database' | 'clock'> & { config: Pick<Config, 'populationFetchUrls'> }): Promise<void> {
  if (services.config.populationFetchUrls.length === 0) return;
  const now = services.clock();
  await enqueueJob(services.database.db, { kind: FETCH_JOB, payload: null, runAt: now, maxAttempts: 3, dedupeKey: fetchKey(taipeiToday(now)) }, now);
}

export function fetchJobHandler(deps: FetchDeps): JobHandler {
  return async (_payload, ctx) => {
    if (deps.config.populationFetchUrls.length === 0) return;
    // the next day's run first, so a failing fetch never breaks the chain
    const tomorrow = addDays(taipeiToday(ctx.now), 1);
    await enqueueJob(deps.database.db, { kind: FETCH_JOB, payload: null, runAt: new Date(`${tomorrow}T${FETCH_TIME}+08:00`), maxAttempts: 3, dedupeKey: fetchKey(tomorrow) }, ctx.now);
    await fetchPopulationFiles(deps, ctx.now);
  };
}

/** '2026-11' → '2026-10' */
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The URL as the log may show it: no query string (it may carry a key). */
const safeUrl = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.origin}${decodeURI(u.pathname)}`;
  } catch {
    return '(not a URL)';
  }
};

type Download = { status: 'ok'; bytes: Uint8Array; filename: string } | { status: 'missing' } | { status: 'failed'; reason: string };

async function download(url: string, yyymm: string, timeoutMs: number): Promise<Download> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/csv, application/json;q=0.9, */*;q=0.5' } });
    if (res.status === 404 || res.status === 410) return { status: 'missing' };
    if (!res.ok) return { status: 'failed', reason: `HTTP ${res.status}` };
    if (Number(res.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) return { status: 'failed', reason: 'too large' };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_UPLOAD_BYTES) return { status: 'failed', reason: 'too large' };
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: 'ok', bytes, filename: fileNameOf(url, yyymm, json) };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    return { status: 'failed', reason: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error') };
  }
}

/**
 * The kept file's name from the URL's path: its last segment, after the one
 * before when the last is only the month (/ages/11510 → ages-11510), with
 * the month when it lacks one, and an extension.
 */
export function fileNameOf(url: string, yyymm: string, json: boolean): string {
  let segments: string[] = [];
  try {
    segments = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // a name from the month alone
  }
  const last = segments.pop() ?? 'population';
  const before = segments.pop();
  const base = last.replace(/\.\w+$/, '') === yyymm && before ? `${before}-${last}` : last;
  const named = base.includes(yyymm) ? base : `${base}-${yyymm}`;
  return (/\.(csv|json)$/i.test(named) ? named : `${named}.${json ? 'json' : 'csv'}`).replace(/[\\/"\r\n\t]/g, '_').slice(0, 120);
}

function kindOf(bytes: Uint8Array, filename: string): StatKind | null {
  try {
    const k = kindOfKeys(new Set(readTableFile(bytes, filename).keys));
    return k === 'none' || k === 'ambiguous' ? null : k;
  } catch {
    return null;
  }
}

async function fetchTemplate(deps: FetchDeps, countyId: number, template: string, months: string[], now: Date): Promise<FetchOutcome> {
  const url = safeUrl(template);
  for (const month of months) {
    const yyymm = yyymmOfMonth(month);
    const got = await download(template.replaceAll('{yyymm}', yyymm), yyymm, deps.timeoutMs ?? FETCH_TIMEOUT_MS);
    if (got.status === 'missing') continue;
    if (got.status === 'failed') return { url, month, outcome: 'failed', detail: got.reason };
    const kind = kindOf(got.bytes, got.filename);
    if (kind && (await monthImported(deps.database.db, countyId, kind, month))) return { url, month, outcome: 'already', detail: kind };
    const r = await importPopulationFile(deps.database, { countyId, bytes: got.bytes, filename: got.filename, source: 'fetch', staffId: null, now });
    if (r.ok) return { url, month: r.month, outcome: 'imported', detail: `${r.kind}: ${r.villages} villages${r.replaced ? ', replaced' : ''}` };
    const first = r.problems.slice(0, 3).map((p) => `${p.key}${p.line === null ? '' : `@${p.line}`}`);
    return { url, month, outcome: 'refused', detail: `${r.problems.length} problems: ${first.join(', ')}` };
  }
  return { url, month: null, outcome: 'missing', detail: months.join(', ') };
}

/** One run: each configured template once; returns (and logs) what happened to each. */
export async function fetchPopulationFiles(deps: FetchDeps, now: Date): Promise<FetchOutcome[]> {
  const county = await officesService.countyInfo(deps.database.db, 'zh-Hant');
  if (!county) {
    deps.log.warn({ job: FETCH_JOB }, 'population fetch: no county set up yet');
    return [];
  }
  const previous = monthBefore(taipeiToday(now).slice(0, 7));
  const months = [previous, monthBefore(previous)];
  // every kind of the previous month in already: nothing to download
  const have = await Promise.all(KINDS.map((k) => monthImported(deps.database.db, county.id, k, previous)));
  if (have.every(Boolean)) {
    deps.log.info({ job: FETCH_JOB, month: previous }, 'population fetch: up to date');
    return [];
  }
  const outcomes: FetchOutcome[] = [];
  for (const template of deps.config.populationFetchUrls) {
    const o = await fetchTemplate(deps, county.id, template, months, now);
    outcomes.push(o);
    const line = { job: FETCH_JOB, url: o.url, month: o.month, outcome: o.outcome, detail: o.detail };
    if (o.outcome === 'failed' || o.outcome === 'refused') deps.log.warn(line, 'population fetch');
    else deps.log.info(line, 'population fetch');
  }
  return outcomes;
}
