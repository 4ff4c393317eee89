import { sql } from 'kysely';
import type { Migration } from './helpers.js';

/** Lost-ID reports belong to an office. */
export const m0010: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // SQLite cannot add a NOT NULL column without a default; 0 is never an
    // office id and every row is given a real one just below.
    if (ctx.dialect === 'sqlite') {
      await db.schema.alterTable('lost_id_report').addColumn('office_id', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    } else {
      await db.schema.alterTable('lost_id_report').addColumn('office_id', 'integer').execute();
    }
    // Reports made before offices were recorded go to the county's first office
    // (the lowest id: the city office the demo and real installs create first).
    await sql`UPDATE lost_id_report SET office_id = (SELECT min(id) FROM office) WHERE office_id IS NULL OR office_id = 0`.execute(db);
    if (ctx.dialect === 'postgres') {
      // a fresh install has no office and no report; a report without an office cannot exist
      await sql`ALTER TABLE lost_id_report ALTER COLUMN office_id SET NOT NULL`.execute(db);
      await sql`ALTER TABLE lost_id_report ADD CONSTRAINT lost_id_report_office_fk FOREIGN KEY (office_id) REFERENCES office (id)`.execute(db);
    }
    await db.schema.createIndex('lost_id_office_status').on('lost_id_report').columns(['office_id', 'status']).execute();
  },
};
