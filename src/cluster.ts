import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { relayToAll } from './platform/events/index.js';

/**
 * WEB_CONCURRENCY > 1: this process (the primary) forks that many web
 * processes sharing one port (node:cluster hands out connections round
 * robin). The primary serves nothing: it has already migrated and seeded, it
 * relays live-page events between workers (the SQLite bus) and re-forks a
 * worker that dies. Exactly one worker, slot 0, runs the jobs worker and its
 * schedules; its replacement inherits the role.
 */

/** Set on the fork of slot 0 only; read by isJobsProcess(). */
const JOBS_ENV = 'HUZHENG_JOBS_PROCESS';
/** A worker that dies sooner than this after its fork counts as crashing: the next fork waits longer. */
const HEALTHY_MS = 10_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A worker still running this long after SIGTERM is killed. */
const STOP_GRACE_MS = 15_000;

export type ClusterRole = 'single' | 'primary' | 'worker';

export function clusterRole(webConcurrency: number): ClusterRole {
  if (cluster.isWorker) return 'worker';
  return webConcurrency > 1 ? 'primary' : 'single';
}

/** Whether this process should run the jobs worker: the only process, or the cluster's slot 0. */
export function isJobsProcess(): boolean {
  return !cluster.isWorker || process.env[JOBS_ENV] === '1';
}

/** A listening address as a person would type it. */
export function linkTo(bound: Pick<AddressInfo, 'port'> & { address: string | null }): string {
  const a = bound.address;
  const host = a === null || a === '0.0.0.0' || a === '::' ? 'localhost' : a.includes(':') ? `[${a}]` : a;
  return `http://${host}:${bound.port}`;
}

export interface PrimaryOptions {
  workers: number;
  logLevel: string;
  prettyLogs: boolean;
  /** once, when the first worker listens (the console lines a person reads) */
  onListening: (where: string) => void;
}

interface Slot {
  index: number;
  worker: Worker | null;
  forkedAt: number;
  delayMs: number;
}

export function runPrimary(opts: PrimaryOptions): void {
  const log = pino({
    level: opts.logLevel,
    base: { pid: process.pid, role: 'primary' },
    ...(opts.prettyLogs ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true } } } : {}),
  });
  const slots: Slot[] = Array.from({ length: opts.workers }, (_, index) => ({ index, worker: null, forkedAt: 0, delayMs: 0 }));
  let stopping = false;
  let announced = false;

  const fork = (slot: Slot) => {
    if (stopping) return;
    slot.forkedAt = Date.now();
    const worker = cluster.fork({ [JOBS_ENV]: slot.index === 0 ? '1' : '0' });
    slot.worker = worker;
    worker.on('message', (message: unknown) => relayToAll(message, live()));
    worker.on('listening', (address: { address: string | null; port: number }) => {
      if (announced) return;
      announced = true;
      opts.onListening(linkTo(address));
    });
  };
  const live = () => slots.flatMap((s) => (s.worker ? [s.worker] : []));

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.find((s) => s.worker === worker);
    if (!slot) return;
    slot.worker = null;
    if (stopping) return;
    // a crash loop (bad config, database down) must not spin: double the wait while forks die young
    const young = Date.now() - slot.forkedAt < HEALTHY_MS;
    slot.delayMs = young ? Math.min(Math.max(slot.delayMs * 2, FIRST_DELAY_MS), MAX_DELAY_MS) : 0;
    log.error({ worker: worker.process.pid, code, signal, slot: slot.index, jobs: slot.index === 0, restartInMs: slot.delayMs }, 'web process died: forking another');
    setTimeout(() => fork(slot), slot.delayMs);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping web processes');
    const running = live();
    if (running.length === 0) process.exit(0);
    // each worker runs its own stop(): closes the server, lets the jobs worker finish, closes the database
    for (const w of running) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of live()) w.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    cluster.on('exit', () => {
      if (live().length === 0) process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  for (const slot of slots) fork(slot);
  log.info({ workers: opts.workers }, `started ${opts.workers} web processes; process 1 of ${opts.workers} runs the jobs`);
}
