import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';

/** Largest ruling attachment (a PDF): 5 MB, also a CHECK in migration 0031. */
export const ATTACHMENT_MAX = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf'] as const;

/** Issuing bodies offered on the form (any other may be typed). */
export const ISSUERS = ['內政部', '內政部戶政司', '內政部移民署', '新竹縣政府', '法務部'] as const;

/** 字號 as stored: NFKC (full-width digits become ASCII), spaces dropped, 台 kept as typed. */
export const normaliseNumber = (v: string) => v.normalize('NFKC').replace(/\s+/g, '');
const NUMBER = /^[\p{Script=Han}]{1,16}字第\d{4,14}號$/u;

/** A list typed with commas (、，,) or one per line, deduplicated, each item trimmed. */
export function splitList(v: string): string[] {
  return [
    ...new Set(
      v
        .split(/[,，、\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

const asList = (v: unknown): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const procedureSchema = z.object({
  guideCode: z.string({ error: 'err.required' }).trim().regex(/^[a-z0-9-]{1,40}$/, 'err.choice'),
  scope: z.string().trim().max(20).optional(),
  title: fields.text(120),
  steps: fields.text(20000),
  checks: z.string().trim().max(10000, 'err.tooLong').optional().default(''),
  mistakes: z.string().trim().max(10000, 'err.tooLong').optional().default(''),
  basis: z.string().trim().max(4000, 'err.tooLong').optional().default(''),
  revision: z.coerce.number().int().min(0).optional(),
});
export type ProcedureInput = z.output<typeof procedureSchema>;

export const rulingSchema = z.object({
  number: z
    .string({ error: 'err.required' })
    .transform(normaliseNumber)
    .pipe(z.string().min(1, 'err.required').max(40, 'err.tooLong').regex(NUMBER, 'manual.err.number')),
  issuedOn: fields.date(),
  issuer: fields.text(60),
  subject: fields.text(200),
  body: fields.text(50000),
  tags: z
    .string()
    .max(400, 'err.tooLong')
    .optional()
    .transform((v) => splitList(v ?? ''))
    .pipe(z.array(z.string().max(30, 'manual.err.tag')).max(12, 'manual.err.tags')),
  links: z.preprocess(asList, z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'err.choice')).max(40, 'err.choice')),
  revision: z.coerce.number().int().min(0).optional(),
});
export type RulingInput = z.output<typeof rulingSchema>;

/** A month key, YYYY-MM, or null. */
export const monthKey = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : null);

/** The last day of a month key. */
export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

export type DiffLine = { op: 'same' | 'add' | 'del'; text: string };

/** A line-based diff (longest common subsequence): what was removed and what was added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'del', text: a[i++]! });
    else out.push({ op: 'add', text: b[j++]! });
  }
  while (i < n) out.push({ op: 'del', text: a[i++]! });
  while (j < m) out.push({ op: 'add', text: b[j++]! });
  return out;
}

export const parseList = (json: string): string[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
