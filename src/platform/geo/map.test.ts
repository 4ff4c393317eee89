import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mapFrame, rewind, scaleBar, tilesFor, villageMapSvg } from './map.js';
import { twd97ToWgs84, wgs84ToTwd97 } from './twd97.js';

/** A village-sized square (about 1 km) around 竹北, its outer ring counter-clockwise as RFC 7946 writes it. */
const [W, H] = [640, 480];
const [LON, LAT, HALF] = [121.01, 24.835, 0.005];
const square = (lon: number, lat: number, h: number, clockwise = false): Polygon => {
  const ring = [
    [lon - h, lat - h],
    [lon + h, lat - h],
    [lon + h, lat + h],
    [lon - h, lat + h],
    [lon - h, lat - h],
  ];
  return { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] };
};
const boundary = square(LON, LAT, HALF);
const base = { boundary, width: W, height: H, title: '竹北里', desc: '竹北里的範圍' };

const circles = (svg: string) => [...svg.matchAll(/<circle(?: class="map-highlight")? cx="([\d.-]+)" cy="([\d.-]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);

describe('the village map projection', () => {
  it('puts a point of the village inside the viewBox, the boundary filling it with a margin', () => {
    const f = mapFrame({ ...base, points: [] });
    const [x, y] = f.projection([LON, LAT])!;
    expect(x).toBeCloseTo(W / 2, 0);
    expect(y).toBeCloseTo(H / 2, 0);
    const [sw, ne] = [f.projection([LON - HALF, LAT - HALF])!, f.projection([LON + HALF, LAT + HALF])!];
    // fitted: the square's taller side meets the 24-unit padding, the other is centred
    expect(Math.min(sw[1], H - ne[1])).toBeGreaterThanOrEqual(23.5);
    expect(ne[1]).toBeCloseTo(24, 0);
    expect(sw[0]).toBeGreaterThan(0);
    expect(ne[0]).toBeLessThan(W);
  });

  it('keeps north up and east right on the TWD97 projection (transverse Mercator at 121°E)', () => {
    const f = mapFrame({ ...base, points: [] });
    expect(f.kind).toBe('tm');
    const c = f.projection([LON, LAT])!;
    const north = f.projection([LON, LAT + 0.001])!;
    const east = f.projection([LON + 0.001, LAT])!;
    expect(north[1]).toBeLessThan(c[1]);
    expect(Math.abs(north[0] - c[0])).toBeLessThan(0.05);
    expect(east[0]).toBeGreaterThan(c[0]);
    expect(Math.abs(east[1] - c[1])).toBeLessThan(0.05);
    // the arrow: on the meridian it points straight up; at 尖石 (121.27°E) true north leans west of grid north by the convergence (Δλ·sin φ ≈ 0.11°)
    expect(villageMapSvg({ ...base, boundary: square(121, LAT, HALF), points: [] })).toContain('rotate(0)');
    const east27 = villageMapSvg({ ...base, boundary: square(121.27, 24.64, HALF), points: [] });
    const angle = Number(/class="map-north" transform="translate\([\d. ]+\) rotate\(([-\d.]+)\)/.exec(east27)?.[1]);
    expect(angle).toBeLessThan(-0.05);
    expect(angle).toBeGreaterThan(-0.2);
  });

  it("places the highlighted point where it lies in the boundary's box", () => {
    // 90 % of the way east and 80 % of the way north inside the square
    const pt = { lon: LON - HALF + 1.8 * HALF, lat: LAT - HALF + 1.6 * HALF, label: '光明六路10號', highlight: true };
    const svg = villageMapSvg({ ...base, points: [{ lon: LON, lat: LAT }, pt] });
    const f = mapFrame({ ...base, points: [pt] });
    const [x0, y1] = f.projection([LON - HALF, LAT - HALF])!;
    const [x1, y0] = f.projection([LON + HALF, LAT + HALF])!;
    const hl = /<circle class="map-highlight" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)!;
    const [hx, hy] = [Number(hl[1]), Number(hl[2])];
    expect((hx - x0) / (x1 - x0)).toBeCloseTo(0.9, 2);
    expect((hy - y0) / (y1 - y0)).toBeCloseTo(0.2, 2);
    // near the right edge its label reads leftwards, and the plain point is drawn too
    expect(svg).toContain('text-anchor="end" font-size="15" font-weight="700" fill="#1a1a1a" stroke="#fff" stroke-width="4" paint-order="stroke">光明六路10號</text>');
    expect(circles(svg)).toHaveLength(2);
  });

  it('measures the scale bar on the ground: 1,000 m of TWD97 easting is 1,000 m on the bar', () => {
    const f = mapFrame({ ...base, points: [] });
    const [x, y] = wgs84ToTwd97(LON, LAT);
    const a = f.projection(twd97ToWgs84(x - 500, y))!;
    const b = f.projection(twd97ToWgs84(x + 500, y))!;
    const units = Math.hypot(b[0] - a[0], b[1] - a[1]);
    // TWD97's scale factor 0.9999 and the sphere against GRS80: well under 0.5 %
    expect((units * f.metresPerUnit) / 1000).toBeCloseTo(1, 2);
    const bar = scaleBar(f.metresPerUnit, W);
    expect(bar.units).toBeLessThanOrEqual(W * 0.28);
    expect(bar.units).toBeGreaterThan(W * 0.1);
    expect(villageMapSvg({ ...base, points: [] })).toContain(`>${bar.label}</text>`);
    expect(scaleBar(2, 600)).toMatchObject({ metres: 250, label: '250 m' });
    expect(scaleBar(20, 600)).toMatchObject({ metres: 2500, label: '2.5 km' });
  });

  it('reads a boundary in either ring orientation the same way', () => {
    const cw = square(LON, LAT, HALF, true);
    expect(villageMapSvg({ ...base, boundary: cw, points: [] })).toBe(villageMapSvg({ ...base, points: [] }));
    expect(rewind(boundary)).toEqual(cw);
    // with a hole: outer clockwise, hole counter-clockwise for d3
    const holed: Polygon = { type: 'Polygon', coordinates: [boundary.coordinates[0]!, square(LON, LAT, HALF / 4, true).coordinates[0]!] };
    const r = rewind(holed) as Polygon;
    expect(r.coordinates[0]).toEqual(cw.coordinates[0]);
    expect(r.coordinates[1]).toEqual(square(LON, LAT, HALF / 4).coordinates[0]);
  });

  it('fits points alone, and one point to a few hundred metres around it', () => {
    const one = mapFrame({ boundary: null, points: [{ lon: LON, lat: LAT }], width: W, height: H });
    expect(one.projection([LON, LAT])![0]).toBeCloseTo(W / 2, 0);
    expect(one.metresPerUnit * (H - 48)).toBeGreaterThan(250);
    expect(one.metresPerUnit * (H - 48)).toBeLessThan(400);
    const none = villageMapSvg({ boundary: null, points: [], width: W, height: H, title: 't', desc: 'd' });
    expect(none).not.toContain('NaN');
  });

  it('draws neighbours outlined and cut at the frame, and a stray point beside a highlighted one not at all', () => {
    const stray = { lon: LON + 0.5, lat: LAT };
    const svg = villageMapSvg({ ...base, neighbours: [square(LON + 2 * HALF, LAT, HALF)], points: [stray, { lon: LON, lat: LAT, highlight: true }] });
    const d = /class="map-neighbours"[^>]*><path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const xs = [...d.matchAll(/([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(2);
    expect(Math.max(...xs)).toBeLessThanOrEqual(W);
    expect(circles(svg)).toHaveLength(1);
    // with nothing highlighted (a road's numbers) every point is fitted in
    expect(circles(villageMapSvg({ ...base, points: [stray, { lon: LON, lat: LAT }] }))).toHaveLength(2);
  });

  it('is an accessible image: role, title and desc, viewBox, full width, escaped text', () => {
    const svg = villageMapSvg({ ...base, title: '<竹北里> & "地圖"', desc: '說明', points: [{ lon: LON, lat: LAT, label: 'a<b' }], id: 'pm' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="village-map" viewBox="0 0 640 480" width="100%" role="img" aria-labelledby="pm-title pm-desc"/);
    expect(svg).toContain('<title id="pm-title">&#60;竹北里&#62; &#38; &#34;地圖&#34;</title><desc id="pm-desc">說明</desc>');
    expect(svg).toContain('<title>a&#60;b</title>');
    expect(svg).not.toContain('<image');
    // a key names the boundary, and only when there is one
    expect(villageMapSvg({ ...base, points: [], legend: '竹北里' })).toContain('<text x="34" y="26">竹北里</text>');
    expect(villageMapSvg({ ...base, boundary: null, points: [], legend: '竹北里' })).not.toContain('map-legend');
  });
});

describe('the tile layer', () => {
  const url = 'https://tiles.example.tw/{z}/{x}/{y}.png?k=a&b=1';
  /** the standard slippy-map tile of a point, and where in that tile it sits (0–1) */
  function slippy(lon: number, lat: number, z: number) {
    const n = 2 ** z;
    const fx = ((lon + 180) / 360) * n;
    const r = (lat * Math.PI) / 180;
    const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
    return { x: Math.floor(fx), y: Math.floor(fy), dx: fx % 1, dy: fy % 1 };
  }

  it('switches to Web Mercator and lays the covering tiles under the vector, aligned with it', () => {
    const f = mapFrame({ ...base, points: [], tileUrl: url });
    expect(f.kind).toBe('mercator');
    const tiles = tilesFor(f, W, H, url);
    const z = tiles[0]!.z;
    // a village of about 1 km across on 640 units: zoom 15 or 16, tiles drawn within √2 of their own 256 px
    expect(z).toBeGreaterThanOrEqual(14);
    expect(tiles[0]!.size / 256).toBeGreaterThan(0.7);
    expect(tiles[0]!.size / 256).toBeLessThan(1.42);
    // the point's tile, by the usual tile formula, is laid exactly where the projection puts the point
    const s = slippy(LON, LAT, z);
    const tile = tiles.find((t) => t.href === `https://tiles.example.tw/${z}/${s.x}/${s.y}.png?k=a&b=1`)!;
    expect(tile).toBeDefined();
    const [px, py] = f.projection([LON, LAT])!;
    expect((px - tile.x) / tile.size).toBeCloseTo(s.dx, 4);
    expect((py - tile.y) / tile.size).toBeCloseTo(s.dy, 4);
    // and they cover the whole frame
    expect(Math.min(...tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
    expect(Math.min(...tiles.map((t) => t.y))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.x + t.size))).toBeGreaterThanOrEqual(W);
    expect(Math.max(...tiles.map((t) => t.y + t.size))).toBeGreaterThanOrEqual(H);
    const svg = villageMapSvg({ ...base, points: [], tileUrl: url });
    expect(svg).toContain('href="https://tiles.example.tw/');
    expect(svg).toContain('.png?k=a&#38;b=1"');
    expect(svg.indexOf('<g class="map-tiles">')).toBeLessThan(svg.indexOf('class="map-boundary"'));
    expect(svg).toContain('rotate(0)');
  });
});
