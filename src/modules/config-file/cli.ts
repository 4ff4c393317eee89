import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Database } from '../../db/index.js';
import { isAppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { exportConfig, importConfig } from './service.js';
import './index.js';

/** `config export FILE.ods` / `config import FILE.ods [--dry-run]`: the same checks as the staff page; problems in zh-Hant, one a line. */
export async function configFileCli(database: Database, sub: 'export' | 'import', file: string, dryRun: boolean, now: Date = new Date()): Promise<number> {
  const t = translator('zh-Hant');
  if (sub === 'export') {
    if (existsSync(file)) {
      console.error(`${file} exists: choose a new file name.`);
      return 1;
    }
    writeFileSync(file, await exportConfig(database.db, null, now));
    console.log(`Configuration written to ${file}`);
    return 0;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 1;
  }
  try {
    const r = await importConfig(database, readFileSync(file), { actor: null, countyId: null, now, dryRun });
    for (const p of r.problems) console.error(`${p.sheet}${p.row === null ? '' : ` 第 ${p.row} 列`}${p.column ? `「${p.column}」` : ''}：${t(p.key, p.params)}`);
    if (r.problems.length > 0) {
      console.error(t('configFile.problemsTitle', { n: r.problems.length }));
      return 1;
    }
    for (const c of r.changes) if (c.status !== 'unchanged') console.log(`${c.sheet} 第 ${c.row} 列 ${c.office} ${c.key}：${t(`configFile.status.${c.status}`)}`);
    console.log(t(r.applied ? 'configFile.applied' : 'configFile.counts', r.counts));
    return 0;
  } catch (err) {
    if (!isAppError(err)) throw err;
    console.error(t(err.messageKey, err.params));
    return 1;
  }
}
