import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../../../db/index.js';
import { translator } from '../../../platform/i18n/index.js';
import { showPeriod } from '../../../platform/layout/dates.js';
import { officesService } from '../../offices/index.js';
import { importPopulationFile, readable } from './service.js';
import '../index.js';

export const POPULATION_USAGE = `  population import FILE [--county CODE]
                                 import a monthly population file (CSV or JSON, UTF-8 or Big5; households, single ages or vital events)`;

export interface CliContext {
  database: Database;
  now?: Date;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * `population import FILE [--county CODE]`: the same checks and the same
 * transaction as the staff upload (source 'cli'); problems in zh-Hant, one a
 * line with the file's line and column. Exit code 0 imported, 1 refused or
 * not found, 2 usage.
 */
export async function populationCli(args: string[], ctx: CliContext): Promise<number> {
  const out = ctx.out ?? ((l: string) => console.log(l));
  const err = ctx.err ?? ((l: string) => console.error(l));
  const [sub, ...rest] = args;
  let parsed: { values: { county?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { county: { type: 'string' } }, allowPositionals: true });
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  const file = parsed.positionals[0];
  if (sub !== 'import' || !file || parsed.positionals.length > 1) {
    err(`Usage:\n${POPULATION_USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    err(`No such file: ${file}`);
    return 1;
  }
  // one deployment serves one county: --county only confirms which
  const county = await officesService.countyInfo(ctx.database.db, 'zh-Hant');
  if (!county || (parsed.values.county !== undefined && parsed.values.county !== county.code)) {
    err(county ? `No county with code ${parsed.values.county} here (this deployment serves ${county.code}).` : 'No county is set up yet: run the set-up first.');
    return 1;
  }
  const t = translator('zh-Hant');
  const r = await importPopulationFile(ctx.database, { countyId: county.id, bytes: readFileSync(file), filename: path.basename(file), source: 'cli', staffId: null, now: ctx.now ?? new Date() });
  if (!r.ok) {
    for (const p of r.problems) err(`${p.line === null ? '整份檔案' : `第 ${p.line} 列`}${p.column ? `「${p.column}」` : ''}：${t(p.key, readable(p.params))}`);
    err(`未匯入：${path.basename(file)} 有 ${r.problems.length} 個問題。`);
    return 1;
  }
  out(t(r.replaced ? 'population.import.doneReplaced' : 'population.import.done', { month: showPeriod(r.month, 'zh-Hant'), kind: t(`population.import.kind.${r.kind}`), villages: r.villages }));
  return 0;
}
