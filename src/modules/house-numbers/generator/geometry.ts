import { wgs84ToTwd97 } from '../../../platform/geo/twd97.js';

/**
 * Where generated house numbers may stand: within reach of their village
 * centre (the population generator's boundaries promise every place within
 * 500 m of an urban centre, 2 km of a mountain one, and nearer to it than to
 * any other centre, is inside its village; we stay a little closer), and
 * nearer to it than to any other village centre — measured both in metres
 * (TWD97) and in plain longitude/latitude degrees, the plane a Voronoi of
 * the centres is usually drawn in — with a margin, so every point falls
 * inside its own village of the generated boundaries. A point outside is
 * pulled toward its centre until it is inside: each village's cell is
 * convex and holds its centre, so that always ends.
 */
export interface Centre {
  code: string;
  lonLat: [number, number];
  /** the box the village's town is drawn in ([minLon, minLat, maxLon, maxLat]); points stay inside it */
  box?: [number, number, number, number];
  /** metres from the centre a point may stand */
  reach: number;
}

interface Known {
  code: string;
  lon: number;
  lat: number;
  x: number;
  y: number;
  box: [number, number, number, number] | undefined;
  reach: number;
  /** the centres near enough to matter (within 6 km) */
  near: Known[];
}

/** A point must be this much nearer its own centre than any other (distance ratio). */
const MARGIN = 0.9;

const { hypot } = Math;

export class Placer {
  private readonly byCode = new Map<string, Known>();

  constructor(centres: readonly Centre[]) {
    const all: Known[] = centres.map((c) => {
      const [x, y] = wgs84ToTwd97(c.lonLat[0], c.lonLat[1]);
      return { code: c.code, lon: c.lonLat[0], lat: c.lonLat[1], x, y, box: c.box, reach: c.reach, near: [] };
    });
    // a grid of 6 km cells: each centre looks only at its own and the eight around it
    const cell = (v: number) => Math.floor(v / 6000);
    const grid = new Map<string, Known[]>();
    for (const k of all) {
      const key = `${cell(k.x)},${cell(k.y)}`;
      grid.set(key, [...(grid.get(key) ?? []), k]);
    }
    for (const k of all) {
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) for (const o of grid.get(`${cell(k.x) + dx},${cell(k.y) + dy}`) ?? []) if (o !== k) k.near.push(o);
      this.byCode.set(k.code, k);
    }
  }

  centreOf(code: string): { x: number; y: number } {
    const k = this.byCode.get(code);
    if (!k) throw new Error(`unknown village ${code}`);
    return { x: k.x, y: k.y };
  }

  /** Is TWD97 (x, y), at (lon, lat), well inside the village's cell and box? */
  private fits(k: Known, x: number, y: number, lon: number, lat: number): boolean {
    if (k.box && (lon < k.box[0] || lat < k.box[1] || lon > k.box[2] || lat > k.box[3])) return false;
    const own = hypot(x - k.x, y - k.y);
    if (own > k.reach) return false;
    const ownDeg = hypot(lon - k.lon, lat - k.lat);
    for (const o of k.near) {
      if (own > MARGIN * hypot(x - o.x, y - o.y)) return false;
      if (ownDeg > MARGIN * hypot(lon - o.lon, lat - o.lat)) return false;
    }
    return true;
  }

  /**
   * The point as near to (x, y) as fits the village: pulled toward the
   * centre in steps. Longitude and latitude are the centre's plus metres
   * over the local degree lengths: within a few kilometres that is off by
   * centimetres, far inside the margin, and much faster than proj4 a try.
   */
  place(code: string, x: number, y: number): [number, number] {
    const k = this.byCode.get(code);
    if (!k) throw new Error(`unknown village ${code}`);
    const perLon = 111_320 * Math.cos((k.lat * Math.PI) / 180);
    let t = 1;
    for (let i = 0; i < 40; i++, t *= 0.85) {
      const px = k.x + (x - k.x) * t;
      const py = k.y + (y - k.y) * t;
      if (this.fits(k, px, py, k.lon + (px - k.x) / perLon, k.lat + (py - k.y) / 110_570)) return [px, py];
    }
    return [k.x, k.y];
  }

  /** Is the point nearest its own centre among all (both measures, no margin)? For the tests. */
  nearestIs(code: string, lon: number, lat: number): boolean {
    const k = this.byCode.get(code);
    if (!k) return false;
    const [x, y] = wgs84ToTwd97(lon, lat);
    const own = hypot(x - k.x, y - k.y);
    const ownDeg = hypot(lon - k.lon, lat - k.lat);
    for (const o of this.byCode.values()) {
      if (o === k) continue;
      if (hypot(x - o.x, y - o.y) < own || hypot(lon - o.lon, lat - o.lat) < ownDeg) return false;
    }
    return true;
  }
}
