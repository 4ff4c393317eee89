import type { z } from 'zod';
import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { type Cell, toOds } from '../../platform/export/index.js';
import { applyBookingServiceRows, BOOKING_SERVICE_COLUMNS, bookingServiceRowSchema, exportBookingServiceRows } from '../booking/index.js';
import { applyGuideRows, exportGuideRows, GUIDE_COLUMNS, type GuideSheetRow, guideRowSchema } from '../guides/index.js';
import { applyHoursRows, applyOfficeRows, exportHoursRows, exportOfficeRows, HOURS_COLUMNS, hoursRowSchema, OFFICE_COLUMNS, officeRowSchema } from '../offices/index.js';
import { applyCounterRows, applyQueueServiceRows, COUNTER_COLUMNS, counterRowSchema, exportCounterRows, exportQueueServiceRows, QUEUE_SERVICE_COLUMNS, queueServiceRowSchema } from '../queue/index.js';
import { readOds } from './ods-read.js';
import * as repo from './repo.js';

/**
 * The county's configuration as one ODS file, a sheet per kind (issue 13
 * §3). Each kind belongs to its module, which offers export/apply row
 * functions and a zod row schema; this module only lays the rows out,
 * reads them back, checks the whole file and applies it all or nothing.
 * A new kind is one more entry in SHEETS.
 */

type Row = Record<string, string>;
type Actor = StaffPrincipal;
interface Column {
  key: string;
  header: string;
}

export interface SheetKind {
  id: string;
  /** the sheet's name in the file */
  name: string;
  columns: readonly Column[];
  schema: z.ZodType;
  /** 'self': the offices sheet (a row is an office); 'office': rows of an office; 'officeOrLibrary': blank office = the county library */
  scope: 'self' | 'office' | 'officeOrLibrary';
  /** a row's identity within its office (duplicates, new / changed) */
  key(parsed: Record<string, unknown>): string;
  keyColumn: string;
  exportRows(db: Executor, officeId: number | null): Promise<Record<string, unknown>[]>;
  applyRows(trx: Executor, officeId: number | null, rows: Row[], actor: Actor, now: Date): Promise<unknown>;
}

const OFFICE_COLUMN: Column = { key: 'office', header: '戶政事務所代碼' };

/** The order of SHEETS is the order of applying: links point back (counters name queue services, booking services name queue services and guides). */
export const SHEETS: SheetKind[] = [
  {
    id: 'offices',
    name: '戶政事務所',
    columns: OFFICE_COLUMNS,
    schema: officeRowSchema,
    scope: 'self',
    key: (r) => String(r.code),
    keyColumn: 'code',
    exportRows: (db, id) => exportOfficeRows(db, id ?? 0),
    applyRows: (trx, id, rows, actor, now) => applyOfficeRows(trx, id ?? 0, rows, actor, now),
  },
  {
    id: 'hours',
    name: '服務時間',
    columns: HOURS_COLUMNS,
    schema: hoursRowSchema,
    scope: 'office',
    key: (r) => String(r.weekday),
    keyColumn: 'weekday',
    exportRows: (db, id) => exportHoursRows(db, id ?? 0),
    applyRows: (trx, id, rows, actor, now) => applyHoursRows(trx, id ?? 0, rows, actor, now),
  },
  {
    id: 'queueServices',
    name: '叫號服務',
    columns: QUEUE_SERVICE_COLUMNS,
    schema: queueServiceRowSchema,
    scope: 'office',
    key: (r) => String(r.code),
    keyColumn: 'code',
    exportRows: (db, id) => exportQueueServiceRows(db, id ?? 0),
    applyRows: (trx, id, rows, actor, now) => applyQueueServiceRows(trx, id ?? 0, rows, actor, now),
  },
  {
    id: 'counters',
    name: '櫃台',
    columns: COUNTER_COLUMNS,
    schema: counterRowSchema,
    scope: 'office',
    key: (r) => String(r.number),
    keyColumn: 'number',
    exportRows: (db, id) => exportCounterRows(db, id ?? 0),
    applyRows: (trx, id, rows, actor, now) => applyCounterRows(trx, id ?? 0, rows, actor, now),
  },
  {
    id: 'guides',
    name: '申請須知',
    columns: GUIDE_COLUMNS,
    schema: guideRowSchema,
    scope: 'officeOrLibrary',
    key: (r) => String(r.code),
    keyColumn: 'code',
    exportRows: (db, id) => exportGuideRows(db, id),
    // the guides module takes parsed rows
    applyRows: (trx, id, rows, actor, now) =>
      applyGuideRows(
        trx,
        id,
        rows.map((r) => guideRowSchema.parse(r) as GuideSheetRow),
        actor,
        now,
      ),
  },
  {
    id: 'bookingServices',
    name: '預約服務',
    columns: BOOKING_SERVICE_COLUMNS,
    schema: bookingServiceRowSchema,
    scope: 'office',
    key: (r) => String(r.code),
    keyColumn: 'code',
    exportRows: (db, id) => exportBookingServiceRows(db, id ?? 0),
    applyRows: (trx, id, rows, actor, now) => applyBookingServiceRows(trx, id ?? 0, rows, actor, now),
  },
];

