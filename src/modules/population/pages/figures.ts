import type { CountRow, EventRow } from './repo.js';

/**
 * The derived figures of a county, town or village for a month, from the
 * sums the repo reads: nothing here touches the database or the page, so
 * the pages, the downloads and the JSON API show the same numbers.
 *
 * Definitions (as the Ministry's statistics use them):
 * - sex ratio: males per 100 females;
 * - density: people per km² of land area;
 * - average household size: people ÷ households;
 * - dependency ratio: (people 0–14 + people 65 and over) ÷ people 15–64 × 100;
 * - ageing index: people 65 and over ÷ people 0–14 × 100;
 * - natural increase: births − deaths; social increase: moved in − moved out.
 * Ratios are rounded to two decimals; a ratio whose divisor is 0 is null.
 */

export const round2 = (v: number): number => Math.round(v * 100) / 100;
const ratio = (a: number, b: number, times = 1): number | null => (b > 0 ? round2((a / b) * times) : null);

export interface Summary extends CountRow {
  /** males per 100 females */
  sexRatio: number | null;
  areaKm2: number | null;
  /** people per km² */
  density: number | null;
  avgHouseholdSize: number | null;
  /** the month before, when there are figures for it */
  previousMonth: string | null;
  /** change in people and households since previousMonth */
  change: { people: number; households: number } | null;
}

export function summarise(now: CountRow, areaKm2: number | null, previous: (CountRow & { month: string }) | null): Summary {
  return {
    ...now,
    sexRatio: ratio(now.male, now.female, 100),
    areaKm2,
    density: areaKm2 && areaKm2 > 0 ? round2(now.people / areaKm2) : null,
    avgHouseholdSize: ratio(now.people, now.households),
    previousMonth: previous?.month ?? null,
    change: previous ? { people: now.people - previous.people, households: now.households - previous.households } : null,
  };
}

/** The month before 'YYYY-MM'. */
export function monthBefore(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The 24 months ending with `month`, oldest first. */
export function trendWindow(month: string, length = 24): string[] {
  const out = [month];
  while (out.length < length) out.unshift(monthBefore(out[0]!));
  return out;
}

export interface AgeBand {
  /** first age of the band; the last band (100) is "100 and over" */
  from: number;
  /** last age, null for the open band */
  to: number | null;
  male: number;
  female: number;
  total: number;
}

export interface AgeFigures {
  /** 5-year bands 0–4 … 95–99 and 100+, youngest first */
  bands: AgeBand[];
  total: number;
  children: number;
  working: number;
  elderly: number;
  /** shares of the total, in per cent */
  shares: { children: number | null; working: number | null; elderly: number | null };
  dependencyRatio: number | null;
  ageingIndex: number | null;
}

export const BAND_STARTS: readonly number[] = Array.from({ length: 21 }, (_, i) => i * 5);

/** Single years of age grouped in 5-year bands, with the dependency ratio and ageing index; null when no ages were imported. */
export function ageFigures(rows: { age: number; male: number; female: number }[]): AgeFigures | null {
  if (rows.length === 0) return null;
  const bands: AgeBand[] = BAND_STARTS.map((from) => ({ from, to: from >= 100 ? null : from + 4, male: 0, female: 0, total: 0 }));
  let children = 0;
  let working = 0;
  let elderly = 0;
  for (const r of rows) {
    const band = bands[Math.min(20, Math.floor(r.age / 5))]!;
    band.male += r.male;
    band.female += r.female;
    band.total += r.male + r.female;
    if (r.age <= 14) children += r.male + r.female;
    else if (r.age <= 64) working += r.male + r.female;
    else elderly += r.male + r.female;
  }
  const total = children + working + elderly;
  return {
    bands,
    total,
    children,
    working,
    elderly,
    shares: { children: ratio(children, total, 100), working: ratio(working, total, 100), elderly: ratio(elderly, total, 100) },
    dependencyRatio: ratio(children + elderly, working, 100),
    ageingIndex: ratio(elderly, children, 100),
  };
}

/** The band people are most of (ties: the younger). */
export function largestBand(a: AgeFigures): AgeBand {
  return a.bands.reduce((best, b) => (b.total > best.total ? b : best), a.bands[0]!);
}

export interface EventFigures {
  birthsM: number;
  birthsF: number;
  births: number;
  deathsM: number;
  deathsF: number;
  deaths: number;
  marriages: number;
  divorces: number;
  movedIn: number;
  movedOut: number;
  naturalIncrease: number;
  socialIncrease: number;
}

export function eventFigures(e: EventRow | null): EventFigures | null {
  if (!e) return null;
  const births = e.births_m + e.births_f;
  const deaths = e.deaths_m + e.deaths_f;
  return {
    birthsM: e.births_m,
    birthsF: e.births_f,
    births,
    deathsM: e.deaths_m,
    deathsF: e.deaths_f,
    deaths,
    marriages: e.marriages,
    divorces: e.divorces,
    movedIn: e.moved_in,
    movedOut: e.moved_out,
    naturalIncrease: births - deaths,
    socialIncrease: e.moved_in - e.moved_out,
  };
}

export interface CompareRow extends CountRow {
  code: string;
  name: string;
  nameEn: string | null;
  sexRatio: number | null;
  avgHouseholdSize: number | null;
  areaKm2: number | null;
  density: number | null;
  /** share of the parent's people, per cent */
  share: number | null;
}

export const SORT_KEYS = ['code', 'name', 'households', 'people', 'male', 'female', 'sexRatio', 'avgHouseholdSize', 'density', 'share'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The towns of a county or the villages of a town side by side; the ones without figures this month are left out. */
export function compareRows(
  units: { code: string; name: string; nameEn: string | null; areaKm2: number | null }[],
  totals: (CountRow & { code: string })[],
  parentPeople: number,
  sort: SortKey,
): CompareRow[] {
  const byCode = new Map(totals.map((t) => [t.code, t]));
  const rows: CompareRow[] = [];
  for (const u of units) {
    const t = byCode.get(u.code);
    if (!t) continue;
    rows.push({
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      households: t.households,
      people: t.people,
      male: t.male,
      female: t.female,
      sexRatio: ratio(t.male, t.female, 100),
      avgHouseholdSize: ratio(t.people, t.households),
      areaKm2: u.areaKm2,
      density: u.areaKm2 && u.areaKm2 > 0 ? round2(t.people / u.areaKm2) : null,
      share: ratio(t.people, parentPeople, 100),
    });
  }
  return sortRows(rows, sort);
}

/** Code and name read A→Z; every number biggest first (a missing one last); ties by code. */
export function sortRows(rows: CompareRow[], sort: SortKey): CompareRow[] {
  const byCode = (a: CompareRow, b: CompareRow) => a.code.localeCompare(b.code);
  if (sort === 'code') return [...rows].sort(byCode);
  if (sort === 'name') return [...rows].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant-TW') || byCode(a, b));
  return [...rows].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (x === y) return byCode(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  });
}
