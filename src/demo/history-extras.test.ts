import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../app.js';
import type { Database } from '../db/index.js';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../test/databases.js';
import '../modules/content/index.js';
import '../modules/figures/index.js';
import '../modules/petitions/index.js';
import '../modules/surveys/index.js';
import { monthPeriod, talliesFor } from '../modules/figures/index.js';
import { computeIndicator, type IndicatorOffice } from '../platform/indicators/index.js';
import { seedHistoryExtras } from './history-extras.js';
import { seedDemo } from './seed.js';

/**
 * The demo seeded with its history on Thursday 3 December 2026, 10:00 in
 * Taipei. The history runs 426 days back: 3 October 2025 to Wednesday
 * 2 December 2026. Counted by hand from that:
 * - phone tests, one in each half-month with working days: October 2025
 *   (from Friday the 3rd) both halves, November 2025–November 2026 thirteen
 *   months of two, December 2026 only the 1st and 2nd (first half): 2 + 26 + 1 = 29 an office;
 * - staff rounds in the middle month of each quarter within the history:
 *   2025-11, 2026-02, 2026-05, 2026-08, 2026-11 — five, within their first 21 days;
 * - the seven FAQ answers seedContent writes (all county-wide);
 * - Zhubei's media log: one or two items every month October 2025–November
 *   2026 (fourteen), noticed on a working day by the 25th, clarified on a
 *   working day within three days, but for exactly two fair reports.
 */
const NOW = new Date('2026-12-03T02:00:00Z');
const ROUNDS = ['2025-11', '2026-02', '2026-05', '2026-08', '2026-11'];
const MONTHS = ['2025-10', '2025-11', '2025-12', ...Array.from({ length: 11 }, (_v, i) => `2026-${String(i + 1).padStart(2, '0')}`)];

const n = (v: unknown) => Number(v);

