/**
 * The county the county and plan benchmarks build: the demo (Zhubei and
 * Jianshi), then eleven more offices copied from Zhubei. Kept apart from
 * bench/county.ts so a benchmark can import it without running another.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../src/app.js';
import type { Database } from '../src/db/index.js';
import { seedDemo } from '../src/demo/seed.js';

/** A township of the county: its office code and names (the benchmarks add their own volumes). */
export interface Township {
  code: string;
  zh: string;
  en: string;
}

/** The demo county, then every township but the demo's two built like Zhubei (hours, services, counters, booking services) with a clerk each. Office ids in `townships` order. */
export async function county(database: Database, townships: Township[], now: Date): Promise<number[]> {
  await seedDemo(database, ROOT, now);
  const db = database.db;
  const model = await db.selectFrom('office').selectAll().where('code', '=', 'zhubei').executeTakeFirstOrThrow();
  const staff = await db.selectFrom('staff').selectAll().where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
  const hours = await db.selectFrom('office_hours').selectAll().where('office_id', '=', model.id).execute();
  const services = await db.selectFrom('service').selectAll().where('office_id', '=', model.id).execute();
  const counters = await db.selectFrom('counter').selectAll().where('office_id', '=', model.id).execute();
  const links = await db.selectFrom('counter_service').selectAll().where('counter_id', 'in', counters.map((c) => c.id)).execute();
  const bookingServices = await db.selectFrom('booking_service').selectAll().where('office_id', '=', model.id).execute();
  const bookingHours = await db.selectFrom('booking_hours').selectAll().where('booking_service_id', 'in', bookingServices.map((s) => s.id)).execute();
  for (const o of townships.filter((x) => x.code !== 'zhubei' && x.code !== 'jianshi')) {
    const { id: _id, ...row } = model;
    const office = await db
      .insertInto('office')
      .values({ ...row, code: o.code, kind: 'township', name_zh: `新竹縣${o.zh}戶政事務所`, name_en: `${o.en} Household Registration Office` })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const { id: _h, ...h } of hours) await db.insertInto('office_hours').values({ ...h, office_id: office.id }).execute();
    const serviceIds = new Map<number, number>();
    for (const { id, ...s } of services) serviceIds.set(id, (await db.insertInto('service').values({ ...s, office_id: office.id }).returning('id').executeTakeFirstOrThrow()).id);
    for (const { id, ...c } of counters) {
      const counter = await db.insertInto('counter').values({ ...c, office_id: office.id }).returning('id').executeTakeFirstOrThrow();
      for (const l of links.filter((x) => x.counter_id === id)) await db.insertInto('counter_service').values({ counter_id: counter.id, service_id: serviceIds.get(l.service_id)! }).execute();
    }
    for (const { id, ...s } of bookingServices) {
      const svc = await db.insertInto('booking_service').values({ ...s, office_id: office.id }).returning('id').executeTakeFirstOrThrow();
      for (const { id: _b, ...h } of bookingHours.filter((x) => x.booking_service_id === id)) await db.insertInto('booking_hours').values({ ...h, booking_service_id: svc.id }).execute();
    }
    const { id: _s, ...clerk } = staff;
    await db.insertInto('staff').values({ ...clerk, username: `clerk.${o.code}`, email: `clerk.${o.code}@example.gov.tw`, office_id: office.id }).execute();
  }
  const rows = await db.selectFrom('office').select(['id', 'code']).execute();
  return townships.map((o) => rows.find((r) => r.code === o.code)!.id);
}

/** Whether the module at `url` is the script node was asked to run, not one imported by it. */
export const isMain = (url: string): boolean => process.argv[1] !== undefined && url === pathToFileURL(resolve(process.argv[1])).href;
