import { geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { DEMO_TOWNS, DEMO_VILLAGES } from '../../../demo/villages.js';
import { twd97ToWgs84, wgs84ToTwd97 } from '../../../platform/geo/twd97.js';
import { BOUNDARY_CODE_KEYS } from '../../house-numbers/formats.js';
import { generateVillageBoundaries, VILLAGE_REACH_M, villageAreaKm2 } from './boundaries.js';

type Pt = [number, number];

const collection = generateVillageBoundaries();
const features = collection.features;
const ringOf = (code: string): Pt[] => features.find((f) => f.properties.VILLCODE === code)!.geometry.coordinates[0] as Pt[];

/** Even–odd point-in-ring in the plane of longitude/latitude (the cells' shared edges are the same segments in both). */
function inRing(ring: readonly Pt[], [x, y]: Pt): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** The village whose centre is nearest (TWD97 metres), and by how much it beats the next one. */
const nearestCentre = (x: number, y: number, villages: typeof DEMO_VILLAGES): { code: string; by: number } => {
  const ds = villages
    .map((v) => {
      const [cx, cy] = wgs84ToTwd97(v.centre[0], v.centre[1]);
      return { code: v.code, d: Math.hypot(x - cx, y - cy) };
    })
    .sort((a, b) => a.d - b.d);
  return { code: ds[0]!.code, by: ds[1]!.d - ds[0]!.d };
};

describe('generated village boundaries', () => {
  it('is a GeoJSON FeatureCollection of one closed Polygon per demo village, with the 村里界 properties', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(features.map((f) => f.properties.VILLCODE)).toEqual(DEMO_VILLAGES.map((v) => v.code));
    expect(BOUNDARY_CODE_KEYS).toContain('VILLCODE');
    for (const f of features) {
      const v = DEMO_VILLAGES.find((x) => x.code === f.properties.VILLCODE)!;
      const town = DEMO_TOWNS.find((t) => t.code === v.townCode)!;
      expect(f.properties).toEqual({ VILLCODE: v.code, VILLNAME: v.name, TOWNNAME: town.name, TOWNCODE: town.code, COUNTYNAME: '新竹縣', COUNTYCODE: '10004' });
      expect(f.properties.VILLCODE).toMatch(/^\d{11}$/);
      expect(f.geometry.type).toBe('Polygon');
      const ring = f.geometry.coordinates[0]!;
      expect(f.geometry.coordinates).toHaveLength(1);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        expect(lon).toBeGreaterThan(120.8);
        expect(lon).toBeLessThan(121.5);
        expect(lat).toBeGreaterThan(24.4);
        expect(lat).toBeLessThan(25);
      }
    }
  });

  it('draws each ring as a simple polygon, clockwise (d3-geo takes that side as the inside)', () => {
    for (const f of features) {
      const ring = f.geometry.coordinates[0] as Pt[];
      let twice = 0;
      for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(twice, f.properties.VILLNAME).toBeLessThan(0);
      const n = ring.length - 1;
      const crossings: string[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = i + 2; j < n; j++) {
          if (!(i === 0 && j === n - 1) && segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) crossings.push(`${i}×${j}`);
        }
      }
      expect(crossings, f.properties.VILLNAME).toEqual([]);
    }
  });

  it('holds every village centre inside its own cell', () => {
    for (const f of features) {
      const v = DEMO_VILLAGES.find((x) => x.code === f.properties.VILLCODE)!;
      expect(geoContains(f, v.centre), v.name).toBe(true);
      expect(inRing(ringOf(v.code), v.centre), v.name).toBe(true);
      for (const other of DEMO_VILLAGES) if (other !== v) expect(geoContains(f, other.centre), `${other.name} in ${v.name}`).toBe(false);
    }
  });

  it('has cells that do not overlap and that are the plain Voronoi cells of the centres (sampled on a grid)', () => {
    for (const town of DEMO_TOWNS) {
      const villages = DEMO_VILLAGES.filter((v) => v.townCode === town.code);
      const [x0, y0] = wgs84ToTwd97(town.centre[0] - 2 * town.extent[0], town.centre[1] - 2 * town.extent[1]);
      const [x1, y1] = wgs84ToTwd97(town.centre[0] + 2 * town.extent[0], town.centre[1] + 2 * town.extent[1]);
      let inside = 0;
      for (let i = 0; i < 60; i++) {
        for (let j = 0; j < 60; j++) {
          const x = x0 + ((x1 - x0) * (i + 0.5)) / 60;
          const y = y0 + ((y1 - y0) * (j + 0.5)) / 60;
          const p = twd97ToWgs84(x, y);
          const holders = villages.filter((v) => inRing(ringOf(v.code), p));
          expect(holders.length, `${p} in ${holders.map((h) => h.name)}`).toBeLessThanOrEqual(1);
          if (holders[0]) {
            inside++;
            const nearest = nearestCentre(x, y, villages);
            if (nearest.by > 1) expect(holders[0].code).toBe(nearest.code);
          }
        }
      }
      expect(inside).toBeGreaterThan(500);
    }
  });

  it('reaches VILLAGE_REACH_M round every centre: a place that near, and nearest to it, is inside its cell', () => {
    for (const v of DEMO_VILLAGES) {
      const town = DEMO_TOWNS.find((t) => t.code === v.townCode)!;
      const villages = DEMO_VILLAGES.filter((x) => x.townCode === town.code);
      const [cx, cy] = wgs84ToTwd97(v.centre[0], v.centre[1]);
      for (const r of [0.5, 1].map((k) => k * VILLAGE_REACH_M[town.kind])) {
        for (let k = 0; k < 72; k++) {
          const x = cx + r * Math.cos((k * Math.PI) / 36);
          const y = cy + r * Math.sin((k * Math.PI) / 36);
          const nearest = nearestCentre(x, y, villages);
          // a place as near to two centres (within a metre) is on the edge between them: either side will do
          if (nearest.code !== v.code || nearest.by < 1) continue;
          expect(inRing(ringOf(v.code), twd97ToWgs84(x, y)), `${v.name} at ${r} m, ${k * 5}°`).toBe(true);
        }
      }
    }
  });

  it("adds up to each town's area (±15 %), and villageAreaKm2 does not care which way a ring winds", () => {
    for (const town of DEMO_TOWNS) {
      const own = features.filter((f) => f.properties.TOWNCODE === town.code);
      const total = own.reduce((s, f) => s + villageAreaKm2(f), 0);
      expect(total / town.areaKm2).toBeGreaterThan(0.85);
      expect(total / town.areaKm2).toBeLessThan(1.15);
      for (const f of own) expect(villageAreaKm2(f)).toBeGreaterThan(0.2);
    }
    const f = features[0]!;
    const reversed = { ...f, geometry: { type: 'Polygon' as const, coordinates: [[...f.geometry.coordinates[0]!].reverse()] } };
    expect(villageAreaKm2(reversed)).toBeCloseTo(villageAreaKm2(f), 6);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generateVillageBoundaries())).toBe(JSON.stringify(collection));
  });
});
