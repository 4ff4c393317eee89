/**
 * The assumptions behind the demo's generated population figures (not
 * official statistics): how big each village is, how young, how fast it
 * grows, and each town's rates. Figures are tuned to look like the towns
 * (竹北市 ≈ 210,000 people and 75,000 households in 2026, ≈ 190 births a
 * month, young and growing by in-migration; 尖石鄉 ≈ 9,700 people and 3,300
 * households, Atayal mountain villages, older, slowly shrinking), not taken
 * from the Ministry's files.
 */
import { DEMO_TOWNS, DEMO_VILLAGES, type DemoTown, type DemoVillage } from '../../../demo/villages.js';
import { MAX_AGE } from '../formats.js';

export const COUNTY_NAME = '新竹縣';

/** The first month the model can give; every later month follows from it. */
export const EPOCH_MONTH = '2019-01';

export interface TownRates {
  /** people at EPOCH_MONTH (the model grows it from there) */
  startPeople: number;
  /** births a month per person (× seasonality) */
  birthRate: number;
  /** share of births that are boys */
  boys: number;
  /** multiplies the age-specific death rates */
  mortality: number;
  /** moves out a month per person (gross); moves in = this + the village's net rate */
  moveOutRate: number;
  /** marriages and divorces a year per person */
  marriageRate: number;
  divorceRate: number;
  /** people per household at EPOCH_MONTH, shrinking by householdShrink a year */
  householdSize: number;
  householdShrink: number;
  /** share of men among in-movers */
  inMale: number;
  /** age profile of movers: [age, weight] knots */
  movers: [number, number][];
}

export const TOWN_RATES: Record<DemoTown['kind'], TownRates> = {
  urban: {
    startPeople: 181_000,
    birthRate: 190 / 210_000,
    boys: 0.516,
    mortality: 0.8,
    moveOutRate: 0.0062,
    marriageRate: 0.0068,
    divorceRate: 0.0023,
    householdSize: 2.84,
    householdShrink: 0.006,
    inMale: 0.5,
    movers: [[0, 1.4], [8, 1.0], [14, 0.45], [19, 0.7], [24, 1.5], [28, 2.7], [36, 2.5], [42, 1.3], [50, 0.6], [60, 0.35], [75, 0.2], [85, 0.08], [95, 0.01], [100, 0.002]],
  },
  mountain: {
    startPeople: 10_150,
    birthRate: 7.4 / 9_700,
    boys: 0.515,
    mortality: 1.35,
    moveOutRate: 0.0034,
    marriageRate: 0.0052,
    divorceRate: 0.0031,
    householdSize: 2.94,
    householdShrink: 0.005,
    inMale: 0.51,
    movers: [[0, 0.6], [15, 0.7], [19, 1.6], [24, 1.9], [32, 1.4], [45, 1.0], [60, 0.8], [75, 0.4], [85, 0.12], [95, 0.01], [100, 0.002]],
  },
};

/**
 * Age structure knots ([age, relative people per single year]) for an old,
 * rural village (youth 0) and a new, young one (youth 1); a village blends
 * the two. Mountain villages use their own pair: flatter, more old people.
 */
export const AGE_KNOTS: Record<DemoTown['kind'], { old: [number, number][]; young: [number, number][] }> = {
  urban: {
    old: [[0, 0.62], [10, 0.72], [19, 0.82], [28, 0.95], [40, 1.0], [50, 1.12], [60, 1.15], [68, 0.95], [76, 0.6], [85, 0.28], [92, 0.06], [96, 0.02], [100, 0.004]],
    young: [[0, 1.7], [6, 2.0], [12, 1.45], [18, 0.9], [24, 0.9], [29, 1.8], [34, 2.35], [41, 2.1], [48, 1.4], [54, 1.05], [60, 0.8], [68, 0.5], [76, 0.26], [85, 0.1], [92, 0.02], [96, 0.006], [100, 0.001]],
  },
  mountain: {
    old: [[0, 0.8], [12, 0.88], [20, 0.8], [30, 0.74], [42, 0.92], [52, 1.02], [60, 0.9], [68, 0.68], [76, 0.4], [84, 0.18], [92, 0.04], [96, 0.012], [100, 0.002]],
    young: [[0, 1.1], [12, 1.08], [20, 0.92], [30, 0.84], [42, 0.98], [52, 0.98], [60, 0.8], [68, 0.55], [76, 0.3], [84, 0.13], [92, 0.025], [96, 0.008], [100, 0.001]],
  },
};

export interface VillageProfile {
  village: DemoVillage;
  town: DemoTown;
  /** relative size within its town */
  size: number;
  /** 0 old and rural … 1 new and young */
  youth: number;
  /** net migration a year as a share of its people */
  netMigration: number;
}

