/**
 * The demo's population model, month by month from EPOCH_MONTH: each
 * village's people by sex and single year of age at the end of a month, and
 * the month's events that took the previous month's people there. Generated
 * figures, not official ones.
 *
 *   people(M) = people(M−1) + births(M) − deaths(M) + moved in(M) − moved out(M)
 *
 * per village and sex (ageing moves people between ages, never in or out).
 * Each (seed, month, village) draws from its own random stream, so a month
 * depends on the months before it only through the people it starts from.
 */
import { normal, poisson, type Rng, streamOf } from '../../../demo/activity-random.js';
import { MAX_AGE } from '../formats.js';
import { ageWeights, deathRate, EPOCH_MONTH, interpolate, maleShare, SEASON, TOWN_RATES, VILLAGE_PROFILES, type VillageProfile } from './profiles.js';

export interface MonthEvents {
  birthsM: number;
  birthsF: number;
  deathsM: number;
  deathsF: number;
  marriages: number;
  divorces: number;
  movedIn: number;
  movedOut: number;
}

export interface VillageState {
  code: string;
  townCode: string;
  name: string;
  households: number;
  /** people by single year of age, index 0 … MAX_AGE (the last is "100 and over") */
  male: number[];
  female: number[];
  events: MonthEvents;
}

export interface ModelMonth {
  month: string;
  villages: VillageState[];
}

export const DEFAULT_SEED = 18;
const AGES = MAX_AGE + 1;

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** Months from EPOCH_MONTH ('2019-01' → 0); null when the text is not YYYY-MM. */
export function monthIndex(month: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const e = /^(\d{4})-(\d{2})$/.exec(EPOCH_MONTH)!;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return (Number(m[1]) - Number(e[1])) * 12 + Number(m[2]) - Number(e[2]);
}

