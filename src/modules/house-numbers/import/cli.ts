import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../../../db/index.js';
import { translator } from '../../../platform/i18n/index.js';
import { officesService } from '../../offices/index.js';
import { importBoundaries } from './boundaries.js';
import type { BoundaryProblem } from './boundaries-read.js';
import { importRegister } from './register.js';
import type { RegisterProblem } from './register-rows.js';
import '../index.js';

export const ADDRESSES_USAGE = `  addresses import FILE [--county CODE]
                                 import the county's house-number register (CSV or JSON, UTF-8 or Big5): replaces the county's house numbers
  addresses boundaries FILE [--county CODE]
                                 import village boundaries (GeoJSON or TopoJSON, WGS84)`;

export interface CliContext {
  database: Database;
  now?: Date;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** 第 12 行「號」：… / 第 3 個圖徵：… — the same words as the staff page, in zh-Hant. */
function problemLine(t: ReturnType<typeof translator>, p: RegisterProblem | BoundaryProblem): string {
  const where =
    'feature' in p
      ? p.feature > 0
        ? t('houseNumbers.import.atFeature', { feature: p.feature })
        : t('houseNumbers.import.wholeFile')
      : p.line <= 0
        ? t('houseNumbers.import.wholeFile')
        : p.column
          ? t('houseNumbers.import.atColumn', { line: p.line, column: p.column })
          : t('houseNumbers.import.at', { line: p.line });
  return `${where}${t('houseNumbers.import.sep')}${t(p.key, p.params)}`;
}

/**
 * `addresses import FILE` / `addresses boundaries FILE` [--county CODE]: the
 * same checks and transaction as the staff page (source 'cli'); problems in
 * zh-Hant, one a line. Exit code 0 imported, 1 refused or not found, 2 usage.
 */
export async function addressesCli(args: string[], ctx: CliContext): Promise<number> {
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
  if ((sub !== 'import' && sub !== 'boundaries') || !file || parsed.positionals.length > 1) {
    err(`Usage:\n${ADDRESSES_USAGE}`);
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
  const input = { countyId: county.id, bytes: readFileSync(file), filename: path.basename(file), source: 'cli' as const, staffId: null, now: ctx.now ?? new Date() };
  const t0 = performance.now();
  const r = sub === 'import' ? await importRegister(ctx.database, input) : await importBoundaries(ctx.database, { ...input, countyName: county.name });
  if (!r.ok) {
    for (const p of r.problems) err(problemLine(t, p));
    err(`未匯入：${input.filename} 有 ${r.problems.length} 個問題。`);
    return 1;
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if ('points' in r) out(`${t('houseNumbers.import.register.done', { points: r.points.toLocaleString('en-US'), current: r.current.toLocaleString('en-US'), retired: r.retired.toLocaleString('en-US') })}（${seconds} 秒）`);
  else out(t('houseNumbers.boundaries.done', { features: r.features, updated: r.updated, created: r.created, townsCreated: r.townsCreated, skipped: r.skipped }));
  return 0;
}
