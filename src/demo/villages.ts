/**
 * The demo county's two towns and their villages, for the generated
 * population files, village boundaries and house-number register (issue 18).
 * Names are the towns' villages as published; the 3-digit village codes are
 * given in this list's order and the centres are approximate: both are
 * generated for the demo, not the official register (docs say so).
 */
export interface DemoTown {
  code: string; // 8 digits
  name: string;
  nameEn: string;
  /** the demo office serving it */
  officeCode: string;
  areaKm2: number;
  /** [lon, lat] of the town's centre and a rough half-extent in degrees */
  centre: [number, number];
  extent: [number, number];
  kind: 'urban' | 'mountain';
}

export interface DemoVillage {
  code: string; // 11 digits
  townCode: string;
  name: string;
  /** [lon, lat], approximate */
  centre: [number, number];
}

export const DEMO_TOWNS: readonly DemoTown[] = [
  { code: '10004010', name: '竹北市', nameEn: 'Zhubei City', officeCode: 'zhubei', areaKm2: 46.83, centre: [121.01, 24.835], extent: [0.045, 0.035], kind: 'urban' },
  { code: '10004120', name: '尖石鄉', nameEn: 'Jianshi Township', officeCode: 'jianshi', areaKm2: 527.58, centre: [121.27, 24.64], extent: [0.12, 0.12], kind: 'mountain' },
];

/**
 * 竹北市 has 31 villages (里別 as the town's own page lists them, quoted on
 * factpedia.org「新竹縣竹北市」; 北興里 and 崇義里 also in the 2023 reports
 * on 竹北's 鄰里整編): the 29 below plus 新崙里 and 大眉里, left out to keep
 * the demo's codes. Corrected from that list: 溪州里 (was 溪洲里) and 北興里
 * (was 北崁里, which neither source has).
 */
const ZHUBEI: [string, number, number][] = [
  ['竹北里', 121.012, 24.838], ['竹仁里', 121.017, 24.835], ['竹義里', 121.008, 24.834], ['新社里', 121.001, 24.84],
  ['新國里', 121.02, 24.842], ['泰和里', 121.005, 24.828], ['東平里', 121.03, 24.83], ['東海里', 121.036, 24.822],
  ['鹿場里', 121.025, 24.818], ['斗崙里', 121.045, 24.835], ['北崙里', 121.015, 24.85], ['中興里', 121.042, 24.815],
  ['福德里', 121.05, 24.825], ['隘口里', 121.055, 24.81], ['十興里', 121.034, 24.808], ['崇義里', 120.985, 24.838],
  ['白地里', 120.975, 24.85], ['大義里', 120.99, 24.825], ['文化里', 121.022, 24.828], ['聯興里', 120.995, 24.86],
  ['溪州里', 120.98, 24.865], ['北興里', 121.005, 24.855], ['新庄里', 120.995, 24.812], ['麻園里', 120.985, 24.805],
  ['中崙里', 121.03, 24.85], ['尚義里', 120.97, 24.83], ['東興里', 121.04, 24.845], ['興安里', 121.025, 24.805],
  ['新港里', 120.968, 24.845],
];

const JIANSHI: [string, number, number][] = [
  ['新樂村', 121.215, 24.74], ['嘉樂村', 121.2, 24.705], ['義興村', 121.25, 24.72], ['錦屏村', 121.285, 24.68],
  ['梅花村', 121.245, 24.655], ['玉峰村', 121.33, 24.6], ['秀巒村', 121.3, 24.545],
];

function villagesOf(townCode: string, list: [string, number, number][]): DemoVillage[] {
  return list.map(([name, lon, lat], i) => ({ code: `${townCode}${String(i + 1).padStart(3, '0')}`, townCode, name, centre: [lon, lat] }));
}

export const DEMO_VILLAGES: readonly DemoVillage[] = [...villagesOf('10004010', ZHUBEI), ...villagesOf('10004120', JIANSHI)];
