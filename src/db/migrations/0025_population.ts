import { sql } from 'kysely';
import { type Migration, withId } from './helpers.js';

/**
 * Population statistics and house numbers (人口統計, 門牌) from the Ministry's
 * open data: every imported file kept raw; the towns and villages of the
 * county with area and boundary; monthly households and people per village,
 * people by single year of age, vital events; the house-number register
 * (address points in TWD97 and WGS84) with the events that created or
 * changed each number; and the renumbering notices (門牌整編) staff publish.
 */
export const m0025: Migration = {
  async up(ctx) {
    const { db } = ctx;
    const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';
    const real = ctx.dialect === 'postgres' ? 'double precision' : 'real';

    // every file as it came; the figures it gave point back to it
    await withId(ctx, db.schema.createTable('stat_file'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('households','ages','events','addresses','boundaries')`))
      .addColumn('month', 'text') // YYYY-MM for the monthly kinds
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('upload','cli','fetch','demo')`))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('encoding', 'text', (c) => c.notNull()) // utf-8 | big5
      .addColumn('format', 'text', (c) => c.notNull()) // csv | json | geojson | topojson
      .addColumn('content', blob, (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('replaced_by', 'integer') // a later file of the same kind and month
      .execute();
    await db.schema.createIndex('stat_file_kind_month').on('stat_file').columns(['county_id', 'kind', 'month']).execute();

    await db.schema
      .createTable('stat_town')
      .addColumn('code', 'text', (c) => c.primaryKey()) // 8 digits: county (5) + town (3)
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text')
      .addColumn('area_km2', real)
      .addColumn('office_id', 'integer', (c) => c.references('office.id'))
      .execute();
    await db.schema.createIndex('stat_town_county').on('stat_town').columns(['county_id']).execute();

    await db.schema
      .createTable('stat_village')
      .addColumn('code', 'text', (c) => c.primaryKey()) // 11 digits: town (8) + village (3)
      .addColumn('town_code', 'text', (c) => c.notNull().references('stat_town.code'))
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('area_km2', real)
      .addColumn('boundary', 'text') // GeoJSON geometry in WGS84 (lon, lat)
      .execute();
    await db.schema.createIndex('stat_village_town').on('stat_village').columns(['town_code']).execute();

    await db.schema
      .createTable('pop_village_month')
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull().references('stat_village.code'))
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_id', 'integer', (c) => c.notNull())
      .addColumn('households', 'integer', (c) => c.notNull().check(sql`households >= 0`))
      .addColumn('people', 'integer', (c) => c.notNull().check(sql`people >= 0`))
      .addColumn('male', 'integer', (c) => c.notNull().check(sql`male >= 0`))
      .addColumn('female', 'integer', (c) => c.notNull().check(sql`female >= 0`))
      .addColumn('file_id', 'integer', (c) => c.notNull().references('stat_file.id'))
      .addPrimaryKeyConstraint('pop_village_month_pk', ['month', 'village_code'])
      .execute();
    await db.schema.createIndex('pop_village_month_town').on('pop_village_month').columns(['town_code', 'month']).execute();
    await db.schema.createIndex('pop_village_month_county').on('pop_village_month').columns(['county_id', 'month']).execute();

    // age 0 … 100, where 100 means "100 and over"
    await db.schema
      .createTable('pop_age')
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull().references('stat_village.code'))
      .addColumn('age', 'integer', (c) => c.notNull().check(sql`age between 0 and 100`))
      .addColumn('male', 'integer', (c) => c.notNull().check(sql`male >= 0`))
      .addColumn('female', 'integer', (c) => c.notNull().check(sql`female >= 0`))
      .addColumn('file_id', 'integer', (c) => c.notNull().references('stat_file.id'))
      .addPrimaryKeyConstraint('pop_age_pk', ['month', 'village_code', 'age'])
      .execute();

    await db.schema
      .createTable('pop_events')
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull().references('stat_village.code'))
      .addColumn('births_m', 'integer', (c) => c.notNull().check(sql`births_m >= 0`))
      .addColumn('births_f', 'integer', (c) => c.notNull().check(sql`births_f >= 0`))
      .addColumn('deaths_m', 'integer', (c) => c.notNull().check(sql`deaths_m >= 0`))
      .addColumn('deaths_f', 'integer', (c) => c.notNull().check(sql`deaths_f >= 0`))
      .addColumn('marriages', 'integer', (c) => c.notNull().check(sql`marriages >= 0`))
      .addColumn('divorces', 'integer', (c) => c.notNull().check(sql`divorces >= 0`))
      .addColumn('moved_in', 'integer', (c) => c.notNull().check(sql`moved_in >= 0`))
      .addColumn('moved_out', 'integer', (c) => c.notNull().check(sql`moved_out >= 0`))
      .addColumn('file_id', 'integer', (c) => c.notNull().references('stat_file.id'))
      .addPrimaryKeyConstraint('pop_events_pk', ['month', 'village_code'])
      .execute();

    // one house number (門牌) as the register has it; retired numbers stay for the history
    await withId(ctx, db.schema.createTable('addr_point'))
      .addColumn('county_id', 'integer', (c) => c.notNull().references('county.id'))
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('neighbourhood', 'integer', (c) => c.notNull()) // 鄰
      .addColumn('road', 'text', (c) => c.notNull()) // 路/街 without 段: 光明六路, 中正路
      .addColumn('section', 'text', (c) => c.notNull()) // 段 in Chinese numerals, '' when none
      .addColumn('lane', 'text', (c) => c.notNull()) // 巷, Arabic, '' when none
      .addColumn('alley', 'text', (c) => c.notNull()) // 弄
      .addColumn('number', 'text', (c) => c.notNull()) // 號
      .addColumn('number_sub', 'text', (c) => c.notNull()) // 之N
      .addColumn('floor', 'text', (c) => c.notNull()) // 樓, '' when none
      .addColumn('floor_sub', 'text', (c) => c.notNull())
      .addColumn('match_key', 'text', (c) => c.notNull()) // addressKey(): road|section|lane|alley|number|sub
      .addColumn('label', 'text', (c) => c.notNull()) // the official written form, without county and town
      .addColumn('x', real, (c) => c.notNull()) // TWD97 TM2 easting (m)
      .addColumn('y', real, (c) => c.notNull()) // northing (m)
      .addColumn('lon', real, (c) => c.notNull())
      .addColumn('lat', real, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('current','retired')`))
      .addColumn('file_id', 'integer', (c) => c.references('stat_file.id'))
      .execute();
    await db.schema.createIndex('addr_point_key').on('addr_point').columns(['county_id', 'match_key']).execute();
    await db.schema.createIndex('addr_point_road').on('addr_point').columns(['county_id', 'road', 'section']).execute();
    await db.schema.createIndex('addr_point_village').on('addr_point').columns(['village_code', 'state']).execute();

    // 初編 initial, 改編 changed, 整編 renumbered, 廢止 abolished; from_point_id: the number it replaced
    await withId(ctx, db.schema.createTable('addr_event'))
      .addColumn('point_id', 'integer', (c) => c.notNull().references('addr_point.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial','changed','renumbered','abolished')`))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('doc_no', 'text', (c) => c.notNull())
      .addColumn('from_point_id', 'integer', (c) => c.references('addr_point.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('addr_event_point').on('addr_event').columns(['point_id']).execute();
    await db.schema.createIndex('addr_event_from').on('addr_event').columns(['from_point_id']).execute();

    await withId(ctx, db.schema.createTable('renumbering'))
      .addColumn('office_id', 'integer', (c) => c.notNull().references('office.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('villages', 'text', (c) => c.notNull()) // JSON: village codes
      .addColumn('effective_on', 'text', (c) => c.notNull())
      .addColumn('doc_no', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','published','withdrawn')`))
      .addColumn('published_at', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('renumbering_office').on('renumbering').columns(['office_id', 'state']).execute();

    await db.schema
      .createTable('renumbering_item')
      .addColumn('renumbering_id', 'integer', (c) => c.notNull().references('renumbering.id').onDelete('cascade'))
      .addColumn('old_key', 'text', (c) => c.notNull())
      .addColumn('old_label', 'text', (c) => c.notNull())
      .addColumn('new_label', 'text', (c) => c.notNull())
      .addColumn('new_point_id', 'integer', (c) => c.references('addr_point.id'))
      .addPrimaryKeyConstraint('renumbering_item_pk', ['renumbering_id', 'old_key'])
      .execute();
    await db.schema.createIndex('renumbering_item_old').on('renumbering_item').columns(['old_key']).execute();
  },
};
