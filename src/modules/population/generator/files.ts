/**
 * The demo's generated population files on disk or as a list, named like
 * the Ministry's open-data downloads. GENERATED figures, not official.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StatKind } from '../formats.js';
import { yyymmOfMonth } from '../formats.js';
import { EPOCH_MONTH } from './profiles.js';
import { type WriteOptions, writePopulationFiles } from './write.js';

/**
 * Dataset numbers in the file names. ODRP014 is the Ministry's 村里戶數、單一
 * 年齡人口; the single-age and events files carry stand-in numbers in the
 * same pattern (the Ministry publishes ages inside ODRP014 and the events in
 * other series), so that each kind has a name of its own.
 */
export const DATASET_OF: Record<StatKind, string> = { households: 'ODRP014', ages: 'ODRP019', events: 'ODRP024' };

export const STAT_KINDS: readonly StatKind[] = ['households', 'ages', 'events'];

/** ODRP014_11510.csv */
export function populationFileName(kind: StatKind, month: string, format: 'csv' | 'json'): string {
  return `${DATASET_OF[kind]}_${yyymmOfMonth(month)}.${format}`;
}

/** The `count` months up to and including `last` ('2026-10', 3 → 2026-08, 2026-09, 2026-10), oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const t = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

export interface DemoFile {
  month: string;
  kind: StatKind;
  filename: string;
  bytes: Uint8Array;
}

export type FileStyle = Omit<WriteOptions, 'kind'>;

const PLAIN: FileStyle = { format: 'csv', encoding: 'utf-8', keys: 'en', withTotals: false };

/** The three files of each month, in one style (or a style chosen per month and kind). */
export function demoPopulationFiles(months: readonly string[], style: FileStyle | ((month: string, kind: StatKind) => FileStyle) = PLAIN): DemoFile[] {
  for (const m of months) {
    if (!/^\d{4}-\d{2}$/.test(m) || m < EPOCH_MONTH) throw new RangeError(`population generator: ${m} is not a month from ${EPOCH_MONTH} on`);
  }
  return months.flatMap((month) =>
    STAT_KINDS.map((kind) => {
      const s = typeof style === 'function' ? style(month, kind) : style;
      return { month, kind, filename: populationFileName(kind, month, s.format), bytes: writePopulationFiles(month, { ...s, kind }) };
    }),
  );
}

/**
 * Writes the three files of each month into `dir` (made if missing): for a
 * CLI such as `huzheng population demo-files DIR 2025-11 2025-12`. Returns
 * the paths written.
 */
export async function writeDemoPopulationFiles(dir: string, months: readonly string[], style?: FileStyle): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = demoPopulationFiles(months, style);
  const written: string[] = [];
  for (const f of files) {
    const p = path.join(dir, f.filename);
    await writeFile(p, f.bytes);
    written.push(p);
  }
  return written;
}
