import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../test/databases.js';
import { openSqlite } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { purgeExpired, useOnce } from './once.js';

const NOW = new Date('2026-11-25T02:00:00Z');
const LATER = '2026-11-25T03:00:00.000Z';

forEachDatabase((get, kind) => {
  it('is true the first time and false after, per purpose', async () => {
    const { db } = get();
    expect(await useOnce(db, 'test', 'k1', LATER, NOW)).toBe(true);
    expect(await useOnce(db, 'test', 'k1', LATER, NOW)).toBe(false);
    expect(await useOnce(db, 'other', 'k1', LATER, NOW)).toBe(true);
    expect(await useOnce(db, 'test', 'k2', LATER, NOW)).toBe(true);
  });

  it('20 parallel uses of one key: exactly one is true', async () => {
    const { db } = get();
    let arrive!: () => void;
    const all = new Promise<void>((r) => {
      arrive = r;
    });
    let arrived = 0;
    // on PostgreSQL each use holds its own pool connection, all open before any inserts;
    // SQLite has one connection per database handle (Kysely queues them), so the uses interleave on it
    const results =
      kind === 'postgres'
        ? await Promise.all(
            Array.from({ length: 20 }, () =>
              db.connection().execute(async (conn) => {
                const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn)).rows[0]!.pid;
                if (++arrived === 20) arrive();
                await all;
                return { pid, ok: await useOnce(conn, 'race', 'same-key', LATER, NOW) };
              }),
            ),
          )
        : await Promise.all(Array.from({ length: 20 }, async () => ({ pid: 0, ok: await useOnce(db, 'race', 'same-key', LATER, NOW) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.map((r) => r.pid)).size).toBe(kind === 'postgres' ? 20 : 1);
    expect(await db.selectFrom('once_token').select('key').where('purpose', '=', 'race').execute()).toEqual([{ key: 'same-key' }]);
  });

  it('purges only expired records; a purged key can be recorded again', async () => {
    const { db } = get();
    expect(await useOnce(db, 'purge', 'old', '2026-11-25T01:59:59.000Z', NOW)).toBe(true);
    expect(await useOnce(db, 'purge', 'new', LATER, NOW)).toBe(true);
    const before = await db.selectFrom('once_token').select('key').where('expires_at', '<', NOW.toISOString()).execute();
    expect(before).toEqual([{ key: 'old' }]);
    expect(await purgeExpired(db, NOW)).toBe(1);
    expect(await useOnce(db, 'purge', 'new', LATER, NOW)).toBe(false);
    expect(await useOnce(db, 'purge', 'old', LATER, NOW)).toBe(true);
  });
});

it('[sqlite] 20 uses of one key from 20 separate connections to one file: exactly one is true (the record lives in the file, not in a process)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hz-once-'));
  const file = path.join(dir, 'once.sqlite');
  const first = openSqlite(file);
  await migrateToLatest(first);
  const handles = [first, ...Array.from({ length: 19 }, () => openSqlite(file))];
  try {
    const results = await Promise.all(handles.map((h) => useOnce(h.db, 'race', 'file-key', LATER, NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
  } finally {
    for (const h of handles) await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
