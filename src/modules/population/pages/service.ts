import type { Db } from '../../../db/index.js';
import { officesService } from '../../offices/index.js';
import {
  type AgeFigures,
  ageFigures,
  type CompareRow,
  compareRows,
  type EventFigures,
  eventFigures,
  monthBefore,
  round2,
  type SortKey,
  type Summary,
  summarise,
  trendWindow,
} from './figures.js';
import * as repo from './repo.js';

/**
 * A county's, town's or village's figures for one month, put together
 * from the repo's sums and figures.ts: the one object the page, the
 * downloads and the JSON API all show.
 */

export type Level = 'county' | 'town' | 'village';

export interface AreaRef {
  level: Level;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface TrendPoint {
  month: string;
  households: number;
  people: number;
  male: number;
  female: number;
}

export interface PopulationFigures {
  area: AreaRef;
  /** from the county down to the parent */
  parents: AreaRef[];
  month: string;
  /** months with figures here, newest first */
  months: string[];
  summary: Summary;
  ages: AgeFigures | null;
  events: EventFigures | null;
  /** up to 24 months ending with `month`, oldest first; months without figures are left out */
  trend: TrendPoint[];
  /** the towns of the county or the villages of the town; null for a village */
  compare: CompareRow[] | null;
}

/** A place that exists but has no figures yet. */
export interface NoFigures {
  area: AreaRef;
  parents: AreaRef[];
}

export type Target = { level: 'county' } | { level: 'town'; code: string } | { level: 'village'; code: string };

/** Why figures cannot be given: the stable codes of the JSON API too. */
export type PopulationErrorCode = 'no_county' | 'town_not_found' | 'village_not_found' | 'month_not_found';

export class PopulationError extends Error {
  constructor(readonly code: PopulationErrorCode) {
    super(code);
    this.name = 'PopulationError';
  }
}

interface County {
  id: number;
  code: string;
  name: string;
  nameEn: string;
}

export async function countyOf(db: Db): Promise<County> {
  const [zh, en] = await Promise.all([officesService.countyInfo(db, 'zh-Hant'), officesService.countyInfo(db, 'en')]);
  if (!zh) throw new PopulationError('no_county');
  return { id: zh.id, code: zh.code, name: zh.name, nameEn: en?.name ?? zh.name };
}

const countyRef = (c: County): AreaRef => ({ level: 'county', code: c.code, name: c.name, nameEn: c.nameEn });
const townRef = (t: repo.TownRow): AreaRef => ({ level: 'town', code: t.code, name: t.name_zh, nameEn: t.name_en });
const villageRef = (v: repo.VillageRow): AreaRef => ({ level: 'village', code: v.code, name: v.name_zh, nameEn: null });

interface Place {
  area: AreaRef;
  parents: AreaRef[];
  scope: repo.Scope;
  areaKm2: number | null;
  /** the units compared on the page: towns or villages */
  units: { code: string; name: string; nameEn: string | null; areaKm2: number | null }[] | null;
}

/** The county's area is its towns' when every town's is known. */
function sumOfAreas(areas: (number | null)[]): number | null {
  if (areas.length === 0 || areas.some((a) => a === null)) return null;
  return round2(areas.reduce<number>((s, a) => s + (a ?? 0), 0));
}

export async function placeOf(db: Db, target: Target): Promise<Place> {
  const county = await countyOf(db);
  if (target.level === 'county') {
    const towns = await repo.townsOfCounty(db, county.id);
    return {
      area: countyRef(county),
      parents: [],
      scope: { level: 'county', countyId: county.id },
      areaKm2: sumOfAreas(towns.map((t) => t.area_km2)),
      units: towns.map((t) => ({ code: t.code, name: t.name_zh, nameEn: t.name_en, areaKm2: t.area_km2 })),
    };
  }
  if (target.level === 'town') {
    const town = await repo.townByCode(db, target.code);
    if (!town || town.county_id !== county.id) throw new PopulationError('town_not_found');
    const villages = await repo.villagesOfTowns(db, [town.code]);
    return {
      area: townRef(town),
      parents: [countyRef(county)],
      scope: { level: 'town', code: town.code },
      areaKm2: town.area_km2,
      units: villages.map((v) => ({ code: v.code, name: v.name_zh, nameEn: null, areaKm2: v.area_km2 })),
    };
  }
  const village = await repo.villageByCode(db, target.code);
  const town = village ? await repo.townByCode(db, village.town_code) : undefined;
  if (!village || !town || town.county_id !== county.id) throw new PopulationError('village_not_found');
  return { area: villageRef(village), parents: [countyRef(county), townRef(town)], scope: { level: 'village', code: village.code }, areaKm2: village.area_km2, units: null };
}

/**
 * The figures of a place for a month (the latest when none is asked), or
 * the place alone when nothing has been imported for it yet.
 */
export async function figuresOf(db: Db, target: Target, month: string | null, sort: SortKey = 'code'): Promise<PopulationFigures | NoFigures> {
  const place = await placeOf(db, target);
  const months = await repo.monthsOf(db, place.scope);
  if (months.length === 0) return { area: place.area, parents: place.parents };
  const chosen = month ?? months[0]!;
  if (!months.includes(chosen)) throw new PopulationError('month_not_found');
  const [trend, ages, events, children] = await Promise.all([
    repo.totalsByMonth(db, place.scope, trendWindow(chosen)),
    repo.ageRows(db, place.scope, chosen),
    repo.eventSums(db, place.scope, chosen),
    place.units && place.scope.level !== 'village' ? repo.childTotals(db, place.scope, chosen) : Promise.resolve(null),
  ]);
  const now = trend.find((t) => t.month === chosen)!;
  const previous = trend.find((t) => t.month === monthBefore(chosen)) ?? null;
  const summary = summarise(now, place.areaKm2, previous);
  return {
    area: place.area,
    parents: place.parents,
    month: chosen,
    months,
    summary,
    ages: ageFigures(ages),
    events: eventFigures(events),
    trend,
    compare: place.units && children ? compareRows(place.units, children, summary.people, sort) : null,
  };
}

export const hasFigures = (f: PopulationFigures | NoFigures): f is PopulationFigures => 'month' in f;

/** Every month's households and people of a place, oldest first, optionally from/to a month (inclusive). */
export async function seriesOf(db: Db, target: Target, from: string | null, to: string | null): Promise<{ place: Place; series: TrendPoint[] }> {
  const place = await placeOf(db, target);
  const months = (await repo.monthsOf(db, place.scope)).filter((m) => (!from || m >= from) && (!to || m <= to));
  return { place, series: await repo.totalsByMonth(db, place.scope, months) };
}

/** The county's towns with their villages and the months there are figures for. */
export async function directory(db: Db) {
  const county = await countyOf(db);
  const towns = await repo.townsOfCounty(db, county.id);
  const villages = await repo.villagesOfTowns(
    db,
    towns.map((t) => t.code),
  );
  const offices = new Map((await officesService.listOfficeInfos(db, 'zh-Hant')).map((o) => [o.id, o.code]));
  return {
    county: countyRef(county),
    months: await repo.monthsOf(db, { level: 'county', countyId: county.id }),
    towns: towns.map((t) => ({
      ...townRef(t),
      areaKm2: t.area_km2,
      office: t.office_id === null ? null : (offices.get(t.office_id) ?? null),
      villages: villages.filter((v) => v.town_code === t.code).map((v) => ({ code: v.code, name: v.name_zh, areaKm2: v.area_km2 })),
    })),
  };
}

/** One month's households and people of every town and village of the county. */
export async function monthTable(db: Db, month: string) {
  const county = await countyOf(db);
  const scope = { level: 'county', countyId: county.id } as const;
  if (!(await repo.monthsOf(db, scope)).includes(month)) throw new PopulationError('month_not_found');
  const towns = await repo.townsOfCounty(db, county.id);
  const villages = await repo.villagesOfTowns(
    db,
    towns.map((t) => t.code),
  );
  const names = new Map(villages.map((v) => [v.code, v.name_zh]));
  const [townRows, villageRows] = await Promise.all([repo.childTotals(db, scope, month), repo.villageTotals(db, county.id, month)]);
  const byTown = new Map(townRows.map((r) => [r.code, r]));
  return {
    county: countyRef(county),
    month,
    towns: towns.flatMap((t) => {
      const r = byTown.get(t.code);
      return r ? [{ code: t.code, name: t.name_zh, nameEn: t.name_en, households: r.households, people: r.people, male: r.male, female: r.female }] : [];
    }),
    villages: villageRows.map((r) => ({ code: r.code, townCode: r.town_code, name: names.get(r.code) ?? '', households: r.households, people: r.people, male: r.male, female: r.female })),
  };
}

/** The latest month's households and people of an office's towns (or, for null, of the county); empty when none are published. */
export async function latestTotals(db: Db, officeId: number | null): Promise<{ area: AreaRef; month: string; people: number; households: number }[]> {
  const county = await countyOf(db).catch(() => null);
  if (!county) return [];
  const places: { area: AreaRef; scope: repo.Scope }[] =
    officeId === null
      ? [{ area: countyRef(county), scope: { level: 'county', countyId: county.id } }]
      : (await repo.townsOfOffice(db, officeId)).map((t) => ({ area: townRef(t), scope: { level: 'town', code: t.code } }));
  const out: { area: AreaRef; month: string; people: number; households: number }[] = [];
  for (const p of places) {
    const [month] = await repo.monthsOf(db, p.scope);
    if (!month) continue;
    const [row] = await repo.totalsByMonth(db, p.scope, [month]);
    if (row) out.push({ area: p.area, month, people: row.people, households: row.households });
  }
  return out;
}

/** The towns an office serves, by code. */
export async function officeTowns(db: Db, officeId: number): Promise<AreaRef[]> {
  return (await repo.townsOfOffice(db, officeId)).map(townRef);
}
