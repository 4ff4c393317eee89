import { type Migration as KyselyMigration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './index.js';
import { m0001 } from './migrations/0001_platform.js';
import { m0002 } from './migrations/0002_queue.js';
import { m0003 } from './migrations/0003_cases.js';
import { m0004 } from './migrations/0004_booking.js';
import { m0005 } from './migrations/0005_petitions.js';
import { m0006 } from './migrations/0006_surveys.js';
import { m0007 } from './migrations/0007_content.js';
import type { Migration } from './migrations/helpers.js';

/**
 * Numbered migrations, written once, run on both databases. Add a new file
 * and a line here; never edit one that has shipped.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_queue': m0002,
  '0003_cases': m0003,
  '0004_booking': m0004,
  '0005_petitions': m0005,
  '0006_surveys': m0006,
  '0007_content': m0007,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly database: Database) {}
  async getMigrations(): Promise<Record<string, KyselyMigration>> {
    const out: Record<string, KyselyMigration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => m.up({ db, dialect: this.database.dialect }) };
    }
    return out;
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(database) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
