/** Coordinates and maps: TWD97 ↔ WGS84 (proj4) and server-drawn SVG village maps (d3-geo). */
export { type Twd97Zone, twd97ToWgs84, wgs84ToTwd97 } from './twd97.js';
export { escapeXml, type MapFrame, type MapPoint, mapFrame, rewind, scaleBar, type Tile, tilesFor, type VillageMapOptions, villageMapSvg } from './map.js';
