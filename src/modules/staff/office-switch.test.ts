import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { recordAudit } from '../../platform/audit/index.js';
import { DEMO_PASSWORD } from './index.js';

/** The office a page's forms carry (their hidden `office`). */
const hiddenOffices = (html: string) => [...html.matchAll(/<input type="hidden" name="office" value="([^"]*)"/g)].map((m) => m[1]);
/** The option chosen in a select, by the select's name. */
const chosen = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected[^>]*>([^<]*)/.exec(select)?.slice(1, 3) ?? null;
};
/** The audit rows' details on a page, in order. */
const details = (html: string) => [...html.matchAll(/<ul class="audit-detail"><li>([^<]*)<\/li><\/ul>/g)].map((m) => m[1] ?? '');

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the audit log and the accounts page follow the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let officeId: Record<string, number>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      const db = t.database.db;
      officeId = Object.fromEntries((await db.selectFrom('office').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
      const countyId = (await db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
      const at = new Date('2026-11-24T01:00:00Z');
      await recordAudit(db, { actor: null, action: 'probe.zhubei', officeId: officeId.zhubei, countyId, detail: { row: 'zhubei' } }, at);
      await recordAudit(db, { actor: null, action: 'probe.jianshi', officeId: officeId.jianshi, countyId, detail: { row: 'jianshi' } }, at);
      await recordAudit(db, { actor: null, action: 'probe.county', countyId, detail: { row: 'county' } }, at);
    });
    afterAll(async () => t?.dispose());

    it('limits an audit search to the office picked, and keeps it on the filter form', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const jianshi = await county.get('/staff/audit?office=jianshi&action=probe.');
      expect(details(jianshi.body)).toEqual(['row：jianshi']);
      expect(hiddenOffices(jianshi.body)).toEqual(['jianshi']);
      expect(chosen(jianshi.body, 'office')).toEqual(['jianshi', '新竹縣尖石鄉戶政事務所']);
      // the picker keeps the other filters
      expect(jianshi.body).toContain('<input type="hidden" name="action" value="probe."');
      const all = await county.get('/staff/audit?action=probe.');
      expect(details(all.body)).toEqual(['row：county', 'row：jianshi', 'row：zhubei']);
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      const own = await director.get('/staff/audit?office=jianshi&action=probe.');
      expect(details(own.body)).toEqual(['row：zhubei']);
      expect(own.body).not.toContain('尖石');
    });

    it('lists the picked office\'s accounts and adds a new one there', async () => {
      const county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      const page = await county.get('/staff/users?office=jianshi');
      expect([...page.body.matchAll(/href="\/staff\/users\/\d+">([^<]+)</g)].map((m) => m[1])).toEqual(['clerk.jianshi', 'director.jianshi']);
      expect(chosen(page.body, 'officeId')).toEqual([String(officeId.jianshi), '新竹縣尖石鄉戶政事務所']);
      expect(hiddenOffices(page.body)).toEqual(['jianshi']);
      const made = await county.post('/staff/users', {
        _csrf: csrfOf(page.body),
        office: 'jianshi',
        username: 'clerk2.jianshi',
        displayName: '新進人員',
        role: 'clerk',
        officeId: chosen(page.body, 'officeId')?.[0] ?? '',
        password: 'Correct-horse-battery-9',
      });
      expect(made.statusCode).toBe(303);
      expect(made.headers.location).toBe('/staff/users?office=jianshi');
      expect(await t.database.db.selectFrom('staff').select('office_id').where('username', '=', 'clerk2.jianshi').execute()).toEqual([{ office_id: officeId.jianshi }]);

      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      const own = await director.get('/staff/users?office=jianshi');
      expect([...own.body.matchAll(/href="\/staff\/users\/\d+">([^<]+)</g)].map((m) => m[1])).toEqual(['clerk.zhubei', 'director.zhubei', 'supervisor.zhubei']);
      expect(own.body).not.toContain('尖石');
    });
  });
}
