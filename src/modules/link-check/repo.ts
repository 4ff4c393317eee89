import type { Executor } from '../../db/index.js';

/** A new run, open (queued); null when another run is already open (the unique index on `open` decides). */
export async function openRun(db: Executor, by: number | null, at: string): Promise<number | null> {
  const row = await db
    .insertInto('link_check_run')
    .values({ status: 'queued', open: 1, requested_by: by, queued_at: at })
    .onConflict((oc) => oc.column('open').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function startRun(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db.updateTable('link_check_run').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function failRun(db: Executor, id: number, error: string, at: string): Promise<void> {
  await db.updateTable('link_check_run').set({ status: 'failed', open: null, finished_at: at, error: error.slice(0, 500) }).where('id', '=', id).execute();
}

export interface FoundLink {
  url: string;
  internal: boolean;
  state: string;
  status: number | null;
  error: string | null;
  checkedAt: string | null;
  places: { source: string; sourceId: number; locale: string; title: string }[];
}

/** The run's results replace the previous run's, and the run closes, in one transaction (the caller's). */
export async function finishRun(db: Executor, id: number, links: FoundLink[], at: string): Promise<void> {
  const old = db.selectFrom('link_check_link').select('id').where('run_id', '<>', id);
  await db.deleteFrom('link_check_place').where('link_id', 'in', old).execute();
  await db.deleteFrom('link_check_link').where('run_id', '<>', id).execute();
  for (const l of links) {
    const row = await db
      .insertInto('link_check_link')
      .values({ run_id: id, url: l.url, internal: l.internal ? 1 : 0, state: l.state, http_status: l.status, error: l.error, checked_at: l.checkedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (l.places.length) await db.insertInto('link_check_place').values(l.places.map((p) => ({ link_id: row.id, source: p.source, source_id: p.sourceId, locale: p.locale, title: p.title }))).execute();
  }
  const broken = links.filter((l) => l.state === 'broken').length;
  await db.updateTable('link_check_run').set({ status: 'done', open: null, finished_at: at, links: links.length, broken }).where('id', '=', id).execute();
}

export function lastFinished(db: Executor) {
  return db.selectFrom('link_check_run').selectAll().where('status', '=', 'done').orderBy('finished_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function openRunRow(db: Executor) {
  return db.selectFrom('link_check_run').selectAll().where('open', '=', 1).executeTakeFirst();
}

/** The broken links of the last finished run, each with every place it appears. */
export async function brokenLinks(db: Executor) {
  const links = await db.selectFrom('link_check_link').selectAll().where('state', '=', 'broken').orderBy('url').execute();
  const places = links.length ? await db.selectFrom('link_check_place').selectAll().where('link_id', 'in', links.map((l) => l.id)).orderBy('source').orderBy('source_id').orderBy('locale').execute() : [];
  return links.map((l) => ({ ...l, places: places.filter((p) => p.link_id === l.id) }));
}

export async function countBroken(db: Executor): Promise<number> {
  const r = await db.selectFrom('link_check_link').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'broken').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countUnchecked(db: Executor): Promise<number> {
  const r = await db.selectFrom('link_check_link').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'unchecked').executeTakeFirst();
  return Number(r?.n ?? 0);
}
