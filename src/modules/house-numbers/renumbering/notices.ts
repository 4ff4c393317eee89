import type { Executor } from '../../../db/index.js';

export interface RenumberingNotice {
  id: number;
  officeCode: string;
  title: string;
  effectiveOn: string;
  docNo: string;
  oldLabel: string;
  newLabel: string;
  newPointId: number | null;
}

/**
 * The published renumberings that name any of these match keys as an old
 * number (addressKey of the old parts). PLACEHOLDER until the renumbering part lands.
 */
export async function renumberingsForKeys(_db: Executor, _keys: readonly string[]): Promise<RenumberingNotice[]> {
  return [];
}
