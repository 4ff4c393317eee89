import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type { DB } from './schema.js';
export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
/** What repos take: the database or a transaction on it. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: DialectName;
  /** PostgreSQL connection string, for LISTEN/NOTIFY on a dedicated connection */
  url?: string;
  close(): Promise<void>;
}

// pg returns int8 (COUNT, SUM) as strings; our counts fit a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const handle = new BetterSqlite3(file);
  handle.pragma('journal_mode = WAL');
  // What a citizen is told is saved must survive a power cut (DESIGN.md).
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client whose server went away (restart, failover, admin terminate) is
  // dropped by the pool and the next query opens a new one; unhandled, the
  // 'error' event would crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url, close: () => db.destroy() };
}

export function openDatabase(
  target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string },
): Database {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url);
}

/**
 * One write transaction. On SQLite it starts with BEGIN IMMEDIATE so the
 * write lock is taken up front: two processes never deadlock upgrading a
 * read lock, and a check inside the transaction sees no concurrent writer.
 * On PostgreSQL it is an ordinary READ COMMITTED transaction; rules that
 * need more use row locks or conditional updates inside it.
 */
export async function writeTransaction<T>(database: Database, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (database.dialect === 'postgres') return database.db.transaction().execute(fn);
  return database.db.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
    try {
      const result = await fn(conn as unknown as Executor);
      await conn.executeQuery(CompiledQuery.raw('COMMIT'));
      return result;
    } catch (err) {
      await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
      throw err;
    }
  });
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export { sql };

/** A unique constraint refused the row (both databases): the backstop behind a rule checked in the transaction. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  // a duplicate primary key is the same refusal (better-sqlite3 names it apart)
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22, "data exception":
 * an integer out of range, text that is not a number, a bad byte): the
 * value came from outside and no rule of ours caught it first. SQLite
 * stores such values as they are and never says this.
 */
export function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && err instanceof Error && 'severity' in err;
}
