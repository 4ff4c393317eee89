import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { isUniqueViolation } from '../../db/index.js';
import { generateIdNumber } from '../../platform/identity/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { FORMS, fieldsOf } from './defs.js';
import { insertDraft } from './repo.js';
import { CODE_ALPHABET, DRAFT_DAYS, saveDraft } from './service.js';
import { IDS, SAMPLES } from './test-samples.js';

const START = new Date('2026-11-25T02:00:00Z');
let address = 0;
const nextIp = () => `10.30.${(++address >> 8) & 255}.${address & 255}`;

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] application form drafts by short code`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let now = START;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
    });
    afterAll(async () => t?.dispose());
    const drafts = () => t.database.db.selectFrom('form_draft').selectAll().orderBy('id').execute();
    const codeIn = (body: string) => /草稿代碼：([A-Z0-9]{6})/.exec(body)?.[1] ?? '';

    it('saves a draft without any ID number or the applicant’s birth date; reopened by code, prefilled; gone after 7 days', async () => {
      now = START;
      const a = new Agent(t.app);
      const page = await a.get('/forms/birth');
      const saved = await a.post('/forms/birth', { _csrf: csrfOf(page.body), action: 'draft', ...SAMPLES.birth }, {}, nextIp());
      expect(saved.statusCode).toBe(200);
      const code = codeIn(saved.body);
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
      expect(saved.body).not.toContain(IDS.applicant);

      const [row] = await drafts();
      expect(row).toMatchObject({ code, form: 'birth', created_at: '2026-11-25T02:00:00.000Z', expires_at: '2026-12-02T02:00:00.000Z', opened_at: null });
      const raw = JSON.stringify(row);
      for (const id of [IDS.applicant, IDS.female]) expect(raw).not.toContain(id);
      const kept = JSON.parse(t.services.vault.decrypt(row!.fields_enc)) as Record<string, string>;
      expect(Object.keys(kept).sort()).toEqual(['applicantAddress', 'applicantName', 'applicantPhone', 'childBirthDate', 'childBirthPlace', 'childName', 'childSex', 'fatherName', 'motherName', 'relation']);
      expect(kept.applicantName).toBe('王小明');

      // the citizen reopens it: every kept field prefilled, the ID numbers and birth date asked again
      now = new Date(START.getTime() + 86_400_000);
      const reopened = await a.get(`/forms/draft/${code.toLowerCase()}`);
      expect(reopened.statusCode).toBe(200); // typed in lower case, the code still opens
      const viaForm = await a.get(`/forms/draft?code=${code.toLowerCase()}`);
      expect(viaForm.headers.location).toBe(`/forms/draft/${code}`);
      const open = await a.get(`/forms/draft/${code}`);
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain('value="王小寶"');
      expect(open.body).toContain('value="新竹縣竹北市"');
      expect(open.body).toMatch(/<input id="f-applicantId" name="applicantId" type="text" value class/);
      expect(open.body).toMatch(/<input id="f-applicantBirth" name="applicantBirth" type="text" value class/);
      expect((await drafts())[0]?.opened_at).toBe('2026-11-26T02:00:00.000Z');

      // the counter opens it a day later, and prints it with the ID number typed again
      now = new Date(START.getTime() + 2 * 86_400_000);
      const clerk = new Agent(t.app);
      expect((await clerk.get(`/staff/forms/${code}`)).statusCode).toBe(303);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      const staffPage = await clerk.get(`/staff/forms/${code}`);
      expect(staffPage.statusCode).toBe(200);
      expect(staffPage.body).toContain('value="王小寶"');
      expect(staffPage.body).toContain(`action="/staff/forms/${code}"`);
      const missing = await clerk.post(`/staff/forms/${code}`, { _csrf: csrfOf(staffPage.body), ...kept });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('id="f-applicantId-error"');
      const printed = await clerk.post(`/staff/forms/${code}`, { _csrf: csrfOf(staffPage.body), ...SAMPLES.birth });
      expect(printed.headers['content-type']).toBe('application/pdf');
      // the month's count at the counter: that one print, no names
      const counts = await clerk.get('/staff/forms');
      expect(counts.body).toContain('各申請書列印次數（2026-11）');
      expect(counts.body).toContain('出生登記申請書</th><td>1</td>');
      expect(counts.body).toContain('結婚登記申請書</th><td>0</td>');
      // first opening stays the one recorded
      expect((await drafts())[0]?.opened_at).toBe('2026-11-26T02:00:00.000Z');

      // 7 days after saving: expired, purged on read
      now = new Date(START.getTime() + DRAFT_DAYS * 86_400_000);
      expect((await a.get(`/forms/draft/${code}`)).statusCode).toBe(404);
      await clerk.signIn('clerk.zhubei', DEMO_PASSWORD); // a week later the session has lapsed too
      expect((await clerk.get(`/staff/forms/${code}`)).statusCode).toBe(404);
      expect(await drafts()).toEqual([]);
      now = START;
    });

    it('two drafts never share a code: the database refuses it, and the service draws another', async () => {
      now = START;
      await t.database.db.deleteFrom('form_draft').execute();
      const row = { form: 'transcript', fields_enc: t.services.vault.encrypt('{}'), created_at: START.toISOString(), expires_at: '2026-12-02T02:00:00.000Z', opened_at: null };
      await insertDraft(t.database.db, { ...row, code: 'ABCDEF' });
      const twice = await insertDraft(t.database.db, { ...row, code: 'ABCDEF' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(twice)).toBe(true);
      // a generator that first draws ABCDEF again, then BBBBBB
      const picks = [0, 1, 2, 3, 4, 5, 1, 1, 1, 1, 1, 1];
      const deps = { database: t.database, vault: t.services.vault, clock: () => now };
      const saved = await saveDraft(deps, 'transcript', {}, () => picks.shift() ?? 0);
      expect(saved.code).toBe('BBBBBB');
      expect((await drafts()).map((d) => d.code).sort()).toEqual(['ABCDEF', 'BBBBBB']);
      await t.database.db.deleteFrom('form_draft').execute();
    });

    it('random input never fails the server and never stores an ID number (property)', async () => {
      now = START;
      const a = new Agent(t.app);
      const csrf = csrfOf((await a.get('/forms/transcript')).body);
      const names = fieldsOf(FORMS.transcript).map((f) => f.name);
      let seed = 1;
      const anyId = fc.integer({ min: 1, max: 1_000_000 }).map((n) => generateIdNumber(() => ((n * 9301 + 49297 + seed++) % 233280) / 233280));
      const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 300 }), anyId, fc.constantFrom('115/2/30', '1/1/1', '', '  ', '999'));
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), value), anyId, fc.constantFrom('print', 'draft'), async (fields, id, action) => {
          // the ID number typed in its box and, to be sure, in another box too
          const body = { ...fields, applicantId: id, subjectName: `${fields.subjectName ?? ''}${id.toLowerCase()}`, _csrf: csrf, action };
          const res = await a.post('/forms/transcript', body, {}, nextIp());
          expect([200, 422]).toContain(res.statusCode);
          for (const row of await drafts()) {
            expect(JSON.stringify(row).toUpperCase()).not.toContain(id);
            expect(t.services.vault.decrypt(row.fields_enc).normalize('NFKC').toUpperCase()).not.toContain(id);
          }
        }),
        { numRuns: 40, seed: 20261125 },
      );
    });
  });
}