/** [size, youth, net migration a year] by village name. */
const VILLAGE_TRAITS: Record<string, [number, number, number]> = {
  // 竹北市: the old town centre, the 六家/高鐵 new towns in the east, farming villages by the sea in the west
  竹北里: [9, 0.5, 0.0031], 竹仁里: [8, 0.45, 0.0015], 竹義里: [8, 0.5, 0.0031], 新社里: [10, 0.6, 0.0076],
  新國里: [9, 0.6, 0.0107], 泰和里: [7, 0.5, 0.0061], 東平里: [10, 0.9, 0.0275], 東海里: [7, 0.85, 0.0214],
  鹿場里: [9, 0.95, 0.0345], 斗崙里: [8, 0.8, 0.0214], 北崙里: [5, 0.7, 0.0138], 中興里: [11, 0.85, 0.0245],
  福德里: [4, 0.6, 0.0107], 隘口里: [9, 0.95, 0.0345], 十興里: [10, 0.9, 0.0275], 崇義里: [6, 0.7, 0.0138],
  白地里: [2.5, 0.1, -0.0039], 大義里: [5, 0.55, 0.0076], 文化里: [6, 0.55, 0.0061], 聯興里: [3, 0.2, 0],
  溪州里: [2.5, 0.15, -0.0024], 北興里: [6, 0.6, 0.0107], 新庄里: [4, 0.4, 0.0039], 麻園里: [3, 0.3, 0.0024],
  中崙里: [7, 0.75, 0.0184], 尚義里: [4, 0.4, 0.0039], 東興里: [10, 0.95, 0.0345], 興安里: [5, 0.75, 0.0153],
  新港里: [2, 0.1, -0.0061],
  // 尖石鄉: 前山 (嘉樂, 新樂, 義興 near 內灣 and 竹東) and 後山 (玉峰, 秀巒, the upper 泰崗溪 valleys)
  新樂村: [1.75, 0.5, -0.004], 嘉樂村: [2.35, 0.65, 0.002], 義興村: [1.3, 0.45, -0.006], 錦屏村: [1.0, 0.35, -0.006],
  梅花村: [0.95, 0.4, -0.006], 玉峰村: [1.2, 0.4, -0.008], 秀巒村: [1.35, 0.45, -0.007],
};

export const VILLAGE_PROFILES: readonly VillageProfile[] = DEMO_VILLAGES.map((village) => {
  const town = DEMO_TOWNS.find((t) => t.code === village.townCode);
  if (!town) throw new Error(`demo village ${village.code} has no town`);
  const [size, youth, netMigration] = VILLAGE_TRAITS[village.name] ?? [3, 0.5, 0];
  return { village, town, size, youth, netMigration };
});

/** Linear interpolation through [x, y] knots sorted by x. */
export function interpolate(knots: readonly [number, number][], x: number): number {
  const first = knots[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i]!;
    if (x <= x1) {
      const [x0, y0] = knots[i - 1]!;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return knots[knots.length - 1]![1];
}

/** Relative number of people of each age 0…MAX_AGE in a village. */
export function ageWeights(p: VillageProfile): number[] {
  const k = AGE_KNOTS[p.town.kind];
  return Array.from({ length: MAX_AGE + 1 }, (_, age) => (1 - p.youth) * interpolate(k.old, age) + p.youth * interpolate(k.young, age));
}

/** Yearly probability of dying at an age, by sex (a Gompertz curve near Taiwan's life table), times the town's factor. */
export function deathRate(age: number, sex: 'm' | 'f', townFactor: number): number {
  const gompertz = 0.00004 * Math.exp(0.088 * age);
  // past 90 the curve alone lets the open 100+ class fill up year after year: Taiwan's life table is steeper there
  const base = age === 0 ? 0.004 : age < 5 ? 0.0003 : age >= 90 ? Math.max(gompertz, 0.25 + 0.04 * (age - 90)) : gompertz;
  return Math.min(0.6, base * (sex === 'm' ? 1.45 : 0.72) * townFactor);
}

/** Share of men at an age in the starting population. */
export function maleShare(age: number, kind: DemoTown['kind']): number {
  if (age < 20) return 0.515;
  if (age < 60) return kind === 'mountain' ? 0.52 : 0.5;
  return Math.max(0.38, (kind === 'mountain' ? 0.51 : 0.49) - (age - 60) * 0.004);
}

/** Seasonal factors, January first: births (slightly more in autumn), deaths (winter), marriages (few in 鬼月, about August; many before 春節). */
export const SEASON = {
  births: [0.98, 0.88, 0.98, 0.95, 1.0, 0.97, 1.03, 1.04, 1.03, 1.08, 1.04, 1.02],
  deaths: [1.18, 1.1, 1.04, 0.98, 0.95, 0.92, 0.93, 0.94, 0.92, 0.96, 1.0, 1.08],
  marriages: [1.35, 0.85, 0.85, 0.9, 0.95, 0.85, 0.8, 0.5, 0.9, 1.25, 1.25, 1.55],
} as const;
