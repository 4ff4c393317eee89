import { type GeoProjection, geoArea, geoDistance, geoMercator, geoPath, geoTransverseMercator } from 'd3-geo';
import type { Geometry, GeometryCollection, MultiPoint, Position } from 'geojson';

/**
 * Village maps drawn on the server as SVG with d3-geo: a village boundary
 * filled light, its neighbours outlined, house numbers as small circles (the
 * one asked about larger, with its label), a scale bar in metres and a north
 * arrow. No script and no third-party tiles are needed to see it.
 *
 * Projection. Without tiles the map uses a transverse Mercator rotated to
 * 121°E, the projection of TWD97 TM2 (EPSG:3826): grid north is true north on
 * the central meridian and within 0.2° of it anywhere in Taiwan proper, and
 * distances are true to 1:10,000 — so the scale bar holds over the whole map.
 *
 * With a tile layer (config.mapTileUrl) the map switches to spherical
 * Mercator (d3's geoMercator is exactly the Web Mercator of XYZ tiles), and
 * the vector is drawn in it too. Raster tiles are Web Mercator pixels; SVG
 * can place an image only by an affine transform, so reprojecting tiles to
 * TM would need per-pixel warping on the server. At village scale the two
 * projections differ by a rotation under 0.2° and a near-uniform scale
 * (1/cos φ ≈ 1.1), which the scale bar accounts for since it is measured on
 * the fitted projection either way. Switching keeps tiles and vector
 * aligned exactly at every zoom.
 */

export interface MapPoint {
  lon: number;
  lat: number;
  label?: string;
  highlight?: boolean;
}

export interface VillageMapOptions {
  /** GeoJSON geometry (Polygon or MultiPolygon) in WGS84; either ring orientation */
  boundary: Geometry | null;
  neighbours?: Geometry[];
  points: MapPoint[];
  width: number;
  height: number;
  title: string;
  desc: string;
  /** XYZ raster tiles, {z}/{x}/{y} in the template; switches the projection to Web Mercator */
  tileUrl?: string | undefined;
  /** prefix of the ids inside the SVG (title, desc), when a page has more than one map */
  id?: string;
  /** the boundary's name, shown in a key at the top left beside a swatch of its fill */
  legend?: string | undefined;
}

export interface MapFrame {
  projection: GeoProjection;
  kind: 'tm' | 'mercator';
  /** metres on the ground per SVG unit at the map's centre */
  metresPerUnit: number;
}

export interface Tile {
  href: string;
  x: number;
  y: number;
  size: number;
  z: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const PAD = 24;
/** the smallest extent a map shows, in degrees (about 300 m): one point alone is not a map */
const MIN_SPAN = 0.003;
const NICE_METRES = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000];

export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n1 = (v: number) => Math.round(v * 10) / 10;

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  if (g.type === 'GeometryCollection') for (const c of g.geometries) eachPosition(c, fn);
  else if (g.type === 'Point') fn(g.coordinates);
  else if (g.type === 'MultiPoint' || g.type === 'LineString') for (const p of g.coordinates) fn(p);
  else if (g.type === 'MultiLineString' || g.type === 'Polygon') for (const r of g.coordinates) for (const p of r) fn(p);
  else for (const poly of g.coordinates) for (const r of poly) for (const p of r) fn(p);
}

/**
 * d3-geo reads polygons on the sphere: an outer ring runs clockwise, a hole
 * counter-clockwise; a ring the other way round encloses the rest of the
 * globe. GeoJSON files (RFC 7946) wind the other way, and some files mix.
 * Each ring is turned so that it encloses the smaller side.
 */
export function rewind(g: Geometry): Geometry {
  const ring = (r: Position[], outer: boolean) => {
    const big = geoArea({ type: 'Polygon', coordinates: [r] }) > 2 * Math.PI;
    return big === outer ? [...r].reverse() : r;
  };
  const polygon = (rings: Position[][]) => rings.map((r, i) => ring(r, i === 0));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: polygon(g.coordinates) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
  if (g.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: g.geometries.map(rewind) };
  return g;
}

/**
 * What the map is fitted to, widened to at least MIN_SPAN around its middle:
 * the boundary and the highlighted point (always shown, even when the
 * register puts it outside); with no boundary or nothing highlighted, all
 * the points. Other points outside the frame are left out rather than
 * shrinking the village to a dot.
 */
