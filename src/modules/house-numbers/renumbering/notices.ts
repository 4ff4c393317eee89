import type { Executor } from '../../../db/index.js';
import { publishedItemsForKeys } from './repo.js';

/** One line of a published renumbering notice that names a looked-up number as its old number. */
export interface RenumberingNotice {
  id: number;
  officeCode: string;
  title: string;
  effectiveOn: string;
  docNo: string;
  /** the match key it was found by (addressKey of the old number) */
  oldKey: string;
  oldLabel: string;
  newLabel: string;
  newPointId: number | null;
}

/**
 * The published renumberings that name any of these match keys as an old
 * number (addressKey of the old parts, 段 '' when none), newest effective date
 * first: the look-up shows them on the address's page. Drafts and withdrawn
 * notices are never shown. The public page of one is
 * /o/<officeCode>/house-numbers/renumberings/<id>.
 */
export async function renumberingsForKeys(db: Executor, keys: readonly string[]): Promise<RenumberingNotice[]> {
  if (keys.length === 0) return [];
  const rows = await publishedItemsForKeys(db, keys);
  return rows.map((r) => ({
    id: r.id,
    officeCode: r.office_code,
    title: r.title,
    effectiveOn: r.effective_on,
    docNo: r.doc_no,
    oldKey: r.old_key,
    oldLabel: r.old_label,
    newLabel: r.new_label,
    newPointId: r.new_point_id,
  }));
}