export function columnsOf(kind: SheetKind): readonly Column[] {
  return kind.scope === 'self' ? kind.columns : [OFFICE_COLUMN, ...kind.columns];
}

/** What a value looks like in a cell: yes/no as 是/否, nothing as an empty cell. */
function cellOf(v: unknown): Cell {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v;
  return String(v);
}

/** The same value as the reader hands it back (every cell as text). */
function textOf(v: unknown): string {
  const c = cellOf(v);
  return c === null ? '' : String(c);
}

/** A row as the schemas see it from a file: text cells, blank ones left out. */
function rowOf(entries: [string, string][]): Row {
  return Object.fromEntries(entries.filter(([, v]) => v !== ''));
}

interface Scope {
  countyId: number;
  offices: { id: number; code: string; active: number }[];
}

async function scopeOf(db: Executor, countyId: number | null): Promise<Scope> {
  const id = countyId ?? (await repo.firstCountyId(db));
  if (id === null) throw new AppError('conflict', 'configFile.err.noCounty');
  return { countyId: id, offices: await repo.officesOfCounty(db, id) };
}

/** Every sheet's rows for the county: its open offices, and the county's guide library. */
export async function exportConfig(db: Executor, countyId: number | null, now: Date = new Date()): Promise<Uint8Array> {
  const scope = await scopeOf(db, countyId);
  const open = scope.offices.filter((o) => o.active === 1);
  const sheets = [];
  for (const kind of SHEETS) {
    const rows: Cell[][] = [];
    const targets: { id: number | null; code: string }[] = [...(kind.scope === 'officeOrLibrary' ? [{ id: null, code: '' }] : []), ...open];
    for (const target of targets) {
      for (const r of await kind.exportRows(db, target.id)) {
        rows.push([...(kind.scope === 'self' ? [] : [target.code || null]), ...kind.columns.map((c) => cellOf(r[c.key]))]);
      }
    }
    sheets.push({ name: kind.name, headers: columnsOf(kind).map((c) => c.header), rows });
  }
  return toOds(sheets, { title: '戶政事務所設定', now });
}

// ---- import ---------------------------------------------------------------

export interface Problem {
  sheet: string;
  /** the row in the sheet (1 = the header row); null: the sheet as a whole */
  row: number | null;
  /** the column's header; null: the row as a whole */
  column: string | null;
  key: string;
  params?: Record<string, string | number>;
}

export type RowStatus = 'new' | 'changed' | 'unchanged';

export interface RowChange {
  sheet: string;
  row: number;
  office: string;
  key: string;
  status: RowStatus;
}

export interface ImportResult {
  applied: boolean;
  problems: Problem[];
  changes: RowChange[];
  counts: Record<RowStatus, number>;
}

interface FileRow {
  /** the row in the sheet */
  line: number;
  office: string;
  raw: Row;
  parsed: Record<string, unknown> | null;
}

const I18N_KEY = /^[a-z][\w-]*(\.[\w-]+)+$/;

/** Zod says where; our catalogs say what (a library's English message never reaches the page). */
function keyOf(message: string, blank: boolean): string {
  if (blank) return 'err.required';
  return I18N_KEY.test(message) ? message : 'err.invalid';
}

function headerOf(kind: SheetKind, field: string): string | null {
  if (!field) return null;
  const cols = columnsOf(kind);
  const norm = (s: string) => s.replace(/[_-]/g, '').toLowerCase();
  return cols.find((c) => c.key === field)?.header ?? cols.find((c) => norm(c.key) === norm(field))?.header ?? field;
}

/** A module's refusal, named by the rows of its group: fields as `row3.phone`, `4:code`, or a `row` param, depending on the module. */
function problemsOf(err: AppError, kind: SheetKind, lines: number[]): Problem[] {
  const fields = err.fields.length > 0 ? err.fields : [{ field: '', key: err.messageKey, params: err.params }];
  return fields.map((f) => {
    let idx: number | null = null;
    let col = f.field;
    const a = /^row(\d+)\.(\w*)$/.exec(f.field);
    const b = /^(\d+):(\w*)$/.exec(f.field);
    if (a) {
      idx = Number(a[1]) - 1;
      col = a[2] ?? '';
    } else if (b) {
      idx = Number(b[1]) - 2;
      col = b[2] ?? '';
    } else if (typeof f.params?.row === 'number') idx = f.params.row - 2;
    else if (typeof err.params.row === 'number') idx = err.params.row - 2;
    const { row: _r, ...params } = f.params ?? {};
    return { sheet: kind.name, row: idx === null ? null : (lines[idx] ?? null), column: headerOf(kind, col), key: I18N_KEY.test(f.key) ? f.key : 'err.invalid', ...(Object.keys(params).length ? { params } : {}) };
  });
}

