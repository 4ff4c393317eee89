/**
 * The demo county's house numbers: a GENERATED register (not the official
 * one; src/modules/house-numbers/generator) of about 6,000 numbers in 竹北市
 * and 800 in 尖石鄉 with their history — the 2019 renumbering (整編) of
 * 光明六路's first stretch, numbers changed (改編) and abolished (廢止) —
 * and the GENERATED village boundaries (src/modules/population/generator),
 * both imported the way an office would import the real files: through
 * importRegister and importBoundaries, each file kept raw.
 */
import type { Database } from '../db/index.js';
import { writeDemoRegister } from '../modules/house-numbers/generator/write.js';
import { importBoundaries } from '../modules/house-numbers/import/boundaries.js';
import { importRegister } from '../modules/house-numbers/import/register.js';
import { COUNTY_NAME, generateVillageBoundaries } from '../modules/population/generator/index.js';

export const DEMO_REGISTER_FILE = 'demo-house-numbers.csv';
export const DEMO_BOUNDARY_FILE = 'demo-village-boundaries.geojson';

/** Imports the demo register (Big5 CSV with Chinese keys, as the register system exports it) and the village boundaries. */
export async function seedHouseNumbers(database: Database, opts: { countyId: number; now: Date }): Promise<{ points: number; villages: number }> {
  const boundaries = await importBoundaries(database, {
    countyId: opts.countyId,
    countyName: COUNTY_NAME,
    bytes: Buffer.from(JSON.stringify(generateVillageBoundaries()), 'utf8'),
    filename: DEMO_BOUNDARY_FILE,
    source: 'demo',
    staffId: null,
    now: opts.now,
  });
  if (!boundaries.ok) throw new Error(`demo boundaries refused: ${JSON.stringify(boundaries.problems.slice(0, 3))}`);
  const register = await importRegister(database, {
    countyId: opts.countyId,
    bytes: writeDemoRegister({ format: 'csv', encoding: 'big5', keys: 'zh' }),
    filename: DEMO_REGISTER_FILE,
    source: 'demo',
    staffId: null,
    now: opts.now,
  });
  if (!register.ok) throw new Error(`demo register refused: ${JSON.stringify(register.problems.slice(0, 3))}`);
  return { points: register.points, villages: boundaries.updated + boundaries.created };
}
