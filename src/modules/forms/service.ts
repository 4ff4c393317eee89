import { randomInt } from 'node:crypto';
import { type Database, isUniqueViolation } from '../../db/index.js';
import { formatRocDate, toTaipeiIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Vault } from '../../platform/identity/index.js';
import { translator } from '../../platform/i18n/index.js';
import { type FieldDef, FORMS, type FormCode, isFormCode, titleKey } from './defs.js';
import { type FormPdf, renderFormPdf } from './pdf.js';
import * as repo from './repo.js';
import type { DraftValues, PrintValues } from './schema.js';

export interface FormsDeps {
  database: Database;
  vault: Vault;
  clock: () => Date;
}

/** No 0/O, 1/I/L: a code read aloud at the counter or copied by hand stays right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
export const DRAFT_DAYS = 7;
const ATTEMPTS = 5;

export function newCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)] ?? 'A';
  return code;
}

export function normalizeCode(input: string): string | null {
  const code = input.normalize('NFKC').trim().toUpperCase();
  return new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`).test(code) ? code : null;
}

/**
 * Saves a draft under a fresh code. The code is unique by the database: a
 * taken one is refused there and another is drawn. Drafts past their 7 days
 * are purged first.
 */
export async function saveDraft(deps: FormsDeps, form: FormCode, values: DraftValues, pick?: (n: number) => number): Promise<{ code: string; expiresAt: string }> {
  const now = deps.clock();
  await repo.purgeExpired(deps.database.db, now.toISOString());
  const expiresAt = new Date(now.getTime() + DRAFT_DAYS * 86_400_000).toISOString();
  const fields_enc = deps.vault.encrypt(JSON.stringify(values));
  for (let attempt = 1; ; attempt++) {
    const code = newCode(pick);
    try {
      await repo.insertDraft(deps.database.db, { code, form, fields_enc, created_at: now.toISOString(), expires_at: expiresAt, opened_at: null });
      return { code, expiresAt };
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

export interface OpenedDraft {
  code: string;
  form: FormCode;
  values: DraftValues;
  expiresAt: string;
}

/** Opens a draft by its code (saved → opened); an expired one is purged and reads as not found. */
export async function openDraft(deps: FormsDeps, input: string): Promise<OpenedDraft> {
  const code = normalizeCode(input);
  const now = deps.clock().toISOString();
  const row = code ? await repo.draftByCode(deps.database.db, code) : undefined;
  if (!row || row.expires_at <= now || !isFormCode(row.form)) {
    if (row) await repo.purgeExpired(deps.database.db, now);
    throw new AppError('not_found', 'forms.draftMissing');
  }
  await repo.markOpened(deps.database.db, row.id, now);
  const parsed: unknown = JSON.parse(deps.vault.decrypt(row.fields_enc));
  const values: DraftValues = {};
  if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') values[k] = v;
  return { code: row.code, form: row.form, values, expiresAt: row.expires_at };
}

function shown(f: FieldDef, v: string | number | undefined, zh: (k: string) => string): string {
  if (v === undefined || v === '') return '';
  if ((f.kind === 'date' || f.kind === 'birthDate') && typeof v === 'string') return formatRocDate(v, 'long');
  if (f.kind === 'choice') return zh(`forms.opt.${f.name}.${v}`);
  return String(v);
}

/** The form's boxes in Chinese with English sub-labels, dates in the ROC calendar. */
export function pdfContent(code: FormCode, values: PrintValues, now: Date): FormPdf {
  const zh = translator('zh-Hant');
  const en = translator('en');
  const def = FORMS[code];
  return {
    title: zh(titleKey(code)),
    subTitle: en(titleKey(code)),
    note: `${zh('forms.pdf.note')}\n${en('forms.pdf.note')}`,
    sections: def.sections.map((s) => ({
      heading: zh(`forms.section.${s.key}`),
      sub: en(`forms.section.${s.key}`),
      rows: s.fields.map((f) => ({ label: zh(`forms.f.${f.name}`), sub: en(`forms.f.${f.name}`), value: shown(f, values[f.name], zh) })),
    })),
    dated: { label: zh('forms.pdf.date'), sub: en('forms.pdf.date'), value: formatRocDate(toTaipeiIsoDate(now), 'long') },
    signatures: ['applicant', 'clerk', 'reviewer'].map((k) => ({ label: zh(`forms.pdf.sign.${k}`), sub: en(`forms.pdf.sign.${k}`) })),
  };
}

/** Prints a form: the PDF, and one more in the month's count. The values (ID numbers too) go only into the PDF. */
export async function printForm(deps: FormsDeps, code: FormCode, values: PrintValues): Promise<Buffer> {
  const now = deps.clock();
  const pdf = await renderFormPdf(pdfContent(code, values, now));
  await repo.countPrint(deps.database.db, code, toTaipeiIsoDate(now).slice(0, 7));
  return pdf;
}

export async function printsOfMonth(deps: FormsDeps, month: string) {
  return repo.printsOfMonth(deps.database.db, month);
}
