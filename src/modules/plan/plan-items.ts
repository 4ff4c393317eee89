import type { Database, Executor } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { type PlanItem, readPlan } from './model.js';
import { change, type Editor } from './plan-edit.js';
import type { ItemInput } from './plan-forms.js';
import * as repo from './plan-repo.js';

/**
 * The plan's items (實施要項 → 分項 → 執行指標, at most three deep). Points
 * sit on the leaves; a parent shows its children's sum. An item that has
 * children keeps the points it had as a leaf in its row, unused, so they
 * come back if the children go.
 */
export const MAX_DEPTH = 3;

const notFound = () => new AppError('not_found', 'error.notFound.title');

async function itemInTree(trx: Executor, planId: number, itemId: number): Promise<PlanItem> {
  const tree = await readPlan(trx, planId);
  const item = tree?.flat.find((i) => i.id === itemId);
  if (!item) throw notFound();
  return item;
}

const columns = (input: ItemInput) => ({
  code: input.code,
  title: input.title,
  strategy: input.strategy,
  deadline: input.deadline,
  lead_unit: input.leadUnit,
  co_units: input.coUnits,
  benefit: input.benefit,
});

/** A new item at the end of the top level, or under `parentId` (refused below the third level). */
export async function addItem(database: Database, planId: number, parentId: number | null, input: ItemInput, e: Editor): Promise<number> {
  const { item } = await change(database, planId, e, 'item.add', async (trx) => {
    if (parentId !== null) {
      const parent = await itemInTree(trx, planId, parentId);
      if (parent.depth >= MAX_DEPTH) throw new AppError('conflict', 'plan.err.tooDeep', { params: { max: MAX_DEPTH } });
    }
    const last = (await repo.siblings(trx, planId, parentId)).at(-1);
    const id = await repo.insertItem(trx, { plan_id: planId, parent_id: parentId, position: (last?.position ?? 0) + 1, points10: input.points, ...columns(input) });
    return { item: id, parent: parentId, code: input.code };
  });
  return item;
}

/** The item's fields; its points only when it is a leaf (a parent's are its children's sum). */
export async function saveItem(database: Database, planId: number, itemId: number, input: ItemInput, e: Editor): Promise<void> {
  await change(database, planId, e, 'item.edit', async (trx) => {
    const row = await repo.itemOf(trx, planId, itemId);
    if (!row) throw notFound();
    const leaf = (await repo.childCount(trx, itemId)) === 0;
    await repo.updateItem(trx, itemId, { ...columns(input), ...(leaf ? { points10: input.points } : {}) });
    return { item: itemId, code: input.code, ...(leaf && row.points10 !== input.points ? { points10: [row.points10, input.points] } : {}) };
  });
}

/** One place up or down among its siblings (positions are renumbered 1…n on the way, so ties from old data sort out). */
export async function moveItem(database: Database, planId: number, itemId: number, dir: 'up' | 'down', e: Editor): Promise<void> {
  await change(database, planId, e, 'item.move', async (trx) => {
    const row = await repo.itemOf(trx, planId, itemId);
    if (!row) throw notFound();
    const list = await repo.siblings(trx, planId, row.parent_id);
    const i = list.findIndex((r) => r.id === itemId);
    const j = dir === 'up' ? i - 1 : i + 1;
    const a = list[i];
    const b = list[j];
    if (!a || !b) throw new AppError('conflict', dir === 'up' ? 'plan.err.alreadyFirst' : 'plan.err.alreadyLast');
    list[i] = b;
    list[j] = a;
    for (const [n, r] of list.entries()) if (r.position !== n + 1) await repo.updateItem(trx, r.id, { position: n + 1 });
    return { item: itemId, dir };
  });
}

/** A leaf without hand-entered values and not named by a review action, a proposal or a self-evaluation; its measures go with it. */
export async function deleteItem(database: Database, planId: number, itemId: number, e: Editor): Promise<void> {
  await change(database, planId, e, 'item.delete', async (trx) => {
    const row = await repo.itemOf(trx, planId, itemId);
    if (!row) throw notFound();
    if ((await repo.childCount(trx, itemId)) > 0) throw new AppError('conflict', 'plan.err.hasChildren');
    const measures = await repo.measuresOfItem(trx, itemId);
    if ((await repo.handCount(trx, measures.map((m) => m.id))) > 0) throw new AppError('conflict', 'plan.err.itemHasValues');
    if ((await repo.itemReferences(trx, itemId)) > 0) throw new AppError('conflict', 'plan.err.itemReferenced');
    await repo.deleteItem(trx, itemId);
    return { item: itemId, code: row.code, title: row.title, measures: measures.length };
  });
}
