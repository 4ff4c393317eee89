import { geoArea, geoContains } from 'd3-geo';
import type { Feature, Polygon } from 'geojson';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { EARTH_RADIUS_KM } from './boundaries-read.js';
import { importBoundaries } from './boundaries.js';
import { testCounty } from './testing.js';

const now = new Date('2026-11-25T02:00:00Z');

/** A square of `d` degrees at (lon, lat), its ring counter-clockwise as RFC 7946 writes it. */
const square = (lon: number, lat: number, d: number) => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];
const feature = (props: Record<string, unknown>, ring: number[][]): Feature<Polygon> => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
const geojson = (features: unknown[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));

forEachDatabase((get) => {
  let county = 0;
  const run = (bytes: Uint8Array, filename = 'villages.geojson') => importBoundaries(get(), { countyId: county, countyName: '新竹縣', bytes, filename, source: 'cli', staffId: null, now });

  it('refuses bad geometry and codes with the feature index, and stores nothing', async () => {
    county = (await testCounty(get().db, 'c1')).countyId;
    const ok = feature({ VILLCODE: '10004010001', VILLNAME: '竹北里', TOWNNAME: '竹北市' }, square(121.0, 24.83, 0.01));
    const cases: [unknown, number, string][] = [
      [feature({ VILLNAME: '竹北里' }, square(121.0, 24.83, 0.01)), 2, 'houseNumbers.boundaries.err.noCode'],
      [feature({ VILLCODE: '1000401' }, square(121.0, 24.83, 0.01)), 2, 'houseNumbers.boundaries.err.code'],
      [feature({ VILLCODE: '10004010001' }, square(121.0, 24.83, 0.01)), 2, 'houseNumbers.boundaries.err.duplicate'],
      [feature({ VILLCODE: '10004010002' }, square(250000, 2747000, 100)), 2, 'houseNumbers.boundaries.err.outside'],
      [feature({ VILLCODE: '10004010002' }, square(121.0, 24.83, 0.01).slice(0, 4)), 2, 'houseNumbers.boundaries.err.open'],
      [feature({ VILLCODE: '10004010002' }, [[121, 24.8], [121.1, 24.8], [121, 24.8]]), 2, 'houseNumbers.boundaries.err.ring'],
      [{ type: 'Feature', properties: { VILLCODE: '10004010002' }, geometry: { type: 'Point', coordinates: [121, 24.8] } }, 2, 'houseNumbers.boundaries.err.geometryType'],
    ];
    for (const [bad, index, key] of cases) {
      const r = await run(geojson([ok, bad]));
      expect(r.ok ? null : r.problems[0], key).toMatchObject({ feature: index, key });
    }
    const notGeo = await run(Buffer.from('{"type":"Topology"}'));
    expect(notGeo.ok ? null : notGeo.problems[0]).toMatchObject({ feature: 0, key: 'houseNumbers.boundaries.err.notGeo' });
    expect((await run(Buffer.from('{"type":'))).ok).toBe(false);
    expect(await get().db.selectFrom('stat_file').select('id').execute()).toEqual([]);
    expect(await get().db.selectFrom('stat_village').select('code').execute()).toEqual([]);
  });

  it('imports GeoJSON: creates missing towns and villages from their names, winds for d3, measures the area, skips other counties', async () => {
    const db = get().db;
    const r = await run(
      geojson([
        feature({ VILLCODE: '10004010001', VILLNAME: '竹北里', TOWNNAME: '竹北市', COUNTYNAME: '新竹縣' }, square(121.0, 24.83, 0.01)),
        feature({ VILLCODE: '10004010002', VILLNAME: '竹仁里', TOWNNAME: '竹北市', COUNTYNAME: '新竹縣' }, square(121.01, 24.83, 0.01)),
        // no names: nothing to create it from
        feature({ VILLCODE: '10004010003' }, square(121.02, 24.83, 0.01)),
        // another county's village, as in the national file
        feature({ VILLCODE: '63000010001', VILLNAME: '某里', TOWNNAME: '某區', COUNTYNAME: '臺北市' }, square(121.5, 25.03, 0.01)),
      ]),
    );
    expect(r).toMatchObject({ ok: true, features: 4, updated: 0, created: 2, townsCreated: 1, skipped: 2 });
    const towns = await db.selectFrom('stat_town').selectAll().execute();
    expect(towns).toEqual([{ code: '10004010', county_id: county, name_zh: '竹北市', name_en: null, area_km2: null, office_id: null }]);
    const v = await db.selectFrom('stat_village').selectAll().where('code', '=', '10004010001').executeTakeFirstOrThrow();
    expect(v).toMatchObject({ town_code: '10004010', name_zh: '竹北里' });
    // about 1.01 km by 1.11 km; d3 reads the stored polygon as the small square, not the rest of the Earth
    expect(v.area_km2).toBeGreaterThan(1.1);
    expect(v.area_km2).toBeLessThan(1.15);
    const stored = JSON.parse(v.boundary ?? 'null') as Polygon;
    expect(geoArea(stored) * EARTH_RADIUS_KM ** 2).toBeCloseTo(v.area_km2 ?? 0, 6);
    expect(geoContains(stored, [121.005, 24.835])).toBe(true);
    expect(geoContains(stored, [121.5, 25.0])).toBe(false);
  });

  it('imports TopoJSON and sets the boundary of a village it knows, leaving its name', async () => {
    const db = get().db;
    const topology = {
      type: 'Topology',
      objects: {
        villages: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', arcs: [[0]], properties: { VILLCODE: '10004010001', VILLNAME: '改過的名字' } },
            { type: 'Polygon', arcs: [[1]], properties: { village_code: '10004010002' } },
          ],
        },
      },
      // clockwise rings this time: stored as they are
      arcs: [square(121.0, 24.83, 0.02).reverse(), square(121.02, 24.83, 0.01).reverse()],
    };
    const r = await run(Buffer.from(JSON.stringify(topology)), 'villages.topojson');
    expect(r).toMatchObject({ ok: true, features: 2, updated: 2, created: 0, skipped: 0 });
    const v = await db.selectFrom('stat_village').select(['name_zh', 'area_km2', 'boundary']).where('code', '=', '10004010001').executeTakeFirstOrThrow();
    expect(v.name_zh).toBe('竹北里');
    expect(v.area_km2).toBeGreaterThan(4.4);
    expect(geoContains(JSON.parse(v.boundary ?? 'null'), [121.015, 24.845])).toBe(true);
    const file = await db.selectFrom('stat_file').select(['format', 'kind', 'rows']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(file).toEqual({ format: 'topojson', kind: 'boundaries', rows: 2 });
    expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'addresses.boundaries').execute()).toHaveLength(2);
  });
});
