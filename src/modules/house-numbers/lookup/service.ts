import type { Executor } from '../../../db/index.js';
import { type AddressParts, addressKey, type ParsedQuery } from '../address.js';
import { type RenumberingNotice, renumberingsForKeys } from '../renumbering/notices.js';
import { abolitions, type Step, successors } from './history.js';
import { PAGE_SIZE } from './query.js';
import { places } from '../../population/index.js';
import * as repo from './repo.js';
import { type Nearby, nearbyNumbers, similarRoads } from './suggest.js';

/**
 * The public look-up: a typed address (already read into parts) → the
 * numbers it names, each with village, 鄰, whether it is current, and for
 * an old number what it is now; or, without a number, the road's numbers in
 * order. Nothing found → what was understood and what is near.
 */
export interface Match {
  id: number;
  label: string;
  villageCode: string;
  village: string;
  neighbourhood: number;
  state: 'current' | 'retired';
  /** for a retired number: the numbers that replaced it, old → new */
  steps: Step[];
  /** for a retired number nothing replaced: when and by which document */
  abolished: { date: string; docNo: string } | null;
}

export interface LookupScope extends repo.Scope {
  /** the towns the look-up may search (an office's, or the county's) */
  towns: places.TownRow[];
}

export type Outcome =
  | { kind: 'unreadable'; parsed: ParsedQuery }
  | { kind: 'matches'; parsed: ParsedQuery; matches: Match[]; notices: RenumberingNotice[]; nearby: Nearby[]; similar: string[] }
  | { kind: 'road'; parsed: ParsedQuery; scope: repo.Scope; filter: repo.PartFilter; rows: Match[]; total: number; page: number; pages: number; similar: string[] };

/** The county's towns, or the office's (stat_town.office_id). */
export async function lookupScope(db: Executor, countyId: number, officeId: number | null): Promise<LookupScope> {
  const all = await places.townsOfCounty(db, countyId);
  const towns = officeId === null ? all : all.filter((t) => t.office_id === officeId);
  return { countyId, townCodes: officeId === null ? null : towns.map((t) => t.code), towns };
}

const bare = (name: string) => name.replace(/[市鄉鎮區]$/, '');

/** The scope narrowed to the town the address or the town box names, when it is one of the scope's. */
export function narrowed(scope: LookupScope, parsed: ParsedQuery, townCode: string): LookupScope {
  const named = parsed.town ? scope.towns.filter((t) => t.name_zh === parsed.town || bare(t.name_zh) === bare(parsed.town ?? '')) : [];
  const picked = townCode ? scope.towns.filter((t) => t.code === townCode) : [];
  const towns = named.length ? named : picked;
  if (!towns.length) return scope;
  return { ...scope, towns, townCodes: towns.map((t) => t.code) };
}

async function villageNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await places.villages(db, [...new Set(codes)])).map((v) => [v.code, v.name_zh]));
}

/** Points as results: village names, and what each retired one became (or when it was abolished). */
export async function decorate(db: Executor, points: readonly repo.PointRow[]): Promise<Match[]> {
  const names = await villageNames(
    db,
    points.map((p) => p.village_code),
  );
  const chains = await successors(db, points);
  const ended = await abolitions(
    db,
    points.filter((p) => p.state === 'retired' && !chains.get(p.id)?.length).map((p) => p.id),
  );
  return points.map((p) => ({
    id: p.id,
    label: p.label,
    villageCode: p.village_code,
    village: names.get(p.village_code) ?? '',
    neighbourhood: p.neighbourhood,
    state: p.state,
    steps: chains.get(p.id) ?? [],
    abolished: ended.get(p.id) ?? null,
  }));
}

const partsOf = (q: ParsedQuery, section: string): Pick<AddressParts, 'road' | 'section' | 'lane' | 'alley' | 'number' | 'numberSub'> => ({
  road: q.road ?? '',
  section,
  lane: q.lane ?? '',
  alley: q.alley ?? '',
  number: q.number ?? '',
  numberSub: q.numberSub ?? '',
});

/** A number asked for: every row with its parts (any 段 when none was typed); with a floor, that floor's rows when there are any. */
async function exact(db: Executor, scope: LookupScope, q: ParsedQuery & { road: string; number: string }): Promise<Outcome> {
  const filter: repo.PartFilter = { road: q.road, section: q.section, lane: q.lane ?? '', alley: q.alley ?? '', number: q.number, numberSub: q.numberSub ?? '' };
  let rows = await repo.findPoints(db, scope, filter);
  const onFloor = q.floor ? rows.filter((r) => r.floor === q.floor && (q.floorSub === undefined || r.floor_sub === q.floorSub)) : [];
  if (onFloor.length) rows = onFloor;
  // a renumbering notice may name an old number before the register has it
  const keys = new Set([...rows.map((r) => r.match_key), addressKey(partsOf(q, q.section ?? ''))]);
  const notices = await renumberingsForKeys(db, [...keys]);
  const matches = await decorate(db, rows);
  const nearby = rows.length ? [] : await nearbyNumbers(db, scope, q);
  const similar = rows.length || nearby.length ? [] : await similarRoads(db, scope, q.road);
  return { kind: 'matches', parsed: q, matches, notices, nearby, similar };
}

/** A road (with lane or alley, perhaps) without a number: its numbers page by page, in natural order. */
async function listing(db: Executor, scope: LookupScope, q: ParsedQuery & { road: string }, page: number): Promise<Outcome> {
  const filter: repo.PartFilter = { road: q.road, section: q.section, lane: q.lane, alley: q.alley };
  const total = await repo.countPoints(db, scope, filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const p = Math.min(page, pages);
  const rows = total ? await decorate(db, await repo.pagePoints(db, scope, filter, (p - 1) * PAGE_SIZE, PAGE_SIZE)) : [];
  const similar = total ? [] : await similarRoads(db, scope, q.road);
  return { kind: 'road', parsed: q, scope: { countyId: scope.countyId, townCodes: scope.townCodes }, filter, rows, total, page: p, pages, similar };
}

export async function lookUp(db: Executor, scope: LookupScope, parsed: ParsedQuery, townCode: string, page: number): Promise<Outcome> {
  const { road, number } = parsed;
  if (!road) return { kind: 'unreadable', parsed };
  const within = narrowed(scope, parsed, townCode);
  if (number) return exact(db, within, { ...parsed, road, number });
  return listing(db, within, { ...parsed, road }, page);
}

/**
 * The roads of the scope for the road box's suggestions (段 written out).
 * Every look-up page lists them, and they change only when a register is
 * imported, so each process keeps them a minute rather than grouping a
 * county's register on every page view.
 */
const ROADS_TTL_MS = 60_000;
const roadCaches = new WeakMap<Executor, Map<string, { until: number; roads: string[] }>>();

export async function roadChoices(db: Executor, scope: repo.Scope, now = Date.now()): Promise<string[]> {
  const key = `${scope.countyId}|${scope.townCodes?.join(',') ?? '*'}`;
  const roadCache = roadCaches.get(db) ?? new Map<string, { until: number; roads: string[] }>();
  roadCaches.set(db, roadCache);
  const hit = roadCache.get(key);
  if (hit && hit.until > now) return hit.roads;
  const roads = [...new Set((await repo.roadsInScope(db, scope)).map((r) => `${r.road}${r.section ? `${r.section}段` : ''}`))];
  if (roadCache.size > 500) roadCache.clear();
  roadCache.set(key, { until: now + ROADS_TTL_MS, roads });
  return roads;
}
