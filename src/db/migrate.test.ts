import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../test/databases.js';
import { nowIso, writeTransaction } from './index.js';
import { migrateToLatest } from './migrate.js';

describe('migrations', () => {
  forEachDatabase((get) => {
    it('are applied once and are idempotent', async () => {
      const again = await migrateToLatest(get());
      expect(again).toEqual([]);
    });

    it('keep the audit log append-only in the database itself', async () => {
      const { db } = get();
      await db
        .insertInto('audit_log')
        .values({ at: nowIso(), actor_label: 'test', action: 'test.append', actor_staff_id: null })
        .execute();
      await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    });

    it('rolls a write transaction back whole when it throws', async () => {
      const database = get();
      const before = await database.db.selectFrom('county').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await expect(
        writeTransaction(database, async (trx) => {
          await trx.insertInto('county').values({ code: 'tx-test', name_zh: '測試', name_en: 'Test', website: null }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const after = await database.db.selectFrom('county').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
});
