import { type Migration as KyselyMigration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './index.js';
import { m0001 } from './migrations/0001_platform.js';
import { m0002 } from './migrations/0002_queue.js';
import { m0003 } from './migrations/0003_cases.js';
import { m0004 } from './migrations/0004_booking.js';
import { m0005 } from './migrations/0005_petitions.js';
import { m0006 } from './migrations/0006_surveys.js';
import { m0007 } from './migrations/0007_content.js';
import { m0008 } from './migrations/0008_once.js';
import { m0009 } from './migrations/0009_case_reference.js';
import { m0010 } from './migrations/0010_lost_id_office.js';
import { m0011 } from './migrations/0011_queue_caps.js';
import { m0012 } from './migrations/0012_offices_admin.js';
import { m0013 } from './migrations/0013_queue_admin.js';
import { m0014 } from './migrations/0014_booking_intake.js';
import { m0015 } from './migrations/0015_guides_library.js';
import { m0016 } from './migrations/0016_setup.js';
import { m0017 } from './migrations/0017_figures.js';
import { m0018 } from './migrations/0018_business_report.js';
import { m0019 } from './migrations/0019_plan.js';
import { m0020 } from './migrations/0020_booking_office_hours.js';
import { m0022 } from './migrations/0022_content_feedback.js';
import { m0023 } from './migrations/0023_notify.js';
import { m0024 } from './migrations/0024_job_claim_index.js';
import { m0025 } from './migrations/0025_population.js';
import { m0026 } from './migrations/0026_rate_limit.js';
import { m0027 } from './migrations/0027_newsletter.js';
import { m0028 } from './migrations/0028_link_check.js';
import { m0029 } from './migrations/0029_training.js';
import { m0030 } from './migrations/0030_search_vocabulary.js';
import { m0031 } from './migrations/0031_manual.js';
import { m0032 } from './migrations/0032_precheck.js';
import { m0033 } from './migrations/0033_forms.js';
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
  '0008_once': m0008,
  '0009_case_reference': m0009,
  '0010_lost_id_office': m0010,
  '0011_queue_caps': m0011,
  '0012_offices_admin': m0012,
  '0013_queue_admin': m0013,
  '0014_booking_intake': m0014,
  '0015_guides_library': m0015,
  '0016_setup': m0016,
  '0017_figures': m0017,
  '0018_business_report': m0018,
  '0019_plan': m0019,
  '0020_booking_office_hours': m0020,
  '0022_content_feedback': m0022,
  '0023_notify': m0023,
  '0024_job_claim_index': m0024,
  '0025_population': m0025,
  '0026_rate_limit': m0026,
  '0027_newsletter': m0027,
  '0028_link_check': m0028,
  '0029_training': m0029,
  '0030_search_vocabulary': m0030,
  '0031_manual': m0031,
  '0032_precheck': m0032,
  '0033_forms': m0033,
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
