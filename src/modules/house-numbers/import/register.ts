import { type Database, writeTransaction } from '../../../db/index.js';
import type { StatFileTable } from '../../../db/schema.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { storeRawFile, TableFileError } from '../../population/table-file.js';
import { CsvError, type RegisterTable, readRegisterTable } from './register-csv.js';
import { bulkLoad, deleteCountyRegister, detachRenumberings, insertEvents, insertPoints, reattachRenumberings } from './register-repo.js';
import { type RegisterProblem, type RegisterRow, readRegisterRows } from './register-rows.js';

export interface ImportInput {
  countyId: number;
  bytes: Uint8Array;
  filename: string;
  source: StatFileTable['source'];
  staffId: number | null;
  now: Date;
  /** who, for the audit log (null: the CLI or the demo seed) */
  actor?: { id: number; username: string } | null;
  ip?: string | null;
}

export type ImportRegisterResult =
  | { ok: true; fileId: number; points: number; current: number; retired: number; events: number }
  | { ok: false; problems: RegisterProblem[] };

/** The file decoded and its rows read and checked, or the problems that stop it (not CSV or JSON, a broken quote, bad cells). */
export function readRegisterFile(bytes: Uint8Array, filename: string): { table: RegisterTable; rows: RegisterRow[] } | { problems: RegisterProblem[] } {
  try {
    const table = readRegisterTable(bytes, filename);
    const { rows, problems } = readRegisterRows(table);
    return problems.length > 0 ? { problems } : { table, rows };
  } catch (err) {
    if (err instanceof CsvError) return { problems: [{ line: err.line, column: '', key: 'houseNumbers.import.file.badCsv', params: {} }] };
    if (!(err instanceof TableFileError)) throw err;
    return { problems: [{ line: err.line ?? 0, column: '', key: err.key.replace(/^stats\.file\./, 'houseNumbers.import.file.'), params: {} }] };
  }
}

/** The point a key names now: the first current one, else the first retired one. */
function keyIndex(rows: readonly RegisterRow[], ids: readonly number[]): (key: string) => number | undefined {
  const current = new Map<string, number>();
  const any = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = ids[i] as number;
    if (!any.has(r.matchKey)) any.set(r.matchKey, id);
    if (r.state === 'current' && !current.has(r.matchKey)) current.set(r.matchKey, id);
  });
  return (key) => current.get(key) ?? any.get(key);
}

/**
 * Imports a county's whole register export (formats.ts): every row checked
 * first (a refusal names line and column, and nothing is stored), then in
 * one transaction the raw file kept, the county's points and events
 * replaced, and the renumbering notices pointed at the new rows by key.
 */
export async function importRegister(database: Database, input: ImportInput): Promise<ImportRegisterResult> {
  const read = readRegisterFile(input.bytes, input.filename);
  if ('problems' in read) return { ok: false, problems: read.problems };
  const { table, rows } = read;
  return writeTransaction(database, async (trx) => {
    const fileId = await storeRawFile(trx, {
      county_id: input.countyId,
      kind: 'addresses',
      month: null,
      source: input.source,
      filename: input.filename,
      encoding: table.encoding,
      format: table.format,
      content: input.bytes,
      rows: rows.length,
      imported_at: input.now.toISOString(),
      imported_by: input.staffId,
    });
    const links = await detachRenumberings(trx, input.countyId);
    const ids = await bulkLoad(trx, database.dialect, rows.length, async () => {
      await deleteCountyRegister(trx, input.countyId);
      const ids = await insertPoints(trx, database.dialect, rows, input.countyId, fileId);
      await insertEvents(trx, database.dialect, rows, ids, new Map(rows.map((r, i) => [r.id, ids[i] as number])));
      return ids;
    });
    await reattachRenumberings(trx, links, keyIndex(rows, ids));
    const current = rows.filter((r) => r.state === 'current').length;
    const result = { ok: true as const, fileId, points: rows.length, current, retired: rows.length - current, events: rows.length };
    await recordAudit(
      trx,
      {
        actor: input.actor ?? null,
        action: 'addresses.import',
        target: { type: 'stat_file', id: fileId },
        countyId: input.countyId,
        detail: { filename: input.filename, points: result.points, current, retired: result.retired, source: input.source },
        ip: input.ip ?? null,
      },
      input.now,
    );
    return result;
  });
}
