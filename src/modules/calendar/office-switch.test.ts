import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/** The option chosen in the office picker. */
const picked = (html: string) => {
  const select = /<select[^>]*name="office"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected[^>]*>([^<]*)/.exec(select)?.slice(1, 3) ?? null;
};
const closureOffice = (html: string) => /name="officeId" value="(\d+)"/.exec(html)?.[1];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the office calendar follows the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let officeId: Record<string, number>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      officeId = Object.fromEntries((await t.database.db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    });
    afterAll(async () => t?.dispose());

    it('picks the office by code (the old id form still works) and records a closure there', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const page = await county.get('/staff/calendar?office=jianshi&year=2026');
      expect(picked(page.body)).toEqual(['jianshi', '新竹縣尖石鄉戶政事務所']);
      expect(closureOffice(page.body)).toBe(String(officeId.jianshi));
      expect(page.body).toContain('href="/staff/calendar?year=2027&amp;office=jianshi"');
      const old = await county.get(`/staff/calendar?office=${officeId.jianshi}`);
      expect(picked(old.body)).toEqual(['jianshi', '新竹縣尖石鄉戶政事務所']);

      const ok = await county.post('/staff/calendar/closures', { _csrf: csrfOf(page.body), officeId: closureOffice(page.body) ?? '', office: 'jianshi', year: '2026', date: '2026-12-02', reason: '道路中斷' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/staff/calendar?year=2026&office=jianshi');
      const rows = await t.database.db.selectFrom('office_closure').select(['id', 'office_id']).where('date', '=', '2026-12-02').execute();
      expect(rows.map((r) => r.office_id)).toEqual([officeId.jianshi]);
      const back = await county.get(ok.headers.location as string);
      expect(back.body).toContain('道路中斷');
      const removed = await county.post(`/staff/calendar/closures/${rows[0]?.id}/delete`, { _csrf: csrfOf(back.body) });
      expect(removed.headers.location).toBe('/staff/calendar?year=2026&office=jianshi');
    });

    it('keeps a director at their own office', async () => {
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      for (const url of ['/staff/calendar?office=jianshi', `/staff/calendar?office=${officeId.jianshi}`]) {
        const page = await director.get(url);
        expect(closureOffice(page.body)).toBe(String(officeId.zhubei));
        expect(page.body).toContain('戶政事務所：新竹縣竹北市戶政事務所');
        expect(page.body).not.toContain('尖石');
      }
    });
  });
}
