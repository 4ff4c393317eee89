import type { Generated } from 'kysely';

/** A run of the link check: queued → running → done (or failed). */
export interface LinkCheckRunTable {
  id: Generated<number>;
  status: string;
  /** 1 while queued or running, NULL after: at most one open run (unique index) */
  open: number | null;
  requested_by: number | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  links: Generated<number>;
  broken: Generated<number>;
  error: string | null;
}

/** One distinct URL a run found: ok | broken | unchecked (an external link while external checks are off). */
export interface LinkCheckLinkTable {
  id: Generated<number>;
  run_id: number;
  url: string;
  internal: number;
  state: string;
  http_status: number | null;
  /** timeout | dns | refused | network | redirects */
  error: string | null;
  checked_at: string | null;
}

/** Where a link appears: a content item or a service guide, in one language. */
export interface LinkCheckPlaceTable {
  id: Generated<number>;
  link_id: number;
  /** content | guide */
  source: string;
  source_id: number;
  locale: string;
  title: string;
}

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */
export interface LinkCheckTables {
  link_check_run: LinkCheckRunTable;
  link_check_link: LinkCheckLinkTable;
  link_check_place: LinkCheckPlaceTable;
}
