import { sql } from 'kysely';
import type { Database, Executor } from '../../db/index.js';
import { writeTransaction } from '../../db/index.js';

/**
 * A durable jobs table (outbox). Enqueue inside the business transaction so
 * the job exists exactly when the change does; a worker claims due jobs,
 * runs them, retries with backoff, and takes over jobs whose worker died
 * (its lease ran out).
 */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (payload: unknown, ctx: { jobId: number; attempt: number; now: Date }) => Promise<void>;

export async function enqueueJob(
  db: Executor,
  job: { kind: string; payload: unknown; runAt?: Date; maxAttempts?: number; dedupeKey?: string },
  now: Date = new Date(),
): Promise<number | null> {
  const iso = now.toISOString();
  const row = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      status: 'pending',
      run_at: (job.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: job.maxAttempts ?? 5,
      locked_until: null,
      last_error: null,
      dedupe_key: job.dedupeKey ?? null,
      created_at: iso,
      updated_at: iso,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

function toClaimed(r: { id: number; kind: string; payload: string; attempts: number; max_attempts: number }): ClaimedJob {
  return { id: r.id, kind: r.kind, payload: JSON.parse(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts };
}

/**
 * Claims one due job. Two plain look-ups instead of one with an OR: first a
 * job whose worker died (its lease ran out; there are few), then the oldest
 * pending one due. Each walks the (status, run_at, id) index in order and
 * stops at the first row, so a claim costs the same with 50 or 50,000 jobs
 * waiting (with the OR both databases read and sorted every pending row).
 */
export async function claimJob(database: Database, kinds: string[], opts: { now: Date; lease: number }): Promise<ClaimedJob | null> {
  if (kinds.length === 0) return null;
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + opts.lease).toISOString();
  for (const which of ['expired', 'pending'] as const) {
    const job = database.dialect === 'postgres' ? await claimOnPostgres(database, kinds, which, now, until) : await claimOnSqlite(database, kinds, which, now, until);
    if (job) return job;
  }
  return null;
}

type Which = 'expired' | 'pending';
type JobRow = { id: number; kind: string; payload: string; attempts: number; max_attempts: number };

async function claimOnPostgres(database: Database, kinds: string[], which: Which, now: string, until: string): Promise<ClaimedJob | null> {
  const due = which === 'pending' ? sql`status = 'pending' AND run_at <= ${now}` : sql`status = 'running' AND locked_until < ${now}`;
  const res = await sql<JobRow>`
    UPDATE job SET status = 'running', attempts = attempts + 1, locked_until = ${until}, updated_at = ${now}
    WHERE id = (
      SELECT id FROM job
      WHERE ${due} AND kind IN (${sql.join(kinds)})
      ORDER BY status, run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts, max_attempts`.execute(database.db);
  const row = res.rows[0];
  return row ? toClaimed(row) : null;
}

async function claimOnSqlite(database: Database, kinds: string[], which: Which, now: string, until: string): Promise<ClaimedJob | null> {
  return writeTransaction(database, async (trx) => {
    let q = trx.selectFrom('job').select(['id', 'kind', 'payload', 'attempts', 'max_attempts']).where('kind', 'in', kinds);
    q = which === 'pending' ? q.where('status', '=', 'pending').where('run_at', '<=', now) : q.where('status', '=', 'running').where('locked_until', '<', now);
    const row = await q.orderBy('status').orderBy('run_at').orderBy('id').limit(1).executeTakeFirst();
    if (!row) return null;
    await trx.updateTable('job').set({ status: 'running', attempts: row.attempts + 1, locked_until: until, updated_at: now }).where('id', '=', row.id).execute();
    return toClaimed({ ...row, attempts: row.attempts + 1 });
  });
}

/** What a finished job keeps of its payload: nothing (a sent mail carried passwords and links). */
export const SCRUBBED_PAYLOAD = 'null';

/**
 * Done: the payload is dropped in the same statement. A mail job carried the
 * whole message (a petition's password, a confirmation link); once delivered
 * it is in the citizen's mailbox and we keep no copy (個資法: no more than
 * needed). The row stays for its dedupe key and the counts.
 */
export async function completeJob(database: Database, job: ClaimedJob, now: Date): Promise<void> {
  await database.db
    .updateTable('job')
    .set({ status: 'done', payload: SCRUBBED_PAYLOAD, locked_until: null, updated_at: now.toISOString() })
    .where('id', '=', job.id)
    .execute();
}

/** 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3600_000);
}

export async function failJob(database: Database, job: ClaimedJob, error: unknown, now: Date): Promise<'retry' | 'failed'> {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
  const final = job.attempts >= job.maxAttempts;
  await database.db
    .updateTable('job')
    .set({
      status: final ? 'failed' : 'pending',
      run_at: final ? now.toISOString() : new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
      locked_until: null,
      last_error: message,
      updated_at: now.toISOString(),
    })
    .where('id', '=', job.id)
    .execute();
  return final ? 'failed' : 'retry';
}

/**
 * Scrubs what finished jobs still hold: a failed job keeps its payload and
 * error for `retentionDays` after its last try (so someone can see what did
 * not go out and resend it), then both go; a done job (from before
 * completeJob scrubbed) loses its payload at once. Returns how many rows.
 */
export async function scrubFinishedJobs(db: Executor, opts: { now: Date; retentionDays: number }): Promise<number> {
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * 86_400_000).toISOString();
  const res = await db
    .updateTable('job')
    .set({ payload: SCRUBBED_PAYLOAD, last_error: null })
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('payload', '<>', SCRUBBED_PAYLOAD)]),
        eb.and([eb('status', '=', 'failed'), eb('updated_at', '<', cutoff), eb.or([eb('payload', '<>', SCRUBBED_PAYLOAD), eb('last_error', 'is not', null)])]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function jobStats(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('job')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface WorkerOptions {
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  lease?: number;
  clock?: () => Date;
  onError?: (err: unknown, job: ClaimedJob) => void;
  /** scrub failed jobs' payloads this many days after their last try (see scrubFinishedJobs); unset: never */
  retentionDays?: number;
}

/** How often a worker runs the scrub: it is one cheap UPDATE, but not on every poll. */
const SCRUB_EVERY_MS = 3600_000;

export class JobWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private lastScrub: number | null = null;

  constructor(
    private readonly database: Database,
    private readonly opts: WorkerOptions,
  ) {}

  private get clock() {
    return this.opts.clock ?? (() => new Date());
  }

  /** Claims and runs every job due now, one after another; returns how many ran. */
  async runDue(): Promise<number> {
    const kinds = Object.keys(this.opts.handlers);
    await this.scrubIfDue();
    let ran = 0;
    for (;;) {
      const now = this.clock();
      const job = await claimJob(this.database, kinds, { now, lease: this.opts.lease ?? 5 * 60_000 });
      if (!job) return ran;
      ran++;
      try {
        await this.opts.handlers[job.kind]!(job.payload, { jobId: job.id, attempt: job.attempts, now });
        await completeJob(this.database, job, this.clock());
      } catch (err) {
        this.opts.onError?.(err, job);
        await failJob(this.database, job, err, this.clock());
      }
    }
  }

  private async scrubIfDue(): Promise<void> {
    const days = this.opts.retentionDays;
    if (days === undefined) return;
    const now = this.clock();
    if (this.lastScrub !== null && Math.abs(now.getTime() - this.lastScrub) < SCRUB_EVERY_MS) return;
    this.lastScrub = now.getTime();
    await scrubFinishedJobs(this.database.db, { now, retentionDays: days });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Run soon (after an enqueue) instead of at the next poll. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runDue().catch(() => 0);
      void this.running.finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.opts.pollMs ?? 1000);
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
