import type { Executor } from '../../db/index.js';

/**
 * Who works where, for other modules' pickers and labels (a home visit's
 * officer, a petition's handler, who saved a revision). Names only: no
 * credentials leave the staff module.
 */
export function activeStaffOf(db: Executor, officeIds: number[]) {
  return db
    .selectFrom('staff')
    .select(['id', 'display_name', 'email', 'office_id'])
    .where('office_id', 'in', officeIds.length ? officeIds : [0])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
}

/** id → display name, for showing who did something. */
export async function staffNames(db: Executor, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function staffContact(db: Executor, id: number) {
  return db.selectFrom('staff').select(['email', 'display_name']).where('id', '=', id).executeTakeFirst();
}
