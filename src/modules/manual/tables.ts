import type { Generated } from 'kysely';

/** Table types of this module, merged into the database's DB type (src/db/schema.ts). */
export interface ManualTables {
  manual_procedure: {
    id: Generated<number>;
    /** null: the county's procedure; an id: that office's own version */
    office_id: number | null;
    /** 'county' or the office id as text: one procedure per guide code and scope (unique index) */
    scope: string;
    guide_code: string;
    title: string;
    steps: string;
    checks: string;
    mistakes: string;
    basis: string;
    revision: number;
    created_at: string;
    updated_at: string;
  };
  manual_procedure_rev: {
    id: Generated<number>;
    procedure_id: number;
    revision: number;
    title: string;
    steps: string;
    checks: string;
    mistakes: string;
    basis: string;
    saved_by: number | null;
    saved_at: string;
  };
  manual_ruling: {
    id: Generated<number>;
    /** 字號, NFKC-folded and trimmed: unique */
    number: string;
    issued_on: string;
    issuer: string;
    subject: string;
    body: string;
    /** JSON list of tags */
    tags: string;
    /** JSON list of the guide codes (and so procedures) it affects */
    links: string;
    revision: number;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  manual_ruling_rev: {
    id: Generated<number>;
    ruling_id: number;
    revision: number;
    number: string;
    issued_on: string;
    issuer: string;
    subject: string;
    body: string;
    tags: string;
    links: string;
    saved_by: number | null;
    saved_at: string;
  };
  manual_attachment: {
    id: Generated<number>;
    ruling_id: number;
    file_name: string;
    file_mime: string;
    file_size: number;
    file: Uint8Array;
    created_by: number | null;
    created_at: string;
  };
}
