/**
 * The county bench/address imports: the demo's generator (the same roads,
 * lanes, 之 numbers, floors and history), scaled to N house numbers over
 * many made-up villages — about 1,250 numbers a village, 20 villages a
 * town, on a grid of village centres 1.2 km apart in southern Taiwan, a
 * tenth of them mountain villages numbered by place — with every third
 * town's first road renumbered (整編) in 2019.
 */
import { REACH_M, type RenumberingPlan, type VillagePlan } from '../src/modules/house-numbers/generator/plans.js';
import { generateRegister } from '../src/modules/house-numbers/generator/register.js';
import type { GenRow } from '../src/modules/house-numbers/generator/points.js';

const STEMS = [
  '中山', '中正', '民生', '民權', '民族', '復興', '和平', '信義', '仁愛', '忠孝', '建國', '成功', '自由', '光復', '大同', '文化', '公園', '勝利', '青年', '博愛',
  '新生', '長春', '永康', '中華', '三民', '五福', '四維', '自強', '光明', '明德', '育英', '福德', '興隆', '太平', '延平', '府前', '站前', '臺糖', '東臺', '港墘',
];
// not the bare name of any town (石門, 田寮, 後壁 would read as 石門區 …)
const PLACES = ['山腳', '坑口', '頂寮', '下厝', '溪底', '崙仔', '大坪', '社寮', '水尾', '中坑', '番社', '埔頂'];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Every road name a town has: 中山路, 中山街, 中山一路 …, 中山路一段 …, in a fixed order. */
function townRoads(town: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 14; i++) {
    const stem = STEMS[(town * 7 + i) % STEMS.length] as string;
    const form = (town + i) % 4;
    if (form === 0) out.push(`${stem}路`, `${stem}街`);
    else if (form === 1) for (let k = 0; k < 4; k++) out.push(`${stem}${CN[k]}路`);
    else if (form === 2) for (let k = 0; k < 3; k++) out.push(`${stem}路${CN[k]}段`);
    else out.push(`${stem}街`, `${stem}${CN[i % 9]}街`);
  }
  return out;
}

const VILLAGE_POINTS = 1250;
const TOWN_SIZE = 20;
const COLUMNS = 40;

export function benchPlans(points: number): { plans: VillagePlan[]; renumberings: RenumberingPlan[] } {
  const villages = Math.max(2, Math.ceil(points / VILLAGE_POINTS));
  const per = Math.round(points / villages);
  const plans: VillagePlan[] = [];
  const renumberings: RenumberingPlan[] = [];
  for (let i = 0; i < villages; i++) {
    const town = Math.floor(i / TOWN_SIZE);
    const townCode = `10099${String(town + 1).padStart(3, '0')}`;
    const code = `${townCode}${String((i % TOWN_SIZE) + 1).padStart(3, '0')}`;
    const mountain = i % 10 === 9;
    const roads = townRoads(town);
    const mine = mountain ? [PLACES[i % PLACES.length] as string, PLACES[(i + 5) % PLACES.length] as string] : [0, 1, 2, 3, 4].map((k) => roads[((i % TOWN_SIZE) * 2 + k * 3) % roads.length] as string);
    const centre: [number, number] = [120.3 + (i % COLUMNS) * 0.012, 22.62 + Math.floor(i / COLUMNS) * 0.011];
    plans.push({
      code,
      name: `第${i + 1}${mountain ? '村' : '里'}`,
      townCode,
      townShort: `鎮${town + 1}`,
      centre,
      kind: mountain ? 'mountain' : 'urban',
      points: per,
      roads: mine,
      era: mountain ? [1965, 2010] : [1970, 2022],
      box: [119.5, 21.9, 122.0, 25.3],
      reach: REACH_M[mountain ? 'mountain' : 'urban'],
    });
    if (i % (TOWN_SIZE * 3) === 0 && !mountain) renumberings.push({ villageCode: code, road: mine[0] as string, numbers: 30, date: '2019-07-01', docNo: `鎮${town + 1}戶字第1080000001號` });
  }
  return { plans, renumberings };
}

/** The bench county's register rows (about `points` current numbers, plus history). */
export function benchRegister(points: number): GenRow[] {
  return generateRegister({ ...benchPlans(points), seed: 7 });
}
