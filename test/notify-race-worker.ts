/**
 * One job worker delivering notices, racing others from its own thread or
 * process with its own connection (see test/sqlite-processes.ts).
 *   node --import tsx test/notify-race-worker.ts '<json input>'
 */
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { DELIVER_JOB } from '../src/modules/notify/body.js';
import { deliverHandler } from '../src/modules/notify/delivery/deliver.js';
import { deliveryDeps } from '../src/modules/notify/delivery/deps.js';
import { createVault, parseMasterKey } from '../src/platform/identity/index.js';
import { JobWorker } from '../src/platform/jobs/index.js';
import { contender, type RaceTarget } from './sqlite-processes.js';

export interface NotifyRaceInput {
  target: RaceTarget;
  /** the vault's key, base64 (a throwaway key made by the test) */
  key: string;
  nowIso: string;
  dataDir: string;
}
export interface NotifyRaceResult {
  ran: number;
}

await contender<NotifyRaceInput, { database: Database; worker: JobWorker }, NotifyRaceResult>(
  async (input) => {
    const database = input.target.kind === 'sqlite' ? openSqlite(input.target.file) : openPostgres(input.target.url, 2);
    await database.db.selectFrom('job').select('id').limit(1).execute();
    const now = new Date(input.nowIso);
    const deps = deliveryDeps({
      database,
      vault: createVault(parseMasterKey(input.key)),
      clock: () => now,
      config: { publicBaseUrl: 'http://huzheng.test', smtpUrl: undefined, mailFrom: 'Huzheng <no-reply@huzheng.test>', dataDir: input.dataDir, notifyRetentionDays: 30 },
    });
    const worker = new JobWorker(database, { handlers: { [DELIVER_JOB]: deliverHandler(deps) }, clock: () => now });
    return { database, worker };
  },
  async ({ worker }) => ({ ran: await worker.runDue() }),
  ({ database }) => database.close(),
);
