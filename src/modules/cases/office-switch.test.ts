import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/** The office a page's POST form saves to (its hidden `office`). */
const hiddenOffice = (html: string) => /<input type="hidden" name="office" value="([^"]*)"/.exec(html)?.[1];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] cases and notice slips follow the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let officeId: Record<string, number>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      officeId = Object.fromEntries((await t.database.db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    });
    afterAll(async () => t?.dispose());

    const applicant = { guide: 'house-number-assignment', idNumber: 'A123456789', birthDate: '69/05/06', locale: 'zh-Hant' };

    it('opens a case and a counter slip at the office the county admin switched to, and lists that office only', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const form = await county.get('/staff/cases/new?office=jianshi');
      expect(hiddenOffice(form.body)).toBe('jianshi');
      const made = await county.post('/staff/cases', { _csrf: csrfOf(form.body), office: hiddenOffice(form.body) ?? '', ...applicant, name: '尤幹・尖石' });
      expect(made.statusCode).toBe(303);
      const rows = await t.database.db.selectFrom('case_file').select(['office_id', 'applicant_name']).orderBy('id').execute();
      expect(rows).toEqual([{ office_id: officeId.jianshi, applicant_name: '尤幹・尖石' }]);

      const slipForm = await county.get('/staff/notices/new?office=jianshi&guide=house-number-assignment');
      expect(hiddenOffice(slipForm.body)).toBe('jianshi');
      const slip = await county.post('/staff/notices', { _csrf: csrfOf(slipForm.body), office: 'jianshi', guide: 'house-number-assignment', name: '尤幹・尖石', missing: '0', within: '5' });
      expect(slip.statusCode).toBe(303);
      expect(await t.database.db.selectFrom('notice_slip').select('office_id').execute()).toEqual([{ office_id: officeId.jianshi }]);

      // a case at 竹北 by its own clerk; the list switched to 尖石 shows only 尖石's
      const clerk = new Agent(t.app);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const own = await clerk.submit('/staff/cases/new', '/staff/cases', { ...applicant, name: '陳竹北' });
      expect(own.statusCode).toBe(303);
      const jianshi = await county.get('/staff/cases?office=jianshi');
      expect(jianshi.body).toContain('尤幹・尖石');
      expect(jianshi.body).not.toContain('陳竹北');
      expect(jianshi.body).toContain('href="/staff/cases/new?office=jianshi"');
      const every = await county.get('/staff/cases');
      expect(every.body).toContain('尤幹・尖石');
      expect(every.body).toContain('陳竹北');
    });

    it("keeps a director at their own office whatever ?office= or the form's office says", async () => {
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      const form = await director.get('/staff/cases/new?office=jianshi');
      expect(hiddenOffice(form.body)).toBe('zhubei');
      expect(form.body).toContain('戶政事務所：新竹縣竹北市戶政事務所');
      expect(form.body).not.toContain('尖石');
      const made = await director.post('/staff/cases', { _csrf: csrfOf(form.body), office: 'jianshi', ...applicant, name: '林主任收件' });
      expect(made.statusCode).toBe(303);
      expect(await t.database.db.selectFrom('case_file').select('office_id').where('applicant_name', '=', '林主任收件').execute()).toEqual([{ office_id: officeId.zhubei }]);
      const list = await director.get('/staff/cases?office=jianshi');
      expect(list.body).not.toContain('尤幹・尖石');
      expect(list.body).toContain('林主任收件');
    });
  });
}
