import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { BUNDLE_NEXT, canMoveBundle } from './births.js';

it('never accepts or returns an application that was not handed over, and an accepted one is finished', () => {
  expect(canMoveBundle('received', 'accepted')).toBe(false);
  expect(canMoveBundle('received', 'returned')).toBe(false);
  expect(canMoveBundle('received', 'handed_over')).toBe(true);
  expect(canMoveBundle('handed_over', 'accepted')).toBe(true);
  expect(canMoveBundle('returned', 'handed_over')).toBe(true);
  expect(BUNDLE_NEXT.accepted).toEqual([]);
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] applications taken with a birth registration`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const now = new Date('2026-11-24T02:00:00Z');
    const clerk = () => new Agent(t.app);
    let a: Agent;
    let caseId = 0;
    let caseNumber = '';
    let otherCaseId = 0;
    const bundles = () => t.database.db.selectFrom('birth_bundle').selectAll().orderBy('id').execute();
    const audits = async (action: string) => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      a = clerk();
      await a.signIn('clerk.zhubei', DEMO_PASSWORD);
      const form = await a.get('/staff/cases/new');
      const birth = await a.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'birth', name: '林小美', idNumber: 'F131104093', birthDate: '80/01/02' });
      caseId = Number((birth.headers.location as string).split('/').pop());
      caseNumber = (await t.database.db.selectFrom('case_file').select('number').where('id', '=', caseId).executeTakeFirstOrThrow()).number;
      const other = await a.post('/staff/cases', { _csrf: csrfOf(form.body), guide: 'marriage', name: '王大同', idNumber: 'A123456789', birthDate: '80/01/02' });
      otherCaseId = Number((other.headers.location as string).split('/').pop());
    });
    afterAll(async () => t?.dispose());

    it('finds a birth case of the office by its number, and nothing else', async () => {
      const found = await a.get(`/staff/notify/births/find?number=${encodeURIComponent(caseNumber)}`);
      expect(found.statusCode).toBe(303);
      expect(found.headers.location).toBe(`/staff/notify/births/${caseId}`);
      const miss = await a.get('/staff/notify/births/find?number=1-1151124-9999');
      expect(miss.statusCode).toBe(404);
      expect(miss.body).toContain('本所沒有這個編號的出生登記案件');
      expect(miss.body).toContain('value="1-1151124-9999"');
      expect((await a.get(`/staff/notify/births/${otherCaseId}`)).statusCode).toBe(404);
      const far = clerk();
      await far.signIn('clerk.jianshi', DEMO_PASSWORD);
      expect((await far.get(`/staff/notify/births/${caseId}`)).statusCode).toBe(404);
    });

    it('records the applications taken, with the unit prefilled and editable, once per kind', async () => {
      const page = await a.get(`/staff/notify/births/${caseId}`);
      expect(page.body).toContain('value="新竹縣政府社會處"');
      const csrf = csrfOf(page.body);
      const none = await a.post(`/staff/notify/births/${caseId}/record`, { _csrf: csrf, unit_birth_grant: '新竹縣政府社會處' });
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('請至少勾選一項申請');
      const noUnit = await a.post(`/staff/notify/births/${caseId}/record`, { _csrf: csrf, kinds: 'childcare_allowance', unit_childcare_allowance: '' });
      expect(noUnit.statusCode).toBe(422);
      expect(await bundles()).toHaveLength(0);
      const form = new URLSearchParams({ _csrf: csrf, unit_birth_grant: '新竹縣政府社會處', unit_newborn_insurance: '健保署北區業務組（竹北）' });
      form.append('kinds', 'birth_grant');
      form.append('kinds', 'newborn_insurance');
      // the checkbox group comes back as a repeated field
      const post = () =>
        t.app.inject({
          method: 'POST',
          url: `/staff/notify/births/${caseId}/record`,
          payload: form.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hz_sid=${a.cookie('hz_sid')}` },
        });
      expect((await post()).statusCode).toBe(303);
      // a second click records nothing more
      expect((await post()).statusCode).toBe(303);
      const rows = await bundles();
      expect(rows.map((r) => r.kind).sort()).toEqual(['birth_grant', 'newborn_insurance']);
      expect(rows.find((r) => r.kind === 'newborn_insurance')?.unit).toBe('健保署北區業務組（竹北）');
      expect(rows.every((r) => r.status === 'received' && r.case_id === caseId)).toBe(true);
      expect(await audits('notify.births.record')).toBe(1);
      const list = await a.get('/staff/notify/births?status=received');
      expect(list.body).toContain(caseNumber);
      expect(list.body).toContain('林小美');
      expect((await a.get('/staff')).body).toContain('尚未移送承辦單位');
    });

    it('hands over before anything is accepted, checks the date, and records the outcome with a reason when returned', async () => {
      const grant = (await bundles()).find((r) => r.kind === 'birth_grant')!;
      const page = await a.get(`/staff/notify/births/${caseId}`);
      const csrf = csrfOf(page.body);
      // no "accepted" before it was handed over
      const early = await a.post(`/staff/notify/births/${caseId}/${grant.id}/status`, { _csrf: csrf, [`to_${grant.id}`]: 'accepted', [`note_${grant.id}`]: '' });
      expect(early.statusCode).toBe(409);
      expect((await bundles()).find((r) => r.id === grant.id)?.status).toBe('received');
      const future = await a.post(`/staff/notify/births/${caseId}/${grant.id}/handover`, { _csrf: csrf, [`on_${grant.id}`]: '115/12/01', [`doc_${grant.id}`]: '竹北戶字第1150001234號' });
      expect(future.statusCode).toBe(422);
      expect(future.body).toContain('移送日期不能晚於今天');
      expect(future.body).toContain('value="竹北戶字第1150001234號"');
      const noDoc = await a.post(`/staff/notify/births/${caseId}/${grant.id}/handover`, { _csrf: csrf, [`on_${grant.id}`]: '115/11/24' });
      expect(noDoc.statusCode).toBe(422);
      const handed = await a.post(`/staff/notify/births/${caseId}/${grant.id}/handover`, { _csrf: csrf, [`on_${grant.id}`]: '115/11/24', [`doc_${grant.id}`]: '竹北戶字第1150001234號' });
      expect(handed.statusCode).toBe(303);
      let row = (await bundles()).find((r) => r.id === grant.id)!;
      expect(row.status).toBe('handed_over');
      expect(row.handed_over_on).toBe('2026-11-24');
      expect(row.handover_doc).toBe('竹北戶字第1150001234號');
      // handing over twice is refused: the status moved on
      const twice = await a.post(`/staff/notify/births/${caseId}/${grant.id}/handover`, { _csrf: csrf, [`on_${grant.id}`]: '115/11/24', [`doc_${grant.id}`]: 'x' });
      expect(twice.statusCode).toBe(409);
      const noReason = await a.post(`/staff/notify/births/${caseId}/${grant.id}/status`, { _csrf: csrf, [`to_${grant.id}`]: 'returned' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.body).toContain('退回時請寫出原因');
      const returned = await a.post(`/staff/notify/births/${caseId}/${grant.id}/status`, { _csrf: csrf, [`to_${grant.id}`]: 'returned', [`note_${grant.id}`]: '缺存摺封面影本' });
      expect(returned.statusCode).toBe(303);
      row = (await bundles()).find((r) => r.id === grant.id)!;
      expect(row.status).toBe('returned');
      expect(row.note).toBe('缺存摺封面影本');
      expect((await a.get('/staff')).body).toContain('被退回');
      // put right and handed over again, then accepted: finished
      expect((await a.post(`/staff/notify/births/${caseId}/${grant.id}/handover`, { _csrf: csrf, [`on_${grant.id}`]: '2026-11-24', [`doc_${grant.id}`]: '竹北戶字第1150001240號' })).statusCode).toBe(303);
      expect((await a.post(`/staff/notify/births/${caseId}/${grant.id}/status`, { _csrf: csrf, [`to_${grant.id}`]: 'accepted' })).statusCode).toBe(303);
      expect((await bundles()).find((r) => r.id === grant.id)?.status).toBe('accepted');
      expect((await a.post(`/staff/notify/births/${caseId}/${grant.id}/status`, { _csrf: csrf, [`to_${grant.id}`]: 'returned', [`note_${grant.id}`]: 'x' })).statusCode).toBe(409);
      expect(await audits('notify.births.handover')).toBe(2);
      expect(await audits('notify.births.status')).toBe(2);
      const accepted = await a.get('/staff/notify/births?status=accepted');
      expect(accepted.body).toContain('竹北戶字第1150001240號');
      expect(accepted.body).not.toContain('新生兒全民健保投保');
    });
  });
}
