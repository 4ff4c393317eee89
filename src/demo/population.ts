/**
 * The demo county's population statistics: 24 months of GENERATED files
 * (src/modules/population/generator; not official figures) for 竹北市 and
 * 尖石鄉, imported the way an office would import the Ministry's — through
 * importPopulationFile, each file kept raw — in the mix of shapes the real
 * files come in: CSV and the open-data API's JSON, UTF-8 and Big5, English
 * and Chinese keys, a second Chinese header row, thousands separators, town
 * total rows.
 */
import type { Database } from '../db/index.js';
import type { StatKind } from '../modules/population/formats.js';
import { demoPopulationFiles, type FileStyle, monthsUpTo, STAT_KINDS } from '../modules/population/generator/index.js';
import { importPopulationFile } from '../modules/population/import/service.js';
import { taipeiToday } from '../platform/calendar/roc.js';

export const DEMO_POPULATION_MONTHS = 24;

/** The shapes the Ministry's files come in; each month and kind takes the next. */
const STYLES: readonly FileStyle[] = [
  { format: 'csv', encoding: 'utf-8', keys: 'en', withTotals: false },
  { format: 'json', encoding: 'utf-8', keys: 'en', withTotals: false },
  { format: 'csv', encoding: 'big5', keys: 'zh', withTotals: true },
  { format: 'csv', encoding: 'utf-8', keys: 'en', withTotals: false, zhSecondHeader: true },
  { format: 'json', encoding: 'utf-8', keys: 'zh', withTotals: true },
  { format: 'csv', encoding: 'big5', keys: 'en', withTotals: true, separators: true },
  { format: 'csv', encoding: 'utf-8', keys: 'zh', withTotals: false, separators: true },
];

/** The style of a month's file of a kind: the kinds of one month differ, and every style comes round. */
export function demoFileStyle(index: number, kind: StatKind): FileStyle {
  return STYLES[(index + STAT_KINDS.indexOf(kind) * 3) % STYLES.length]!;
}

/** The month before `now`'s month in Taipei, and the ones before it: DEMO_POPULATION_MONTHS in all, oldest first. */
export function demoPopulationMonths(now: Date): string[] {
  const [y, m] = taipeiToday(now).split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return monthsUpTo(last, DEMO_POPULATION_MONTHS);
}

/** Imports the demo's generated population files (households, single ages, events) for the 24 months before `now`. */
export async function seedPopulation(database: Database, opts: { countyId: number; now: Date }): Promise<void> {
  const months = demoPopulationMonths(opts.now);
  const files = demoPopulationFiles(months, (month, kind) => demoFileStyle(months.indexOf(month), kind));
  for (const f of files) {
    const r = await importPopulationFile(database, { countyId: opts.countyId, bytes: f.bytes, filename: f.filename, source: 'demo', staffId: null, now: opts.now });
    if (!r.ok) throw new Error(`demo population file ${f.filename} refused: ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
}
