import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { monthPeriod } from '../figures/index.js';
import { createPlan } from './create.js';
import { measureValue, readPlan } from './model.js';
import { buildPack, type ReviewPack, STATUSES } from './pack.js';
import { addAction, closeAction } from './review-actions.js';
import { reviewFixture as fixture } from './review-fixture.js';

const staff: StaffPrincipal = { id: 7, username: 'supervisor.test', displayName: '測試', role: 'supervisor', countyId: null, officeId: null, mustChangePassword: false };
const now = new Date('2026-12-03T02:00:00Z');
const today = '2026-12-03';

const row = (p: ReviewPack, id: number) => p.items.flatMap((i) => i.measures).find((m) => m.id === id)!;

forEachDatabase((get) => {
  it('counts a month by hand: values, year to date, the month before, trend, statuses and what changed', async () => {
    const database = get();
    const f = await fixture(database, 'pk1');
    const [jan, feb, mar] = await Promise.all(['2026-01', '2026-02', '2026-03'].map((m) => buildPack(database.db, f.planId, m, today)));
    const started = performance.now();
    await buildPack(database.db, f.planId, '2026-03', today);
    console.info(`[pack] the hand-counted plan's March on ${database.dialect}: ${(performance.now() - started).toFixed(1)} ms`);

    expect(jan!.plan).toMatchObject({ title: '115年提升服務品質執行計畫', year: 2026, state: 'draft', officeCode: 'pk1', officeName: '測試鄉戶政事務所' });
    expect(jan!.asOf).toBe('2026-01-31');
    expect(jan!.counts).toEqual({ on_track: 2, at_risk: 0, off_track: 0, no_data: 0, no_target: 1 });
    expect(row(jan!, f.measures.a)).toMatchObject({ origin: 'computed', value: 120, status: 'on_track', previous: { month: '2025-12', value: 90, status: 'at_risk' }, change: 30 });
    expect(row(jan!, f.measures.a).ytd).toEqual({ to: '2026-01-31', months: 1, target: 100, value: 120, status: 'on_track' });
    expect(row(jan!, f.measures.a).href).toBe('/staff/figures/office?office=pk1&period=2026-01');
    expect(row(jan!, f.measures.b)).toMatchObject({ origin: 'hand', value: 88, status: 'on_track', handMonth: '2026-01', previous: { value: null, status: 'no_data' }, change: null, href: null });
    expect(row(jan!, f.measures.c)).toMatchObject({ value: 80, status: 'no_target', previous: { value: 80, status: 'no_target' }, change: 0, base: 100, titleKey: 'reviewtest.within15' });
    expect(jan!.changed.map((c) => [c.measureId, c.from, c.to])).toEqual([
      [f.measures.a, 'at_risk', 'on_track'],
      [f.measures.b, 'no_data', 'on_track'],
    ]);

    expect(feb!.counts).toEqual({ on_track: 0, at_risk: 2, off_track: 0, no_data: 0, no_target: 1 });
    expect(feb!.items.map((i) => [i.code, i.counts])).toEqual([
      ['一', { on_track: 0, at_risk: 1, off_track: 0, no_data: 0, no_target: 1 }],
      ['二', { on_track: 0, at_risk: 1, off_track: 0, no_data: 0, no_target: 0 }],
    ]);
    expect(row(feb!, f.measures.a)).toMatchObject({ value: 95, status: 'at_risk', previous: { month: '2026-01', value: 120, status: 'on_track' }, change: -25 });
    expect(row(feb!, f.measures.a).ytd).toEqual({ to: '2026-02-28', months: 2, target: 200, value: 215, status: 'on_track' });
    expect(row(feb!, f.measures.b)).toMatchObject({ value: 80, status: 'at_risk', change: -8, ytd: { value: 80, target: 85, status: 'at_risk' } });
    expect(row(feb!, f.measures.c)).toMatchObject({ value: 75, change: -5, ytd: { value: 77.8, target: null, status: 'no_target' } });
    expect(row(feb!, f.measures.a).trend).toEqual([
      { month: '2026-01', value: 120 },
      { month: '2026-02', value: 95 },
    ]);

    expect(mar!.counts).toEqual({ on_track: 0, at_risk: 0, off_track: 1, no_data: 1, no_target: 1 });
    expect(row(mar!, f.measures.a)).toMatchObject({ value: 70, status: 'off_track', change: -25, ytd: { months: 3, target: 300, value: 285, status: 'at_risk' } });
    expect(row(mar!, f.measures.b)).toMatchObject({ value: null, status: 'no_data', previous: { value: 80, status: 'at_risk' }, ytd: { value: 80, status: 'at_risk' } });
    expect(row(mar!, f.measures.b).trend.map((p) => p.value)).toEqual([88, 80, null]);
    expect(row(mar!, f.measures.c)).toMatchObject({ value: 90, change: 15, ytd: { value: 80 } });
    expect(mar!.changed.map((c) => [c.measureId, c.from, c.to])).toEqual([
      [f.measures.a, 'at_risk', 'off_track'],
      [f.measures.b, 'at_risk', 'no_data'],
    ]);

    // the per-item statuses add up to the header, in every month
    for (const p of [jan!, feb!, mar!]) {
      for (const s of STATUSES) expect(p.items.reduce((n, i) => n + i.counts[s], 0)).toBe(p.counts[s]);
      expect(p.measureCount).toBe(3);
    }
    // the same as measureValue gives for the month, measure by measure
    const tree = (await readPlan(database.db, f.planId))!;
    const office = { id: f.officeId, code: 'pk1', countyId: f.countyId };
    for (const m of tree.flat.flatMap((i) => i.measures)) {
      const v = await measureValue(database.db, office, m, monthPeriod(2026, 2));
      expect([row(feb!, m.id).value, row(feb!, m.id).status, row(feb!, m.id).origin]).toEqual([v.value, v.status, v.origin]);
    }
  });

  it('holds a count that adds up to the days gone by in the running month', async () => {
    const database = get();
    const f = await fixture(database, 'pk2');
    const dec = await buildPack(database.db, f.planId, '2026-12', today);
    expect(dec.asOf).toBe('2026-12-03');
    // 11 whole months and 3 of December's 31 days: 11.096774 months, 1109.677419 served against 285
    expect(row(dec, f.measures.a).ytd).toEqual({ to: '2026-12-03', months: 11.096774, target: 1109.677419, value: 285, status: 'off_track' });
    // a level is held to itself
    expect(row(dec, f.measures.b).ytd).toMatchObject({ target: 85, value: 80, status: 'at_risk' });
    expect(row(dec, f.measures.a).trend).toHaveLength(12);
    expect(row(dec, f.measures.a).trend.slice(3).every((p) => p.value === null)).toBe(true);
    await expect(buildPack(database.db, f.planId, '2027-01', today)).rejects.toMatchObject({ code: 'not_found' });
    await expect(buildPack(database.db, f.planId, '2026-13', today)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('carries an action raised in January until it is closed in February', async () => {
    const database = get();
    const f = await fixture(database, 'pk3');
    const plan = { id: f.planId, countyId: f.countyId, officeId: f.officeId };
    const id = await addAction(database, plan, '2026-01', { text: '增開尖峰櫃台', owner: '戶籍課', dueOn: '2026-02-15', item: f.items.one }, staff, null, now);
    const open = async (m: string) => (await buildPack(database.db, f.planId, m, today)).actions;
    expect((await open('2026-01')).open.map((a) => [a.id, a.itemCode, a.overdue])).toEqual([[id, '一', false]]);
    // February's end is past the due date: overdue in February's pack
    expect((await open('2026-02')).open.map((a) => [a.id, a.overdue])).toEqual([[id, true]]);
    await closeAction(database, plan, id, '2026-02', { state: 'done', note: '已於2月10日起增開' }, staff, null, now);
    const feb = await open('2026-02');
    expect(feb.open).toEqual([]);
    expect(feb.closed.map((a) => [a.id, a.state, a.closedMonth, a.closingNote])).toEqual([[id, 'done', '2026-02', '已於2月10日起增開']]);
    expect((await open('2026-03')).open).toEqual([]);
    expect((await open('2026-03')).closed).toEqual([]);
    // January's pack still shows it open at January's end
    expect((await open('2026-01')).open.map((a) => [a.id, a.state, a.closedMonth])).toEqual([[id, 'open', '2026-02']]);
    // a second closing finds it changed
    await expect(closeAction(database, plan, id, '2026-03', { state: 'dropped', note: 'x' }, staff, null, now)).rejects.toMatchObject({ code: 'conflict' });
    const audit = await database.db.selectFrom('audit_log').select('action').where('target_type', '=', 'plan_action').where('target_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['plan.action.add', 'plan.action.close']);
  });

  it("packs the county's own plan: hand-entered values, computed ones empty (no office to count for)", async () => {
    const database = get();
    const f = await fixture(database, 'pk4');
    const { db } = database;
    const county = await writeTransaction(database, (trx) => createPlan(trx, { countyId: f.countyId, officeId: null, year: 2026, source: { blank: true } }, { id: null, name: 'test' }, now));
    const item = await db.insertInto('plan_item').values({ plan_id: county, parent_id: null, position: 1, code: '一', title: '縣府督導', strategy: '', points10: 0, deadline: null, lead_unit: '', co_units: '', benefit: '' }).returning('id').executeTakeFirstOrThrow();
    const computed = await db.insertInto('plan_measure').values({ plan_id: county, item_id: item.id, position: 1, indicator_key: 'reviewtest.served', label: '', unit: 'count', better: 'higher', target: 100 }).returning('id').executeTakeFirstOrThrow();
    const hand = await db.insertInto('plan_measure').values({ plan_id: county, item_id: item.id, position: 2, indicator_key: null, label: '督導場次', unit: 'count', better: 'higher', target: 2 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('plan_hand_value').values({ measure_id: hand.id, month: '2026-02', value: 3, note: '', file_id: null, entered_by: null, entered_at: '2026-03-01T00:00:00Z' }).execute();
    const feb = await buildPack(db, county, '2026-02', today);
    expect(feb.plan).toMatchObject({ officeId: null, officeCode: null, officeName: null });
    expect(row(feb, computed.id)).toMatchObject({ origin: 'computed', value: null, status: 'no_data', href: null });
    expect(row(feb, hand.id)).toMatchObject({ origin: 'hand', value: 3, status: 'on_track' });
    expect(feb.counts).toEqual({ on_track: 1, at_risk: 0, off_track: 0, no_data: 1, no_target: 0 });
  });
});
