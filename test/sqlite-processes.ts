import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { type Database, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';

/**
 * Races that can really race. Several connections in one process cannot race
 * on SQLite: better-sqlite3 is synchronous, so a connection waiting for the
 * write lock (busy_timeout) blocks the very event loop the lock holder needs
 * to finish. Real contenders are separate threads or processes, each with
 * its own connection to one database file in WAL mode — as several app
 * processes on one SQLite file would be.
 *
 * Contenders are started together: each sets up (loads the code, opens its
 * connection), says it is ready, and waits for the word go, so the races
 * overlap instead of running one after another as they start.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

export type RaceTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** A throwaway SQLite file, migrated (and seeded by `seed`); dispose() removes it with its WAL files. */
export async function tempSqliteFile(seed?: (database: Database) => Promise<void>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hz-race-'));
  const file = path.join(dir, 'race.sqlite');
  const database = openSqlite(file);
  await migrateToLatest(database);
  await seed?.(database);
  return {
    ...database,
    file,
    target: { kind: 'sqlite', file } as RaceTarget,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Contender = { ready: Promise<void>; go(): void; result: Promise<unknown>; stop(): void };

function asProcess(script: string, input: unknown): Contender {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('ready\n')) markReady();
  });
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const result = new Promise<unknown>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('result '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('result '.length)));
      else reject(new Error(`racer exited ${code}: ${err}`));
    });
  });
  // a contender that dies before it is ready must not leave the others waiting
  return { ready: Promise.race([ready, result.then(() => {})]), go: () => child.stdin!.end('go\n'), result, stop: () => child.kill() };
}

function asThread(script: string, input: unknown): Contender {
  // tsx's loader is registered inside the thread; the script is a file URL
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(new URL(`file://${path.resolve(ROOT, script)}`).href)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: input });
  let markReady: () => void;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  const result = new Promise<unknown>((resolve, reject) => {
    worker.on('message', (m: { ready?: true; result?: unknown }) => {
      if (m.ready) markReady();
      if ('result' in m) {
        resolve(m.result);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`racer thread exited ${code} without a result`)));
  });
  return { ready: Promise.race([ready, result.then(() => {})]), go: () => worker.postMessage('go'), result, stop: () => void worker.terminate() };
}

/** Starts one contender per input (processes or threads), lets them all go at once, returns their results in order. */
export async function race<R>(script: string, inputs: unknown[], how: 'process' | 'thread'): Promise<R[]> {
  const contenders = inputs.map((input) => (how === 'process' ? asProcess(script, input) : asThread(script, input)));
  try {
    await Promise.all(contenders.map((c) => c.ready));
    for (const c of contenders) c.go();
    return (await Promise.all(contenders.map((c) => c.result))) as R[];
  } finally {
    for (const c of contenders) c.stop();
  }
}

/**
 * The contender's side: `setup` with the input, then "ready", then on "go"
 * `run`, and the result back to the test. Works as a process (input in argv,
 * result on stdout) and as a thread (workerData, messages).
 */
export async function contender<I, S, R>(setup: (input: I) => Promise<S>, run: (state: S) => Promise<R>, teardown: (state: S) => Promise<void>) {
  const input = (parentPort ? workerData : JSON.parse(process.argv[2] ?? 'null')) as I;
  const state = await setup(input);
  const go = new Promise<void>((resolve) => {
    if (parentPort) parentPort.once('message', () => resolve());
    else {
      let seen = '';
      process.stdin.on('data', (b: Buffer) => {
        seen += b.toString();
        if (seen.includes('go')) resolve();
      });
    }
  });
  if (parentPort) parentPort.postMessage({ ready: true });
  else process.stdout.write('ready\n');
  await go;
  let result: R;
  try {
    result = await run(state);
  } catch (err) {
    // the test reads this as the contender's failure (stderr, or the thread's error event)
    if (parentPort) throw err;
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  }
  await teardown(state);
  if (parentPort) parentPort.postMessage({ result });
  else {
    process.stdout.write(`result ${JSON.stringify(result)}\n`);
    process.stdin.destroy();
  }
}
