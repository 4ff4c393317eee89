/**
 * GENERATED village boundaries for the demo (not the Ministry's 村里界): each
 * demo town gets a plausible irregular outline round its village centres
 * (wavy, its area the town's areaKm2, every centre well inside), cut into the
 * plain Voronoi cells of the village centres.
 * The cells are computed in TWD97 TM2 metres, so a cell holds exactly the
 * places nearer (in metres) to its centre than to any other centre: the
 * house-number generator's points, placed by nearest centre, fall inside.
 *
 * Output: a GeoJSON FeatureCollection in WGS84, one Polygon a village, with
 * the 內政部 村里界 property names (VILLCODE, VILLNAME, TOWNNAME, COUNTYNAME,
 * TOWNCODE, COUNTYCODE). Rings run clockwise in longitude/latitude, the
 * winding d3-geo (which draws our maps) takes for "the inside".
 */
import { Delaunay } from 'd3-delaunay';
import { geoArea } from 'd3-geo';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { streamOf } from '../../../demo/activity-random.js';
import { DEMO_TOWNS, DEMO_VILLAGES, type DemoTown } from '../../../demo/villages.js';
import { twd97ToWgs84, wgs84ToTwd97 } from '../../../platform/geo/twd97.js';
import { COUNTY_NAME } from './profiles.js';

type Pt = [number, number];

export interface VillageBoundaryProperties {
  VILLCODE: string;
  VILLNAME: string;
  TOWNNAME: string;
  TOWNCODE: string;
  COUNTYNAME: string;
  COUNTYCODE: string;
}

export type VillageBoundary = Feature<Polygon, VillageBoundaryProperties>;

/** The mean Earth radius (IUGG) in km. */
const EARTH_RADIUS_KM = 6371.0088;
const BOUNDARY_SEED = 18;

/** A polygon's area in km² on the sphere (d3-geo), whichever way its ring winds. */
export function villageAreaKm2(feature: Feature<Polygon> | Polygon): number {
  const steradians = geoArea(feature);
  const inside = steradians > 2 * Math.PI ? 4 * Math.PI - steradians : steradians;
  return inside * EARTH_RADIUS_KM ** 2;
}

/** Twice the signed area (positive when counter-clockwise, y up). */
function signedArea2(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

/**
 * How far from its centre a village surely reaches: every place within this
 * many metres of a centre, and nearer to it than to any other, lies inside
 * that village's cell (the house-number generator places points within it).
 */
export const VILLAGE_REACH_M: Record<DemoTown['kind'], number> = { urban: 500, mountain: 2000 };

/** A smooth wave round the outline, in [−1, 1]. */
function waveOf(town: DemoTown): (t: number) => number {
  const rng = streamOf(BOUNDARY_SEED, 'boundary', town.code);
  const terms = [2, 3, 4, 5, 7, 9, 12, 16, 21, 27, 34].map((k) => ({ k, amp: (0.4 + rng()) / k ** 0.7, phase: rng() * 2 * Math.PI }));
  const max = terms.reduce((s, x) => s + x.amp, 0);
  return (t) => terms.reduce((s, x) => s + x.amp * Math.sin(2 * Math.PI * x.k * t + x.phase), 0) / max;
}

interface CollarPoint {
  /** where it touches the hull */
  foot: Pt;
  /** outward, unit length */
  normal: Pt;
  /** distance along the collar from the first point */
  at: number;
}

/** Points round the outside of a convex, counter-clockwise hull: each where it touches the hull, and the outward direction. */
function hullCollar(hull: readonly Pt[], spacing: number): CollarPoint[] {
  const n = hull.length;
  const out: Omit<CollarPoint, 'at'>[] = [];
  const edgeNormal = (i: number): Pt => {
    const [x1, y1] = hull[i]!;
    const [x2, y2] = hull[(i + 1) % n]!;
    const len = Math.hypot(x2 - x1, y2 - y1);
    return [(y2 - y1) / len, -(x2 - x1) / len];
  };
  for (let i = 0; i < n; i++) {
    const [px, py] = edgeNormal((i + n - 1) % n);
    const [nx, ny] = edgeNormal(i);
    let from = Math.atan2(py, px);
    const to = Math.atan2(ny, nx);
    while (to < from) from -= 2 * Math.PI;
    const arcSteps = Math.max(1, Math.ceil((to - from) / (Math.PI / 36)));
    for (let k = 0; k < arcSteps; k++) {
      const a = from + ((to - from) * k) / arcSteps;
      out.push({ foot: hull[i]!, normal: [Math.cos(a), Math.sin(a)] });
    }
    const [x1, y1] = hull[i]!;
    const [x2, y2] = hull[(i + 1) % n]!;
    const edgeSteps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / spacing));
    for (let k = 0; k < edgeSteps; k++) {
      const t = k / edgeSteps;
      out.push({ foot: [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t], normal: [nx, ny] });
    }
  }
  // distance along the hull's boundary, arcs counted as if of radius `spacing`
  let at = 0;
  return out.map((p, i) => {
    if (i > 0) {
      const q = out[i - 1]!;
      at += Math.hypot(p.foot[0] - q.foot[0], p.foot[1] - q.foot[1]) + spacing * Math.hypot(p.normal[0] - q.normal[0], p.normal[1] - q.normal[1]);
    }
    return { ...p, at };
  });
}

