import type { Db, Executor } from '../../db/index.js';
import { forgetOnChange } from '../../platform/cache.js';
import { announceChange } from '../../platform/events/index.js';
import type { AppServices } from '../../platform/module.js';
import { type SearchDoc, SearchIndex, snippet } from '../../platform/search/index.js';
import { plainText } from './render.js';
import * as repo from './repo.js';
import { listRulings } from './service.js';

/**
 * The staff index over the work manual and the rulings library: the same
 * tokenizer, variant folding and Simplified→Traditional reading as the public
 * search (platform/search). One per database handle per process, built on
 * first use, dropped by the writer at once and by every process on the
 * 'knowledge' change announcement.
 */

interface Meta {
  officeId: number | null;
  tags: string[];
  issuer: string | null;
}
interface Built {
  index: SearchIndex;
  meta: Map<string, Meta>;
}
const cache = new WeakMap<object, Promise<Built>>();

export function forgetManualIndex(db: Db): void {
  cache.delete(db);
}

/** After a save has committed: this process forgets now, the others when they hear of it. */
export async function announceManualChange(s: Pick<AppServices, 'events' | 'database'>): Promise<void> {
  forgetManualIndex(s.database.db);
  await announceChange(s.events, 'knowledge');
}

export function watchManualChanges(s: Pick<AppServices, 'events' | 'database'>): void {
  const db = s.database.db;
  forgetOnChange(s.events, db, 'manual.search', ['knowledge'], () => forgetManualIndex(db));
}

async function build(db: Executor): Promise<Built> {
  const [procs, rulings] = await Promise.all([repo.allProcedures(db), listRulings(db)]);
  const meta = new Map<string, Meta>();
  const docs: SearchDoc[] = [];
  for (const p of procs) {
    const key = `procedure:${p.id}`;
    meta.set(key, { officeId: p.office_id, tags: [], issuer: null });
    docs.push({ key, kind: 'procedure', category: '', locale: 'zh-Hant', title: p.title, body: plainText([p.steps, p.checks, p.mistakes, p.basis].join('\n')), url: `/staff/manual/procedures/${p.id}`, date: p.updated_at.slice(0, 10) });
  }
  for (const r of rulings) {
    const key = `ruling:${r.id}`;
    meta.set(key, { officeId: null, tags: r.tags, issuer: r.issuer });
    docs.push({ key, kind: 'ruling', category: '', locale: 'zh-Hant', title: `${r.number} ${r.subject}`, body: `${r.number} ${r.issuer} ${r.tags.join(' ')} ${plainText(r.body)}`, url: `/staff/manual/rulings/${r.id}`, date: r.issuedOn });
  }
  return { index: new SearchIndex(docs), meta };
}

function indexOf(db: Db): Promise<Built> {
  const hit = cache.get(db);
  if (hit) return hit;
  const made = build(db);
  cache.set(db, made);
  made.catch(() => cache.delete(db));
  return made;
}

export interface ManualHit {
  kind: string;
  title: string;
  url: string;
  date: string | null;
  snippet: { text: string; mark: boolean }[];
}

/** Hits the person may read (the county's and their offices' procedures, every ruling), filtered by tag and issuing body. */
export async function searchManual(db: Db, query: string, opts: { officeIds: number[]; tag: string | null; issuer: string | null }): Promise<ManualHit[]> {
  const { index, meta } = await indexOf(db);
  const filter = (d: SearchDoc) => {
    const m = meta.get(d.key);
    if (!m) return false;
    if (m.officeId !== null && !opts.officeIds.includes(m.officeId)) return false;
    if (opts.tag && !m.tags.includes(opts.tag)) return false;
    if (opts.issuer && m.issuer !== opts.issuer) return false;
    return true;
  };
  const terms = index.expand(query);
  return index.search(query, filter).map((h) => ({ kind: h.doc.kind, title: h.doc.title, url: h.doc.url, date: h.doc.date, snippet: snippet(h.doc.body, terms, 60) }));
}
