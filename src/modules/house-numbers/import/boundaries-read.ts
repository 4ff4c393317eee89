import { geoArea } from 'd3-geo';
import type { Feature, GeoJsonProperties, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { decodeText } from '../../population/table-file.js';
import { BOUNDARY_CODE_KEYS } from '../formats.js';
import { MAX_PROBLEMS } from './register-rows.js';

/**
 * Village boundaries as published (國土測繪中心 village boundaries, or the
 * demo's generated ones): a GeoJSON FeatureCollection or a TopoJSON
 * topology, in WGS84 longitude/latitude. Each feature names its village
 * by an 11-digit code under one of BOUNDARY_CODE_KEYS, and may carry the
 * town and village names (TOWNNAME, VILLNAME) to create what the database
 * does not have yet.
 *
 * Polygons are stored wound the way d3-geo reads them (each polygon the
 * smaller of the two areas its rings enclose on the sphere): GeoJSON's
 * RFC 7946 winding (exterior counter-clockwise) is the opposite of d3's,
 * and a polygon read the wrong way round covers the rest of the Earth.
 */
export interface BoundaryProblem {
  /** the feature's place in the file, from 1 (0: the whole file) */
  feature: number;
  key: string;
  params: Record<string, string | number>;
}

export interface BoundaryFeature {
  index: number;
  code: string;
  /** COUNTYNAME, 臺 for 台 */
  countyName: string | null;
  townName: string | null;
  villageName: string | null;
  geometry: Polygon | MultiPolygon;
  areaKm2: number;
}

/** The mean Earth radius (IUGG), in km: d3's geoArea is in steradians. */
export const EARTH_RADIUS_KM = 6371.0088;

const COUNTY_NAME_KEYS = ['COUNTYNAME', 'county_name', 'countyname', '縣市'];
const TOWN_NAME_KEYS = ['TOWNNAME', 'town_name', 'townname', '鄉鎮市區'];
const VILLAGE_NAME_KEYS = ['VILLNAME', 'village_name', 'villname', '村里'];
/** WGS84 around Taiwan, Penghu, Kinmen and Matsu: a coordinate outside is TWD97 metres or a swapped pair */
const LON = [118.0, 122.3] as const;
const LAT = [21.7, 26.5] as const;

function textOf(props: GeoJsonProperties, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = props?.[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).normalize('NFKC').trim();
  }
  return null;
}

/** The ring problem, if any: too short, open, or a position that is not a WGS84 longitude/latitude in Taiwan. */
function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'houseNumbers.boundaries.err.ring';
  for (const p of ring as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return 'houseNumbers.boundaries.err.position';
    if (p[0] < LON[0] || p[0] > LON[1] || p[1] < LAT[0] || p[1] > LAT[1]) return 'houseNumbers.boundaries.err.outside';
  }
  const a = ring[0] as Position;
  const b = ring[ring.length - 1] as Position;
  return a[0] === b[0] && a[1] === b[1] ? null : 'houseNumbers.boundaries.err.open';
}

/** A polygon's rings wound for d3 (reversed when they enclose more than half the sphere), and its area in steradians. */
function wound(rings: Position[][]): { rings: Position[][]; area: number } {
  const area = geoArea({ type: 'Polygon', coordinates: rings });
  if (area <= 2 * Math.PI) return { rings, area };
  const back = rings.map((r) => [...r].reverse());
  return { rings: back, area: geoArea({ type: 'Polygon', coordinates: back }) };
}

