import { chance, intBetween, type Rng, streamOf } from '../../../demo/activity-random.js';
import type { AddressParts } from '../address.js';
import type { Placer } from './geometry.js';
import type { VillagePlan } from './plans.js';

/** The event words as the register writes them. */
export type EventWord = '初編' | '改編' | '整編' | '廢止';

/** One generated register row; `prev` is the row it replaced (written as previous_id), ids are given when the file is written. */
export interface GenRow {
  id: string;
  villageCode: string;
  village: string;
  neighbourhood: number;
  parts: AddressParts;
  x: number;
  y: number;
  state: 'current' | 'retired';
  event: EventWord;
  date: string;
  docNo: string;
  prev: GenRow | null;
}

const NONE: Omit<AddressParts, 'road' | 'section' | 'number'> = { lane: '', alley: '', numberSub: '', floor: '', floorSub: '' };

/** 嘉豐南路一段 → 嘉豐南路, 一 */
export function roadParts(written: string): { road: string; section: string } {
  const m = /^(.+?)([一二三四五六七八九十]+)段$/.exec(written);
  return m ? { road: m[1] as string, section: m[2] as string } : { road: written, section: '' };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A date in the years given, as YYYY-MM-DD. */
export function dateIn(rng: Rng, from: number, to: number): string {
  return `${intBetween(rng, from, to)}-${pad(intBetween(rng, 1, 12), 2)}-${pad(intBetween(rng, 1, 28), 2)}`;
}

/** 竹北戶字第0850012345號: the office, the ROC year and a serial. */
export function docNoFor(rng: Rng, townShort: string, date: string): string {
  return `${townShort}戶字第${pad(Number(date.slice(0, 4)) - 1911, 3)}${pad(intBetween(rng, 1, 99_999), 7)}號`;
}

/** The numbers a village makes, and the next free number of every road (roads run through several villages). */
interface VillageRun {
  plan: VillagePlan;
  rng: Rng;
  placer: Placer;
  rows: GenRow[];
  hoods: number;
  /** rows per 鄰 */
  perHood: number;
}

function makeRow(v: VillageRun, road: string, parts: Partial<AddressParts> & { number: string }, x: number, y: number, hood: number, date: string): GenRow {
  const [px, py] = v.placer.place(v.plan.code, x, y);
  const rp = roadParts(road);
  return {
    id: '',
    villageCode: v.plan.code,
    village: v.plan.name,
    neighbourhood: hood,
    parts: { ...NONE, ...rp, ...parts },
    x: Math.round(px * 100) / 100,
    y: Math.round(py * 100) / 100,
    state: 'current',
    event: '初編',
    date,
    docNo: docNoFor(v.rng, v.plan.townShort, date),
    prev: null,
  };
}

const hoodOf = (v: VillageRun) => Math.min(v.hoods, 1 + Math.floor(v.rows.length / v.perHood));

/** Apartment floors of one number: 2樓 … 5樓, some with 之1. */
function floors(v: VillageRun, road: string, number: string, x: number, y: number, date: string) {
  const top = intBetween(v.rng, 3, 7);
  const hood = hoodOf(v);
  for (let f = 2; f <= top; f++) {
    v.rows.push(makeRow(v, road, { number, floor: String(f) }, x, y, hood, date));
    if (chance(v.rng, 0.3)) v.rows.push(makeRow(v, road, { number, floor: String(f), floorSub: '1' }, x, y, hood, date));
  }
}

/** A lane (巷) off the road at number `at`, sometimes with an alley (弄). */
function lane(v: VillageRun, road: string, at: string, x0: number, y0: number, dir: [number, number], count: number) {
  const [dx, dy] = dir;
  const alleyAt = chance(v.rng, 0.3) ? intBetween(v.rng, 2, Math.max(2, count - 2)) : 0;
  for (let n = 1; n <= count; n++) {
    const along = 12 + n * 6;
    const side = n % 2 ? 7 : -7;
    const date = dateIn(v.rng, v.plan.era[0], v.plan.era[1]);
    v.rows.push(makeRow(v, road, { lane: at, number: String(n) }, x0 + dx * along - dy * side, y0 + dy * along + dx * side, hoodOf(v), date));
    if (n === alleyAt) {
      const alley = String(intBetween(v.rng, 1, 9));
      for (let m = 1; m <= intBetween(v.rng, 3, 7); m++) {
        const ax = x0 + dx * along - dy * (12 + m * 6);
        const ay = y0 + dy * along + dx * (12 + m * 6);
        v.rows.push(makeRow(v, road, { lane: at, alley, number: String(m) }, ax, ay, hoodOf(v), dateIn(v.rng, v.plan.era[0], v.plan.era[1])));
      }
    }
  }
}

export interface RoadCursor {
  /** the next free number of each road (with 段) of a town: `town|road` */
  next: Map<string, number>;
  /** the stretch kept plain for the renumbering: road → how many numbers */
  plain: Map<string, number>;
}

/** One road's stretch in an urban village: numbers on both sides, 之 numbers, a few apartment floors, lanes off it. */
function urbanRoad(v: VillageRun, road: string, target: number, cursor: RoadCursor, gridAngle: number) {
  const rng = v.rng;
  const plain = cursor.plain.get(`${v.plan.code}|${road}`) ?? 0;
  const main = Math.max(Math.round(target * 0.45), plain + 6);
  const first = cursor.next.get(`${v.plan.townCode}|${road}`) ?? 1;
  cursor.next.set(`${v.plan.townCode}|${road}`, first + main + intBetween(rng, 0, 6));
  const { x: cx, y: cy } = v.placer.centreOf(v.plan.code);
  const angle = gridAngle + (chance(rng, 0.5) ? 0 : Math.PI / 2) + (rng() - 0.5) * 0.2;
  const dir: [number, number] = [Math.cos(angle), Math.sin(angle)];
  const ax = cx + (rng() - 0.5) * 300;
  const ay = cy + (rng() - 0.5) * 300;
  const start = v.rows.length;
  const laneAt: string[] = [];
  for (let j = 0; j < main; j++) {
    const n = first + j;
    const side = n % 2 ? 9 : -9;
    const along = (j / 2 - main / 4) * 14;
    const x = ax + dir[0] * along - dir[1] * side;
    const y = ay + dir[1] * along + dir[0] * side;
    const date = dateIn(rng, v.plan.era[0], v.plan.era[1]);
    v.rows.push(makeRow(v, road, { number: String(n) }, x, y, hoodOf(v), date));
    if (n <= plain) continue;
    if (chance(rng, 0.07)) v.rows.push(makeRow(v, road, { number: String(n), numberSub: '1' }, x + dir[0] * 4, y + dir[1] * 4, hoodOf(v), date));
    if (chance(rng, 0.035)) floors(v, road, String(n), x, y, date);
    else if (chance(rng, 0.2)) laneAt.push(String(n));
  }
  for (const at of laneAt) {
    if (v.rows.length - start >= target) break;
    const n = Number(at);
    const j = n - first;
    const side = n % 2 ? 1 : -1;
    const along = (j / 2 - main / 4) * 14;
    lane(v, road, at, ax + dir[0] * along, ay + dir[1] * along, [-dir[1] * side, dir[0] * side], intBetween(rng, 5, 14));
  }
}

/** A mountain place (部落): numbers 1 … n scattered around its own spot, 鄰 by number. */
function mountainPlace(v: VillageRun, place: string, index: number, target: number, hoodBase: number): number {
  const rng = v.rng;
  const { x: cx, y: cy } = v.placer.centreOf(v.plan.code);
  const r = index === 0 ? 250 : 700 + rng() * 700;
  const a = rng() * 2 * Math.PI;
  const px = cx + Math.cos(a) * r;
  const py = cy + Math.sin(a) * r;
  const per = Math.max(12, Math.ceil(target / 3));
  for (let n = 1; n <= target; n++) {
    const d = 40 + rng() * 260;
    const b = rng() * 2 * Math.PI;
    const hood = hoodBase + Math.floor((n - 1) / per);
    const date = dateIn(rng, v.plan.era[0], v.plan.era[1]);
    v.rows.push(makeRow(v, place, { number: String(n) }, px + Math.cos(b) * d, py + Math.sin(b) * d, hood, date));
    if (chance(rng, 0.05)) v.rows.push(makeRow(v, place, { number: String(n), numberSub: '1' }, px + Math.cos(b) * (d + 8), py + Math.sin(b) * (d + 8), hood, date));
  }
  return hoodBase + Math.ceil(target / per);
}

/** The current house numbers of one village (history is added afterwards). */
export function villageRows(plan: VillagePlan, placer: Placer, cursor: RoadCursor, seed: number): GenRow[] {
  const rng = streamOf(seed, 'house-numbers', plan.code);
  const hoods = plan.kind === 'urban' ? intBetween(rng, 12, 28) : 0;
  const v: VillageRun = { plan, rng, placer, rows: [], hoods, perHood: Math.max(1, Math.ceil(plan.points / Math.max(1, hoods))) };
  if (plan.kind === 'mountain') {
    let hood = 1;
    const shares = plan.roads.map((_r, i) => (i === 0 ? 1.6 : 1));
    const total = shares.reduce((a, b) => a + b, 0);
    plan.roads.forEach((place, i) => {
      hood = mountainPlace(v, place, i, Math.max(8, Math.round((plan.points * (shares[i] as number)) / total)), hood);
    });
    return v.rows;
  }
  const gridAngle = (rng() - 0.5) * 0.6;
  const shares = plan.roads.map((_r, i) => (i === 0 ? 1.5 : 1));
  const total = shares.reduce((a, b) => a + b, 0);
  plan.roads.forEach((road, i) => {
    urbanRoad(v, road, Math.round((plan.points * (shares[i] as number)) / total), cursor, gridAngle);
  });
  return v.rows;
}
