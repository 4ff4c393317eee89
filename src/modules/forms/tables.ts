import type { Generated } from 'kysely';

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */

/** A form saved to finish later (or at the counter): never an ID number, never the applicant's birth date. */
export interface FormDraftTable {
  id: Generated<number>;
  /** 6 characters from an alphabet without look-alikes; unique in the database */
  code: string;
  form: string;
  /** the kept fields as JSON, encrypted by the vault */
  fields_enc: string;
  created_at: string;
  expires_at: string;
  /** the first time the citizen or the counter opened it; null while only saved */
  opened_at: string | null;
}

/** Forms printed, per form and Taipei month (YYYY-MM): counts only, no personal data. */
export interface FormPrintMonthTable {
  form: string;
  month: string;
  printed: number;
}

export interface FormsTables {
  form_draft: FormDraftTable;
  form_print_month: FormPrintMonthTable;
}
