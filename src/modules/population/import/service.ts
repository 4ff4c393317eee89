import { type Database, type Executor, writeTransaction } from '../../../db/index.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { officesService } from '../../offices/index.js';
import { staffDirectory } from '../../staff/index.js';
import type { StatKind } from '../formats.js';
import { readTableFile, storeRawFile, type TableFile, TableFileError } from '../table-file.js';
import { type CheckedFile, checkRows } from './check.js';
import { type Problem, parseTable } from './parse.js';
import * as repo from './repo.js';

export type { Problem } from './parse.js';
export { townName } from './check.js';

export type ImportSource = 'upload' | 'cli' | 'fetch' | 'demo';

export interface ImportInput {
  countyId: number;
  bytes: Uint8Array;
  filename: string;
  source: ImportSource;
  staffId: number | null;
  now: Date;
  /** how the audit log names the person (their username); looked up from staffId when not given */
  actorLabel?: string;
}

export type ImportResult =
  | { ok: true; fileId: number; kind: StatKind; month: string; villages: number; replaced: boolean }
  | { ok: false; problems: Problem[] };

/** At most this many problems are listed: a file wrong throughout says so in the first fifty. */
export const MAX_PROBLEMS = 50;

/** A problem's numbers with thousands separators (12,345), as every figure is shown. */
export function readable(params: Problem['params']): Problem['params'] {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('en') : v]));
}

/** Problems in file order: the whole file's first, then by line (a sort keeps each line's own order). */
function refused(found: Problem[]): ImportResult {
  const problems = [...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  const more: Problem = { line: null, column: null, key: 'population.import.problem.more', params: { n: problems.length - MAX_PROBLEMS } };
  return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), more] };
}

/** The county's name (to take off site_id) and its offices (to link a town to the office serving it). */
async function countyContext(database: Database, countyId: number) {
  const county = await officesService.countyInfo(database.db, 'zh-Hant');
  const offices = (await officesService.listOfficeInfos(database.db, 'zh-Hant')).filter((o) => o.countyId === countyId);
  const name = county?.id === countyId ? county.name : null;
  // an open office before a closed one of the same name
  offices.sort((a, b) => Number(Boolean(a.closed)) - Number(Boolean(b.closed)));
  const officeOf = (town: string): number | null => offices.find((o) => o.name.startsWith(town) || (name !== null && o.name.startsWith(`${name}${town}`)))?.id ?? null;
  return { name, officeOf };
}

function readTable(input: ImportInput, problems: Problem[]): TableFile | null {
  try {
    return readTableFile(input.bytes, input.filename);
  } catch (err) {
    if (!(err instanceof TableFileError)) throw err;
    // table-file's keys are stats.file.<what>: this area's words say them
    problems.push({ line: err.line, column: null, key: `population.import.problem.file.${err.key.split('.').pop()}` });
    return null;
  }
}

/**
 * Imports one monthly file (households, single ages or vital events; the
 * kind is read from its columns). Every check runs first and every problem
 * is returned with its line and column, nothing stored; a file that adds up
 * is stored in one transaction: the raw file (marking the month's earlier
 * one replaced), the towns and villages it names, the month's rows of this
 * kind for the county replaced by the file's, and the audit line.
 */
export async function importPopulationFile(database: Database, input: ImportInput): Promise<ImportResult> {
  const problems: Problem[] = [];
  const table = readTable(input, problems);
  const county = await countyContext(database, input.countyId);
  const parsed = table ? parseTable(table, problems) : null;
  const checked = parsed ? checkRows(parsed, county.name, problems) : null;
  if (!table || !checked) return refused(problems);
  const taken = await repo.townsOfOtherCounties(database.db, input.countyId, [...checked.towns.keys()]);
  if (taken.length > 0) return refused(taken.map((code) => ({ line: null, column: null, key: 'population.import.problem.otherCounty', params: { townCode: code } })));
  const actorLabel = input.actorLabel ?? (input.staffId === null ? null : ((await staffDirectory.staffNames(database.db, [input.staffId])).get(input.staffId) ?? String(input.staffId)));
  return writeTransaction(database, async (trx) => {
    await repo.lockCounty(trx, database.dialect, input.countyId);
    const replaced = await repo.hasCurrentFile(trx, input.countyId, checked.kind, checked.month);
    const fileId = await storeRawFile(trx, {
      county_id: input.countyId,
      kind: checked.kind,
      month: checked.month,
      source: input.source,
      filename: input.filename,
      encoding: table.encoding,
      format: table.format,
      content: input.bytes,
      rows: table.rows.length,
      imported_at: input.now.toISOString(),
      imported_by: input.staffId,
    });
    await storeFigures(trx, input.countyId, fileId, checked, county.officeOf);
    const detail = { kind: checked.kind, month: checked.month, villages: checked.villages.length, source: input.source, replaced, filename: input.filename };
    const actor = input.staffId === null ? null : { id: input.staffId, username: actorLabel ?? String(input.staffId) };
    await recordAudit(trx, { actor, action: 'population.import', target: { type: 'stat_file', id: fileId }, countyId: input.countyId, detail }, input.now);
    return { ok: true, fileId, kind: checked.kind, month: checked.month, villages: checked.villages.length, replaced } as const;
  });
}

