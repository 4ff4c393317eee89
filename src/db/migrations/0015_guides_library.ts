import { sql } from 'kysely';
import type { Migration } from './helpers.js';

const GUIDE_COLUMNS =
  'id, code, category, name_zh, name_en, who_zh, who_en, documents, fee_ntd, fee_zh, fee_en, deadline_days, deadline_zh, deadline_en, late_fine, processing_days, service_code, sort, updated_at, updated_by';

/** Guides per office from a county library; lost-ID by phone; petitions handed down by a superior agency. */
export const m0015: Migration = {
  async up(ctx) {
    const { db } = ctx;
    // Guides: office_id null is the county library; an office's own guides carry its id.
    // A code is unique within its scope only (an office's copy of `birth` keeps the code,
    // so /guides/birth links and cases opened as `birth` keep meaning the same thing).
    if (ctx.dialect === 'sqlite') {
      // SQLite cannot drop the column's UNIQUE: rebuild the table with the same ids.
      await sql
        .raw(
          `CREATE TABLE service_guide_new (id integer PRIMARY KEY AUTOINCREMENT, code text NOT NULL, category text NOT NULL, name_zh text NOT NULL, name_en text NOT NULL, who_zh text NOT NULL, who_en text NOT NULL, documents text NOT NULL, fee_ntd integer, fee_zh text NOT NULL, fee_en text NOT NULL, deadline_days integer, deadline_zh text NOT NULL, deadline_en text NOT NULL, late_fine integer NOT NULL DEFAULT 0, processing_days integer NOT NULL DEFAULT 0, service_code text, sort integer NOT NULL DEFAULT 0, updated_at text NOT NULL, updated_by integer, office_id integer REFERENCES office (id), active integer NOT NULL DEFAULT 1, copied_from integer)`,
        )
        .execute(db);
      await sql.raw(`INSERT INTO service_guide_new (${GUIDE_COLUMNS}) SELECT ${GUIDE_COLUMNS} FROM service_guide`).execute(db);
      await sql.raw('DROP TABLE service_guide').execute(db);
      await sql.raw('ALTER TABLE service_guide_new RENAME TO service_guide').execute(db);
    } else {
      const names = await sql<{ conname: string }>`SELECT conname FROM pg_constraint WHERE conrelid = 'service_guide'::regclass AND contype = 'u'`.execute(db);
      for (const r of names.rows) await sql.raw(`ALTER TABLE service_guide DROP CONSTRAINT "${r.conname}"`).execute(db);
      await db.schema.alterTable('service_guide').addColumn('office_id', 'integer', (c) => c.references('office.id')).execute();
      await db.schema.alterTable('service_guide').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('service_guide').addColumn('copied_from', 'integer').execute();
    }
    // NULLs are distinct in a unique index on both databases, hence two partial indexes
    await sql`CREATE UNIQUE INDEX service_guide_library_code ON service_guide (code) WHERE office_id IS NULL`.execute(db);
    await sql`CREATE UNIQUE INDEX service_guide_office_code ON service_guide (office_id, code) WHERE office_id IS NOT NULL`.execute(db);

    // Lost-ID reports: how the report came in ('web' from the public form, 'phone' taken by staff) and who took it.
    await db.schema.alterTable('lost_id_report').addColumn('channel', 'text', (c) => c.notNull().defaultTo('web')).execute();
    await db.schema.alterTable('lost_id_report').addColumn('created_by', 'integer').execute();

    // Petitions handed down by a superior agency (上級機關交辦): who, their document number, their deadline.
    await db.schema.alterTable('petition').addColumn('superior_agency', 'text').execute();
    await db.schema.alterTable('petition').addColumn('superior_doc_no', 'text').execute();
    await db.schema.alterTable('petition').addColumn('superior_due_on', 'text').execute();
  },
};
