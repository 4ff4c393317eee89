import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';
import { addDays, taipeiToday } from '../../platform/calendar/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import { liveTexts } from '../content/index.js';
import { guidesService } from '../guides/index.js';
import { officesService } from '../offices/index.js';
import { linksIn, sitePath } from './links.js';
import { pool, probe } from './probe.js';
import * as repo from './repo.js';

export const LINK_CHECK_JOB = 'linkCheck.run';
/** The daily run, at this Taipei time. */
const DAILY_AT = '04:30:00';

/**
 * The settings (table `setting`, scope global, key `linkCheck`): whether
 * links to other sites are requested (off by default: the server then makes
 * requests to addresses editors typed), the per-request timeout and how many
 * requests at once.
 */
export const settingsSchema = z
  .object({ external: z.boolean(), timeoutMs: z.number().int().min(50).max(60_000), concurrency: z.number().int().min(1).max(16) })
  .default({ external: false, timeoutMs: 10_000, concurrency: 4 });
export type LinkCheckSettings = z.output<typeof settingsSchema>;
export const SETTING_KEY = 'linkCheck';

export function readSettings(db: Executor): Promise<LinkCheckSettings> {
  return readSetting(db, 'global', SETTING_KEY, settingsSchema);
}

export async function writeSettings(db: Executor, value: LinkCheckSettings, by: number | null, now: Date): Promise<void> {
  await writeSetting(db, 'global', SETTING_KEY, value, by, now);
}

export interface Place {
  source: 'content' | 'guide';
  sourceId: number;
  locale: string;
  title: string;
}

/** Every link in published content (live now, every language) and in the service guides in force, with where it appears. */
export async function collectLinks(db: Executor, now: Date): Promise<Map<string, Place[]>> {
  const found = new Map<string, Place[]>();
  const add = (text: string, place: Place) => {
    for (const url of linksIn(text)) {
      const list = found.get(url) ?? [];
      if (!list.some((p) => p.source === place.source && p.sourceId === place.sourceId && p.locale === place.locale)) list.push(place);
      found.set(url, list);
    }
  };
  for (const t of await liveTexts(db, now)) add(t.body, { source: 'content', sourceId: t.id, locale: t.locale, title: t.title });
  for (const g of await activeGuides(db)) {
    const docs = guidesService.parseDocs(g.documents);
    add([g.name_zh, g.who_zh, g.fee_zh, g.deadline_zh, ...docs.flatMap((d) => [d.zh, d.basis ?? ''])].join('\n'), { source: 'guide', sourceId: g.id, locale: 'zh-Hant', title: g.name_zh });
    add([g.name_en, g.who_en, g.fee_en, g.deadline_en, ...docs.map((d) => d.en)].join('\n'), { source: 'guide', sourceId: g.id, locale: 'en', title: g.name_en || g.name_zh });
  }
  return found;
}

/** The county library's guides and every office's own, those in force. */
async function activeGuides(db: Executor) {
  const offices = await officesService.listOfficeInfos(db as Parameters<typeof officesService.listOfficeInfos>[0], 'zh-Hant');
  const lists = await Promise.all([null, ...offices.map((o) => o.id)].map((id) => guidesService.staffList(db as Parameters<typeof guidesService.staffList>[0], id)));
  return lists.flat().filter((g) => g.active === 1);
}

export interface RunDeps {
  database: Database;
  app: FastifyInstance;
  siteOrigin: string;
  clock: () => Date;
}

/** Runs one check: collects, requests each distinct URL, and stores the results in place of the last run's. */
export async function runCheck(deps: RunDeps, runId: number): Promise<void> {
  const db = deps.database.db;
  if (!(await repo.startRun(db, runId, deps.clock().toISOString()))) return;
  try {
    const settings = await readSettings(db);
    const found = await collectLinks(db, deps.clock());
    const urls = [...found.keys()].sort();
    const opts = { app: deps.app, siteOrigin: deps.siteOrigin, external: settings.external, timeoutMs: settings.timeoutMs };
    const results = await pool(urls, settings.concurrency, async (url) => ({ url, result: await probe(url, opts), at: deps.clock().toISOString() }));
    const links: repo.FoundLink[] = results.map(({ url, result, at }) => ({
      url,
      internal: sitePath(url, deps.siteOrigin) !== null,
      state: result.state,
      status: result.status,
      error: result.error,
      checkedAt: result.state === 'unchecked' ? null : at,
      places: found.get(url) ?? [],
    }));
    await writeTransaction(deps.database, (trx) => repo.finishRun(trx, runId, links, deps.clock().toISOString()));
  } catch (err) {
    await repo.failRun(db, runId, err instanceof Error ? err.message : String(err), deps.clock().toISOString());
    throw err;
  }
}

/** "Check now": an open run and its job, together; false when a run is already queued or running. */
export async function requestRun(database: Database, by: number | null, now: Date): Promise<boolean> {
  return writeTransaction(database, async (trx) => {
    const id = await repo.openRun(trx, by, now.toISOString());
    if (id === null) return false;
    await enqueueJob(trx, { kind: LINK_CHECK_JOB, payload: { runId: id }, maxAttempts: 1, dedupeKey: `${LINK_CHECK_JOB}:${id}` }, now);
    return true;
  });
}

const dailyKey = (day: string) => `${LINK_CHECK_JOB}:daily:${day}`;

/** For main.ts at start: today's scheduled run, now (once a day whatever the restarts); each run queues the next day's. */
export async function scheduleLinkCheck(database: Database, now: Date): Promise<void> {
  await enqueueJob(database.db, { kind: LINK_CHECK_JOB, payload: { daily: true }, runAt: now, maxAttempts: 1, dedupeKey: dailyKey(taipeiToday(now)) }, now);
}

const payloadSchema = z.union([z.object({ runId: z.number().int() }), z.object({ daily: z.literal(true) })]).catch({ daily: true });

/** The job: a requested run runs; a daily one queues tomorrow's first, then opens its run (none when one is already open). */
export function linkCheckHandler(deps: RunDeps) {
  return async (payload: unknown, ctx: { now: Date }) => {
    const p = payloadSchema.parse(payload);
    if ('runId' in p) return runCheck(deps, p.runId);
    const tomorrow = addDays(taipeiToday(ctx.now), 1);
    await enqueueJob(deps.database.db, { kind: LINK_CHECK_JOB, payload: { daily: true }, runAt: new Date(`${tomorrow}T${DAILY_AT}+08:00`), maxAttempts: 1, dedupeKey: dailyKey(tomorrow) }, ctx.now);
    const id = await repo.openRun(deps.database.db, null, ctx.now.toISOString());
    if (id !== null) await runCheck(deps, id);
  };
}

export async function pageData(db: Executor) {
  const [last, open, broken, unchecked, settings] = await Promise.all([repo.lastFinished(db), repo.openRunRow(db), repo.brokenLinks(db), repo.countUnchecked(db), readSettings(db)]);
  return { last: last ?? null, open: open ?? null, broken, unchecked, settings };
}

export const countBroken = repo.countBroken;
