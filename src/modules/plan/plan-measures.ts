import type { Database } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { type IndicatorUnit, indicatorDef } from '../../platform/indicators/index.js';
import { change, type Editor } from './plan-edit.js';
import type { MeasureForm } from './plan-forms.js';
import * as repo from './plan-repo.js';

/**
 * An item's measures (執行指標): a registry indicator, whose unit and
 * direction are the registry's, or one entered by hand with its own label,
 * unit and direction. A measure holding hand-entered values keeps being a
 * hand measure and is not deleted: the values and their evidence would be
 * lost with it.
 */
export interface MeasureInput {
  indicatorKey: string | null;
  label: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  target: number | null;
}

const notFound = () => new AppError('not_found', 'error.notFound.title');

/** The form as a measure; an indicator the registry does not know is refused beside the select. */
export function measureInput(f: MeasureForm): MeasureInput {
  if (f.kind === 'indicator') {
    const def = indicatorDef(f.indicator);
    if (!def) throw new AppError('validation', 'err.choice', { fields: [{ field: 'indicator', key: 'err.choice' }] });
    return { indicatorKey: def.key, label: '', unit: def.unit, better: def.better, target: f.target };
  }
  return { indicatorKey: null, label: f.label, unit: f.unit ?? 'count', better: f.better ?? 'higher', target: f.target };
}

const columns = (m: MeasureInput) => ({ indicator_key: m.indicatorKey, label: m.label, unit: m.unit, better: m.better, target: m.target });

export async function addMeasure(database: Database, planId: number, itemId: number, m: MeasureInput, e: Editor): Promise<number> {
  const { measure } = await change(database, planId, e, 'measure.add', async (trx) => {
    if (!(await repo.itemOf(trx, planId, itemId))) throw notFound();
    const last = (await repo.measuresOfItem(trx, itemId)).at(-1);
    const id = await repo.insertMeasure(trx, { plan_id: planId, item_id: itemId, position: (last?.position ?? 0) + 1, ...columns(m) });
    return { measure: id, item: itemId, indicator: m.indicatorKey, target: m.target };
  });
  return measure;
}

export async function saveMeasure(database: Database, planId: number, measureId: number, m: MeasureInput, e: Editor): Promise<void> {
  await change(database, planId, e, 'measure.edit', async (trx) => {
    const row = await repo.measureOf(trx, planId, measureId);
    if (!row) throw notFound();
    if (row.indicator_key === null && m.indicatorKey !== null && (await repo.handCount(trx, [measureId])) > 0) {
      throw new AppError('validation', 'plan.err.measureHasValues', { fields: [{ field: 'kind', key: 'plan.err.measureHasValues' }] });
    }
    await repo.updateMeasure(trx, measureId, columns(m));
    return { measure: measureId, item: row.item_id, indicator: m.indicatorKey, target: [row.target, m.target] };
  });
}

export async function deleteMeasure(database: Database, planId: number, measureId: number, e: Editor): Promise<void> {
  await change(database, planId, e, 'measure.delete', async (trx) => {
    const row = await repo.measureOf(trx, planId, measureId);
    if (!row) throw notFound();
    if ((await repo.handCount(trx, [measureId])) > 0) throw new AppError('conflict', 'plan.err.measureHasValues');
    await repo.deleteMeasure(trx, measureId);
    return { measure: measureId, item: row.item_id, indicator: row.indicator_key, label: row.label };
  });
}
