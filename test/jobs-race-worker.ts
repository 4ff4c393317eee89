/**
 * One job worker of several claiming from the same jobs table, as a separate
 * process or thread with its own connection (see test/sqlite-processes.ts).
 * Reports the payloads it ran.
 *   node --import tsx test/jobs-race-worker.ts '<json input>'
 */
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { JobWorker } from '../src/platform/jobs/index.js';
import { contender, type RaceTarget } from './sqlite-processes.js';

export interface JobsRaceInput {
  target: RaceTarget;
  kind: string;
  nowIso: string;
}
export interface JobsRaceResult {
  ran: number;
  payloads: number[];
}

await contender<JobsRaceInput, { database: Database; worker: JobWorker; payloads: number[] }, JobsRaceResult>(
  async (input) => {
    const database = input.target.kind === 'sqlite' ? openSqlite(input.target.file) : openPostgres(input.target.url, 2);
    await database.db.selectFrom('job').select('id').limit(1).execute();
    const payloads: number[] = [];
    const now = new Date(input.nowIso);
    const worker = new JobWorker(database, {
      handlers: {
        [input.kind]: async (p) => {
          payloads.push(p as number);
          // yield so the other workers' claims interleave with this one's
          await new Promise((r) => setImmediate(r));
        },
      },
      clock: () => now,
    });
    return { database, worker, payloads };
  },
  async ({ worker, payloads }) => ({ ran: await worker.runDue(), payloads }),
  ({ database }) => database.close(),
);
