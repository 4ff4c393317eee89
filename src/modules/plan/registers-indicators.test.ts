import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/databases.js';
import type { Executor } from '../../db/index.js';
import type { IndicatorOffice } from '../../platform/indicators/index.js';
import { monthPeriod, rangePeriod, yearPeriod } from '../figures/index.js';
import { registersCatalog } from './i18n-registers.js';
import { planIndicators } from './indicators.js';

/**
 * The fixture, written by hand (office A is the one measured; office B's rows must never count):
 *
 * checks (date, items, defects)          A: 2026-10-31 10/1 · 11-01 20/2 · 11-15 30/0 · 11-30 30/4 · 12-01 10/1
 *                                        B: 2026-11-10 100/50
 *   → Nov 2026: 3 checks, 80 items, 6 defects → 7.5 %; year 2026: 5 checks, 100 items, 8 defects → 8 %;
 *     15 Nov – 1 Dec: 3 checks, 70 items, 5 defects → 500/70 %; Sep 2026: 0 checks, rate no data.
 * proposals (state, decided)             A: p1 adopted 11-05 · p2 adopted 11-30 · p3 adopted 10-31 · p4 declined 11-10 · p5 submitted
 *                                        B: p6 adopted 11-11
 *   → adopted in Nov: 2 (p1, p2); in 2026: 3.
 * uses (proposal, month, count)          p1 2026-11 40, 2026-12 7 · p3 2026-10 12, 2026-11 5 · p6 (B) 2026-11 1000
 *   → Nov: 45; 2026: 64; 15 Nov – 1 Dec (months 11 and 12): 52.
 * process reviews                        A: 11-01, 11-20, 12-01 · B: 11-05 → Nov: 2; 2026: 3.
 * awards (state, decided)                A: won 11-03 · won 11-30 · not_won 11-10 · entered — · won 10-01 · B: won 11-20
 *   → won in Nov: 2; in 2026: 3.
 */
const byKey = (key: string) => {
  const d = planIndicators.find((i) => i.key === key);
  if (!d) throw new Error(`no indicator ${key}`);
  return d;
};

