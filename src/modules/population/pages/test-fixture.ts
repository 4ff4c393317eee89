import type { Executor } from '../../../db/index.js';

/**
 * A hand-counted county for the population pages' tests (and a dev
 * server's screenshots): two towns of three villages, three months
 * (2026-08 … 2026-10), people by age for 2026-10 only, events for 2026-10.
 *
 * 2026-10 households / male / female (people):
 *   竹北市 10004010 (40 km²): 竹北里 1000/1500/1600 (3100, 2.5 km²), 竹仁里 800/1200/1100 (2300), 竹義里 500/700/750 (1450)
 *                              → 2300 / 3400 / 3450 (6850)
 *   尖石鄉 10004120 (500 km²): 新樂村 300/400/350 (750), 嘉樂村 200/260/240 (500), 義興村 100/130/120 (250) → 600 / 790 / 710 (1500)
 *   county (540 km²): 2900 / 4190 / 4160 (8350)
 * 2026-09: 竹北市 2293 households, 6841 people; 尖石鄉 601, 1505; county 2894, 8346.
 * 2026-08: 竹北市 2286, 6830; 尖石鄉 602, 1509; county 2888, 8339.
 *
 * Ages (2026-10): every village's males and females are 20% age 3, 60% age 30 and 20% age 70, except
 * that 竹北里 moves four of its men aged 30 to ages 14, 64, 65 and 100 (band edges and the open band).
 *   竹北市: 0–14 1371, 15–64 4107, 65+ 1372; 尖石鄉: 300, 900, 300; county 1671, 5007, 1672; 竹北里 621, 1857, 622.
 */
export const TOWNS = [
  { code: '10004010', name: '竹北市', nameEn: 'Zhubei City', area: 40, office: 'zhubei' },
  { code: '10004120', name: '尖石鄉', nameEn: 'Jianshi Township', area: 500, office: 'jianshi' },
] as const;

type Month = '2026-08' | '2026-09' | '2026-10';
/** per village: households, male, female by month */
export const VILLAGES: { code: string; town: string; name: string; area: number | null; hh: Record<Month, [number, number, number]> }[] = [
  { code: '10004010001', town: '10004010', name: '竹北里', area: 2.5, hh: { '2026-08': [990, 1490, 1595], '2026-09': [995, 1495, 1598], '2026-10': [1000, 1500, 1600] } },
  { code: '10004010002', town: '10004010', name: '竹仁里', area: null, hh: { '2026-08': [799, 1200, 1100], '2026-09': [800, 1201, 1100], '2026-10': [800, 1200, 1100] } },
  { code: '10004010003', town: '10004010', name: '竹義里', area: null, hh: { '2026-08': [497, 697, 748], '2026-09': [498, 698, 749], '2026-10': [500, 700, 750] } },
  { code: '10004120001', town: '10004120', name: '新樂村', area: null, hh: { '2026-08': [302, 403, 352], '2026-09': [301, 402, 351], '2026-10': [300, 400, 350] } },
  { code: '10004120002', town: '10004120', name: '嘉樂村', area: null, hh: { '2026-08': [200, 261, 241], '2026-09': [200, 260, 241], '2026-10': [200, 260, 240] } },
  { code: '10004120003', town: '10004120', name: '義興村', area: null, hh: { '2026-08': [100, 131, 121], '2026-09': [100, 131, 120], '2026-10': [100, 130, 120] } },
];

/** births m/f, deaths m/f, marriages, divorces, moved in, moved out (2026-10) */
export const EVENTS: Record<string, [number, number, number, number, number, number, number, number]> = {
  '10004010001': [3, 2, 1, 2, 2, 1, 20, 15],
  '10004010002': [1, 1, 2, 0, 1, 0, 10, 12],
  '10004010003': [0, 1, 1, 1, 0, 1, 5, 3],
  '10004120001': [1, 0, 0, 1, 1, 0, 4, 6],
  '10004120002': [0, 0, 1, 0, 0, 0, 2, 3],
  '10004120003': [0, 1, 0, 0, 0, 1, 1, 2],
};

/** Single years of age for one village in 2026-10: 20/60/20 at ages 3/30/70, 竹北里's four men moved to the band edges. */
export function agesOf(code: string, male: number, female: number): { age: number; male: number; female: number }[] {
  const m = new Map<number, number>([
    [3, male / 5],
    [30, (male * 3) / 5],
    [70, male / 5],
  ]);
  if (code === '10004010001') {
    m.set(30, m.get(30)! - 4);
    for (const age of [14, 64, 65, 100]) m.set(age, 1);
  }
  const f = new Map<number, number>([
    [3, female / 5],
    [30, (female * 3) / 5],
    [70, female / 5],
  ]);
  const ages = [...new Set([...m.keys(), ...f.keys()])].sort((a, b) => a - b);
  return ages.map((age) => ({ age, male: m.get(age) ?? 0, female: f.get(age) ?? 0 }));
}

/** Clears what the demo may have imported, then writes the hand-counted county. `offices`: office code → id. */
export async function insertHandCounted(db: Executor, countyId: number, offices: Record<string, number | undefined>): Promise<void> {
  await db.deleteFrom('pop_events').execute();
  await db.deleteFrom('pop_age').execute();
  await db.deleteFrom('pop_village_month').execute();
  await db.deleteFrom('stat_village').execute();
  await db.deleteFrom('stat_town').execute();
  const file = await db
    .insertInto('stat_file')
    .values({
      county_id: countyId,
      kind: 'households',
      month: '2026-10',
      source: 'demo',
      filename: 'hand-counted.csv',
      encoding: 'utf-8',
      format: 'csv',
      content: new Uint8Array(Buffer.from('hand counted')),
      sha256: 'test',
      rows: VILLAGES.length,
      imported_at: '2026-11-05T02:00:00.000Z',
      imported_by: null,
      replaced_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const t of TOWNS) {
    await db
      .insertInto('stat_town')
      .values({ code: t.code, county_id: countyId, name_zh: t.name, name_en: t.nameEn, area_km2: t.area, office_id: offices[t.office] ?? null })
      .execute();
  }
  for (const v of VILLAGES) {
    await db.insertInto('stat_village').values({ code: v.code, town_code: v.town, name_zh: v.name, area_km2: v.area, boundary: null }).execute();
    for (const [month, [households, male, female]] of Object.entries(v.hh)) {
      await db
        .insertInto('pop_village_month')
        .values({ month, village_code: v.code, town_code: v.town, county_id: countyId, households, people: male + female, male, female, file_id: file.id })
        .execute();
    }
    const [, male, female] = v.hh['2026-10'];
    for (const a of agesOf(v.code, male, female)) {
      await db.insertInto('pop_age').values({ month: '2026-10', village_code: v.code, age: a.age, male: a.male, female: a.female, file_id: file.id }).execute();
    }
    const e = EVENTS[v.code]!;
    await db
      .insertInto('pop_events')
      .values({ month: '2026-10', village_code: v.code, births_m: e[0], births_f: e[1], deaths_m: e[2], deaths_f: e[3], marriages: e[4], divorces: e[5], moved_in: e[6], moved_out: e[7], file_id: file.id })
      .execute();
  }
}
