import type { Executor } from '../../../db/index.js';
import { type AddressParts, addressKey, addressLabel } from '../address.js';

/**
 * What the renumbering tests need of the register, written by hand: a town
 * served by the office, three villages, and a few numbers of 光明六路 and
 * 中正路 — some retired by a renumbering, 中正路5號 in two sections.
 */
export const TOWN = '10004010';
export const VILLAGES = [
  ['10004010001', '竹北里'],
  ['10004010002', '竹仁里'],
  ['10004010003', '竹義里'],
] as const;

const P = (road: string, section: string, lane: string, number: string, numberSub = ''): AddressParts => ({ road, section, lane, alley: '', number, numberSub, floor: '', floorSub: '' });

export const POINTS: [AddressParts, 'current' | 'retired'][] = [
  [P('光明六路', '', '', '10'), 'retired'],
  [P('光明六路', '', '', '10', '1'), 'retired'],
  [P('光明六路', '', '', '12'), 'current'],
  [P('光明六路', '', '', '12', '1'), 'current'],
  [P('中正路', '二', '3', '5'), 'retired'],
  [P('中正路', '二', '3', '7'), 'current'],
  [P('中正路', '一', '', '5'), 'current'],
  [P('中正路', '二', '', '5'), 'current'],
];

/** Inserts the town (served by the office), its villages and the points; gives each point's id by its label. */
export async function seedRegister(db: Executor, countyId: number, officeId: number): Promise<Map<string, number>> {
  await db.insertInto('stat_town').values({ code: TOWN, county_id: countyId, name_zh: '竹北市', name_en: 'Zhubei City', area_km2: 46.83, office_id: officeId }).execute();
  await db
    .insertInto('stat_village')
    .values(VILLAGES.map(([code, name]) => ({ code, town_code: TOWN, name_zh: name, area_km2: null, boundary: null })))
    .execute();
  const ids = new Map<string, number>();
  for (const [p, state] of POINTS) {
    const r = await db
      .insertInto('addr_point')
      .values({
        county_id: countyId,
        village_code: VILLAGES[0][0],
        neighbourhood: 1,
        road: p.road,
        section: p.section,
        lane: p.lane,
        alley: p.alley,
        number: p.number,
        number_sub: p.numberSub,
        floor: '',
        floor_sub: '',
        match_key: addressKey(p),
        label: addressLabel(p),
        x: 251000,
        y: 2747500,
        lon: 121.01,
        lat: 24.835,
        state,
        file_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(addressLabel(p), r.id);
  }
  return ids;
}

/** A county and an office of it, for tests on a fresh database. */
export async function countyAndOffice(db: Executor, code: string): Promise<{ countyId: number; officeId: number }> {
  const county = await db.insertInto('county').values({ code, name_zh: '測試縣', name_en: 'Test County', website: null }).returning('id').executeTakeFirstOrThrow();
  const office = await db
    .insertInto('office')
    .values({
      county_id: county.id,
      code: `${code}-office`,
      kind: 'city',
      name_zh: '測試戶政事務所',
      name_en: 'Test Household Registration Office',
      address_zh: '測試路1號',
      address_en: '1 Test Rd',
      phone: '03-555-0101',
      fax: null,
      email: null,
      director_name: null,
      updated_at: '2026-01-01T00:00:00.000Z',
      parent_id: null,
      map_url: null,
      closed_at: null,
      successor_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { countyId: county.id, officeId: office.id };
}
