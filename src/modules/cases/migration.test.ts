import { type Kysely, type Migration as KyselyMigration, Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { createThrowawayPostgres, DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { type Database, openPostgres, openSqlite } from '../../db/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { m0001 } from '../../db/migrations/0001_platform.js';
import { m0002 } from '../../db/migrations/0002_queue.js';
import { m0003 } from '../../db/migrations/0003_cases.js';
import { m0004 } from '../../db/migrations/0004_booking.js';
import { m0005 } from '../../db/migrations/0005_petitions.js';
import { m0006 } from '../../db/migrations/0006_surveys.js';
import { m0007 } from '../../db/migrations/0007_content.js';
import { m0008 } from '../../db/migrations/0008_once.js';

/** The schema as it stood before 0009: the migrations up to 0008, under the names the app's migrator records. */
async function migrateTo0008(database: Database) {
  const steps = { '0001_platform': m0001, '0002_queue': m0002, '0003_cases': m0003, '0004_booking': m0004, '0005_petitions': m0005, '0006_surveys': m0006, '0007_content': m0007, '0008_once': m0008 };
  const migrations: Record<string, KyselyMigration> = {};
  for (const [name, m] of Object.entries(steps)) migrations[name] = { up: (db) => m.up({ db, dialect: database.dialect }) };
  const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw error;
}

async function open(kind: (typeof DATABASE_KINDS)[number]): Promise<Database & { dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const database = openSqlite(':memory:');
    return { ...database, dispose: () => database.close() };
  }
  const throwaway = await createThrowawayPostgres();
  const database = openPostgres(throwaway.url, 2);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] migration 0009: case references`, () => {
    it('gives every existing case its own reference and the zh-Hant mail language, and refuses a duplicate', async () => {
      const database = await open(kind);
      try {
        await migrateTo0008(database);
        // biome-ignore lint/suspicious/noExplicitAny: rows as the schema stood before 0009, not today's types
        const db = database.db as unknown as Kysely<any>;
        const at = '2026-02-11T02:00:00.000Z';
        const county = await db.insertInto('county').values({ code: 'hsinchu', name_zh: '新竹縣', name_en: 'Hsinchu County' }).returning('id').executeTakeFirstOrThrow();
        const office = await db
          .insertInto('office')
          .values({ county_id: county.id, code: 'zhubei', kind: 'office', name_zh: '竹北', name_en: 'Zhubei', address_zh: '-', address_en: '-', phone: '-', updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const row = (n: number) => ({
          office_id: office.id,
          number: `${office.id}-1150211-000${n}`,
          guide_code: 'house-number-assignment',
          status: 'received',
          applicant_name: '陳大文',
          id_hash: 'h',
          id_enc: 'e',
          birth_hash: 'b',
          received_on: '2026-02-11',
          limit_days: 7,
          due_on: '2026-03-02',
          created_by: 1,
          created_at: at,
          updated_at: at,
        });
        await db.insertInto('case_file').values([row(1), row(2), row(3)]).execute();

        expect((await migrateToLatest(database))[0]).toBe('0009_case_reference');
        const cases = await database.db.selectFrom('case_file').select(['number', 'reference', 'locale', 'lookup_failures', 'lookup_locked_until']).orderBy('id').execute();
        expect(cases.map((c) => c.number)).toEqual([`${office.id}-1150211-0001`, `${office.id}-1150211-0002`, `${office.id}-1150211-0003`]);
        for (const c of cases) {
          expect(c.reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
          expect([c.locale, c.lookup_failures, c.lookup_locked_until]).toEqual(['zh-Hant', 0, null]);
        }
        expect(new Set(cases.map((c) => c.reference)).size).toBe(3);
        // the unique index: a second case with the same reference is refused
        await expect(
          db
            .insertInto('case_file')
            .values({ ...row(4), reference: cases[0]!.reference })
            .execute(),
        ).rejects.toThrow(/unique|UNIQUE/);
      } finally {
        await database.dispose();
      }
    });
  });
}
