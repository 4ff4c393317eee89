import type { Geometry, MultiPolygon } from 'geojson';
import type { Executor } from '../../../db/index.js';
import { type MapPoint, villageMapSvg } from '../../../platform/geo/index.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { places } from '../../population/index.js';
import * as repo from './repo.js';

/**
 * The two maps of the look-up, drawn on the server: a village with its
 * numbers around the one shown (point page), and a road's numbers with the
 * villages it runs through (road listing). At most MAX_POINTS circles each.
 */
export const MAX_POINTS = 500;
/** drawn at about a phone's width, so its words stay readable there; wider screens show it at most 44rem wide */
const SIZE = { width: 480, height: 400 };

function geometry(text: string | null): Geometry | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as Geometry;
    return g && typeof g === 'object' && typeof g.type === 'string' ? g : null;
  } catch {
    return null;
  }
}

export interface MapView {
  svg: string;
  /** points drawn, and how many there were */
  shown: number;
  hasBoundary: boolean;
}

/** The village of a number: its boundary filled, the town's other villages outlined, the village's numbers nearest this one, this one marked. */
export async function villageMap(db: Executor, point: repo.PointRow, village: places.VillageRow | null, t: Translate, tileUrl?: string): Promise<MapView> {
  const boundary = geometry(village?.boundary ?? null);
  const neighbours = village ? (await places.townBoundaries(db, village.town_code, village.code)).map((v) => geometry(v.boundary)).filter((g): g is Geometry => g !== null) : [];
  const around = await repo.villagePoints(db, point.village_code, point.lon, point.lat, MAX_POINTS);
  const points: MapPoint[] = around.filter((p) => p.id !== point.id).map((p) => ({ lon: p.lon, lat: p.lat }));
  points.push({ lon: point.lon, lat: point.lat, label: point.label, highlight: true });
  const name = village?.name_zh ?? '';
  const svg = villageMapSvg({
    ...SIZE,
    boundary,
    neighbours,
    points,
    title: t('houseNumbers.lookup.map.villageTitle', { village: name || point.village_code }),
    desc: t(boundary ? 'houseNumbers.lookup.map.villageDesc' : 'houseNumbers.lookup.map.villageDescNoBoundary', { village: name, label: point.label, count: points.length }),
    id: 'village-map',
    legend: name,
    ...(tileUrl ? { tileUrl } : {}),
  });
  return { svg, shown: points.length, hasBoundary: boundary !== null };
}

/** Polygons and multipolygons as one multipolygon (the villages a road runs through, filled as one shape). */
function merged(geoms: Geometry[]): MultiPolygon | null {
  const polys = geoms.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []));
  return polys.length ? { type: 'MultiPolygon', coordinates: polys } : null;
}

/** A road's current numbers (the first MAX_POINTS) on the villages it runs through, the towns' other villages outlined. */
export async function roadMap(db: Executor, scope: repo.Scope, filter: repo.PartFilter, title: string, t: Translate, tileUrl?: string): Promise<MapView | null> {
  const rows = await repo.roadMapPoints(db, scope, filter, MAX_POINTS);
  if (rows.length === 0) return null;
  const codes = new Set(rows.map((r) => r.village_code));
  const villages = await places.villages(db, [...codes]);
  const boundary = merged(villages.map((v) => geometry(v.boundary)).filter((g): g is Geometry => g !== null));
  const towns = [...new Set(villages.map((v) => v.town_code))];
  const names = villages.map((v) => v.name_zh).join('、');
  const around = (await Promise.all(towns.map((town) => places.townBoundaries(db, town, '')))).flat().filter((v) => !codes.has(v.code));
  const svg = villageMapSvg({
    ...SIZE,
    boundary,
    neighbours: around.map((v) => geometry(v.boundary)).filter((g): g is Geometry => g !== null),
    points: rows.map((r) => ({ lon: r.lon, lat: r.lat, label: r.label })),
    title: t('houseNumbers.lookup.map.roadTitle', { road: title }),
    desc: t('houseNumbers.lookup.map.roadDesc', { road: title, count: rows.length, villages: names }),
    id: 'road-map',
    legend: villages.length <= 3 ? names : t('houseNumbers.lookup.map.villagesMany', { names: villages.slice(0, 3).map((v) => v.name_zh).join('、'), n: villages.length }),
    ...(tileUrl ? { tileUrl } : {}),
  });
  return { svg, shown: rows.length, hasBoundary: boundary !== null };
}
