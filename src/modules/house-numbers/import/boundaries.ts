import { type Database, type Executor, writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { storeRawFile } from '../../population/table-file.js';
import { type BoundaryFeature, type BoundaryProblem, readBoundaries } from './boundaries-read.js';
import { places as repo } from '../../population/index.js';
import type { ImportInput } from './register.js';

export type ImportBoundariesResult =
  | { ok: true; fileId: number; features: number; updated: number; created: number; townsCreated: number; skipped: number }
  | { ok: false; problems: BoundaryProblem[] };

interface Counts {
  updated: number;
  created: number;
  townsCreated: number;
  skipped: number;
}

/** What the county already has, and how to tell a feature of another county. */
interface Known {
  countyId: number;
  villages: Map<string, string>;
  towns: Map<string, number>;
  /** the 5-digit county parts of the county's town codes (empty: no towns yet, any code is taken) */
  prefixes: Set<string>;
  /** the county's name in Chinese, to skip features of other counties that say theirs (COUNTYNAME) */
  countyName: string | null;
}

async function known(trx: Executor, countyId: number, features: readonly BoundaryFeature[], countyName: string | null): Promise<Known> {
  const villages = await repo.villagesOf(
    trx,
    features.map((f) => f.code),
  );
  const townCodes = [...new Set([...features.map((f) => f.code.slice(0, 8)), ...villages.values()])];
  const towns = await repo.townsOf(trx, townCodes);
  const prefixes = new Set((await repo.countyTownCodes(trx, countyId)).map((c) => c.slice(0, 5)));
  return { countyId, villages, towns, prefixes, countyName };
}

/** One feature: the village's boundary and area set, or the town and village created from the feature's names, or skipped. */
async function apply(trx: Executor, k: Known, f: BoundaryFeature, c: Counts): Promise<void> {
  const boundary = JSON.stringify(f.geometry);
  const townCode = k.villages.get(f.code) ?? f.code.slice(0, 8);
  const townCounty = k.towns.get(townCode);
  if (k.villages.has(f.code)) {
    if (townCounty !== k.countyId) c.skipped++;
    else {
      await repo.setBoundary(trx, f.code, f.areaKm2, boundary);
      c.updated++;
    }
    return;
  }
  const otherCounty =
    townCounty !== undefined ? townCounty !== k.countyId : (k.prefixes.size > 0 && !k.prefixes.has(f.code.slice(0, 5))) || (f.countyName !== null && k.countyName !== null && f.countyName !== k.countyName);
  if (otherCounty || !f.villageName || (townCounty === undefined && !f.townName)) {
    c.skipped++;
    return;
  }
  if (townCounty === undefined) {
    await repo.insertTown(trx, { code: townCode, countyId: k.countyId, name: f.townName as string });
    k.towns.set(townCode, k.countyId);
    c.townsCreated++;
  }
  await repo.insertVillage(trx, { code: f.code, townCode, name: f.villageName, areaKm2: f.areaKm2, boundary });
  c.created++;
}

/**
 * Imports village boundaries (GeoJSON or TopoJSON, WGS84): every feature
 * checked first (a refusal names the feature; nothing is stored), then in
 * one transaction the raw file kept and each village of the county given
 * its boundary and area (d3-geo's spherical area × 6371.0088²). Villages
 * and towns the county does not have yet are created from the feature's
 * TOWNNAME/VILLNAME; features of another county (a code or COUNTYNAME that
 * is not this county's, as in the national file) are skipped and counted.
 */
export async function importBoundaries(database: Database, input: ImportInput & { countyName?: string | null }): Promise<ImportBoundariesResult> {
  const read = readBoundaries(input.bytes);
  if (!read.ok) return read;
  return writeTransaction(database, async (trx) => {
    const fileId = await storeRawFile(trx, {
      county_id: input.countyId,
      kind: 'boundaries',
      month: null,
      source: input.source,
      filename: input.filename,
      encoding: read.encoding,
      format: read.format,
      content: input.bytes,
      rows: read.features.length,
      imported_at: input.now.toISOString(),
      imported_by: input.staffId,
    });
    const k = await known(trx, input.countyId, read.features, input.countyName?.replaceAll('台', '臺') ?? null);
    const counts: Counts = { updated: 0, created: 0, townsCreated: 0, skipped: 0 };
    for (const f of read.features) await apply(trx, k, f, counts);
    await recordAudit(
      trx,
      {
        actor: input.actor ?? null,
        action: 'addresses.boundaries',
        target: { type: 'stat_file', id: fileId },
        countyId: input.countyId,
        detail: { filename: input.filename, features: read.features.length, ...counts, source: input.source },
        ip: input.ip ?? null,
      },
      input.now,
    );
    return { ok: true as const, fileId, features: read.features.length, ...counts };
  });
}
