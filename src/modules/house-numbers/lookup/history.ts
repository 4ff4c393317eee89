import type { Executor } from '../../../db/index.js';
import * as repo from './repo.js';

/**
 * A number's history from the register's events. A renumbering (整編) or a
 * change (改編) makes a new number whose event names the old one
 * (`from_point_id`); the old number is retired. Following those links
 * forwards gives what an old number is now (old → new, perhaps over several
 * renumberings); backwards, what a current number used to be.
 */
export type EventKind = repo.EventRow['kind'];

/** One step old → new: the new number and the event that made it. */
export interface Step {
  fromId: number;
  fromLabel: string;
  id: number;
  label: string;
  state: 'current' | 'retired';
  kind: EventKind;
  date: string;
  docNo: string;
}

/** One line of a number's history. */
export interface HistoryEntry {
  date: string;
  kind: EventKind;
  docNo: string;
  pointId: number;
  label: string;
  from: { id: number; label: string } | null;
}

/** How deep a chain of renumberings is followed: no register renumbers one house more often. */
const MAX_DEPTH = 8;

interface Graph {
  points: Map<number, repo.PointRow>;
  /** events whose from_point_id is the key */
  children: Map<number, repo.EventRow[]>;
}

async function forwardGraph(db: Executor, start: readonly number[], known: readonly repo.PointRow[] = []): Promise<Graph> {
  const g: Graph = { points: new Map(known.map((p) => [p.id, p])), children: new Map() };
  let frontier = [...new Set(start)];
  const seen = new Set(frontier);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const events = await repo.eventsFrom(db, frontier);
    for (const e of events) g.children.set(e.from_point_id as number, [...(g.children.get(e.from_point_id as number) ?? []), e]);
    const next = [...new Set(events.map((e) => e.point_id))].filter((id) => !seen.has(id));
    for (const id of next) seen.add(id);
    for (const p of await repo.pointsByIds(db, next.filter((id) => !g.points.has(id)))) g.points.set(p.id, p);
    frontier = next;
  }
  return g;
}

function stepsFrom(g: Graph, id: number): Step[] {
  const out: Step[] = [];
  const seen = new Set<number>([id]);
  const walk = (from: number) => {
    for (const e of g.children.get(from) ?? []) {
      const p = g.points.get(e.point_id);
      if (!p || seen.has(p.id)) continue;
      seen.add(p.id);
      out.push({ fromId: from, fromLabel: g.points.get(from)?.label ?? '', id: p.id, label: p.label, state: p.state, kind: e.kind, date: e.date, docNo: e.doc_no });
      walk(p.id);
    }
  };
  walk(id);
  return out;
}

/** For each of these numbers, the numbers that replaced it, old → new, in the order they happened. */
export async function successors(db: Executor, points: readonly repo.PointRow[]): Promise<Map<number, Step[]>> {
  const retired = points.filter((p) => p.state === 'retired');
  const g = await forwardGraph(
    db,
    retired.map((p) => p.id),
    points,
  );
  return new Map(retired.map((p) => [p.id, stepsFrom(g, p.id)]));
}

/** The event that retired a number with nothing in its place (廢止), by number. */
export async function abolitions(db: Executor, ids: readonly number[]): Promise<Map<number, { date: string; docNo: string }>> {
  const out = new Map<number, { date: string; docNo: string }>();
  for (const e of await repo.eventsOf(db, ids)) if (e.kind === 'abolished') out.set(e.point_id, { date: e.date, docNo: e.doc_no });
  return out;
}

/** The numbers this one came from, back to the first: their ids, nearest first. */
async function ancestors(db: Executor, id: number): Promise<number[]> {
  const out: number[] = [];
  let frontier = [id];
  const seen = new Set(frontier);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const from = (await repo.eventsOf(db, frontier)).map((e) => e.from_point_id).filter((v): v is number => v !== null && !seen.has(v));
    for (const v of from) seen.add(v);
    out.push(...new Set(from));
    frontier = [...new Set(from)];
  }
  return out;
}

export interface Lineage {
  /** every line, oldest first */
  entries: HistoryEntry[];
  /** the numbers before this one (their match keys name them in renumbering notices) */
  before: repo.PointRow[];
  /** what this number became, when it is retired */
  after: Step[];
}

/**
 * The whole history around one number: what it was (back through every
 * renumbering), its own events, and what it became. An old number's own
 * "renumbered" event is left out when the new number's line (old → new)
 * tells the same thing.
 */
export async function lineage(db: Executor, point: repo.PointRow): Promise<Lineage> {
  const back = await ancestors(db, point.id);
  const g = await forwardGraph(db, [point.id], [point]);
  const after = stepsFrom(g, point.id);
  const ids = [...new Set([...back, point.id, ...after.map((s) => s.id)])];
  const points = new Map((await repo.pointsByIds(db, ids)).map((p) => [p.id, p]));
  const events = await repo.eventsOf(db, ids);
  const replaced = new Set(events.map((e) => e.from_point_id).filter((v) => v !== null));
  const entries: HistoryEntry[] = [];
  for (const e of events) {
    if ((e.kind === 'renumbered' || e.kind === 'changed') && e.from_point_id === null && replaced.has(e.point_id)) continue;
    const p = points.get(e.point_id);
    if (!p) continue;
    const from = e.from_point_id !== null ? points.get(e.from_point_id) : undefined;
    entries.push({ date: e.date, kind: e.kind, docNo: e.doc_no, pointId: p.id, label: p.label, from: from ? { id: from.id, label: from.label } : null });
  }
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const before = back.map((id) => points.get(id)).filter((p): p is repo.PointRow => p !== undefined);
  return { entries, before, after };
}
