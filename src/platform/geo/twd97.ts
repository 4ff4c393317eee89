import proj4 from 'proj4';

/**
 * TWD97 Transverse Mercator 2° zones (EPSG:3826 zone 121 for Taiwan proper,
 * EPSG:3825 zone 119 for 澎湖 and 金門) ↔ WGS84 longitude/latitude. TWD97
 * sits on GRS80, which WGS84 matches to well under a metre: no datum shift.
 */
export type Twd97Zone = 119 | 121;

const WGS84 = 'EPSG:4326';
const DEFS: Record<Twd97Zone, string> = {
  121: '+proj=tmerc +lat_0=0 +lon_0=121 +k=0.9999 +x_0=250000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  119: '+proj=tmerc +lat_0=0 +lon_0=119 +k=0.9999 +x_0=250000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};
const converters = {
  121: proj4(DEFS[121], WGS84),
  119: proj4(DEFS[119], WGS84),
} as const;

/** [x, y] in metres → [lon, lat] in degrees. */
export function twd97ToWgs84(x: number, y: number, zone: Twd97Zone = 121): [number, number] {
  const [lon, lat] = converters[zone].forward([x, y]);
  return [lon as number, lat as number];
}

/** [lon, lat] → [x, y] in metres. */
export function wgs84ToTwd97(lon: number, lat: number, zone: Twd97Zone = 121): [number, number] {
  const [x, y] = converters[zone].inverse([lon, lat]);
  return [x as number, y as number];
}
