import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, openPostgres, openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { IN_CI } from './tools.js';

/**
 * Gives a test file a fresh, migrated database on SQLite and, when
 * 127.0.0.1:5432 answers, on a throwaway PostgreSQL database too.
 *
 *   forEachDatabase((get) => { it('...', async () => { const { db } = get(); ... }) })
 */
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgReachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      console.warn(`[test] PostgreSQL not reachable at ${ADMIN_URL}: every PostgreSQL variant below is counted as skipped`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface ThrowawayPostgres {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named hz_test_<random>; drop() removes it. */
export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const name = `hz_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return { url, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export type DatabaseKind = 'sqlite' | 'postgres';
/**
 * Every data test is declared for both databases. When PostgreSQL does not
 * answer, its half is declared with describe.skip, so the runner counts and
 * shows each of those tests as skipped instead of silently running fewer;
 * under CI=true (where `.ci/run` starts PostgreSQL) that is a failure.
 */
export const POSTGRES_AVAILABLE = await postgresReachable();
if (!POSTGRES_AVAILABLE && IN_CI) {
  throw new Error(`[test] CI=true but PostgreSQL does not answer at ${ADMIN_URL}: .ci/run should have started it`);
}
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** `describe` for a database kind: skipped, visibly, when that database is not there. */
export function describeOn(kind: DatabaseKind): typeof describe | typeof describe.skip {
  return kind === 'postgres' && !POSTGRES_AVAILABLE ? describe.skip : describe;
}

export async function freshDatabase(kind: DatabaseKind): Promise<Database & { dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const database = openSqlite(':memory:');
    await migrateToLatest(database);
    return { ...database, dispose: () => database.close() };
  }
  const throwaway = await createThrowawayPostgres();
  const database = openPostgres(throwaway.url, 20);
  await migrateToLatest(database);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}

/** Runs the block once per database kind, each with its own fresh database. */
export function forEachDatabase(block: (get: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of DATABASE_KINDS) {
    describeOn(kind)(`[${kind}]`, () => {
      let database: (Database & { dispose(): Promise<void> }) | undefined;
      beforeAll(async () => {
        database = await freshDatabase(kind);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      block(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, kind);
    });
  }
}
