import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { twd97ToWgs84, wgs84ToTwd97 } from './twd97.js';

/**
 * The conversion checked against what is published, not against proj4 itself:
 *
 * - The definition of TWD97 TM2 (內政部地政司, 「TWD97 坐標系統」; the same in
 *   EPSG:3826 / EPSG:3825): GRS80 (a = 6378137 m, f = 1/298.257222101),
 *   transverse Mercator, central meridian 121°E (澎湖、金門、馬祖 119°E),
 *   scale 0.9999 on it, false easting 250,000 m, origin on the equator.
 *   So (121°E, 0°) is (250000, 0), every point of 121°E has x = 250000, and
 *   along it y = 0.9999 × the GRS80 meridian arc.
 * - The GRS80 quadrant of the meridian, Q = 10,001,965.7293 m (H. Moritz,
 *   "Geodetic Reference System 1980", Bulletin Géodésique 54 (1980), as
 *   republished in Journal of Geodesy 74 (2000), table of derived constants).
 * - Krüger's series for the transverse Mercator (as in Karney, "Transverse
 *   Mercator with an accuracy of a few nanometers", J. Geodesy 85 (2011),
 *   eq. 35–36 to n⁴), written out below: an independent computation, good to
 *   well under a millimetre within a few degrees of the central meridian.
 * - The worked example of EPSG Guidance Note 7-2 (IOGP Publication 373-7-2,
 *   §3.5.3, Transverse Mercator, OSGB 1936 / British National Grid):
 *   50°30'N, 0°30'E → E 577,274.99 m, N 69,740.50 m — the same proj4
 *   transverse Mercator the module uses, on a published example.
 * - Two points of Taipei with their TWD97 TM2 and longitude/latitude as
 *   published in the test suite of the twd97 Ruby gem (marsz/twd97,
 *   spec/lib/twd97_spec.rb), rounded there to 1e-6°.
 */
const A = 6378137;
const F = 1 / 298.257222101;
const K0 = 0.9999;
const QUADRANT = 10_001_965.7293;
const rad = (d: number) => (d * Math.PI) / 180;