function fitObject(boundary: Geometry | null, given: MapPoint[]): Geometry {
  const parts: Geometry[] = [];
  if (boundary) parts.push(boundary);
  const points = boundary && given.some((p) => p.highlight) ? given.filter((p) => p.highlight) : given;
  if (points.length) parts.push({ type: 'MultiPoint', coordinates: points.map((p) => [p.lon, p.lat]) });
  const all: GeometryCollection = { type: 'GeometryCollection', geometries: parts };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(all, ([x, y]) => {
    [x0, y0, x1, y1] = [Math.min(x0, x as number), Math.min(y0, y as number), Math.max(x1, x as number), Math.max(y1, y as number)];
  });
  if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [121, 23.7, 121, 23.7]; // nothing to show: the middle of Taiwan
  if (x1 - x0 >= MIN_SPAN || y1 - y0 >= MIN_SPAN) return all;
  const [cx, cy, h] = [(x0 + x1) / 2, (y0 + y1) / 2, MIN_SPAN / 2];
  const box: MultiPoint = { type: 'MultiPoint', coordinates: [[cx - h, cy - h], [cx + h, cy + h], [cx - h, cy + h], [cx + h, cy - h]] };
  return box;
}

/** The projection fitted to the map's extent, and the ground distance one SVG unit stands for. */
export function mapFrame(o: Pick<VillageMapOptions, 'boundary' | 'points' | 'width' | 'height' | 'tileUrl'>): MapFrame {
  const kind = o.tileUrl ? 'mercator' : 'tm';
  const projection = kind === 'mercator' ? geoMercator() : geoTransverseMercator().rotate([-121, 0]);
  projection.fitExtent(
    [
      [PAD, PAD],
      [o.width - PAD, o.height - PAD],
    ],
    fitObject(o.boundary ? rewind(o.boundary) : null, o.points),
  );
  projection.clipExtent([
    [0, 0],
    [o.width, o.height],
  ]);
  const [cx, cy] = [o.width / 2, o.height / 2];
  const a = projection.invert?.([cx, cy]);
  const b = projection.invert?.([cx + 100, cy]);
  const metresPerUnit = a && b ? (geoDistance(a, b) * EARTH_RADIUS_M) / 100 : 1;
  return { projection, kind, metresPerUnit };
}

/** The XYZ tiles under a Mercator frame: the zoom whose tile pixels are nearest the map's scale, covering the view. */
export function tilesFor(frame: MapFrame, width: number, height: number, template: string): Tile[] {
  if (frame.kind !== 'mercator') return [];
  const k = frame.projection.scale();
  const [tx, ty] = frame.projection.translate();
  const world = 2 * Math.PI * k; // the whole world's width in SVG units
  const z = Math.max(0, Math.min(20, Math.round(Math.log2(world / 256))));
  const count = 2 ** z;
  const size = world / count;
  // SVG x = world pixel − πk + tx (and the same for y): the world's top-left corner sits at (tx − πk, ty − πk)
  const [ox, oy] = [tx - Math.PI * k, ty - Math.PI * k];
  const first = (o: number) => Math.max(0, Math.floor(-o / size));
  const last = (o: number, span: number) => Math.min(count - 1, Math.floor((span - o) / size));
  const tiles: Tile[] = [];
  for (let x = first(ox); x <= last(ox, width); x++) {
    for (let y = first(oy); y <= last(oy, height); y++) {
      const href = template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
      tiles.push({ href, x: ox + x * size, y: oy + y * size, size, z });
    }
  }
  return tiles;
}

