import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Satisfaction surveys (滿意度調查). A questionnaire has versions; every
 * response points at the version it answered. A response reached from a
 * ticket or a booking keeps what the visit was (service, counter, minutes
 * waited) and a hash of the visit link, unique, so a visit answers once —
 * never who answered.
 */
export const m0006: Migration = {
  async up(ctx) {
    const { db } = ctx;
    await withId(ctx, db.schema.createTable('survey'))
      .addColumn('office_id', 'integer')
      .addColumn('county_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title_zh', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('min_group', 'integer', (c) => c.notNull().defaultTo(5))
      .addColumn('current_version_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('survey_kind', sql`kind in ('service','courtesy','facilities','online','staff')`)
      .addCheckConstraint('survey_status', sql`status in ('draft','open','closed')`)
      .execute();

    await withId(ctx, db.schema.createTable('survey_version'))
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull()) // the questionnaire as staff wrote it
      .addColumn('questions', 'text', (c) => c.notNull()) // JSON, parsed
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addUniqueConstraint('survey_version_n', ['survey_id', 'version'])
      .execute();

    await withId(ctx, db.schema.createTable('survey_response'))
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('survey.id'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('survey_version.id'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('visit_hash', 'text', (c) => c.unique())
      .addColumn('service_code', 'text')
      .addColumn('counter_number', 'integer')
      .addColumn('wait_minutes', 'integer')
      .addColumn('gender', 'text')
      .addColumn('age_band', 'text')
      .addColumn('identity', 'text')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('survey_response_period').on('survey_response').columns(['survey_id', 'office_id', 'day']).execute();

    await db.schema
      .createTable('survey_answer')
      .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_response.id'))
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('score', 'integer')
      .addColumn('choice', 'text')
      .addColumn('text', 'text')
      .addCheckConstraint('survey_answer_score', sql`score is null or score between 1 and 5`)
      .execute();
    await db.schema.createIndex('survey_answer_question').on('survey_answer').columns(['question', 'response_id']).execute();
    await db.schema.createIndex('survey_answer_response').on('survey_answer').column('response_id').execute();

    await withId(ctx, db.schema.createTable('phone_test'))
      .addColumn('office_id', 'integer', (c) => c.notNull())
      .addColumn('called_at', 'text', (c) => c.notNull())
      .addColumn('answered_by', 'text', (c) => c.notNull())
      .addColumn('checks', 'text', (c) => c.notNull()) // JSON: item → passed
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('recorded_by', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
