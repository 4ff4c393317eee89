import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the questionnaire editor lets real errors surface`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let a: Agent;
    let surveyId = 0;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      surveyId = (await t.database.db.selectFrom('survey').select('id').where('kind', '=', 'service').orderBy('id').executeTakeFirstOrThrow()).id;
      a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('shows the questionnaire text when all is well', async () => {
      const page = await a.get(`/staff/surveys/${surveyId}/edit`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('* scale');
    });

    it('a database failure is a 500 error page, not an empty editor', async () => {
      await sql`ALTER TABLE survey_version RENAME TO survey_version_gone`.execute(t.database.db);
      try {
        const page = await a.get(`/staff/surveys/${surveyId}/edit`);
        expect(page.statusCode).toBe(500);
        expect(page.body).not.toContain('name="definition"');
      } finally {
        await sql`ALTER TABLE survey_version_gone RENAME TO survey_version`.execute(t.database.db);
      }
    });

    it('a questionnaire whose version is missing is a 404', async () => {
      const saved = await t.database.db.selectFrom('survey').select('current_version_id').where('id', '=', surveyId).executeTakeFirstOrThrow();
      await t.database.db.updateTable('survey').set({ current_version_id: null }).where('id', '=', surveyId).execute();
      try {
        expect((await a.get(`/staff/surveys/${surveyId}/edit`)).statusCode).toBe(404);
      } finally {
        await t.database.db.updateTable('survey').set({ current_version_id: saved.current_version_id }).where('id', '=', surveyId).execute();
      }
    });
  });
}
