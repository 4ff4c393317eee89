/**
 * One contender in a queue race, as a separate process or thread with its
 * own database connection (see test/sqlite-processes.ts):
 *   issue: takes tickets at once, reports each outcome and the labels given;
 *   call:  its counters call next and finish until nobody waits, reports the labels called;
 *   sequence: takes numbers of one per-day sequence at once, each in its own transaction.
 *   node --import tsx test/queue-race-worker.ts '<json input>'
 */
import { type Database, openPostgres, openSqlite, writeTransaction } from '../src/db/index.js';
import { callNext, transition } from '../src/modules/queue/counter.js';
import type { QueueDeps } from '../src/modules/queue/deps.js';
import { type Channel, issueTicket } from '../src/modules/queue/issue.js';
import type { StaffPrincipal } from '../src/platform/auth/roles.js';
import { createMemoryBus } from '../src/platform/events/index.js';
import { nextInSequence } from '../src/platform/sequence.js';
import { contender, type RaceTarget } from './sqlite-processes.js';

export type QueueRaceInput = { target: RaceTarget; nowIso: string } & (
  | { mode: 'issue'; officeId: number; serviceId: number; channels: Channel[] }
  | { mode: 'call'; counterIds: number[]; staff: StaffPrincipal; once?: boolean }
  | { mode: 'sequence'; officeId: number; day: string; name: string; n: number }
);
export interface QueueRaceResult {
  outcomes: Record<string, number>;
  labels: string[];
}

function open(target: RaceTarget): Database {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, 10);
}

await contender<QueueRaceInput, { input: QueueRaceInput; deps: QueueDeps }, QueueRaceResult>(
  async (input) => {
    const now = new Date(input.nowIso);
    const deps: QueueDeps = { database: open(input.target), events: createMemoryBus(), clock: () => now };
    // load what the race needs before saying ready (the first query opens the connection)
    await deps.database.db.selectFrom('office').select('id').limit(1).execute();
    return { input, deps };
  },
  async ({ input, deps }) => {
    const outcomes: Record<string, number> = {};
    const labels: string[] = [];
    const count = (k: string) => {
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    };
    const failure = (err: unknown) => (err as { messageKey?: string }).messageKey ?? String(err);
    if (input.mode === 'issue') {
      await Promise.all(
        input.channels.map((channel) =>
          issueTicket(deps, { officeId: input.officeId, serviceId: input.serviceId, priority: false, channel }).then(
            (t) => {
              count(`issued:${channel}`);
              labels.push(t.label);
            },
            (err: unknown) => count(failure(err)),
          ),
        ),
      );
    } else if (input.mode === 'sequence') {
      await Promise.all(
        Array.from({ length: input.n }, async () => {
          const n = await writeTransaction(deps.database, (trx) => nextInSequence(trx, input.officeId, input.day, input.name));
          labels.push(String(n));
        }),
      );
    } else {
      await Promise.all(
        input.counterIds.map(async (counterId) => {
          const ctx = { deps, staff: input.staff, counterId };
          for (;;) {
            const t = await callNext(ctx).catch((err: unknown) => {
              count(failure(err));
              return null;
            });
            if (!t) return;
            labels.push(t.label);
            count('called');
            if (input.once) return;
            // a ticket another counter also took cannot be finished here: count it, go on
            await transition(ctx, 'finish').catch((err: unknown) => count(`finish:${failure(err)}`));
          }
        }),
      );
    }
    return { outcomes, labels };
  },
  ({ deps }) => deps.database.close(),
);
