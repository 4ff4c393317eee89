import type { Executor } from '../../../db/index.js';
import { type RenumberingNotice, renumberingsForKeys } from '../renumbering/notices.js';
import { type Lineage, lineage } from './history.js';
import { places } from '../../population/index.js';
import * as repo from './repo.js';

/**
 * One house number's page: where it is (village, 鄰, coordinates), its whole
 * history, the renumbering notices that name it or a number it came from,
 * and which office issues its certificate.
 */
export interface PointDetail {
  point: repo.PointRow;
  village: places.VillageRow | null;
  town: places.TownRow | null;
  history: Lineage;
  notices: RenumberingNotice[];
}

const townOf = (villageCode: string) => villageCode.slice(0, 8);

/** The number, when it is in the scope (the county's, or the office's towns); null otherwise. */
export async function pointDetail(db: Executor, scope: repo.Scope & { towns: places.TownRow[] }, id: number): Promise<PointDetail | null> {
  const point = await repo.pointById(db, id);
  if (!point || point.county_id !== scope.countyId) return null;
  if (scope.townCodes && !scope.townCodes.includes(townOf(point.village_code))) return null;
  const [village] = await places.villages(db, [point.village_code]);
  const town = scope.towns.find((t) => t.code === townOf(point.village_code)) ?? null;
  const history = await lineage(db, point);
  const keys = [...new Set([point.match_key, ...history.before.map((p) => p.match_key)])];
  const notices = await renumberingsForKeys(db, keys);
  return { point, village: village ?? null, town, history, notices };
}
