import { type StatKind, yyymmOfMonth } from '../formats.js';
import type { ParsedRow, ParsedTable, Problem } from './parse.js';

/** A file that adds up: one month, its towns (code → name) and its village rows. */
export interface CheckedFile {
  kind: StatKind;
  month: string;
  towns: Map<string, string>;
  villages: ParsedRow[];
}

const P = 'population.import.problem.';

/**
 * The town's name from site_id without the county's: 新竹縣竹北市 → 竹北市.
 * Without the county's name at hand, a leading two characters + 縣/市 is
 * taken as the county (every Taiwanese county and city is named so).
 */
export function townName(site: string, countyName: string | null): string {
  if (countyName && site.startsWith(countyName) && site.length > countyName.length) return site.slice(countyName.length);
  const m = /^..[縣市](..+[市鎮鄉區])$/.exec(site);
  return m?.[1] ?? site;
}

/** One month a file: every row's month is the first row's. */
function oneMonth(rows: ParsedRow[], t: ParsedTable, problems: Problem[]): string | null {
  const first = rows.find((r) => r.month !== null)?.month ?? null;
  if (first === null) return null;
  for (const r of rows) {
    if (r.month !== null && r.month !== first)
      problems.push({ line: r.line, column: t.monthKey, key: `${P}mixedMonths`, params: { found: yyymmOfMonth(r.month), first: yyymmOfMonth(first) } });
  }
  return first;
}

/** Each village once, each town's total once. */
function noDuplicates(rows: ParsedRow[], t: ParsedTable, problems: Problem[]) {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = `${r.total ? 't' : 'v'}${r.code}`;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, r.line);
    else problems.push({ line: r.line, column: t.codeKey, key: `${P}${r.total ? 'duplicateTotal' : 'duplicateVillage'}`, params: { code: r.code, first } });
  }
}

/** A town is a site_id and a code: its total row says which (else its first village); a village must lie inside it. */
function insideTowns(rows: ParsedRow[], t: ParsedTable, countyName: string | null, problems: Problem[]) {
  const codeOfSite = new Map<string, string>();
  const siteOfCode = new Map<string, string>();
  const ordered = [...rows.filter((r) => r.total), ...rows.filter((r) => !r.total)];
  for (const r of ordered) {
    let expected = codeOfSite.get(r.site);
    if (expected === undefined && !siteOfCode.has(r.townCode)) {
      codeOfSite.set(r.site, r.townCode);
      siteOfCode.set(r.townCode, r.site);
      expected = r.townCode;
    }
    if (expected !== r.townCode) {
      const town = townName(r.site, countyName);
      problems.push({ line: r.line, column: t.codeKey, key: `${P}outsideTown`, params: { code: r.code, town, townCode: expected ?? '—' } });
    }
  }
}

/**
 * Where the file has a town's total row, its villages (by code or by
 * site_id) must add up to it, figure by figure. A figure some village lacks
 * (its cell was refused) or a file with rows dropped for a bad code is not
 * summed: the sum would blame the total for another row's fault.
 */
function addsUp(rows: ParsedRow[], t: ParsedTable, countyName: string | null, problems: Problem[]) {
  if (t.dropped > 0) return;
  for (const total of rows.filter((r) => r.total)) {
    const villages = rows.filter((r) => !r.total && (r.townCode === total.townCode || r.site === total.site));
    for (const [name, value] of Object.entries(total.figures)) {
      if (villages.some((v) => v.figures[name] === undefined)) continue;
      const sum = villages.reduce((s, v) => s + (v.figures[name] ?? 0), 0);
      if (sum !== value) problems.push({ line: total.line, column: t.label[name] ?? name, key: `${P}townTotal`, params: { town: townName(total.site, countyName), sum, total: value } });
    }
  }
}

/** The checks across rows; null (with problems) when the file does not hold together. */
export function checkRows(t: ParsedTable, countyName: string | null, problems: Problem[]): CheckedFile | null {
  const month = oneMonth(t.rows, t, problems);
  noDuplicates(t.rows, t, problems);
  insideTowns(t.rows, t, countyName, problems);
  addsUp(t.rows, t, countyName, problems);
  const villages = t.rows.filter((r) => !r.total);
  if (villages.length === 0) problems.push({ line: null, column: null, key: `${P}noVillages` });
  if (problems.length > 0 || month === null) return null;
  const towns = new Map<string, string>();
  for (const r of t.rows) if (!towns.has(r.townCode)) towns.set(r.townCode, townName(r.site, countyName));
  return { kind: t.kind, month, towns, villages };
}
