import type { Executor } from '../../db/index.js';

/**
 * Cases of the given guides closed in [from, to) (ISO instants), per office:
 * what another module may count without reading the cases table (the
 * notify module's consent rate).
 */
export async function closedCasesOfGuides(db: Executor, officeIds: number[], guideCodes: readonly string[], from: string, to: string): Promise<{ id: number; office_id: number; guide_code: string; closed_at: string }[]> {
  if (officeIds.length === 0 || guideCodes.length === 0) return [];
  const rows = await db
    .selectFrom('case_file')
    .select(['id', 'office_id', 'guide_code', 'closed_at'])
    .where('office_id', 'in', officeIds)
    .where('guide_code', 'in', [...guideCodes])
    .where('status', '=', 'closed')
    .where('closed_at', '>=', from)
    .where('closed_at', '<', to)
    .execute();
  return rows.map((r) => ({ id: r.id, office_id: r.office_id, guide_code: r.guide_code, closed_at: r.closed_at ?? '' }));
}