export function monthAt(index: number): string {
  const [y, m] = EPOCH_MONTH.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + index;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** Scratch space for one village's bins (men 0 … MAX_AGE, then women): the model runs one village at a time. */
const WEIGHTS = new Float64Array(2 * AGES);
const PICKS = new Int32Array(2 * AGES);

/**
 * Draws `count` picks from the first `length` bins of WEIGHTS in proportion
 * to their weights (systematic sampling: one random number, every bin within
 * one of its expected share) into PICKS, never more from a bin than
 * `cap(bin)`; returns how many were drawn.
 */
function allocate(rng: Rng, length: number, count: number, cap?: (bin: number) => number): number {
  PICKS.fill(0, 0, length);
  let total = 0;
  for (let i = 0; i < length; i++) total += WEIGHTS[i]!;
  if (count <= 0 || total <= 0) return 0;
  const step = total / count;
  let next = rng() * step;
  let acc = 0;
  let drawn = 0;
  for (let i = 0; i < length; i++) {
    acc += WEIGHTS[i]!;
    let k = 0;
    while (next < acc) {
      k++;
      next += step;
    }
    if (cap) k = Math.min(k, cap(i));
    PICKS[i] = k;
    drawn += k;
  }
  return drawn;
}

/** Whole numbers in proportion to weights that add up to exactly `total` (largest remainder). */
function apportion(weights: readonly number[], total: number): number[] {
  const w = sum(weights);
  const exact = weights.map((x) => (x / w) * total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = total - sum(out);
  for (let k = 0; k < missing; k++) out[order[k % order.length]![1]]!++;
  return out;
}

/** The movers' age profile of each kind of town, 0 … MAX_AGE. */
const MOVERS = Object.fromEntries(
  Object.entries(TOWN_RATES).map(([kind, r]) => [kind, Array.from({ length: AGES }, (_, a) => interpolate(r.movers, a))]),
) as Record<VillageProfile['town']['kind'], number[]>;

const NO_EVENTS: MonthEvents = { birthsM: 0, birthsF: 0, deathsM: 0, deathsF: 0, marriages: 0, divorces: 0, movedIn: 0, movedOut: 0 };

function householdSize(p: VillageProfile, seed: number, index: number): number {
  const r = TOWN_RATES[p.town.kind];
  const own = 1 + 0.035 * normal(streamOf(seed, 'population', 'household-size', p.village.code));
  return r.householdSize * (1 + 0.08 * (p.youth - 0.5)) * own * (1 - r.householdShrink) ** (index / 12);
}

/** The people at the end of the month before EPOCH_MONTH. */
function initialVillages(seed: number): VillageState[] {
  return VILLAGE_PROFILES.map((p) => {
    const rng = streamOf(seed, 'population', 'start', p.village.code);
    const townSize = sum(VILLAGE_PROFILES.filter((q) => q.town.code === p.town.code).map((q) => q.size));
    const people = Math.round((TOWN_RATES[p.town.kind].startPeople * p.size) / townSize);
    const w = ageWeights(p).map((x) => x * Math.max(0.5, 1 + 0.07 * normal(rng)));
    const bins = apportion(
      w.flatMap((x, age) => [x * maleShare(age, p.town.kind), x * (1 - maleShare(age, p.town.kind))]),
      people,
    );
    const male = Array.from({ length: AGES }, (_, a) => bins[2 * a]!);
    const female = Array.from({ length: AGES }, (_, a) => bins[2 * a + 1]!);
    return { code: p.village.code, townCode: p.town.code, name: p.village.name, households: 0, male, female, events: NO_EVENTS };
  });
}

/** A year older for one in twelve of each age (at random which). */
function age(rng: Rng, n: number[]): void {
  for (let a = MAX_AGE - 1; a >= 0; a--) {
    const k = n[a]!;
    const moving = Math.floor(k / 12) + (rng() < (k % 12) / 12 ? 1 : 0);
    n[a] = k - moving;
    n[a + 1]! += moving;
  }
}

/** Monthly probability of dying by sex and age, per kind of town. */
const MONTHLY_DEATH = Object.fromEntries(
  Object.entries(TOWN_RATES).map(([kind, r]) => [
    kind,
    { m: Array.from({ length: AGES }, (_, a) => deathRate(a, 'm', r.mortality) / 12), f: Array.from({ length: AGES }, (_, a) => deathRate(a, 'f', r.mortality) / 12) },
  ]),
) as Record<VillageProfile['town']['kind'], { m: number[]; f: number[] }>;

function die(rng: Rng, n: number[], rates: readonly number[], season: number): number {
  let mean = 0;
  for (let a = 0; a < AGES; a++) {
    WEIGHTS[a] = n[a]! * rates[a]!;
    mean += WEIGHTS[a]!;
  }
  const drawn = allocate(rng, AGES, poisson(rng, mean * season), (a) => n[a]!);
  for (let a = 0; a < AGES; a++) n[a]! -= PICKS[a]!;
  return drawn;
}

const peopleOf = (v: VillageState): number => sum(v.male) + sum(v.female);

function moveOut(rng: Rng, v: VillageState, p: VillageProfile): number {
  const profile = MOVERS[p.town.kind];
  for (let a = 0; a < AGES; a++) {
    WEIGHTS[a] = v.male[a]! * profile[a]!;
    WEIGHTS[AGES + a] = v.female[a]! * profile[a]!;
  }
  const drawn = allocate(rng, 2 * AGES, poisson(rng, peopleOf(v) * TOWN_RATES[p.town.kind].moveOutRate), (i) => (i < AGES ? v.male[i]! : v.female[i - AGES]!));
  for (let a = 0; a < AGES; a++) {
    v.male[a]! -= PICKS[a]!;
    v.female[a]! -= PICKS[AGES + a]!;
  }
  return drawn;
}

function moveIn(rng: Rng, v: VillageState, p: VillageProfile): number {
  const r = TOWN_RATES[p.town.kind];
  const rate = Math.max(0, r.moveOutRate + p.netMigration / 12);
  const profile = MOVERS[p.town.kind];
  for (let a = 0; a < AGES; a++) {
    WEIGHTS[a] = profile[a]! * r.inMale;
    WEIGHTS[AGES + a] = profile[a]! * (1 - r.inMale);
  }
  const drawn = allocate(rng, 2 * AGES, poisson(rng, peopleOf(v) * rate));
  for (let a = 0; a < AGES; a++) {
    v.male[a]! += PICKS[a]!;
    v.female[a]! += PICKS[AGES + a]!;
  }
  return drawn;
}

function mothers(v: VillageState): number {
  let n = 0;
  for (let a = 22; a <= 42; a++) n += v.female[a]!;
  return n;
}

interface TownSoFar {
  people: number;
  mothers: number;
}

/** One village's month: a twelfth of each age a year older, then deaths, moves out and in, births; marriages and divorces counted. */
function stepVillage(before: VillageState, p: VillageProfile, month: string, index: number, town: TownSoFar, seed: number): VillageState {
  const r = TOWN_RATES[p.town.kind];
  const calendarMonth = Number(month.slice(5)) - 1;
  const rng = streamOf(seed, 'population', month, p.village.code);
  const v: VillageState = { ...before, male: [...before.male], female: [...before.female] };
  const people = peopleOf(v);
  age(rng, v.male);
  age(rng, v.female);
  const deathsM = die(rng, v.male, MONTHLY_DEATH[p.town.kind].m, SEASON.deaths[calendarMonth]!);
  const deathsF = die(rng, v.female, MONTHLY_DEATH[p.town.kind].f, SEASON.deaths[calendarMonth]!);
  const movedOut = moveOut(rng, v, p);
  const movedIn = moveIn(rng, v, p);
  // the town's births, shared by the villages as their women of 22–42 are
  const townBirths = r.birthRate * town.people * SEASON.births[calendarMonth]!;
  const births = poisson(rng, (townBirths * mothers(before)) / Math.max(1, town.mothers));
  let birthsM = 0;
  for (let b = 0; b < births; b++) if (rng() < r.boys) birthsM++;
  v.male[0]! += birthsM;
  v.female[0]! += births - birthsM;
  const marriages = poisson(rng, ((people * r.marriageRate) / 12) * SEASON.marriages[calendarMonth]!);
  const divorces = poisson(rng, (people * r.divorceRate) / 12);
  v.households = Math.max(1, Math.round(peopleOf(v) / householdSize(p, seed, index)));
  v.events = { birthsM, birthsF: births - birthsM, deathsM, deathsF, marriages, divorces, movedIn, movedOut };
  return v;
}

function step(prev: ModelMonth, index: number, seed: number): ModelMonth {
  const month = monthAt(index);
  const towns = new Map<string, TownSoFar>();
  for (const v of prev.villages) {
    const t = towns.get(v.townCode) ?? { people: 0, mothers: 0 };
    towns.set(v.townCode, { people: t.people + peopleOf(v), mothers: t.mothers + mothers(v) });
  }
  const villages = prev.villages.map((before, i) => stepVillage(before, VILLAGE_PROFILES[i]!, month, index, towns.get(before.townCode)!, seed));
  return { month, villages };
}

const runs = new Map<number, ModelMonth[]>();

/** The model's month (computed once per seed and cached); throws for a month before EPOCH_MONTH or not YYYY-MM. */
export function modelMonth(month: string, seed = DEFAULT_SEED): ModelMonth {
  const index = monthIndex(month);
  if (index === null || index < 0) throw new RangeError(`population generator: ${month} is not a month from ${EPOCH_MONTH} on`);
  if (index > 12 * 60) throw new RangeError(`population generator: ${month} is too far ahead`);
  let run = runs.get(seed);
  if (!run) {
    run = [];
    runs.set(seed, run);
  }
  while (run.length <= index) {
    const prev = run[run.length - 1] ?? { month: monthAt(-1), villages: initialVillages(seed) };
    run.push(step(prev, run.length, seed));
  }
  return run[index]!;
}
