import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/** The office a page's POST form saves to (its hidden `office`). */
const hiddenOffice = (html: string) => /<input type="hidden" name="office" value="([^"]*)"/.exec(html)?.[1];
/** The option chosen in the new item's scope select. */
const chosenScope = (html: string) => {
  const select = /<select[^>]*name="scope"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
  const m = /<option value="([^"]*)" selected[^>]*>([^<]*)/.exec(select);
  return m ? { value: m[1], label: m[2] } : null;
};

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] content items follow the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let officeId: Record<string, number>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      officeId = Object.fromEntries((await t.database.db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    });
    afterAll(async () => t?.dispose());

    const news = { category: 'notice', bodyZh: '內文', status: 'draft', publishFrom: '', publishUntil: '' };
    const officeOf = async (title: string) =>
      (await t.database.db.selectFrom('content_item').innerJoin('content_text', 'content_text.item_id', 'content_item.id').select('content_item.office_id').where('content_text.title', '=', title).execute()).map((r) => r.office_id);

    it('creates an item for the office the county admin switched to and lists that office with the county', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const form = await county.get('/staff/content/new?kind=news&office=jianshi');
      expect(chosenScope(form.body)).toEqual({ value: String(officeId.jianshi), label: '新竹縣尖石鄉戶政事務所' });
      expect(hiddenOffice(form.body)).toBe('jianshi');
      const saved = await county.post('/staff/content?kind=news', { _csrf: csrfOf(form.body), office: 'jianshi', scope: chosenScope(form.body)?.value ?? '', titleZh: '尖石停水公告', ...news });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/staff/content?kind=news&office=jianshi');
      expect(await officeOf('尖石停水公告')).toEqual([officeId.jianshi]);
      // a scope that is no office of theirs falls back to the office being looked at, not the first office
      const stray = await county.post('/staff/content?kind=news', { _csrf: csrfOf(form.body), office: 'jianshi', scope: '999999', titleZh: '尖石道路公告', ...news });
      expect(stray.statusCode).toBe(303);
      expect(await officeOf('尖石道路公告')).toEqual([officeId.jianshi]);
      const wide = await county.post('/staff/content?kind=news', { _csrf: csrfOf(form.body), office: 'jianshi', scope: 'county', titleZh: '全縣颱風公告', ...news });
      expect(wide.statusCode).toBe(303);
      expect(await officeOf('全縣颱風公告')).toEqual([null]);

      const supervisor = new Agent(t.app);
      await supervisor.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const own = await supervisor.submit('/staff/content/new?kind=news', '/staff/content?kind=news', { scope: String(officeId.zhubei), titleZh: '竹北停車公告', ...news });
      expect(own.statusCode).toBe(303);

      const list = await county.get('/staff/content?kind=news&office=jianshi');
      expect(list.body).toContain('尖石停水公告');
      expect(list.body).toContain('全縣颱風公告');
      expect(list.body).not.toContain('竹北停車公告');
      // which is which: the office's items name it, the county's are tagged
      expect(list.body).toMatch(/尖石停水公告<\/a><\/td><td[^>]*>新竹縣尖石鄉戶政事務所</);
      expect(list.body).toMatch(/全縣颱風公告<\/a><\/td><td[^>]*><span class="tag">全縣共用</);
      expect(list.body).toContain('href="/staff/content/new?kind=news&amp;office=jianshi"');
    });

    it('keeps a director at their own office', async () => {
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      const form = await director.get('/staff/content/new?kind=news&office=jianshi');
      expect(chosenScope(form.body)).toEqual({ value: String(officeId.zhubei), label: '新竹縣竹北市戶政事務所' });
      expect(hiddenOffice(form.body)).toBe('zhubei');
      expect(form.body).not.toContain('尖石');
      const saved = await director.post('/staff/content?kind=news', { _csrf: csrfOf(form.body), office: 'jianshi', scope: '999999', titleZh: '主任公告', ...news });
      expect(saved.statusCode).toBe(303);
      expect(await officeOf('主任公告')).toEqual([officeId.zhubei]);
      const list = await director.get('/staff/content?kind=news&office=jianshi');
      expect(list.body).not.toContain('尖石停水公告');
      expect(list.body).toContain('主任公告');
    });
  });
}
