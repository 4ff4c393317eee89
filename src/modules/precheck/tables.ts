import type { Generated } from 'kysely';

/** One roaming pre-check (走動式櫃台): the documents a citizen had for a service, and how it ended. */
export interface PreCheckTable {
  id: Generated<number>;
  office_id: number;
  /** the guide the citizen came for (its code in the office's list that day) */
  guide_code: string;
  /** the queue service the guide maps to (service.id) */
  service_id: number;
  /** 'ticket' (everything there, a ticket was issued) | 'slip' (a one-time notice slip of what is missing) */
  outcome: string;
  /** the ticket issued, for outcome 'ticket'; null for a slip (a CHECK holds the pairing) */
  ticket_id: number | null;
  /** the ticket's number as issued (A012), shown on the result page */
  ticket_label: string | null;
  /** JSON [{ zh, en, basis? }]: the guide's documents the citizen had, as they were that day */
  checked: string;
  /** JSON [{ zh, en, basis? }]: the guide's documents not ticked */
  missing: string;
  /** what else is missing, in the volunteer's words */
  note: string | null;
  /** Taipei date (YYYY-MM-DD) the pre-check was made: the counts go by it */
  day: string;
  created_by: number;
  created_at: string;
}

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */
export interface PrecheckTables {
  pre_check: PreCheckTable;
}
