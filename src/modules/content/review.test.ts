import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { reviewDateFor } from './service.js';

const NOW = new Date('2026-11-25T02:00:00Z'); // 10:00 Taipei, 2026-11-25

/** The number in the editor's home notice about reviews, 0 without one. */
function reviewNotice(html: string): number {
  const m = /有 (\d+) 則內容已過檢視日期/.exec(html);
  return m ? Number(m[1]) : 0;
}

describe('the review date an item is saved with', () => {
  it('is the one typed, else a year after publishing for FAQ, pages and downloads', () => {
    expect(reviewDateFor('faq', '2027-03-01', null, 'published', NOW)).toBe('2027-03-01');
    expect(reviewDateFor('faq', null, null, 'published', NOW)).toBe('2027-11-25');
    expect(reviewDateFor('page', null, '2027-02-28T16:30:00.000Z', 'published', NOW)).toBe('2028-03-01');
    expect(reviewDateFor('download', null, '2028-02-28T16:30:00.000Z', 'published', NOW)).toBe('2029-02-28');
    expect(reviewDateFor('news', null, null, 'published', NOW)).toBeNull();
    expect(reviewDateFor('faq', null, null, 'draft', NOW)).toBeNull();
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] review dates for every content item`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let baseline = 0;
    let id = 0;
    const editor = async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      return s;
    };
    const form = { scope: 'county', category: 'other', audience: 'general', titleZh: '檢視測試問答', bodyZh: '答案。', status: 'published', publishFrom: '', publishUntil: '' };

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const s = await editor();
      baseline = reviewNotice((await s.get('/staff')).body);
    }, 120_000);
    afterAll(async () => t?.dispose());

    it('gives a published FAQ a review date a year on when left empty', async () => {
      const s = await editor();
      const page = await s.get('/staff/content/new?kind=faq');
      expect(page.body).toContain('name="reviewOn"');
      const saved = await s.post('/staff/content?kind=faq', { _csrf: csrfOf(page.body), ...form, reviewOn: '' });
      expect(saved.statusCode).toBe(303);
      const row = await t.database.db.selectFrom('content_item').select(['id', 'review_on']).where('kind', '=', 'faq').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(row.review_on).toBe('2027-11-25');
      id = row.id;
    });

    it('puts an item past its review date on the editor home and the list; a new date clears it', async () => {
      const s = await editor();
      let page = await s.get(`/staff/content/${id}`);
      // 115/11/1 is 2026-11-01: before today
      expect((await s.post(`/staff/content/${id}`, { _csrf: csrfOf(page.body), ...form, reviewOn: '115/11/1' })).statusCode).toBe(303);
      expect(reviewNotice((await s.get('/staff')).body)).toBe(baseline + 1);
      const list = await s.get('/staff/content/reviews');
      expect(list.body).toContain(`href="/staff/content/${id}"`);
      expect(list.body).toContain('檢視測試問答');
      page = await s.get(`/staff/content/${id}`);
      expect((await s.post(`/staff/content/${id}`, { _csrf: csrfOf(page.body), ...form, reviewOn: '2027-06-30' })).statusCode).toBe(303);
      expect(reviewNotice((await s.get('/staff')).body)).toBe(baseline);
      expect((await s.get('/staff/content/reviews')).body).not.toContain(`href="/staff/content/${id}"`);
      const row = await t.database.db.selectFrom('content_item').select('review_on').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.review_on).toBe('2027-06-30');
    });

    it('puts a message beside a bad date and keeps what was typed', async () => {
      const s = await editor();
      const page = await s.get(`/staff/content/${id}`);
      const res = await s.post(`/staff/content/${id}`, { _csrf: csrfOf(page.body), ...form, reviewOn: '明年夏天' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(/<p class="field-message" id="f-reviewOn-error">請輸入正確的日期/);
      expect(res.body).toContain('value="明年夏天"');
      const row = await t.database.db.selectFrom('content_item').select('review_on').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.review_on).toBe('2027-06-30');
    });
  });
}
