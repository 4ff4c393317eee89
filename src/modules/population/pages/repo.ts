import type { Executor } from '../../../db/index.js';

/**
 * The population figures as stored (SQL only): the county's towns and
 * villages, the months there are figures for, and sums per month, village,
 * age and event over a county, a town or a village.
 */

/** Where the figures are summed: a county (by id), a town (8 digits) or a village (11 digits). */
export type Scope = { level: 'county'; countyId: number } | { level: 'town'; code: string } | { level: 'village'; code: string };

export interface TownRow {
  code: string;
  county_id: number;
  name_zh: string;
  name_en: string | null;
  area_km2: number | null;
  office_id: number | null;
}

export interface VillageRow {
  code: string;
  town_code: string;
  name_zh: string;
  area_km2: number | null;
}

export interface CountRow {
  households: number;
  people: number;
  male: number;
  female: number;
}

const num = (v: unknown): number => Number(v ?? 0);
const counts = (r: { households: unknown; people: unknown; male: unknown; female: unknown }): CountRow => ({
  households: num(r.households),
  people: num(r.people),
  male: num(r.male),
  female: num(r.female),
});
// PostgreSQL's double precision comes back as a number, SQLite's real too; a missing area stays null
const area = (v: number | null): number | null => (v === null ? null : Number(v));

export async function townsOfCounty(db: Executor, countyId: number): Promise<TownRow[]> {
  const rows = await db.selectFrom('stat_town').selectAll().where('county_id', '=', countyId).orderBy('code').execute();
  return rows.map((r) => ({ ...r, area_km2: area(r.area_km2) }));
}

export async function townByCode(db: Executor, code: string): Promise<TownRow | undefined> {
  const r = await db.selectFrom('stat_town').selectAll().where('code', '=', code).executeTakeFirst();
  return r ? { ...r, area_km2: area(r.area_km2) } : undefined;
}

export async function townsOfOffice(db: Executor, officeId: number): Promise<TownRow[]> {
  const rows = await db.selectFrom('stat_town').selectAll().where('office_id', '=', officeId).orderBy('code').execute();
  return rows.map((r) => ({ ...r, area_km2: area(r.area_km2) }));
}

export async function villageByCode(db: Executor, code: string): Promise<VillageRow | undefined> {
  const r = await db.selectFrom('stat_village').select(['code', 'town_code', 'name_zh', 'area_km2']).where('code', '=', code).executeTakeFirst();
  return r ? { ...r, area_km2: area(r.area_km2) } : undefined;
}

export async function villagesOfTowns(db: Executor, townCodes: string[]): Promise<VillageRow[]> {
  if (townCodes.length === 0) return [];
  const rows = await db.selectFrom('stat_village').select(['code', 'town_code', 'name_zh', 'area_km2']).where('town_code', 'in', townCodes).orderBy('code').execute();
  return rows.map((r) => ({ ...r, area_km2: area(r.area_km2) }));
}

/** The months with households figures in the scope, newest first. */
export async function monthsOf(db: Executor, scope: Scope): Promise<string[]> {
  let q = db.selectFrom('pop_village_month').select('month').distinct();
  if (scope.level === 'county') q = q.where('county_id', '=', scope.countyId);
  else if (scope.level === 'town') q = q.where('town_code', '=', scope.code);
  else q = q.where('village_code', '=', scope.code);
  const rows = await q.orderBy('month', 'desc').execute();
  return rows.map((r) => r.month);
}

/** Households and people of the scope per month, for the months asked (oldest first). */
export async function totalsByMonth(db: Executor, scope: Scope, months: string[]): Promise<(CountRow & { month: string })[]> {
  if (months.length === 0) return [];
  let q = db
    .selectFrom('pop_village_month')
    .select((eb) => ['month', eb.fn.sum('households').as('households'), eb.fn.sum('people').as('people'), eb.fn.sum('male').as('male'), eb.fn.sum('female').as('female')])
    .where('month', 'in', months);
  if (scope.level === 'county') q = q.where('county_id', '=', scope.countyId);
  else if (scope.level === 'town') q = q.where('town_code', '=', scope.code);
  else q = q.where('village_code', '=', scope.code);
  const rows = await q.groupBy('month').orderBy('month').execute();
  return rows.map((r) => ({ month: r.month, ...counts(r) }));
}