/** The feature's geometry checked and wound, with its area; or the problem key. */
export function readGeometry(g: Geometry | null | undefined): { geometry: Polygon | MultiPolygon; areaKm2: number } | string {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 'houseNumbers.boundaries.err.geometryType';
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  if (!Array.isArray(polygons) || polygons.length === 0) return 'houseNumbers.boundaries.err.ring';
  const out: Position[][][] = [];
  let area = 0;
  for (const poly of polygons) {
    if (!Array.isArray(poly) || poly.length === 0) return 'houseNumbers.boundaries.err.ring';
    for (const ring of poly) {
      const p = ringProblem(ring);
      if (p) return p;
    }
    const w = wound(poly as Position[][]);
    out.push(w.rings);
    area += w.area;
  }
  const geometry: Polygon | MultiPolygon = g.type === 'Polygon' ? { type: 'Polygon', coordinates: out[0] as Position[][] } : { type: 'MultiPolygon', coordinates: out };
  return { geometry, areaKm2: area * EARTH_RADIUS_KM * EARTH_RADIUS_KM };
}

/** The features of a GeoJSON or TopoJSON document; a string is the problem key for the whole file. */
function featuresOf(doc: unknown): { format: 'geojson' | 'topojson'; features: Feature[] } | string {
  const d = doc as { type?: unknown; features?: unknown; objects?: unknown };
  if (d?.type === 'Topology' && d.objects && typeof d.objects === 'object') {
    try {
      const topology = doc as Topology;
      const features = Object.values(topology.objects).flatMap((o) => {
        const f = topoFeature(topology, o) as Feature | { type: 'FeatureCollection'; features: Feature[] };
        return f.type === 'FeatureCollection' ? f.features : [f];
      });
      return { format: 'topojson', features };
    } catch {
      return 'houseNumbers.boundaries.err.topology';
    }
  }
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return { format: 'geojson', features: d.features as Feature[] };
  if (d?.type === 'Feature') return { format: 'geojson', features: [doc as Feature] };
  return 'houseNumbers.boundaries.err.notGeo';
}

/** One feature read: its code checked against those before it, its geometry wound and measured; or its problem. */
function readFeature(f: Feature, seen: Map<string, number>, index: number): BoundaryFeature | { key: string; params: Record<string, string | number> } {
  const code = textOf(f?.properties ?? null, BOUNDARY_CODE_KEYS);
  if (code === null) return { key: 'houseNumbers.boundaries.err.noCode', params: { keys: BOUNDARY_CODE_KEYS.join(', ') } };
  if (!/^\d{11}$/.test(code)) return { key: 'houseNumbers.boundaries.err.code', params: { value: code.slice(0, 20) } };
  const first = seen.get(code);
  if (first !== undefined) return { key: 'houseNumbers.boundaries.err.duplicate', params: { value: code, first } };
  seen.set(code, index);
  const g = readGeometry(f?.geometry);
  if (typeof g === 'string') return { key: g, params: { value: code } };
  return {
    index,
    code,
    countyName: textOf(f.properties, COUNTY_NAME_KEYS)?.replaceAll('台', '臺') ?? null,
    townName: textOf(f.properties, TOWN_NAME_KEYS),
    villageName: textOf(f.properties, VILLAGE_NAME_KEYS),
    ...g,
  };
}

export type BoundaryFile =
  | { ok: true; format: 'geojson' | 'topojson'; encoding: 'utf-8' | 'big5'; features: BoundaryFeature[] }
  | { ok: false; problems: BoundaryProblem[] };

/** Reads and checks every feature; nothing stored. */
export function readBoundaries(bytes: Uint8Array): BoundaryFile {
  const { text, encoding } = decodeText(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ feature: 0, key: 'houseNumbers.boundaries.err.json', params: {} }] };
  }
  const found = featuresOf(doc);
  if (typeof found === 'string') return { ok: false, problems: [{ feature: 0, key: found, params: {} }] };
  if (found.features.length === 0) return { ok: false, problems: [{ feature: 0, key: 'houseNumbers.boundaries.err.empty', params: {} }] };
  const problems: BoundaryProblem[] = [];
  const features: BoundaryFeature[] = [];
  const seen = new Map<string, number>();
  for (const [i, f] of found.features.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const index = i + 1;
    const problem = readFeature(f, seen, index);
    if ('key' in problem) problems.push({ feature: index, key: problem.key, params: problem.params });
    else features.push(problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, format: found.format, encoding, features };
}