/** Rolls the transaction back while carrying the result out. */
class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

const KINDS_OF_OFFICE = ['city', 'township', 'district', 'branch'];

/**
 * Checks the whole file and applies it all or nothing. Every problem is
 * reported by sheet, row and column: first each row against its module's
 * schema (and duplicates, unknown offices), then each office's rows through
 * the module's own apply, whose deeper rules (a phone number, opening
 * hours, links between kinds) run inside one transaction that is rolled
 * back when anything was refused, or when this is a dry run.
 */
export async function importConfig(database: Database, bytes: Uint8Array, opts: { actor: Actor | null; countyId: number | null; now: Date; dryRun: boolean }): Promise<ImportResult> {
  let sheets: ReturnType<typeof readOds>;
  try {
    sheets = readOds(bytes);
  } catch (cause) {
    throw new AppError('validation', 'configFile.err.unreadable', { cause });
  }
  const problems: Problem[] = [];
  const byKind = new Map<SheetKind, FileRow[]>();
  for (const s of sheets) {
    const kind = SHEETS.find((k) => k.name === s.name.trim());
    if (!kind) {
      problems.push({ sheet: s.name, row: null, column: null, key: 'configFile.err.unknownSheet' });
      continue;
    }
    const cols = columnsOf(kind);
    const header = (s.rows[0] ?? []).map((h) => h.trim());
    const at = header.map((h) => cols.find((c) => c.header === h || c.key === h)?.key ?? null);
    header.forEach((h, i) => {
      if (h && at[i] === null) problems.push({ sheet: kind.name, row: 1, column: h, key: 'configFile.err.unknownColumn' });
    });
    const rows: FileRow[] = [];
    s.rows.slice(1).forEach((cells, i) => {
      if (cells.every((c) => c.trim() === '')) return;
      const entries: [string, string][] = [];
      at.forEach((key, j) => {
        if (key) entries.push([key, cells[j] ?? '']);
      });
      const all = rowOf(entries);
      const { office = '', ...raw } = all;
      rows.push({ line: i + 2, office: kind.scope === 'self' ? (raw.code ?? '').trim() : office.trim(), raw, parsed: null });
    });
    byKind.set(kind, [...(byKind.get(kind) ?? []), ...rows]);
  }

  return writeTransaction(database, async (trx) => {
    const scope = await scopeOf(trx, opts.countyId);
    const fileOffices = new Set((byKind.get(SHEETS[0]!) ?? []).map((r) => r.office));
    const known = new Map(scope.offices.map((o) => [o.code, o.id]));

    // 1. each row by its schema; duplicates; the office each row belongs to
    const bad = new Set<string>(); // kind id + office: groups the modules are not asked to apply
    for (const [kind, rows] of byKind) {
      const seen = new Map<string, number>();
      for (const r of rows) {
        const group = `${kind.id}|${r.office}`;
        if (kind.scope !== 'self') {
          if (!r.office && kind.scope === 'office') {
            problems.push({ sheet: kind.name, row: r.line, column: OFFICE_COLUMN.header, key: 'err.required' });
            bad.add(group);
          } else if (r.office && !known.has(r.office) && !fileOffices.has(r.office)) {
            problems.push({ sheet: kind.name, row: r.line, column: OFFICE_COLUMN.header, key: 'configFile.err.unknownOffice', params: { code: r.office } });
            bad.add(group);
          }
        }
        const parsed = kind.schema.safeParse(r.raw);
        if (!parsed.success) {
          // one message per cell: the first rule it broke
          const cells = new Set<string>();
          for (const issue of parsed.error.issues) {
            const field = String(issue.path[0] ?? '');
            if (cells.has(field)) continue;
            cells.add(field);
            problems.push({ sheet: kind.name, row: r.line, column: headerOf(kind, field), key: keyOf(issue.message, field !== '' && !r.raw[field]) });
          }
          bad.add(group);
          continue;
        }
        r.parsed = parsed.data as Record<string, unknown>;
        const k = `${r.office}|${kind.key(r.parsed)}`;
        const first = seen.get(k);
        if (first !== undefined) {
          problems.push({ sheet: kind.name, row: r.line, column: headerOf(kind, kind.keyColumn), key: 'configFile.err.duplicate', params: { row: first } });
          bad.add(group);
        } else seen.set(k, r.line);
      }
    }
    for (const r of byKind.get(SHEETS[0]!) ?? []) {
      if (r.parsed && !known.has(r.office) && !KINDS_OF_OFFICE.includes(String(r.parsed.kind))) {
        problems.push({ sheet: SHEETS[0]!.name, row: r.line, column: headerOf(SHEETS[0]!, 'kind'), key: 'configFile.err.officeKind' });
        bad.add(`offices|${r.office}`);
      }
    }

    // 2. what would change, against what is stored now
    const changes: RowChange[] = [];
    for (const [kind, rows] of byKind) {
      const groups = new Map<string, FileRow[]>();
      for (const r of rows) groups.set(r.office, [...(groups.get(r.office) ?? []), r]);
      for (const [office, list] of groups) {
        const officeId = office ? known.get(office) : null;
        const stored = officeId === undefined ? [] : await kind.exportRows(trx, officeId);
        const storedBy = new Map<string, string>();
        for (const s of stored) {
          const p = kind.schema.safeParse(rowOf(kind.columns.map((c) => [c.key, textOf(s[c.key])])));
          if (p.success) storedBy.set(kind.key(p.data as Record<string, unknown>), JSON.stringify(p.data));
        }
        for (const r of list) {
          if (!r.parsed) continue;
          const key = kind.key(r.parsed);
          const before = storedBy.get(key);
          changes.push({ sheet: kind.name, row: r.line, office, key, status: before === undefined ? 'new' : before === JSON.stringify(r.parsed) ? 'unchanged' : 'changed' });
        }
      }
    }

    // 3. apply, office by office, kind by kind; a refusal is noted and the rest still checked
    const actor = opts.actor ?? CLI_ACTOR;
    for (const r of byKind.get(SHEETS[0]!) ?? []) {
      if (known.has(r.office) || bad.has(`offices|${r.office}`) || !r.parsed) continue;
      const existing = await repo.officeByCode(trx, r.office);
      if (existing) {
        // a code another county holds, or one a closed office had, is never taken again
        problems.push({ sheet: SHEETS[0]!.name, row: r.line, column: headerOf(SHEETS[0]!, 'code'), key: 'offices.err.codeTaken' });
        bad.add(`offices|${r.office}`);
        continue;
      }
      const id = await repo.insertBareOffice(trx, { countyId: scope.countyId, code: r.office, kind: String(r.parsed.kind), nameZh: String(r.parsed.nameZh ?? r.office), now: opts.now.toISOString() });
      known.set(r.office, id);
      await recordAudit(trx, { actor: opts.actor, action: 'config-file.office.create', target: { type: 'office', id }, officeId: id, countyId: scope.countyId, detail: { before: {}, after: { code: r.office } } }, opts.now);
    }
    for (const kind of SHEETS) {
      const rows = byKind.get(kind);
      if (!rows) continue;
      const groups = new Map<string, FileRow[]>();
      for (const r of rows) groups.set(r.office, [...(groups.get(r.office) ?? []), r]);
      for (const [office, list] of groups) {
        if (bad.has(`${kind.id}|${office}`)) continue;
        const officeId = office ? known.get(office) : null;
        if (officeId === undefined) continue; // its office row was refused: already reported
        try {
          await kind.applyRows(
            trx,
            officeId,
            list.map((r) => r.raw),
            actor,
            opts.now,
          );
        } catch (err) {
          if (!isAppError(err) || err.code !== 'validation') throw err;
          problems.push(...problemsOf(err, kind, list.map((r) => r.line)));
        }
      }
    }

    const counts = { new: 0, changed: 0, unchanged: 0 };
    for (const c of changes) counts[c.status]++;
    const result: ImportResult = { applied: problems.length === 0 && !opts.dryRun, problems: sortProblems(problems), changes, counts };
    if (!result.applied) throw new Rollback(result);
    await recordAudit(trx, { actor: opts.actor, action: 'config-file.import.apply', countyId: scope.countyId, detail: { before: {}, after: counts } }, opts.now);
    return result;
  }).catch((err: unknown) => {
    if (err instanceof Rollback) return err.result;
    throw err;
  });
}

function sortProblems(list: Problem[]): Problem[] {
  const order = (s: string) => {
    const i = SHEETS.findIndex((k) => k.name === s);
    return i < 0 ? SHEETS.length : i;
  };
  return [...list].sort((a, b) => order(a.sheet) - order(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
}

/** The command line acts as no staff account: the audit log says 'system'. */
const CLI_ACTOR = { id: null, username: 'system', displayName: 'system', role: 'system_admin', countyId: null, officeId: null, mustChangePassword: false } as unknown as StaffPrincipal;
