import { ageColumn, COMMON_COLUMNS, type Column, EVENT_COLUMNS, EVENT_TOTAL_COLUMNS, HOUSEHOLD_COLUMNS, MAX_AGE, type StatKind } from '../formats.js';

/**
 * The figures each kind of file carries, by the name the importer gives
 * them (households: `households`, `people` …; ages: `m0` … `m100`, `f0` …
 * `f100`; events: `birthsM` …), and how the file's keys are matched to them.
 */
export type FigureColumns = Record<string, Column>;

const AGE_COLUMNS: FigureColumns = Object.fromEntries(
  Array.from({ length: MAX_AGE + 1 }, (_, age) => [
    [`m${age}`, ageColumn(age, 'm')],
    [`f${age}`, ageColumn(age, 'f')],
  ]).flat(),
);

export const FIGURE_COLUMNS: Record<StatKind, FigureColumns> = {
  households: HOUSEHOLD_COLUMNS,
  ages: AGE_COLUMNS,
  events: EVENT_COLUMNS,
};

/** Every name any column goes by: a CSV row made of these is the header repeated in the other language. */
const KNOWN_NAMES = new Set(
  [COMMON_COLUMNS, HOUSEHOLD_COLUMNS, AGE_COLUMNS, EVENT_COLUMNS, EVENT_TOTAL_COLUMNS].flatMap((set) => Object.values(set).flatMap((c) => [c.en, ...c.zh])),
);

export function isHeaderEcho(cells: Record<string, string>): boolean {
  const filled = Object.values(cells).filter((v) => v !== '');
  return filled.length > 0 && filled.every((v) => KNOWN_NAMES.has(v));
}

/** The key the file uses for a column (its first name found among the keys), or null when the file lacks it. */
export function keyIn(keys: ReadonlySet<string>, c: Column): string | null {
  for (const k of [c.en, ...c.zh]) if (keys.has(k)) return k;
  return null;
}

/**
 * What kind of file this is, by its columns: any event column makes it an
 * events file, any single-age column an ages file, the households column a
 * households file. Two at once, or none, is not a file we can read.
 */
export function kindOfKeys(keys: ReadonlySet<string>): StatKind | 'none' | 'ambiguous' {
  const found: StatKind[] = [];
  if (Object.values(EVENT_COLUMNS).some((c) => keyIn(keys, c))) found.push('events');
  if (Object.values(AGE_COLUMNS).some((c) => keyIn(keys, c))) found.push('ages');
  if (keyIn(keys, HOUSEHOLD_COLUMNS.households)) found.push('households');
  if (found.length > 1) return 'ambiguous';
  return found[0] ?? 'none';
}
