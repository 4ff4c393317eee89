import type { ParsedQuery } from '../address.js';
import { readAddress } from '../normalise.js';

/**
 * The old → new list of a renumbering (門牌整編) as staff paste it: one pair
 * a line, 「光明六路10號 → 光明六路12號」, or the two sides separated by a tab
 * (copied from a spreadsheet) or a comma. Each side is read with the address
 * reader, so 「光明6路十號」 is fine; a side must name a road and a number and
 * nothing the reader could not place. Floors are left out: a renumbering
 * gives a building its new number, its floors follow.
 */

/** One side as it names a house number: 段 undefined when it was not written (the service may find it in the register). */
export interface SideParts {
  road: string;
  section: string | undefined;
  lane: string;
  alley: string;
  number: string;
  numberSub: string;
}

export interface ItemLine {
  line: number;
  old: SideParts;
  new: SideParts;
  /** the old number as typed, to show back if it turns out to repeat another line's */
  oldText: string;
}

export type LineProblemKey = 'separator' | 'old' | 'new' | 'floor' | 'same' | 'duplicate';
export interface LineProblem {
  line: number;
  key: LineProblemKey;
  /** the text of the side (or the line) the problem is about, to show back */
  text: string;
  /** for a duplicate: the line that named the same old number first */
  first?: number;
}

/** Enough for the largest 整編 an office announces at once (a whole village's numbers). */
export const MAX_LINES = 3000;

/** →, ⇒, ->, =>, a tab or a comma (half- or full-width: NFKC makes ，a comma). */
const SEPARATOR = /\s*(?:→|⇒|⟶|->|=>|\t|,)\s*/;

function sideOf(q: ParsedQuery): SideParts | null {
  if (!q.road || !q.number) return null;
  return { road: q.road, section: q.section, lane: q.lane ?? '', alley: q.alley ?? '', number: q.number, numberSub: q.numberSub ?? '' };
}

/** The key of a side before the register is asked about its 段: enough to tell two lines apart. */
const looseKey = (p: SideParts) => [p.road, p.section ?? '', p.lane, p.alley, p.number, p.numberSub].join('|');

function readSide(text: string): { side: SideParts | null; floor: boolean } {
  const { query, rest } = readAddress(text);
  return { side: rest === '' ? sideOf(query) : null, floor: query.floor !== undefined };
}

/** Reads one line; null for a blank one. */
function readLine(raw: string, line: number): ItemLine | LineProblem | null {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return null;
  const sides = text.split(SEPARATOR).filter((s) => s !== '');
  if (sides.length !== 2) return { line, key: 'separator', text };
  const [oldText, newText] = sides as [string, string];
  const o = readSide(oldText);
  const n = readSide(newText);
  if (o.floor || n.floor) return { line, key: 'floor', text: o.floor ? oldText : newText };
  if (!o.side) return { line, key: 'old', text: oldText };
  if (!n.side) return { line, key: 'new', text: newText };
  if (looseKey(o.side) === looseKey(n.side)) return { line, key: 'same', text };
  return { line, old: o.side, new: n.side, oldText };
}

/**
 * Every line read; a problem for each line that cannot be, by its number
 * (counted from 1, blank lines included, as the textarea shows them).
 */
export function readItemLines(text: string): { items: ItemLine[]; problems: LineProblem[]; tooMany: boolean } {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.filter((l) => l.trim() !== '').length > MAX_LINES) return { items: [], problems: [], tooMany: true };
  const items: ItemLine[] = [];
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const read = readLine(raw, i + 1);
    if (read === null) return;
    if ('key' in read) {
      problems.push(read);
      return;
    }
    const first = seen.get(looseKey(read.old));
    if (first !== undefined) {
      problems.push({ line: read.line, key: 'duplicate', text: read.oldText, first });
      return;
    }
    seen.set(looseKey(read.old), read.line);
    items.push(read);
  });
  return { items, problems, tooMany: false };
}

/** A stored pair written back as one line of the textarea. */
export const itemLineText = (oldLabel: string, newLabel: string) => `${oldLabel} → ${newLabel}`;
