/**
 * One month of the demo's generated population figures as the three tables
 * of the Ministry's monthly files (formats.ts): households and people by sex,
 * people by single year of age and sex, and the month's vital events and
 * moves, one row a village. GENERATED for the demo, not official figures.
 */
import { DEMO_TOWNS } from '../../../demo/villages.js';
import { MAX_AGE } from '../formats.js';
import { DEFAULT_SEED, type MonthEvents, modelMonth, sum, type VillageState } from './model.js';
import { COUNTY_NAME } from './profiles.js';

export interface RowPlace {
  /** YYYY-MM */
  month: string;
  /** 11 digits for a village, 8 for a town total row */
  code: string;
  /** 新竹縣竹北市 */
  site: string;
  /** the village's name; 合計 on a town total row */
  village: string;
}

export interface HouseholdRow extends RowPlace {
  households: number;
  people: number;
  male: number;
  female: number;
}

export interface AgeRow extends RowPlace {
  /** index 0 … MAX_AGE; the last is "100 and over" */
  male: number[];
  female: number[];
}

export interface EventRow extends RowPlace, MonthEvents {}

export interface PopulationMonth {
  month: string;
  households: HouseholdRow[];
  ages: AgeRow[];
  events: EventRow[];
}

export interface GenerateOptions {
  seed?: number;
  /** a town total row (village 合計, 8-digit code) before each town's villages */
  withTotals?: boolean;
}

export const TOTAL_ROW_NAME = '合計';

const townOf = (code: string) => DEMO_TOWNS.find((t) => t.code === code)!;

function placeOf(month: string, v: VillageState): RowPlace {
  return { month, code: v.code, site: `${COUNTY_NAME}${townOf(v.townCode).name}`, village: v.name };
}

const addVectors = (rows: number[][]): number[] => Array.from({ length: MAX_AGE + 1 }, (_, a) => sum(rows.map((r) => r[a]!)));

function totalRow<R extends RowPlace>(month: string, townCode: string, rows: R[], add: (rows: R[]) => Omit<R, keyof RowPlace>): R {
  const place: RowPlace = { month, code: townCode, site: `${COUNTY_NAME}${townOf(townCode).name}`, village: TOTAL_ROW_NAME };
  return { ...place, ...add(rows) } as R;
}

/** Each town's total row followed by its villages. */
function withTownTotals<R extends RowPlace>(month: string, rows: R[], add: (rows: R[]) => Omit<R, keyof RowPlace>): R[] {
  return DEMO_TOWNS.flatMap((t) => {
    const own = rows.filter((r) => r.code.startsWith(t.code));
    return own.length ? [totalRow(month, t.code, own, add), ...own] : [];
  });
}

const EVENT_KEYS = ['birthsM', 'birthsF', 'deathsM', 'deathsF', 'marriages', 'divorces', 'movedIn', 'movedOut'] as const;

/** The month's three tables (rows by village in code order; town totals first when asked). */
export function generatePopulationMonth(month: string, opts: GenerateOptions = {}): PopulationMonth {
  const model = modelMonth(month, opts.seed ?? DEFAULT_SEED);
  let households: HouseholdRow[] = model.villages.map((v) => {
    const male = sum(v.male);
    const female = sum(v.female);
    return { ...placeOf(month, v), households: v.households, people: male + female, male, female };
  });
  let ages: AgeRow[] = model.villages.map((v) => ({ ...placeOf(month, v), male: [...v.male], female: [...v.female] }));
  let events: EventRow[] = model.villages.map((v) => ({ ...placeOf(month, v), ...v.events }));
  if (opts.withTotals) {
    households = withTownTotals(month, households, (rs) => ({
      households: sum(rs.map((r) => r.households)),
      people: sum(rs.map((r) => r.people)),
      male: sum(rs.map((r) => r.male)),
      female: sum(rs.map((r) => r.female)),
    }));
    ages = withTownTotals(month, ages, (rs) => ({ male: addVectors(rs.map((r) => r.male)), female: addVectors(rs.map((r) => r.female)) }));
    events = withTownTotals(month, events, (rs) => Object.fromEntries(EVENT_KEYS.map((k) => [k, sum(rs.map((r) => r[k]))])) as unknown as MonthEvents);
  }
  return { month, households, ages, events };
}

/** Is this row a town total (8-digit code)? */
export const isTotalRow = (r: RowPlace): boolean => r.code.length === 8;