/** The longest round length that fits in a quarter of the width, and its length in SVG units. */
export function scaleBar(metresPerUnit: number, width: number): { metres: number; units: number; label: string } {
  const max = (width * 0.28) * metresPerUnit;
  const metres = [...NICE_METRES].reverse().find((m) => m <= max) ?? NICE_METRES[0]!;
  return { metres, units: metres / metresPerUnit, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Degrees clockwise from straight up that true north points to at the map's centre (0 on the central meridian). */
function northAngle(frame: MapFrame, width: number, height: number): number {
  const c = frame.projection.invert?.([width / 2, height / 2]);
  if (!c) return 0;
  const a = frame.projection([c[0], c[1]]);
  const b = frame.projection([c[0], c[1] + 0.01]);
  if (!a || !b) return 0;
  return (Math.atan2(b[0] - a[0], a[1] - b[1]) * 180) / Math.PI;
}

function furniture(frame: MapFrame, width: number, height: number): string {
  const bar = scaleBar(frame.metresPerUnit, width);
  const [x, y] = [12, height - 14];
  const w = n1(bar.units);
  const scale =
    `<g class="map-scale" font-size="12" fill="#1a1a1a">` +
    `<rect x="${x - 6}" y="${y - 22}" width="${n1(w + 12)}" height="30" fill="#fff" fill-opacity="0.85"/>` +
    `<path d="M${x} ${y - 6}v6h${w}v-6" fill="none" stroke="#1a1a1a" stroke-width="2"/>` +
    `<text x="${x}" y="${y - 10}">0</text><text x="${n1(x + w)}" y="${y - 10}" text-anchor="end">${bar.label}</text></g>`;
  const angle = n1(northAngle(frame, width, height));
  const north =
    `<g class="map-north" transform="translate(${width - 26} 34) rotate(${angle})">` +
    `<circle r="17" fill="#fff" fill-opacity="0.85"/><path d="M0 -13L6 6L0 2L-6 6Z" fill="#1a1a1a"/>` +
    `<text y="-19" font-size="12" font-weight="700" text-anchor="middle" fill="#1a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">N</text></g>`;
  return scale + north;
}

/** The key: a swatch of the boundary's fill and its name (wide characters counted as a font size each, others as half). */
function legendMark(text: string): string {
  const size = 13;
  const width = [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? size : size * 0.6), 0);
  return (
    `<g class="map-legend" font-size="${size}" fill="#1a1a1a"><rect x="8" y="8" width="${n1(width + 36)}" height="26" fill="#fff" fill-opacity="0.9"/>` +
    `<rect x="14" y="14" width="14" height="14" fill="#e4efd6" stroke="#2f6b3a" stroke-width="2"/><text x="34" y="26">${escapeXml(text)}</text></g>`
  );
}

function pointMarks(frame: MapFrame, points: MapPoint[], width: number, height: number): string {
  const inside = (p: [number, number] | null): p is [number, number] => !!p && p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height;
  let small = '';
  let big = '';
  for (const pt of points) {
    const p = frame.projection([pt.lon, pt.lat]);
    if (!inside(p)) continue;
    const [x, y] = [n1(p[0]), n1(p[1])];
    const title = pt.label ? `<title>${escapeXml(pt.label)}</title>` : '';
    if (!pt.highlight) {
      small += `<circle cx="${x}" cy="${y}" r="3" fill="#0b5c8a" stroke="#fff" stroke-width="1">${title}</circle>`;
      continue;
    }
    const right = x < width * 0.62;
    big += `<circle class="map-highlight" cx="${x}" cy="${y}" r="7" fill="#c0392b" stroke="#fff" stroke-width="2">${title}</circle>`;
    if (pt.label) {
      big += `<text x="${right ? x + 11 : x - 11}" y="${y + 5}" text-anchor="${right ? 'start' : 'end'}" font-size="15" font-weight="700" fill="#1a1a1a" stroke="#fff" stroke-width="4" paint-order="stroke">${escapeXml(pt.label)}</text>`;
    }
  }
  return `<g class="map-points">${small}</g><g class="map-highlights">${big}</g>`;
}

/** The map as an SVG string (role="img", <title> and <desc>, a viewBox, 100% wide). */
export function villageMapSvg(o: VillageMapOptions): string {
  const { width, height } = o;
  const id = o.id ?? 'map';
  const frame = mapFrame(o);
  const path = geoPath(frame.projection).digits(1);
  const tiles = o.tileUrl ? tilesFor(frame, width, height, o.tileUrl) : [];
  const tileMarks = tiles
    .map((t) => `<image href="${escapeXml(t.href)}" x="${n1(t.x)}" y="${n1(t.y)}" width="${n1(t.size)}" height="${n1(t.size)}" preserveAspectRatio="none"/>`)
    .join('');
  const neighbours = (o.neighbours ?? []).map((g) => path(rewind(g)) ?? '').filter(Boolean);
  const boundary = o.boundary ? path(rewind(o.boundary)) : null;
  const fillOpacity = tiles.length ? '0.3' : '1';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="village-map" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="sans-serif">` +
    `<title id="${id}-title">${escapeXml(o.title)}</title><desc id="${id}-desc">${escapeXml(o.desc)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#f4f6f8"/>` +
    (tileMarks ? `<g class="map-tiles">${tileMarks}</g>` : '') +
    (neighbours.length ? `<g class="map-neighbours" fill="none" stroke="#7b8a99" stroke-width="1.2"><path d="${neighbours.join('')}"/></g>` : '') +
    (boundary ? `<path class="map-boundary" d="${boundary}" fill="#e4efd6" fill-opacity="${fillOpacity}" stroke="#2f6b3a" stroke-width="2.5" stroke-linejoin="round"/>` : '') +
    pointMarks(frame, o.points, width, height) +
    furniture(frame, width, height) +
    (o.legend && boundary ? legendMark(o.legend) : '') +
    `<rect width="${width}" height="${height}" fill="none" stroke="#b8c4cf"/></svg>`
  );
}
