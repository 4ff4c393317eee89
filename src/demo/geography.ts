import type { Database } from '../db/index.js';
import { createNotice, publishNotice } from '../modules/house-numbers/renumbering/service.js';
import { readItemLines } from '../modules/house-numbers/renumbering/lines.js';
import { seedHouseNumbers } from './house-numbers.js';
import { seedPopulation } from './population.js';
import { DEMO_TOWNS } from './villages.js';

/**
 * The demo county's statistics and house numbers (issue 18), all GENERATED:
 * 24 months of population files, village boundaries, the house-number
 * register, the towns' areas, and one published renumbering notice in 竹北市
 * that takes effect after `now` — a lane's numbers becoming numbers on the
 * road, as 整編 often does — so the look-up shows "will change" on them.
 */
export async function seedGeography(database: Database, now: Date): Promise<void> {
  const { db } = database;
  const county = await db.selectFrom('county').select('id').where('code', '=', 'hsinchu').executeTakeFirstOrThrow();
  await seedPopulation(database, { countyId: county.id, now });
  await seedHouseNumbers(database, { countyId: county.id, now });
  for (const t of DEMO_TOWNS) await db.updateTable('stat_town').set({ area_km2: t.areaKm2, name_en: t.nameEn }).where('code', '=', t.code).execute();
  await seedRenumberingNotice(database, county.id, now);
}

async function seedRenumberingNotice(database: Database, countyId: number, now: Date): Promise<void> {
  const { db } = database;
  const office = await db.selectFrom('office').select('id').where('code', '=', 'zhubei').executeTakeFirst();
  const supervisor = await db.selectFrom('staff').select(['id', 'username', 'display_name']).where('username', '=', 'supervisor.zhubei').executeTakeFirst();
  if (!office || !supervisor) return;
  // the first lane of 竹北 with at least five current numbers and no 之, 弄 or floors: easy to read as a list
  const points = await db
    .selectFrom('addr_point')
    .select(['road', 'section', 'lane', 'number', 'village_code'])
    .where('county_id', '=', countyId)
    .where('village_code', 'like', '10004010%')
    .where('state', '=', 'current')
    .where('lane', '<>', '')
    .where('alley', '=', '')
    .where('number_sub', '=', '')
    .where('floor', '=', '')
    .orderBy('road')
    .orderBy('lane')
    .execute();
  const byLane = new Map<string, typeof points>();
  for (const p of points) byLane.set(`${p.road}|${p.section}|${p.lane}`, [...(byLane.get(`${p.road}|${p.section}|${p.lane}`) ?? []), p]);
  const lane = [...byLane.values()].find((l) => l.length >= 5);
  if (!lane) return;
  const picked = lane.sort((a, b) => Number(a.number) - Number(b.number)).slice(0, 8);
  const first = picked[0]!;
  const road = `${first.road}${first.section ? `${first.section}段` : ''}`;
  const text = picked.map((p) => `${road}${p.lane}巷${p.number}號 → ${road}${p.lane}之${p.number}號`).join('\n');
  const { items, problems } = readItemLines(text);
  if (problems.length > 0) throw new Error(`demo renumbering lines refused: ${JSON.stringify(problems.slice(0, 2))}`);
  const year = Number(now.toISOString().slice(0, 4));
  const actor = { id: supervisor.id, username: supervisor.username, displayName: supervisor.display_name, role: 'supervisor' as const, countyId, officeId: office.id, mustChangePassword: false };
  const meta = { actor, ip: null, now };
  const ref = { id: office.id, countyId };
  const fields = {
    title: `${road}${first.lane}巷門牌整編`,
    villages: [first.village_code],
    effectiveOn: `${year + 1}-01-01`,
    docNo: `竹北戶字第${year - 1911}0001234號`,
    note: '本巷門牌併入主要道路編號，原門牌自生效日起停止使用；門牌證明免費換發，並由本所主動通報相關機關。（示範資料）',
  };
  const id = await createNotice(database, ref, fields, items, meta);
  await publishNotice(database, ref, id, meta);
}