async function officeRow(db: Executor, countyId: number, code: string): Promise<IndicatorOffice> {
  const o = await db
    .insertInto('office')
    .values({ county_id: countyId, code, kind: 'city', name_zh: `${code}所`, name_en: code, address_zh: '', address_en: '', phone: '03-5551234', fax: null, email: null, director_name: null, updated_at: '2026-01-01T00:00:00.000Z', parent_id: null, map_url: null, closed_at: null, successor_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: o.id, code, countyId };
}

async function fill(db: Executor, a: IndicatorOffice, b: IndicatorOffice) {
  const at = '2026-12-03T02:00:00.000Z';
  const check = (o: IndicatorOffice, checked_on: string, items_checked: number, defects: number) => ({ office_id: o.id, checked_on, kind: 'counter', area: '櫃台', checker: '王', items_checked, defects, findings: '', fixed_on: null, created_by: null, created_at: at });
  await db
    .insertInto('plan_check')
    .values([check(a, '2026-10-31', 10, 1), check(a, '2026-11-01', 20, 2), check(a, '2026-11-15', 30, 0), check(a, '2026-11-30', 30, 4), check(a, '2026-12-01', 10, 1), check(b, '2026-11-10', 100, 50)])
    .execute();
  const proposal = async (o: IndicatorOffice, state: string, decided_on: string | null) =>
    (
      await db
        .insertInto('plan_proposal')
        .values({ office_id: o.id, proposer_id: null, proposer_name: '李', title: 't', problem: 'p', proposal: 'q', state, reason: null, decided_by: null, decided_on, plan_item_id: null, usage_label: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const p1 = await proposal(a, 'adopted', '2026-11-05');
  await proposal(a, 'adopted', '2026-11-30');
  const p3 = await proposal(a, 'adopted', '2026-10-31');
  await proposal(a, 'declined', '2026-11-10');
  await proposal(a, 'submitted', null);
  const p6 = await proposal(b, 'adopted', '2026-11-11');
  await db
    .insertInto('plan_proposal_use')
    .values([
      { proposal_id: p1, month: '2026-11', count: 40 },
      { proposal_id: p1, month: '2026-12', count: 7 },
      { proposal_id: p3, month: '2026-10', count: 12 },
      { proposal_id: p3, month: '2026-11', count: 5 },
      { proposal_id: p6, month: '2026-11', count: 1000 },
    ])
    .execute();
  const review = (o: IndicatorOffice, reviewed_on: string) => ({ office_id: o.id, reviewed_on, guide_code: null, title: 'r', before_figures: '{}', after_figures: '{}', summary: '', created_by: null, created_at: at });
  await db.insertInto('plan_process_review').values([review(a, '2026-11-01'), review(a, '2026-11-20'), review(a, '2026-12-01'), review(b, '2026-11-05')]).execute();
  const award = (o: IndicatorOffice, state: string, decided_on: string | null) => ({ office_id: o.id, year: 2026, name: 'n', awarded_by: 'x', state, decided_on, note: '', file_id: null, created_by: null, created_at: at });
  await db
    .insertInto('plan_award')
    .values([award(a, 'won', '2026-11-03'), award(a, 'won', '2026-11-30'), award(a, 'not_won', '2026-11-10'), award(a, 'entered', null), award(a, 'won', '2026-10-01'), award(b, 'won', '2026-11-20')])
    .execute();
}

forEachDatabase((get) => {
  let a: IndicatorOffice;
  const nov = monthPeriod(2026, 11);
  const year = yearPeriod(2026);
  const span = rangePeriod('2026-11-15', '2026-12-01');
  const value = async (key: string, period = nov) => (await byKey(key).compute(get().db, a, period)).value;

  beforeAll(async () => {
    const { db } = get();
    const county = await db.insertInto('county').values({ code: 'tst', name_zh: '測試縣', name_en: 'Test', website: null }).returning('id').executeTakeFirstOrThrow();
    a = await officeRow(db, county.id, 'aaa');
    const b = await officeRow(db, county.id, 'bbb');
    await fill(db, a, b);
  });

  it('plan.defectRate: defects per 100 items checked in the period, null when nothing was checked', async () => {
    expect(await value('plan.defectRate')).toBe(7.5);
    expect((await byKey('plan.defectRate').compute(get().db, a, nov)).base).toBe(80);
    expect(await value('plan.defectRate', year)).toBe(8);
    // 5 defects in 70 items = 7.142…%, shown to one decimal
    expect(await value('plan.defectRate', span)).toBe(7.1);
    expect(await value('plan.defectRate', monthPeriod(2026, 9))).toBeNull();
  });

  it('plan.checks: checks dated in the period', async () => {
    expect(await value('plan.checks')).toBe(3);
    expect(await value('plan.checks', year)).toBe(5);
    expect(await value('plan.checks', span)).toBe(3);
    expect(await value('plan.checks', monthPeriod(2026, 9))).toBe(0);
  });

  it('plan.proposalsAdopted: adopted, decided in the period', async () => {
    expect(await value('plan.proposalsAdopted')).toBe(2);
    expect(await value('plan.proposalsAdopted', year)).toBe(3);
  });

  it('plan.proposalUses: the months of the period added up, only this office’s proposals', async () => {
    expect(await value('plan.proposalUses')).toBe(45);
    expect(await value('plan.proposalUses', year)).toBe(64);
    expect(await value('plan.proposalUses', span)).toBe(52);
    expect(await value('plan.proposalUses', monthPeriod(2026, 9))).toBe(0);
  });

  it('plan.processReviews: reviews dated in the period', async () => {
    expect(await value('plan.processReviews')).toBe(2);
    expect(await value('plan.processReviews', year)).toBe(3);
  });

  it('plan.awardsWon: won, announced in the period', async () => {
    expect(await value('plan.awardsWon')).toBe(2);
    expect(await value('plan.awardsWon', year)).toBe(3);
  });

  it('says what each is and links to its register for the office and year', () => {
    expect(planIndicators.map((d) => [d.key, d.unit, d.better, d.additive ?? false])).toEqual([
      ['plan.defectRate', 'percent', 'lower', false],
      ['plan.checks', 'count', 'higher', true],
      ['plan.proposalsAdopted', 'count', 'higher', true],
      ['plan.proposalUses', 'count', 'higher', true],
      ['plan.processReviews', 'count', 'higher', true],
      ['plan.awardsWon', 'count', 'higher', true],
    ]);
    expect(byKey('plan.defectRate').href(a, nov)).toBe('/staff/plan/checks?office=aaa&year=2026');
    expect(byKey('plan.proposalUses').href(a, year)).toBe('/staff/plan/proposals?office=aaa&year=2026');
    expect(byKey('plan.processReviews').href(a, nov)).toBe('/staff/plan/process-reviews?office=aaa&year=2026');
    expect(byKey('plan.awardsWon').href(a, nov)).toBe('/staff/plan/awards?office=aaa&year=2026');
    for (const d of planIndicators) {
      for (const key of [d.titleKey, `${d.titleKey}.desc`]) {
        expect(registersCatalog['zh-Hant'][key]).toBeTruthy();
        expect(registersCatalog.en[key]).toBeTruthy();
      }
    }
    expect(registersCatalog['zh-Hant']['plan.indicator.defectRate']).toBe('抽查缺失率');
  });
});
