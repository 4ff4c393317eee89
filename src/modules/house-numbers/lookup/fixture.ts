import type { Executor } from '../../../db/index.js';
import { wgs84ToTwd97 } from '../../../platform/geo/index.js';
import { type AddressParts, addressKey, addressLabel } from '../address.js';

/**
 * Hand-made register rows for the look-up's tests (and a demo page to look
 * at): two towns of the demo county, three villages with square boundaries,
 * a few roads, and the history cases — a renumbering (整編) old → new, a
 * change then a renumbering (two steps), an abolished number.
 */
export const ZHUBEI = '10004010';
export const JIANSHI = '10004120';

type Event = { kind: 'initial' | 'changed' | 'renumbered' | 'abolished'; date: string; docNo: string; from?: string };
interface Row {
  key: string;
  village: string;
  hood: number;
  parts: Partial<AddressParts> & { road: string; number: string };
  at: [number, number];
  state?: 'current' | 'retired';
  events: Event[];
}

const square = (lon: number, lat: number, h: number) =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [lon - h, lat - h],
        [lon + h, lat - h],
        [lon + h, lat + h],
        [lon - h, lat + h],
        [lon - h, lat - h],
      ],
    ],
  });

const VILLAGES = [
  { code: `${ZHUBEI}001`, town: ZHUBEI, name: '竹北里', boundary: square(121.012, 24.838, 0.004) },
  { code: `${ZHUBEI}002`, town: ZHUBEI, name: '竹仁里', boundary: square(121.02, 24.838, 0.004) },
  { code: `${JIANSHI}001`, town: JIANSHI, name: '新樂村', boundary: square(121.215, 24.74, 0.01) },
];

const first = (date: string, docNo = '竹北戶字第0900001號'): Event => ({ kind: 'initial', date, docNo });
const along = (i: number): [number, number] => [121.0095 + i * 0.0004, 24.8372];

/** Rows in insertion order; `from` names an earlier row's key. */
export const FIXTURE_ROWS: Row[] = [
  ...[2, 4, 6, 8, 10, 12].map((n, i) => ({ key: `gm${n}`, village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: String(n) }, at: along(i), events: [first('2001-03-15')] })),
  { key: 'gm10-1', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: '10', numberSub: '1' }, at: along(4.3), events: [first('2005-06-01')] },
  { key: 'gm10f5', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: '10', floor: '5' }, at: along(4), events: [first('2001-03-15')] },
  { key: 'gm3l5', village: `${ZHUBEI}001`, hood: 6, parts: { road: '光明六路', lane: '3', number: '5' }, at: [121.0101, 24.8362], events: [first('2003-01-10')] },
  { key: 'gm3l2a7', village: `${ZHUBEI}001`, hood: 6, parts: { road: '光明六路', lane: '3', alley: '2', number: '7' }, at: [121.0104, 24.8355], events: [first('2003-01-10')] },
  { key: 'zz2s15', village: `${ZHUBEI}002`, hood: 2, parts: { road: '中正路', section: '二', number: '15' }, at: [121.019, 24.839], events: [first('1998-07-01')] },
  { key: 'zz3s15', village: `${ZHUBEI}002`, hood: 3, parts: { road: '中正路', section: '三', number: '15' }, at: [121.022, 24.837], events: [first('1998-07-01')] },
  // 整編: 光明路1號 became 光明六路14號
  { key: 'old1', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明路', number: '1' }, at: along(6), state: 'retired', events: [first('1990-02-01'), { kind: 'renumbered', date: '2024-05-01', docNo: '府民戶字第1130012345號' }] },
  { key: 'gm14', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: '14' }, at: along(6), events: [{ kind: 'renumbered', date: '2024-05-01', docNo: '府民戶字第1130012345號', from: 'old1' }] },
  // two steps: 光明路3號 → (改編 2010) 光明路5號 → (整編 2024) 光明六路16號
  { key: 'old3', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明路', number: '3' }, at: along(7), state: 'retired', events: [first('1985-09-09'), { kind: 'changed', date: '2010-08-20', docNo: '竹北戶字第0990004567號' }] },
  { key: 'old5', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明路', number: '5' }, at: along(7), state: 'retired', events: [{ kind: 'changed', date: '2010-08-20', docNo: '竹北戶字第0990004567號', from: 'old3' }, { kind: 'renumbered', date: '2024-05-01', docNo: '府民戶字第1130012345號' }] },
  { key: 'gm16', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: '16' }, at: along(7), events: [{ kind: 'renumbered', date: '2024-05-01', docNo: '府民戶字第1130012345號', from: 'old5' }] },
  // abolished, nothing in its place
  { key: 'gm99', village: `${ZHUBEI}001`, hood: 5, parts: { road: '光明六路', number: '99' }, at: along(9), state: 'retired', events: [first('2001-03-15'), { kind: 'abolished', date: '2022-11-30', docNo: '竹北戶字第1110009999號' }] },
  // another town, another office
  { key: 'jl1', village: `${JIANSHI}001`, hood: 1, parts: { road: '嘉樂路', number: '1' }, at: [121.215, 24.74], events: [first('2000-01-01', '尖石戶字第0890000001號')] },
];

const full = (p: Row['parts']): AddressParts => ({ section: '', lane: '', alley: '', numberSub: '', floor: '', floorSub: '', ...p });

/** Towns, villages, points and events; returns each row's point id by its key. */
export async function insertLookupFixture(db: Executor, countyId: number, officeIds: { zhubei: number | null; jianshi: number | null }): Promise<Record<string, number>> {
  await db
    .insertInto('stat_town')
    .values([
      { code: ZHUBEI, county_id: countyId, name_zh: '竹北市', name_en: 'Zhubei City', area_km2: 46.83, office_id: officeIds.zhubei },
      { code: JIANSHI, county_id: countyId, name_zh: '尖石鄉', name_en: 'Jianshi Township', area_km2: 527.58, office_id: officeIds.jianshi },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('stat_village')
    .values(VILLAGES.map((v) => ({ code: v.code, town_code: v.town, name_zh: v.name, area_km2: null, boundary: v.boundary })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const ids: Record<string, number> = {};
  for (const r of FIXTURE_ROWS) ids[r.key] = await insertRow(db, countyId, r, ids);
  return ids;
}

async function insertRow(db: Executor, countyId: number, r: Row, ids: Record<string, number>): Promise<number> {
  const p = full(r.parts);
  const [x, y] = wgs84ToTwd97(r.at[0], r.at[1]);
  const { id } = await db
    .insertInto('addr_point')
    .values({
      county_id: countyId,
      village_code: r.village,
      neighbourhood: r.hood,
      road: p.road,
      section: p.section,
      lane: p.lane,
      alley: p.alley,
      number: p.number,
      number_sub: p.numberSub,
      floor: p.floor,
      floor_sub: p.floorSub,
      match_key: addressKey(p),
      label: addressLabel(p),
      x,
      y,
      lon: r.at[0],
      lat: r.at[1],
      state: r.state ?? 'current',
      file_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const e of r.events) {
    await db.insertInto('addr_event').values({ point_id: id, kind: e.kind, date: e.date, doc_no: e.docNo, from_point_id: e.from ? (ids[e.from] ?? null) : null }).execute();
  }
  return id;
}
