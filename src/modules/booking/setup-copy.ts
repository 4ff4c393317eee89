import { type Database, writeTransaction } from '../../db/index.js';
import { officesService } from '../offices/index.js';
import { APPLICATION_CATALOG } from './catalog-data.js';
import * as repo from './repo.js';
import { type Actor, guideExists, insertSpec, KIND_DEFAULTS, type ServiceSpec, specOfRow } from './setup.js';

/** Services made from what exists: another office's, or the built-in list of applications. */

export interface CopyResult {
  created: string[];
  skipped: string[];
}

/**
 * Copies services of another office of the county, with their weekly hours,
 * codes kept; a code this office already has is skipped, not overwritten.
 * A queue service this office lacks is dropped (check-in then goes to the
 * counter by hand) rather than pointing at nothing. One transaction.
 */
export async function copyServices(database: Database, from: { officeId: number; codes: string[] }, toOfficeId: number, actor: Actor, now: Date, ip: string | null = null): Promise<CopyResult> {
  const source = (await repo.servicesOf(database.db, [from.officeId], false)).filter((r) => from.codes.includes(r.code));
  const hours = await repo.hoursOfServices(database.db, source.map((r) => r.id));
  const queues = new Set((await officesService.servicesOfOffices(database.db, [toOfficeId])).map((q) => q.code));
  return writeTransaction(database, async (trx) => {
    const out: CopyResult = { created: [], skipped: [] };
    for (const r of source) {
      if (await repo.serviceByCode(trx, toOfficeId, r.code)) {
        out.skipped.push(r.code);
        continue;
      }
      const spec = specOfRow(
        r,
        hours.filter((h) => h.booking_service_id === r.id),
      );
      if (spec.queueCode !== null && !queues.has(spec.queueCode)) spec.queueCode = null;
      await insertSpec(trx, toOfficeId, spec, actor, now, `copy:${from.officeId}`, ip);
      out.created.push(r.code);
    }
    return out;
  });
}

/** The built-in list's entry as a counter service of this office (queue service only if the office has it). */
export function specOfCatalog(code: string, queues: Set<string>, guides: Set<string>): ServiceSpec | null {
  const e = APPLICATION_CATALOG.find((x) => x.code === code);
  if (!e) return null;
  const d = KIND_DEFAULTS[e.kind];
  return {
    ...d,
    code: e.code,
    kind: e.kind,
    nameZh: e.name[0],
    nameEn: e.name[1],
    descZh: '',
    descEn: '',
    queueCode: queues.has(e.queue) ? e.queue : null,
    guideCode: e.guide && guides.has(e.guide) ? e.guide : null,
    slotMinutes: e.slotMinutes,
    parties: e.parties,
    documents: e.documents.map(([zh, en]) => ({ zh, en })),
    inPersonZh: e.inPerson[0],
    inPersonEn: e.inPerson[1],
  };
}

/** The ticked entries of the built-in list, created in one transaction; codes the office has are skipped. */
export async function createFromCatalog(database: Database, officeId: number, codes: string[], actor: Actor, now: Date, ip: string | null = null): Promise<CopyResult> {
  const queues = new Set((await officesService.servicesOfOffices(database.db, [officeId])).map((q) => q.code));
  const wanted = [...new Set(APPLICATION_CATALOG.map((e) => e.guide).filter((g): g is string => g !== null))];
  const guides = new Set<string>();
  for (const g of wanted) if (await guideExists(database.db, g)) guides.add(g);
  return writeTransaction(database, async (trx) => {
    const out: CopyResult = { created: [], skipped: [] };
    // in the list's order, so the public page lists them as offices publish them
    for (const e of APPLICATION_CATALOG) {
      if (!codes.includes(e.code)) continue;
      if (await repo.serviceByCode(trx, officeId, e.code)) {
        out.skipped.push(e.code);
        continue;
      }
      const spec = specOfCatalog(e.code, queues, guides);
      if (!spec) continue;
      await insertSpec(trx, officeId, spec, actor, now, 'list', ip);
      out.created.push(e.code);
    }
    return out;
  });
}