/** Towns and villages named as the file names them, then the month's rows of this kind replaced by the file's. */
async function storeFigures(trx: Executor, countyId: number, fileId: number, f: CheckedFile, officeOf: (town: string) => number | null) {
  await repo.upsertTowns(
    trx,
    [...f.towns].map(([code, name]) => ({ code, county_id: countyId, name_zh: name, office_id: officeOf(name) })),
  );
  await repo.upsertVillages(
    trx,
    f.villages.map((v) => ({ code: v.code, town_code: v.townCode, name_zh: v.village })),
  );
  await repo.deleteMonth(trx, f.kind, countyId, f.month);
  const base = (v: (typeof f.villages)[number]) => ({ month: f.month, village_code: v.code, file_id: fileId });
  const n = (v: (typeof f.villages)[number], name: string) => v.figures[name] ?? 0;
  if (f.kind === 'households') {
    await repo.insertHouseholds(
      trx,
      f.villages.map((v) => ({ ...base(v), town_code: v.townCode, county_id: countyId, households: n(v, 'households'), people: n(v, 'people'), male: n(v, 'male'), female: n(v, 'female') })),
    );
  } else if (f.kind === 'ages') {
    await repo.insertAges(
      trx,
      f.villages.flatMap((v) => Array.from({ length: 101 }, (_, age) => ({ ...base(v), age, male: n(v, `m${age}`), female: n(v, `f${age}`) }))),
    );
  } else {
    await repo.insertEvents(
      trx,
      f.villages.map((v) => ({
        ...base(v),
        births_m: n(v, 'birthsM'),
        births_f: n(v, 'birthsF'),
        deaths_m: n(v, 'deathsM'),
        deaths_f: n(v, 'deathsF'),
        marriages: n(v, 'marriages'),
        divorces: n(v, 'divorces'),
        moved_in: n(v, 'movedIn'),
        moved_out: n(v, 'movedOut'),
      })),
    );
  }
}

// ---- for the staff page ----------------------------------------------------

export interface ImportedFile {
  id: number;
  kind: StatKind;
  month: string;
  source: ImportSource;
  filename: string;
  encoding: string;
  format: string;
  rows: number;
  importedAt: string;
  importedBy: string | null;
  current: boolean;
}

/** The county's population files, newest month first; `more` when another page follows. */
export async function importedFiles(db: Executor, countyId: number, page: number, perPage: number): Promise<{ files: ImportedFile[]; more: boolean }> {
  const rows = await repo.filesOfCounty(db, countyId, perPage + 1, (page - 1) * perPage);
  const names = await staffDirectory.staffNames(
    db,
    rows.map((r) => r.imported_by),
  );
  const files = rows.slice(0, perPage).map((r) => ({
    id: r.id,
    kind: r.kind as StatKind,
    month: r.month ?? '',
    source: r.source,
    filename: r.filename,
    encoding: r.encoding,
    format: r.format,
    rows: r.rows,
    importedAt: r.imported_at,
    importedBy: r.imported_by === null ? null : (names.get(r.imported_by) ?? null),
    current: r.replaced_by === null,
  }));
  return { files, more: rows.length > perPage };
}

/** A kept file as it came, if it is one of this county's population files. */
export async function rawFile(db: Executor, countyId: number, id: number) {
  const row = await repo.fileWithContent(db, id);
  if (!row || row.county_id !== countyId) return null;
  return { filename: row.filename, encoding: row.encoding, format: row.format, bytes: Buffer.from(row.content) };
}

/** Has the county a current file of this kind and month (the scheduled fetch skips what is in). */
export const monthImported = (db: Executor, countyId: number, kind: StatKind, month: string) => repo.hasCurrentFile(db, countyId, kind, month);