/** How far out along a collar point's normal the discs of radius `reach` round the centres go (0 when none does). */
function discReach(p: CollarPoint, centres: readonly Pt[], reach: number): number {
  let best = 0;
  for (const [cx, cy] of centres) {
    const dx = cx - p.foot[0];
    const dy = cy - p.foot[1];
    const along = dx * p.normal[0] + dy * p.normal[1];
    const off2 = dx * dx + dy * dy - along * along;
    if (off2 <= reach * reach) best = Math.max(best, along + Math.sqrt(reach * reach - off2));
  }
  return best;
}

/** Smooths the discs' bumps into gentle slopes (never lower): each point at least its neighbours' reach less 0.7 of the distance. */
function sloped(values: readonly number[], at: readonly number[], perimeter: number): number[] {
  return values.map((_, i) =>
    values.reduce((best, v, j) => {
      const d = Math.abs(at[i]! - at[j]!);
      return Math.max(best, v - 0.7 * Math.min(d, perimeter - d));
    }, 0),
  );
}

/**
 * The town's outline in metres (counter-clockwise): the hull of the centres
 * with a wavy margin all round, wide enough everywhere to hold the discs of
 * VILLAGE_REACH_M round every centre, and otherwise as wide as makes the
 * outline's area the town's areaKm2 (or as near as the discs allow).
 */
function townOutline(town: DemoTown, centres: readonly Pt[]): Pt[] {
  const hull = [...Delaunay.from(centres).hull].map((i) => centres[i]!);
  if (signedArea2(hull) < 0) hull.reverse();
  const collar = hullCollar(hull, 50);
  const perimeter = collar[collar.length - 1]!.at;
  const wave = waveOf(town);
  const waves = collar.map((p) => wave(p.at / perimeter));
  const needed = sloped(
    // 15 m more: the outline runs straight between points 50 m apart, where a disc's edge bows outward
    collar.map((p) => {
      const r = discReach(p, centres, VILLAGE_REACH_M[town.kind]);
      return r > 0 ? r + 15 : 0;
    }),
    collar.map((p) => p.at),
    perimeter,
  );
  const ringAt = (margin: number): Pt[] =>
    collar.map(({ foot, normal }, i) => {
      const w = waves[i]!;
      const r = Math.max(needed[i]! * (1 + 0.1 * Math.max(0, w)), margin * (1 + 0.45 * w));
      return [foot[0] + normal[0] * r, foot[1] + normal[1] * r];
    });
  const target = town.areaKm2 * 1e6;
  let lo = 0;
  let hi = 50_000;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (signedArea2(ringAt(mid)) / 2 < target) lo = mid;
    else hi = mid;
  }
  return ringAt((lo + hi) / 2);
}

/** Sutherland–Hodgman: the part of `subject` inside the convex, counter-clockwise `clip`. */
function clipToConvex(subject: readonly Pt[], clip: readonly Pt[]): Pt[] {
  let out: Pt[] = [...subject];
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const side = (p: Pt) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
  }
  return out;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** A ring in metres → a closed, clockwise ring of [lon, lat]. */
function toLonLatRing(ring: Pt[]): Pt[] {
  const cw = signedArea2(ring) > 0 ? [...ring].reverse() : ring;
  const lonLat = cw.map(([x, y]): Pt => {
    const [lon, lat] = twd97ToWgs84(x, y);
    return [round6(lon), round6(lat)];
  });
  return [...lonLat, lonLat[0]!];
}

function townBoundaries(town: DemoTown): VillageBoundary[] {
  const villages = DEMO_VILLAGES.filter((v) => v.townCode === town.code);
  const centres = villages.map((v) => wgs84ToTwd97(v.centre[0], v.centre[1]));
  const outline = townOutline(town, centres);
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const pad = 1000;
  const voronoi = Delaunay.from(centres).voronoi([Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad]);
  return villages.map((v, i) => {
    const cell = (voronoi.cellPolygon(i) as Pt[]).slice(0, -1);
    if (signedArea2(cell) < 0) cell.reverse();
    const ring = toLonLatRing(clipToConvex(outline, cell));
    const properties: VillageBoundaryProperties = {
      VILLCODE: v.code,
      VILLNAME: v.name,
      TOWNNAME: town.name,
      TOWNCODE: town.code,
      COUNTYNAME: COUNTY_NAME,
      COUNTYCODE: town.code.slice(0, 5),
    };
    return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
}

/** Every demo village's generated boundary, in DEMO_VILLAGES order. */
export function generateVillageBoundaries(): FeatureCollection<Polygon, VillageBoundaryProperties> {
  return { type: 'FeatureCollection', features: DEMO_TOWNS.flatMap(townBoundaries) };
}
