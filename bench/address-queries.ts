/**
 * The typed queries of bench/address: each one a current house number of the
 * bench county written the way people type it — full-width digits, Chinese
 * numerals (光明6路 for 光明六路, 十號 for 10號), 台 for 臺, the 段 left
 * out, spaces, 10-1 for 10之1 — with the point it must find.
 */
import { mulberry32 } from '../src/demo/activity-random.js';
import { addressLabel } from '../src/modules/house-numbers/address.js';
import type { GenRow } from '../src/modules/house-numbers/generator/points.js';
import { arabicToChinese, chineseToArabic } from '../src/modules/house-numbers/normalise.js';

export const VARIANTS = ['written', 'fullWidth', 'chineseNumerals', 'tai', 'noSection', 'spaces', 'dash'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface TypedQuery {
  text: string;
  variant: Variant;
  /** the row it must find: its exact match key, for the ceiling */
  row: GenRow;
}

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** The label written one way; null when this variant changes nothing for the row. */
function written(row: GenRow, variant: Variant): string | null {
  const p = row.parts;
  const label = addressLabel(p);
  switch (variant) {
    case 'written':
      return label;
    case 'fullWidth':
      return FULL(label);
    case 'chineseNumerals': {
      // 光明六路 → 光明6路, 10號 → 十號
      const road = p.road.replace(/[一二三四五六七八九十]+(?=[路街])/, (n) => chineseToArabic(n) ?? n);
      return addressLabel({ ...p, road, number: arabicToChinese(Number(p.number)) });
    }
    case 'tai':
      return label.includes('臺') ? label.replaceAll('臺', '台') : null;
    case 'noSection':
      return p.section ? addressLabel({ ...p, section: '' }) : null;
    case 'spaces':
      return label.replace(/(\d+)/g, ' $1 ').trim();
    case 'dash':
      return p.numberSub && !p.floor ? label.replace(`${p.number}號之${p.numberSub}`, `${p.number}-${p.numberSub}號`) : null;
  }
}

/** `count` queries over the current rows, every variant in turn (a variant that changes nothing for a row takes the written form). */
export function typedQueries(rows: readonly GenRow[], count: number, seed = 2026): TypedQuery[] {
  const current = rows.filter((r) => r.state === 'current');
  const rng = mulberry32(seed);
  const out: TypedQuery[] = [];
  for (let i = 0; i < count; i++) {
    const variant = VARIANTS[i % VARIANTS.length] as Variant;
    // rows that have what the variant changes: a 臺 road, a section, a 之 number
    let row = current[Math.floor(rng() * current.length)] as GenRow;
    let text = written(row, variant);
    for (let tries = 0; text === null && tries < 200; tries++) {
      row = current[Math.floor(rng() * current.length)] as GenRow;
      text = written(row, variant);
    }
    out.push({ text: text ?? addressLabel(row.parts), variant, row });
  }
  return out;
}
