/**
 * The four timed phases of bench/notify: the real job worker draining a
 * backlog and keeping up with a paced stream of cases, and the bare client
 * doing the same against the same receiver (the ceiling).
 */
import { type Database, sql } from '../src/db/index.js';
import { DELIVER_JOB } from '../src/modules/notify/body.js';
import type { Vault } from '../src/platform/identity/index.js';
import { JobWorker, type JobHandler } from '../src/platform/jobs/index.js';
import { type BenchNotice, type BenchOffice, insertCases, queueOneCase, RECIPIENTS } from './notify-data.js';
import { barePaced, bareClient, type Receiver } from './notify-receiver.js';

export interface Measured {
  notices: number;
  ms: number;
  /** per notice, ms from queued (or posted) to arrived */
  latencies: number[];
}

export const perSecond = (m: Measured) => m.notices / (m.ms / 1000);

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : Number.NaN;
}

/** Waits for `n` arrivals, saying how far it got every 5 s; gives up when nothing new arrived for a minute (a handler failing every try, say). */
async function arrivals(receiver: Receiver, n: number, label: string, errors: () => string): Promise<void> {
  let seen = -1;
  let still = 0;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      still = receiver.arrived.size === seen ? still + 5 : 0;
      seen = receiver.arrived.size;
      console.log(`  ${label}: ${seen.toLocaleString()} of ${n.toLocaleString()} arrived${errors()}`);
      if (still >= 60) reject(new Error(`${label}: nothing arrived for 60 s (${seen} of ${n})${errors()}`));
    }, 5000);
  });
  try {
    await Promise.race([receiver.waitFor(n), stalled]);
  } finally {
    clearInterval(timer);
  }
}

/** Delivered is not done: each job still marks its notice and completes. */
async function jobsDone(database: Database): Promise<void> {
  while ((await jobsLeft(database)) > 0) await new Promise((r) => setTimeout(r, 50));
}

async function jobsLeft(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom('job')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', DELIVER_JOB)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export class Workers {
  readonly list: JobWorker[];
  errors = 0;
  firstError = '';
  constructor(database: Database, handlers: Record<string, JobHandler>, count: number) {
    const onError = (err: unknown) => {
      this.errors++;
      this.firstError ||= err instanceof Error ? err.message : String(err);
    };
    this.list = Array.from({ length: count }, () => new JobWorker(database, { handlers, onError }));
  }
  start() {
    for (const w of this.list) w.start();
  }
  stop() {
    return Promise.all(this.list.map((w) => w.stop()));
  }
  describe = () => (this.errors ? `, ${this.errors} failed tries (first: ${this.firstError})` : '');
}

/** The backlog: every notice and job made due at one instant, then the workers started; done when the last job is. */
export async function drainWithWorkers(database: Database, receiver: Receiver, workers: Workers, total: number): Promise<Measured> {
  receiver.reset();
  const t0 = new Date();
  const iso = t0.toISOString();
  await database.db.updateTable('notify_notice').set({ queued_at: iso }).where('status', '=', 'queued').execute();
  await database.db.updateTable('job').set({ run_at: iso, updated_at: iso }).where('kind', '=', DELIVER_JOB).where('status', '=', 'pending').execute();
  workers.start();
  await arrivals(receiver, total, 'worker drain', workers.describe);
  await jobsDone(database);
  const ms = Date.now() - t0.getTime();
  return { notices: total, ms, latencies: [...receiver.arrived.values()].map((at) => at - t0.getTime()) };
}

export async function drainBare(receiver: Receiver, secrets: Map<string, string>, notices: BenchNotice[], concurrency: number): Promise<Measured> {
  receiver.reset();
  const t0 = Date.now();
  await bareClient(receiver.baseUrl, secrets, notices, concurrency);
  const ms = Date.now() - t0;
  return { notices: notices.length, ms, latencies: [...receiver.arrived.values()].map((at) => at - t0) };
}

export interface Pace {
  cases: number;
  everyMs: number;
}

/** Cases recorded one transaction each at a steady pace while the workers run as in production (polling every second). */
export async function pacedWithWorkers(database: Database, vault: Vault, o: BenchOffice, receiver: Receiver, workers: Workers, pace: Pace, firstCase: number, publicBaseUrl: string) {
  const caseIds = await insertCases(database.db, o, firstCase, pace.cases);
  receiver.reset();
  const queuedAt = new Map<number, number>();
  const notices: BenchNotice[][] = [];
  const t0 = Date.now();
  for (let i = 0; i < caseIds.length; i++) {
    const wait = t0 + i * pace.everyMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const now = new Date();
    const made = await queueOneCase(database, vault, o, caseIds[i]!, now, publicBaseUrl);
    for (const n of made) queuedAt.set(n.id, now.getTime());
    notices.push(made);
  }
  const total = caseIds.length * RECIPIENTS.length;
  await arrivals(receiver, total, 'worker paced', workers.describe);
  const ms = Date.now() - t0;
  await jobsDone(database);
  const latencies = [...receiver.arrived].map(([id, at]) => at - queuedAt.get(id)!);
  return { measured: { notices: total, ms, latencies } satisfies Measured, batches: notices };
}

export async function pacedBare(receiver: Receiver, secrets: Map<string, string>, batches: BenchNotice[][], everyMs: number): Promise<Measured> {
  receiver.reset();
  const t0 = Date.now();
  const sentAt = await barePaced(receiver.baseUrl, secrets, batches, everyMs);
  const ms = Date.now() - t0;
  return { notices: sentAt.size, ms, latencies: [...receiver.arrived].map(([id, at]) => at - sentAt.get(id)!) };
}

/** How the notices ended: every one should be acknowledged (a webhook's 200 is the agency's acceptance). */
export async function noticeStates(database: Database): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('notify_notice')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