async function counts(database: Database) {
  const db = database.db;
  const one = async (table: 'phone_test' | 'media_log' | 'survey_response') => n((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const faq = await db.selectFrom('content_item').select(['helpful_yes', 'helpful_no']).where('kind', '=', 'faq').orderBy('id').execute();
  const audit = n((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'in', ['survey.phone_test', 'petition.media_add']).executeTakeFirstOrThrow()).n);
  return { phone: await one('phone_test'), media: await one('media_log'), responses: await one('survey_response'), faq, audit };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the demo history's extras`, () => {
    let database: Database & { dispose(): Promise<void> };
    const offices: Record<string, IndicatorOffice> = {};
    beforeAll(async () => {
      database = await freshDatabase(kind);
      await seedDemo(database, ROOT, NOW, { history: true });
      for (const o of await database.db.selectFrom('office').select(['id', 'code', 'county_id']).execute()) offices[o.code] = { id: o.id, code: o.code, countyId: o.county_id };
    }, 240_000);
    afterAll(async () => {
      await database?.dispose();
    });

    it("gives Zhubei's plan indicators a value for November 2026, each in a sane range", async () => {
      const at = (key: string) => computeIndicator(database.db, key, offices.zhubei!, monthPeriod(2026, 11));
      const phone = await at('surveys.phoneCourtesy');
      // two calls, each scoring 67, 83 or 100
      expect(phone?.base).toBe(2);
      expect(phone?.value).toBeGreaterThanOrEqual(67);
      expect(phone?.value).toBeLessThanOrEqual(100);
      const staff = await at('surveys.staffSatisfaction');
      // 8–15 questionnaires of three scored questions
      expect(staff?.base).toBeGreaterThanOrEqual(24);
      expect(staff?.base).toBeLessThanOrEqual(45);
      expect(staff?.value).toBeGreaterThanOrEqual(60);
      expect(staff?.value).toBeLessThanOrEqual(95);
      const faq = await at('content.faqHelpful');
      expect(faq?.value).toBeGreaterThanOrEqual(70);
      expect(faq?.value).toBeLessThanOrEqual(90);
      const media = await at('petitions.mediaClarifyDays');
      expect(media?.base).toBeGreaterThanOrEqual(1);
      expect(media?.value).toBeGreaterThanOrEqual(0);
      expect(media?.value).toBeLessThanOrEqual(3);
      // the staff survey is quarterly: October has no round, so no figure
      expect(await computeIndicator(database.db, 'surveys.staffSatisfaction', offices.zhubei!, monthPeriod(2026, 10))).toEqual({ value: null });
    });

    it('has two test calls a month an office, in office hours, recorded by the supervisor (the director in Jianshi)', async () => {
      const rows = await database.db
        .selectFrom('phone_test as p')
        .innerJoin('staff as s', 's.id', 'p.recorded_by')
        .innerJoin('office as o', 'o.id', 'p.office_id')
        .select(['o.code', 'p.called_at', 'p.checks', 'p.score', 's.username'])
        .execute();
      for (const code of ['zhubei', 'jianshi']) {
        const mine = rows.filter((r) => r.code === code);
        expect(mine, code).toHaveLength(29);
        expect(new Set(mine.map((r) => r.username))).toEqual(new Set([code === 'zhubei' ? 'supervisor.zhubei' : 'director.jianshi']));
      }
      for (const r of rows) {
        const taipei = new Date(new Date(r.called_at).getTime() + 8 * 3_600_000).toISOString();
        expect(taipei.slice(0, 10) >= '2025-10-03' && taipei.slice(0, 10) <= '2026-12-02', taipei).toBe(true);
        expect((taipei.slice(11, 16) >= '09:00' && taipei.slice(11, 16) <= '11:45') || (taipei.slice(11, 16) >= '14:00' && taipei.slice(11, 16) <= '16:45'), taipei).toBe(true);
        const checks = JSON.parse(r.checks) as string[];
        // the staff page's score: the share of the six checks met
        expect(r.score).toBe(Math.round((checks.length / 6) * 100));
        expect(checks.length).toBeGreaterThanOrEqual(4);
      }
      expect(rows.filter((r) => r.score >= 80).length).toBeGreaterThan(rows.length * 0.7);
    });

    it('has a staff round in the middle month of each quarter: 8–15 answers in Zhubei, 3–7 in Jianshi, rolled up', async () => {
      const rows = await database.db
        .selectFrom('survey_response as r')
        .innerJoin('survey as s', 's.id', 'r.survey_id')
        .innerJoin('office as o', 'o.id', 'r.office_id')
        .select(['o.code', 'r.day', 'r.id'])
        .where('s.kind', '=', 'staff')
        .execute();
      for (const [code, lo, hi] of [['zhubei', 8, 15], ['jianshi', 3, 7]] as const) {
        const mine = rows.filter((r) => r.code === code);
        expect(new Set(mine.map((r) => r.day.slice(0, 7)))).toEqual(new Set(ROUNDS));
        for (const month of ROUNDS) {
          const round = mine.filter((r) => r.day.startsWith(month)).length;
          expect(round, `${code} ${month}`).toBeGreaterThanOrEqual(lo);
          expect(round, `${code} ${month}`).toBeLessThanOrEqual(hi);
        }
        for (const r of mine) expect(Number(r.day.slice(8))).toBeLessThanOrEqual(21);
      }
      // every staff answer scores each of the three scale questions
      const scored = await database.db.selectFrom('survey_answer').select(['response_id', 'score']).where('response_id', 'in', rows.map((r) => r.id)).where('score', 'is not', null).execute();
      expect(scored).toHaveLength(rows.length * 3);
      // the roll-up has them, though their days were behind its watermark
      const tally = (await talliesFor(database.db, [offices.zhubei!.id], monthPeriod(2026, 11))).get(offices.zhubei!.id) ?? {};
      expect(tally['s.n.staff']).toBe(rows.filter((r) => r.code === 'zhubei' && r.day.startsWith('2026-11')).length);
    });

    it('sets every FAQ answer\'s votes at 70–90 % helpful', async () => {
      const faqs = await database.db.selectFrom('content_item').select(['helpful_yes', 'helpful_no']).where('kind', '=', 'faq').execute();
      expect(faqs).toHaveLength(7);
      for (const f of faqs) {
        expect(f.helpful_yes + f.helpful_no).toBeGreaterThanOrEqual(6);
        expect(f.helpful_yes / (f.helpful_yes + f.helpful_no)).toBeGreaterThanOrEqual(0.69);
        expect(f.helpful_yes / (f.helpful_yes + f.helpful_no)).toBeLessThanOrEqual(0.91);
      }
    });

    it("keeps Zhubei's media log: one or two items a month, clarified within three days but for two fair reports", async () => {
      const rows = await database.db.selectFrom('media_log').select(['seen_on', 'clarified_on', 'clarification', 'source', 'facts', 'created_by']).where('office_id', '=', offices.zhubei!.id).execute();
      for (const month of MONTHS) {
        const k = rows.filter((r) => r.seen_on.startsWith(month)).length;
        expect(k, month).toBeGreaterThanOrEqual(1);
        expect(k, month).toBeLessThanOrEqual(2);
      }
      expect(rows.filter((r) => r.clarified_on === null)).toHaveLength(2);
      const weekend = (day: string) => [0, 6].includes(new Date(day).getUTCDay());
      for (const r of rows) {
        expect(r.seen_on <= '2026-12-02').toBe(true);
        expect(weekend(r.seen_on), r.seen_on).toBe(false);
        if (r.clarified_on) expect(weekend(r.clarified_on), r.clarified_on).toBe(false);
        expect(r.source && r.facts).toBeTruthy();
        expect(r.clarification === null).toBe(r.clarified_on === null);
        if (r.clarified_on) {
          const days = (Date.parse(r.clarified_on) - Date.parse(r.seen_on)) / 86_400_000;
          expect(days >= 0 && days <= 3, `${r.seen_on} → ${r.clarified_on}`).toBe(true);
          expect(r.clarified_on <= '2026-12-02').toBe(true);
        }
      }
      const clerk = await database.db.selectFrom('staff').select('id').where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      expect(new Set(rows.map((r) => r.created_by))).toEqual(new Set([clerk.id]));
      const jianshi = await database.db.selectFrom('media_log').select('id').where('office_id', '=', offices.jianshi!.id).execute();
      expect(jianshi.length).toBeLessThan(rows.length);
    });

    it('adds nothing when seeded again, and draws the same rows on another database', async () => {
      const before = await counts(database);
      expect(before.audit).toBe(58 + before.media);
      await seedHistoryExtras(database, NOW);
      expect(await counts(database)).toEqual(before);
      // the extras need none of the generated history: a demo without it draws the very same rows
      const other = await freshDatabase(kind);
      try {
        await seedDemo(other, ROOT, NOW);
        await seedHistoryExtras(other, NOW);
        const rows = (d: Database) => d.db.selectFrom('phone_test').select(['office_id', 'called_at', 'checks', 'score', 'answered_by']).orderBy('id').execute();
        expect(await rows(other)).toEqual(await rows(database));
        const media = (d: Database) => d.db.selectFrom('media_log').select(['seen_on', 'title', 'clarified_on']).orderBy('id').execute();
        expect(await media(other)).toEqual(await media(database));
        expect((await counts(other)).faq).toEqual(before.faq);
      } finally {
        await other.dispose();
      }
    }, 120_000);
  });
}
