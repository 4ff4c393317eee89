import type { Executor } from '../../db/index.js';

/**
 * A few plain facts of cases for other modules (the notify module's birth
 * applications list): the number, guide, applicant and received day, by id,
 * by running number or many at once. No personal data beyond the name.
 */
export interface CaseFacts {
  id: number;
  officeId: number;
  number: string;
  guideCode: string;
  applicantName: string;
  receivedOn: string;
}

const COLUMNS = ['id', 'office_id', 'number', 'guide_code', 'applicant_name', 'received_on'] as const;

function facts(r: { id: number; office_id: number; number: string; guide_code: string; applicant_name: string; received_on: string }): CaseFacts {
  return { id: r.id, officeId: r.office_id, number: r.number, guideCode: r.guide_code, applicantName: r.applicant_name, receivedOn: r.received_on };
}

export async function caseFacts(db: Executor, id: number): Promise<CaseFacts | undefined> {
  const r = await db.selectFrom('case_file').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? facts(r) : undefined;
}

/** A case of the office by its running number (what the clerk reads off the case). */
export async function caseByNumber(db: Executor, officeId: number, number: string): Promise<CaseFacts | undefined> {
  const r = await db.selectFrom('case_file').select(COLUMNS).where('office_id', '=', officeId).where('number', '=', number).executeTakeFirst();
  return r ? facts(r) : undefined;
}

export async function casesByIds(db: Executor, ids: number[]): Promise<Map<number, CaseFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('case_file').select(COLUMNS).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, facts(r)]));
}
