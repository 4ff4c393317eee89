import { type Database, type Executor, writeTransaction } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { highestManualKey, parseLines, sameLines, type TemplateLine } from './lines.js';
import * as repo from './repo.js';

export interface Template {
  id: number;
  version: number;
  lines: TemplateLine[];
  createdAt: string;
  createdByName: string;
}

/** The county's template in force: its latest version, or null before the county has written one. */
export async function currentTemplate(db: Executor, countyId: number): Promise<Template | null> {
  const row = await repo.latestTemplate(db, countyId);
  return row ? { id: row.id, version: row.version, lines: parseLines(row.lines), createdAt: row.created_at, createdByName: row.created_by_name } : null;
}

/** The highest hand-entered line key any version of the county's template used: a new line never takes an old line's key. */
export async function highestKeyEver(db: Executor, countyId: number): Promise<number> {
  return Math.max(0, ...(await repo.templateLinesOf(db, countyId)).map((json) => highestManualKey(parseLines(json))));
}

/**
 * Saves checked lines as the next version. Lines equal to the current
 * version change nothing (no new version); two saves at once both ask for
 * the same version number and the unique index lets one through.
 */
export async function saveTemplate(
  database: Database,
  countyId: number,
  lines: TemplateLine[],
  actor: StaffPrincipal,
  ip: string | null,
  now: Date,
): Promise<{ version: number; changed: boolean }> {
  return writeTransaction(database, async (trx) => {
    const latest = await repo.latestTemplate(trx, countyId);
    if (latest && sameLines(parseLines(latest.lines), lines)) return { version: latest.version, changed: false };
    const version = (latest?.version ?? 0) + 1;
    const id = await repo.insertTemplate(trx, {
      county_id: countyId,
      version,
      lines: JSON.stringify(lines),
      created_at: now.toISOString(),
      created_by: actor.id,
      created_by_name: actor.displayName,
    });
    await recordAudit(trx, { actor, action: 'report.template.save', target: { type: 'report_template', id }, countyId, detail: { version, lines: lines.length }, ip }, now);
    return { version, changed: true };
  });
}
