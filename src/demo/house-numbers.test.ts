import { geoContains } from 'd3-geo';
import type { Polygon } from 'geojson';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/databases.js';
import { testCounty } from '../modules/house-numbers/import/testing.js';
import { DEMO_VILLAGES } from './villages.js';
import { seedHouseNumbers } from './house-numbers.js';

const now = new Date('2026-11-25T02:00:00Z');

forEachDatabase((get, kind) => {
  it('seeds the generated register and boundaries quickly, every number inside its own village', async () => {
    const db = get().db;
    const { countyId } = await testCounty(db, 'hsinchu');
    const t0 = performance.now();
    const r = await seedHouseNumbers(get(), { countyId, now });
    const ms = performance.now() - t0;
    console.log(`[${kind}] seedHouseNumbers: ${r.points} numbers, ${r.villages} villages in ${ms.toFixed(0)} ms`);
    // the brief: under 5 s on SQLite; the bound here leaves room for a loaded test machine
    if (kind === 'sqlite') expect(ms).toBeLessThan(15_000);
    expect(r.villages).toBe(DEMO_VILLAGES.length);
    expect(r.points).toBeGreaterThan(6500);
    const villages = new Map((await db.selectFrom('stat_village').select(['code', 'boundary']).execute()).map((v) => [v.code, JSON.parse(v.boundary ?? 'null') as Polygon]));
    const points = await db.selectFrom('addr_point').select(['village_code', 'lon', 'lat', 'label']).execute();
    const outside = points.filter((p) => !geoContains(villages.get(p.village_code)!, [p.lon, p.lat]));
    expect(outside.map((p) => `${p.village_code} ${p.label}`)).toEqual([]);
    // what the look-up's examples rely on: 光明六路10號 now, and an old number of the 2019 整編 pointing at its new one
    const ten = await db.selectFrom('addr_point').select('id').where('county_id', '=', countyId).where('match_key', '=', '光明六路||||10|').where('state', '=', 'current').execute();
    expect(ten).toHaveLength(1);
    const moved = await db
      .selectFrom('addr_event as e')
      .innerJoin('addr_point as old', 'old.id', 'e.from_point_id')
      .innerJoin('addr_point as now', 'now.id', 'e.point_id')
      .select(['old.label as old', 'now.label as now', 'e.date'])
      .where('e.kind', '=', 'renumbered')
      .execute();
    expect(moved.length).toBeGreaterThan(8);
    expect(moved.every((m) => m.date === '2019-07-01' && m.old !== m.now)).toBe(true);
  });
});
