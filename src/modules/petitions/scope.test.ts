import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { readPetitionSettings } from './settings.js';

/** The county account works on the office it picked (?office=), not on the county's first office. */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] petitions: the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let a: Agent;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      for (const o of await t.database.db.selectFrom('office').select(['id', 'code']).execute()) ids[o.code] = o.id;
      a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    const selected = (html: string) => /<select[^>]*name="office"[^>]*>.*?<option value="([^"]*)" selected/s.exec(html)?.[1];

    it('settings: shows and saves the picked office’s rules', async () => {
      const page = await a.get('/staff/petitions/settings?office=jianshi');
      expect(page.statusCode).toBe(200);
      expect(selected(page.body)).toBe('jianshi');
      expect(page.body).toContain('<input type="hidden" name="office" value="jianshi"/>');
      const saved = await a.post('/staff/petitions/settings', { _csrf: csrfOf(page.body), office: 'jianshi', simple: '4', several: '6', complex: '20', confirmDays: '3', rateDays: '7', lowScore: '2', followupDays: '3', directorAfterDays: '2' });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/staff/petitions/settings?office=jianshi');
      expect((await readPetitionSettings(t.database.db, ids.jianshi!)).limits).toEqual({ simple: 4, several: 6, complex: 20 });
      // 竹北 keeps the defaults
      expect((await readPetitionSettings(t.database.db, ids.zhubei!)).limits).toEqual({ simple: 3, several: 5, complex: 30 });
      expect(selected((await a.get('/staff/petitions/settings?office=zhubei')).body)).toBe('zhubei');
    });

    it('figures: the page, the CSV and the ODS are about the picked office', async () => {
      const page = await a.get('/staff/petitions/figures?office=jianshi');
      expect(page.statusCode).toBe(200);
      expect(selected(page.body)).toBe('jianshi');
      expect(page.body).toContain('/staff/petitions/figures.csv?from=2026-08-27&amp;to=2026-11-25&amp;office=jianshi');
      const csv = await a.get('/staff/petitions/figures.csv?office=jianshi');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="petitions-jianshi-2026-08-27-2026-11-25.csv"');
      const ods = await a.get('/staff/petitions/figures.ods?office=jianshi');
      expect(ods.headers['content-disposition']).toBe('attachment; filename="petitions-jianshi-2026-08-27-2026-11-25.ods"');
    });

    it('templates and the media log: added to the picked office', async () => {
      const page = await a.get('/staff/petitions/templates?office=jianshi');
      expect(selected(page.body)).toBe('jianshi');
      const added = await a.post('/staff/petitions/templates', { _csrf: csrfOf(page.body), office: 'jianshi', category: 'other', title: '尖石範本', bodyZh: '內容', bodyEn: 'Body' });
      expect(added.statusCode).toBe(303);
      const row = await t.database.db.selectFrom('reply_template').select('office_id').where('title', '=', '尖石範本').executeTakeFirstOrThrow();
      expect(row.office_id).toBe(ids.jianshi);
      const media = await a.get('/staff/petitions/media?office=jianshi');
      expect(selected(media.body)).toBe('jianshi');
      expect((await a.post('/staff/petitions/media', { _csrf: csrfOf(media.body), office: 'jianshi', seenOn: '2026-11-20', source: '地方報', title: '尖石報導', facts: '事實' })).statusCode).toBe(303);
      expect((await t.database.db.selectFrom('media_log').select('office_id').where('title', '=', '尖石報導').executeTakeFirstOrThrow()).office_id).toBe(ids.jianshi);
    });
  });
}
