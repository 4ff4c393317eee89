/**
 * `rebuild` in a process of its own, for the test that kills it part-way
 * (src/modules/figures/kill.test.ts). Prints `done <month>` as each month's
 * transaction commits and `finished` at the end.
 *   node --import tsx test/figures-rebuild-worker.ts '<json input>'
 */
import { openPostgres, openSqlite } from '../src/db/index.js';
import { rebuild } from '../src/modules/figures/rollup.js';
import type { RaceTarget } from './sqlite-processes.js';

export interface RebuildWorkerInput {
  target: RaceTarget;
  from: string;
  to: string;
  nowIso: string;
}

const input = JSON.parse(process.argv[2] ?? 'null') as RebuildWorkerInput;
const database = input.target.kind === 'sqlite' ? openSqlite(input.target.file) : openPostgres(input.target.url, 2);
try {
  await rebuild(database, input.from, input.to, new Date(input.nowIso), (month) => process.stdout.write(`done ${month}\n`));
  process.stdout.write('finished\n');
} finally {
  await database.close();
}