/** One month's figures of each town of a county, or of each village of a town. */
export async function childTotals(db: Executor, scope: Exclude<Scope, { level: 'village' }>, month: string): Promise<(CountRow & { code: string })[]> {
  const base = db.selectFrom('pop_village_month').where('month', '=', month);
  const sums = base.select((eb) => [eb.fn.sum('households').as('households'), eb.fn.sum('people').as('people'), eb.fn.sum('male').as('male'), eb.fn.sum('female').as('female')]);
  if (scope.level === 'county') {
    const rows = await sums.select('town_code').where('county_id', '=', scope.countyId).groupBy('town_code').execute();
    return rows.map((r) => ({ code: r.town_code, ...counts(r) }));
  }
  const rows = await base.select(['village_code', 'households', 'people', 'male', 'female']).where('town_code', '=', scope.code).execute();
  return rows.map((r) => ({ code: r.village_code, ...counts(r) }));
}

/** Every village's figures of a month in the county (the API's month table). */
export async function villageTotals(db: Executor, countyId: number, month: string): Promise<(CountRow & { code: string; town_code: string })[]> {
  const rows = await db
    .selectFrom('pop_village_month')
    .select(['village_code', 'town_code', 'households', 'people', 'male', 'female'])
    .where('county_id', '=', countyId)
    .where('month', '=', month)
    .orderBy('village_code')
    .execute();
  return rows.map((r) => ({ code: r.village_code, town_code: r.town_code, ...counts(r) }));
}

/** People by single year of age and sex in the scope for a month (age 100 is "100 and over"); empty when not imported. */
export async function ageRows(db: Executor, scope: Scope, month: string): Promise<{ age: number; male: number; female: number }[]> {
  let q = db
    .selectFrom('pop_age')
    .innerJoin('stat_village', 'stat_village.code', 'pop_age.village_code')
    .select((eb) => ['pop_age.age as age', eb.fn.sum('pop_age.male').as('male'), eb.fn.sum('pop_age.female').as('female')])
    .where('pop_age.month', '=', month);
  if (scope.level === 'county') q = q.innerJoin('stat_town', 'stat_town.code', 'stat_village.town_code').where('stat_town.county_id', '=', scope.countyId);
  else if (scope.level === 'town') q = q.where('stat_village.town_code', '=', scope.code);
  else q = q.where('pop_age.village_code', '=', scope.code);
  const rows = await q.groupBy('pop_age.age').orderBy('pop_age.age').execute();
  return rows.map((r) => ({ age: num(r.age), male: num(r.male), female: num(r.female) }));
}

export interface EventRow {
  births_m: number;
  births_f: number;
  deaths_m: number;
  deaths_f: number;
  marriages: number;
  divorces: number;
  moved_in: number;
  moved_out: number;
}

const EVENT_FIELDS = ['births_m', 'births_f', 'deaths_m', 'deaths_f', 'marriages', 'divorces', 'moved_in', 'moved_out'] as const;

/** The month's vital events and moves summed over the scope; null when none were imported for it. */
export async function eventSums(db: Executor, scope: Scope, month: string): Promise<EventRow | null> {
  let q = db
    .selectFrom('pop_events')
    .innerJoin('stat_village', 'stat_village.code', 'pop_events.village_code')
    .select((eb) => [eb.fn.countAll().as('n'), ...EVENT_FIELDS.map((f) => eb.fn.sum(`pop_events.${f}`).as(f))])
    .where('pop_events.month', '=', month);
  if (scope.level === 'county') q = q.innerJoin('stat_town', 'stat_town.code', 'stat_village.town_code').where('stat_town.county_id', '=', scope.countyId);
  else if (scope.level === 'town') q = q.where('stat_village.town_code', '=', scope.code);
  else q = q.where('pop_events.village_code', '=', scope.code);
  const r = await q.executeTakeFirst();
  if (!r || num(r.n) === 0) return null;
  const row = r as unknown as Record<string, unknown>;
  return Object.fromEntries(EVENT_FIELDS.map((f) => [f, num(row[f])])) as unknown as EventRow;
}
