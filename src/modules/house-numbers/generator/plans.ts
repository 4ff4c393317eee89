import { DEMO_TOWNS, DEMO_VILLAGES } from '../../../demo/villages.js';

/**
 * What the generator is told about each village: where it is, how many
 * house numbers to make, and the roads (urban) or the places (mountain)
 * they are numbered on. The demo's plans are below; bench/address makes
 * many more villages the same way.
 *
 * Mountain villages in 尖石鄉 mostly have no named roads: a house there is
 * 嘉樂村1鄰12號 on the door. The register still needs a 街路 cell, so the
 * generator writes the place (部落) the house stands in as the road —
 * 嘉樂村1鄰嘉樂12號, 錦屏村5鄰那羅21號 — which is what the register
 * does for addresses named after a locality, and what a look-up of
 * 「嘉樂12號」 or 「尖石鄉嘉樂村1鄰12號」 then finds (by village, 鄰 and number).
 */
export interface VillagePlan {
  code: string;
  name: string;
  townCode: string;
  /** short town name for document numbers: 竹北, 尖石 */
  townShort: string;
  centre: [number, number];
  kind: 'urban' | 'mountain';
  /** house numbers to make (floors and history rows come on top) */
  points: number;
  /** urban: roads with 段 written in (嘉豐南路一段); mountain: the places the houses stand in */
  roads: readonly string[];
  /** the years houses here were first numbered (初編) */
  era: [number, number];
  /** [minLon, minLat, maxLon, maxLat] the town is drawn in */
  box: [number, number, number, number];
  /** metres from the centre its numbers may stand */
  reach: number;
}

/** Inside the reach the generated village boundaries promise (500 m urban, 2 km mountain), with a margin. */
export const REACH_M = { urban: 470, mountain: 1900 } as const;

/** The 2019 renumbering (整編) of the first stretch of 光明六路 in 竹北里: old numbers with 之 became a plain sequence. */
export interface RenumberingPlan {
  villageCode: string;
  road: string;
  /** how many of the stretch's numbers were renumbered */
  numbers: number;
  date: string;
  docNo: string;
}

const ZHUBEI_ROADS: Record<string, readonly string[]> = {
  竹北里: ['光明六路', '中正西路', '博愛街', '文化街'],
  竹仁里: ['中正東路', '光明五路', '仁愛街'],
  竹義里: ['中華路', '光明一路', '三民路'],
  新社里: ['中正西路', '光明二路', '新社街'],
  新國里: ['福興東路一段', '光明三路', '中華路'],
  泰和里: ['長青路', '三民路', '泰和路'],
  東平里: ['縣政二路', '縣政五路', '光明六路'],
  東海里: ['嘉豐南路一段', '自強南路', '成功七街'],
  鹿場里: ['自強南路', '嘉豐南路二段', '成功八路'],
  斗崙里: ['縣政九路', '莊敬北路', '光明六路'],
  北崙里: ['環北路一段', '福興東路一段', '北崙街'],
  中興里: ['嘉豐南路二段', '中興街'],
  福德里: ['福興路', '莊敬北路'],
  隘口里: ['隘口二路', '福興路'],
  十興里: ['十興路', '自強南路'],
  崇義里: ['中正西路', '崇義街'],
  白地里: ['環北路二段', '白地街'],
  大義里: ['長青路', '大義路'],
  文化里: ['文化街', '縣政二路', '博愛街'],
  聯興里: ['環北路二段', '聯興路'],
  溪州里: ['溪州路', '環北路二段'],
  北興里: ['環北路一段', '北興街'],
  新庄里: ['新庄街', '長青路'],
  麻園里: ['麻園路', '新庄街'],
  中崙里: ['福興東路一段', '中崙街'],
  尚義里: ['尚義街', '崇義街'],
  東興里: ['臺元街', '東興路', '光明六路'],
  興安里: ['興安街', '十興路'],
  新港里: ['新港路', '白地街'],
};

/** Downtown villages are denser. */
const ZHUBEI_SIZE: Record<string, number> = { 竹北里: 360, 竹仁里: 320, 竹義里: 320, 新社里: 300, 新國里: 280, 東平里: 300, 東海里: 280, 斗崙里: 280, 鹿場里: 260, 文化里: 260 };
const ZHUBEI_ERA: Record<string, [number, number]> = { 竹北里: [1965, 2005], 竹仁里: [1965, 2005], 竹義里: [1965, 2005], 新社里: [1970, 2010], 東平里: [1998, 2022], 斗崙里: [1998, 2022], 東海里: [1995, 2020], 鹿場里: [1995, 2020] };

const JIANSHI_PLACES: Record<string, readonly string[]> = {
  新樂村: ['新樂', '水田'],
  嘉樂村: ['嘉樂', '嘉興'],
  義興村: ['義興', '馬胎'],
  錦屏村: ['那羅', '錦屏'],
  梅花村: ['梅花', '控溪'],
  玉峰村: ['玉峰', '宇老', '司馬庫斯'],
  秀巒村: ['秀巒', '泰崗', '田埔'],
};
const JIANSHI_SIZE: Record<string, number> = { 新樂村: 130, 嘉樂村: 170, 義興村: 110, 錦屏村: 120, 梅花村: 90, 玉峰村: 90, 秀巒村: 90 };

function townBox(townCode: string): [number, number, number, number] {
  const t = DEMO_TOWNS.find((x) => x.code === townCode);
  if (!t) throw new Error(`unknown town ${townCode}`);
  return [t.centre[0] - t.extent[0], t.centre[1] - t.extent[1], t.centre[0] + t.extent[0], t.centre[1] + t.extent[1]];
}

/** The demo's villages: about 6,000 numbers in 竹北市 and 800 in 尖石鄉. */
export function demoPlans(): VillagePlan[] {
  return DEMO_VILLAGES.map((v) => {
    const zhubei = v.townCode === '10004010';
    // a village this table does not know (the demo list grew) gets roads named after itself
    const stem = v.name.slice(0, -1);
    const roads = (zhubei ? ZHUBEI_ROADS[v.name] : JIANSHI_PLACES[v.name]) ?? (zhubei ? [`${stem}路`, `${stem}街`] : [stem]);
    return {
      code: v.code,
      name: v.name,
      townCode: v.townCode,
      townShort: zhubei ? '竹北' : '尖石',
      centre: v.centre,
      kind: zhubei ? 'urban' : 'mountain',
      points: zhubei ? (ZHUBEI_SIZE[v.name] ?? 150) : (JIANSHI_SIZE[v.name] ?? 100),
      roads,
      era: zhubei ? (ZHUBEI_ERA[v.name] ?? [1975, 2015]) : [1968, 2012],
      box: townBox(v.townCode),
      reach: REACH_M[zhubei ? 'urban' : 'mountain'],
    };
  });
}

export const DEMO_RENUMBERING: RenumberingPlan = { villageCode: '10004010001', road: '光明六路', numbers: 24, date: '2019-07-01', docNo: '竹北戶字第1080004512號' };
