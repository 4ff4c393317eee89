import { describe, expect, it } from 'vitest';
import { DEMO_TOWNS, DEMO_VILLAGES } from '../../../demo/villages.js';
import { monthsUpTo } from './files.js';
import { type EventRow, generatePopulationMonth, type HouseholdRow, isTotalRow, type PopulationMonth } from './month.js';

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const MONTHS = monthsUpTo('2026-10', 24);
const ZHUBEI = '10004010';
const JIANSHI = '10004120';

const months = new Map<string, PopulationMonth>(MONTHS.map((m) => [m, generatePopulationMonth(m, { withTotals: true })]));
const monthOf = (m: string) => months.get(m)!;
const villagesOf = <R extends { code: string }>(rows: R[], town: string) => rows.filter((r) => r.code.length === 11 && r.code.startsWith(town));
const totalOf = <R extends { code: string }>(rows: R[], town: string) => rows.find((r) => r.code === town)!;

describe('generated population month', () => {
  it('has every demo village once in each table, in the same order, with a total row first for each town', () => {
    for (const t of months.values()) {
      for (const table of [t.households, t.ages, t.events]) {
        expect(table.filter((r) => !isTotalRow(r)).map((r) => r.code)).toEqual(DEMO_VILLAGES.map((v) => v.code));
        expect(table.filter(isTotalRow).map((r) => r.code)).toEqual(DEMO_TOWNS.map((x) => x.code));
        expect(table[0]!.village).toBe('合計');
      }
    }
  });

  it('adds up: people = male + female, villages = town totals, ages = people by sex, no negative or fractional count', () => {
    for (const t of months.values()) {
      for (const r of t.households) expect(r.people).toBe(r.male + r.female);
      for (const town of [ZHUBEI, JIANSHI]) {
        const vs = villagesOf(t.households, town);
        const total = totalOf(t.households, town);
        for (const k of ['households', 'people', 'male', 'female'] as const) expect(sum(vs.map((v) => v[k]))).toBe(total[k]);
        const ev = villagesOf(t.events, town);
        const evTotal = totalOf(t.events, town);
        for (const k of ['birthsM', 'birthsF', 'deathsM', 'deathsF', 'marriages', 'divorces', 'movedIn', 'movedOut'] as const) {
          expect(sum(ev.map((v) => v[k]))).toBe(evTotal[k]);
        }
        const ages = villagesOf(t.ages, town);
        const ageTotal = totalOf(t.ages, town);
        for (let a = 0; a <= 100; a++) expect(sum(ages.map((v) => v.male[a]!))).toBe(ageTotal.male[a]);
      }
      t.ages.forEach((r, i) => {
        const hh = t.households[i]!;
        expect(r.male).toHaveLength(101);
        expect([sum(r.male), sum(r.female)]).toEqual([hh.male, hh.female]);
      });
      const all = [...t.households.flatMap((r) => [r.households, r.people]), ...t.ages.flatMap((r) => [...r.male, ...r.female]), ...t.events.flatMap((r) => Object.values(r).filter((v) => typeof v === 'number'))];
      expect(all.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    }
  });

  it("agrees with the next month: people(M+1) = people(M) + births − deaths + moved in − moved out of M+1, per village", () => {
    for (let i = 1; i < MONTHS.length; i++) {
      const before = monthOf(MONTHS[i - 1]!);
      const after = monthOf(MONTHS[i]!);
      after.households.forEach((r, j) => {
        const b: HouseholdRow = before.households[j]!;
        const e: EventRow = after.events[j]!;
        expect(r.code).toBe(b.code);
        expect(r.people - b.people).toBe(e.birthsM + e.birthsF - e.deathsM - e.deathsF + e.movedIn - e.movedOut);
        // per sex, what births and deaths leave is moves, which the file does not split by sex
        const maleMoves = r.male - b.male - e.birthsM + e.deathsM;
        const femaleMoves = r.female - b.female - e.birthsF + e.deathsF;
        expect(maleMoves + femaleMoves).toBe(e.movedIn - e.movedOut);
        expect(Math.abs(maleMoves)).toBeLessThanOrEqual(e.movedIn + e.movedOut);
      });
    }
  });

  it('looks like the towns: 竹北市 about 210,000 people in 75,000 households, 190 births a month, growing by moves; 尖石鄉 about 9,700, older, slowly shrinking', () => {
    const year = MONTHS.slice(-12).map(monthOf);
    const last = year[year.length - 1]!;
    const first = monthOf(MONTHS[MONTHS.length - 13]!);
    const people = (t: PopulationMonth, town: string) => totalOf(t.households, town).people;
    const yearOf = (town: string, f: (e: EventRow) => number) => sum(year.map((t) => f(totalOf(t.events, town))));
    expect(people(last, ZHUBEI)).toBeGreaterThan(200_000);
    expect(people(last, ZHUBEI)).toBeLessThan(220_000);
    expect(totalOf(last.households, ZHUBEI).households).toBeGreaterThan(70_000);
    expect(totalOf(last.households, ZHUBEI).households).toBeLessThan(80_000);
    expect(yearOf(ZHUBEI, (e) => e.birthsM + e.birthsF) / 12).toBeGreaterThan(165);
    expect(yearOf(ZHUBEI, (e) => e.birthsM + e.birthsF) / 12).toBeLessThan(215);
    expect(yearOf(ZHUBEI, (e) => e.movedIn - e.movedOut)).toBeGreaterThan(0);
    expect(people(last, ZHUBEI)).toBeGreaterThan(people(first, ZHUBEI));
    expect(people(last, JIANSHI)).toBeGreaterThan(9_300);
    expect(people(last, JIANSHI)).toBeLessThan(10_100);
    expect(totalOf(last.households, JIANSHI).households).toBeGreaterThan(3_000);
    expect(totalOf(last.households, JIANSHI).households).toBeLessThan(3_600);
    expect(people(last, JIANSHI)).toBeLessThan(people(first, JIANSHI));
    expect(people(first, JIANSHI) - people(last, JIANSHI)).toBeLessThan(150);
    for (const town of [ZHUBEI, JIANSHI]) {
      const h = totalOf(last.households, town);
      expect(h.male / h.female).toBeGreaterThan(0.95);
      expect(h.male / h.female).toBeLessThan(1.06);
    }
  });

  it('gives 竹北市 many children and people of 30–45, and 尖石鄉 a flatter, older structure', () => {
    const t = monthOf(MONTHS[MONTHS.length - 1]!);
    const share = (town: string, lo: number, hi: number) => {
      const a = totalOf(t.ages, town);
      const all = sum(a.male) + sum(a.female);
      return (sum(a.male.slice(lo, hi + 1)) + sum(a.female.slice(lo, hi + 1))) / all;
    };
    expect(share(ZHUBEI, 0, 10)).toBeGreaterThan(share(JIANSHI, 0, 10));
    expect(share(ZHUBEI, 30, 45)).toBeGreaterThan(share(JIANSHI, 30, 45) + 0.02);
    expect(share(JIANSHI, 65, 100)).toBeGreaterThan(share(ZHUBEI, 65, 100));
    expect(share(ZHUBEI, 30, 45) / 16).toBeGreaterThan(share(ZHUBEI, 60, 75) / 16);
    expect(share(JIANSHI, 65, 100)).toBeLessThan(0.25);
  });

  it('is deterministic: the same seed gives the same month, another seed another', () => {
    const a = generatePopulationMonth('2025-03', { seed: 7 });
    expect(generatePopulationMonth('2025-03', { seed: 7 })).toEqual(a);
    expect(generatePopulationMonth('2025-03', { seed: 8 })).not.toEqual(a);
  });

  it('refuses a month it cannot give', () => {
    expect(() => generatePopulationMonth('2018-12')).toThrow(RangeError);
    expect(() => generatePopulationMonth('2026-13')).toThrow(RangeError);
    expect(() => generatePopulationMonth('11510')).toThrow(RangeError);
  });
});