/** Krüger's series to n⁴: [lon, lat] → [x, y] for a TM2 zone with this central meridian. */
function kruger(lon: number, lat: number, centralMeridian: number): [number, number] {
  const n = F / (2 - F);
  const rectifying = (A / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180, (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440, (61 * n ** 3) / 240 - (103 * n ** 4) / 140, (49561 * n ** 4) / 161280];
  const phi = rad(lat);
  const dl = rad(lon - centralMeridian);
  const e2n = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e2n * Math.atanh(e2n * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(dl));
  const eta = Math.atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
  let x = eta;
  let y = xi;
  alpha.forEach((a, i) => {
    const j = 2 * (i + 1);
    x += a * Math.cos(j * xi) * Math.sinh(j * eta);
    y += a * Math.sin(j * xi) * Math.cosh(j * eta);
  });
  return [250000 + K0 * rectifying * x, K0 * rectifying * y];
}

const metres = 0.5;
const degrees = 1e-5;

describe('TWD97 TM2 zone 121 (Taiwan proper)', () => {
  it('puts the origin at 121°E on the equator at x 250,000 m, y 0', () => {
    const [x, y] = wgs84ToTwd97(121, 0);
    expect(x).toBeCloseTo(250000, 3);
    expect(y).toBeCloseTo(0, 3);
    const [lon, lat] = twd97ToWgs84(250000, 0);
    expect(lon).toBeCloseTo(121, 9);
    expect(lat).toBeCloseTo(0, 9);
  });

  it('keeps 121°E at x 250,000 m, with y 0.9999 × the GRS80 meridian arc (the quadrant at the pole)', () => {
    for (const lat of [21.9, 22.5, 23.5, 24.8, 25.3]) expect(Math.abs(wgs84ToTwd97(121, lat)[0] - 250000)).toBeLessThan(0.001);
    expect(Math.abs(wgs84ToTwd97(121, 90)[1] - K0 * QUADRANT)).toBeLessThan(0.01);
    // the series' own quadrant agrees with Moritz's, so the series below can be trusted
    expect(Math.abs(kruger(121, 90, 121)[1] - K0 * QUADRANT)).toBeLessThan(0.001);
  });

  it('agrees with Krüger’s series over the whole island, both ways', () => {
    for (let lat = 21.8; lat <= 25.4; lat += 0.4) {
      for (let lon = 119.9; lon <= 122.1; lon += 0.275) {
        const [x, y] = wgs84ToTwd97(lon, lat);
        const [kx, ky] = kruger(lon, lat, 121);
        expect(Math.abs(x - kx)).toBeLessThan(0.01);
        expect(Math.abs(y - ky)).toBeLessThan(0.01);
        const [blon, blat] = twd97ToWgs84(kx, ky);
        expect(Math.abs(blon - lon)).toBeLessThan(1e-8);
        expect(Math.abs(blat - lat)).toBeLessThan(1e-8);
      }
    }
  });

  it('gives the published longitude and latitude of two Taipei points', () => {
    const published: [number, number, number, number][] = [
      [302745.088, 2771185.18, 121.522737, 25.047902],
      [304225.666, 2769534.8, 121.537345, 25.03295],
    ];
    for (const [x, y, lon, lat] of published) {
      const [glon, glat] = twd97ToWgs84(x, y);
      expect(Math.abs(glon - lon)).toBeLessThan(degrees);
      expect(Math.abs(glat - lat)).toBeLessThan(degrees);
      // and back to the published metres
      const [bx, by] = wgs84ToTwd97(lon, lat);
      expect(Math.abs(bx - x)).toBeLessThan(metres);
      expect(Math.abs(by - y)).toBeLessThan(metres);
    }
  });

  it('puts the demo’s 竹北 near 121.01°E, 24.835°N about 1 km east of the central meridian', () => {
    const [x, y] = wgs84ToTwd97(121.01, 24.835);
    expect(x).toBeGreaterThan(250900);
    expect(x).toBeLessThan(251100);
    expect(y).toBeGreaterThan(2_746_000);
    expect(y).toBeLessThan(2_749_000);
  });
});

describe('TWD97 TM2 zone 119 (澎湖, 金門)', () => {
  it('puts its origin at 119°E on the equator', () => {
    const [x, y] = wgs84ToTwd97(119, 0, 119);
    expect(x).toBeCloseTo(250000, 3);
    expect(y).toBeCloseTo(0, 3);
  });

  it('agrees with Krüger’s series around 馬公 and 金門, both ways', () => {
    const places: [string, number, number][] = [
      ['馬公', 119.5664, 23.5654],
      ['湖西', 119.6597, 23.5836],
      ['七美', 119.4231, 23.2052],
      ['金城', 118.3170, 24.4324],
    ];
    for (const [, lon, lat] of places) {
      const [x, y] = wgs84ToTwd97(lon, lat, 119);
      const [kx, ky] = kruger(lon, lat, 119);
      expect(Math.abs(x - kx)).toBeLessThan(0.01);
      expect(Math.abs(y - ky)).toBeLessThan(0.01);
      const [blon, blat] = twd97ToWgs84(x, y, 119);
      expect(Math.abs(blon - lon)).toBeLessThan(1e-8);
      expect(Math.abs(blat - lat)).toBeLessThan(1e-8);
    }
    // 馬公 lies about 58 km east of 119°E; read in the wrong zone it would be some 150 km off
    const [mx] = wgs84ToTwd97(119.5664, 23.5654, 119);
    expect(mx).toBeGreaterThan(307000);
    expect(mx).toBeLessThan(309000);
    expect(Math.abs(twd97ToWgs84(mx, 2_607_000, 121)[0] - 119.5664)).toBeGreaterThan(1.5);
  });
});

describe('round trips', () => {
  it('comes back to the same millimetre and the same 1e-9 degree', () => {
    for (const zone of [121, 119] as const) {
      for (let i = 0; i < 200; i++) {
        const x = 150000 + ((i * 7919) % 200000);
        const y = 2_420_000 + ((i * 104729) % 400000);
        const [lon, lat] = twd97ToWgs84(x, y, zone);
        const [bx, by] = wgs84ToTwd97(lon, lat, zone);
        expect(Math.abs(bx - x)).toBeLessThan(0.001);
        expect(Math.abs(by - y)).toBeLessThan(0.001);
        const [blon, blat] = twd97ToWgs84(bx, by, zone);
        expect(Math.abs(blon - lon)).toBeLessThan(1e-9);
        expect(Math.abs(blat - lat)).toBeLessThan(1e-9);
      }
    }
  });
});

it('uses a transverse Mercator that reproduces EPSG Guidance Note 7-2’s worked example', () => {
  const osgb = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +a=6377563.396 +rf=299.3249646 +units=m +no_defs';
  const [e, n] = proj4('EPSG:4326', osgb, [0.5, 50.5]) as [number, number];
  expect(Math.abs(e - 577274.99)).toBeLessThan(0.05);
  expect(Math.abs(n - 69740.5)).toBeLessThan(0.05);
});
