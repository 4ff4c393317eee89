import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS } from '../../../test/databases.js';
import type { Database } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { createVault } from '../../platform/identity/index.js';
import { type CaseDeps, issueSlip, lookup, moveCase, openCase, singleNoticeShare } from './service.js';

for (const kind of DATABASE_KINDS) {
  describe(`[${kind}] cases`, () => {
    let database: Database & { dispose(): Promise<void> };
    let deps: CaseDeps;
    let now = new Date('2026-02-11T02:00:00Z'); // Wednesday 11 Feb 2026, 10:00 Taipei, before the Lunar New Year block
    let clerk: StaffPrincipal;
    let officeId: number;

    beforeAll(async () => {
      database = await demoDatabase(kind);
      deps = { database, vault: createVault(randomBytes(32)), clock: () => now, baseUrl: 'http://localhost:3000' };
      const s = await database.db.selectFrom('staff').selectAll().where('username', '=', 'clerk.zhubei').executeTakeFirstOrThrow();
      clerk = { id: s.id, username: s.username, displayName: s.display_name, role: 'clerk', countyId: s.county_id, officeId: s.office_id, mustChangePassword: false };
      officeId = s.office_id!;
    });
    afterAll(async () => database?.dispose());

    const open = (email?: string) =>
      openCase(deps, { officeId, guideCode: 'house-number-assignment', applicantName: '陳大文', idNumber: 'A123456789', birthDate: '1980-05-06', email }, clerk, null);

    it('counts the due date in working days across the Lunar New Year', async () => {
      const c = await open('chen@example.com');
      expect(c.number).toBe(`${officeId}-1150211-0001`);
      const row = await database.db.selectFrom('case_file').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      // 7 working days after Wed 2/11: 2/12, 2/13, (2/14–2/22 off), 2/23, 2/24, 2/25, 2/26, 2/27? 2/27 is 補假 → 3/2
      expect(row.due_on).toBe('2026-03-02');
      expect(row.id_hash).not.toContain('A123456789');
      expect(row.id_enc.startsWith('v1.')).toBe(true);
      expect(deps.vault.decrypt(row.id_enc)).toBe('A123456789');
    });

    it('pauses the clock while waiting for documents and moves the due date', async () => {
      const { id } = await open();
      now = new Date('2026-02-12T02:00:00Z'); // Thu 2/12
      const slip = await issueSlip(deps, { officeId, caseId: id, guideCode: 'house-number-assignment', applicantName: '陳大文', missing: [1, 2], note: '請附一樓入口照片', bringWithinDays: 5 }, clerk, null);
      let row = await database.db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('waiting_docs');
      expect(row.notices).toBe(1);
      // paused from Thu 2/12 with no end: the due date is far out for now
      now = new Date('2026-02-24T02:00:00Z'); // documents arrive Tue 2/24
      await moveCase(deps, id, 'review', '已收到補正文件', clerk, null);
      row = await database.db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // the pause 2/12–2/23 takes three working days (2/12, 2/13, 2/23) out of the count:
      // 2/24, 2/25, 2/26, (2/27 補假), 3/2, 3/3, 3/4, 3/5 → the 7th working day is Thu 3/5
      expect(row.due_on).toBe('2026-03-05');
      const slipRow = await database.db.selectFrom('notice_slip').selectAll().where('code', '=', slip.code).executeTakeFirstOrThrow();
      const missing = JSON.parse(slipRow.missing) as { zh: string; basis?: string }[];
      expect(missing.map((m) => m.zh)).toEqual(['建物使用執照影本（或合法房屋證明）', '建物位置圖及出入口示意圖']);
      // 5 working days after Thu 2/12: 2/13, 2/23, 2/24, 2/25, 2/26
      expect(slipRow.bring_by).toBe('2026-02-26');
      expect(slipRow.officer_name).toBe('王小華');
    });

    it('refuses moves the state table does not allow', async () => {
      const { id } = await open();
      await expect(moveCase(deps, id, 'closed', null, clerk, null)).rejects.toMatchObject({ messageKey: 'cases.err.move' });
      await moveCase(deps, id, 'approved', null, clerk, null);
      await expect(moveCase(deps, id, 'review', null, clerk, null)).rejects.toMatchObject({ messageKey: 'cases.err.move' });
      await moveCase(deps, id, 'closed', null, clerk, null);
      await expect(moveCase(deps, id, 'approved', null, clerk, null)).rejects.toMatchObject({ messageKey: 'cases.err.move' });
    });

    it('finds a case only with both factors, and says the same for any miss', async () => {
      const { number } = await open();
      expect(await lookup(deps, number, { idNumber: 'A123456789' })).toMatchObject({ found: true });
      expect(await lookup(deps, number, { birthDate: '1980-05-06' })).toMatchObject({ found: true });
      expect(await lookup(deps, number, { idNumber: 'F131104093' })).toEqual({ found: false });
      expect(await lookup(deps, `${number}9`, { idNumber: 'A123456789' })).toEqual({ found: false });
      expect(await lookup(deps, number, {})).toEqual({ found: false });
    });

    it('queues an e-mail for each change of a case with an address', async () => {
      const jobs = await database.db.selectFrom('job').select(['payload']).where('kind', '=', 'mail.send').execute();
      const subjects = jobs.map((j) => JSON.parse(j.payload).subject as string);
      expect(subjects.some((s) => s.endsWith('已收件'))).toBe(true);
      expect(jobs.every((j) => !j.payload.includes('A123456789'))).toBe(true);
    });

    it('measures the share of cases finished after a single notice', async () => {
      const share = await singleNoticeShare(database.db, [officeId]);
      expect(share.withNotice).toBe(0);
      const { id } = await open();
      await issueSlip(deps, { officeId, caseId: id, guideCode: 'house-number-assignment', applicantName: '陳大文', missing: [0], note: null, bringWithinDays: 5 }, clerk, null);
      await moveCase(deps, id, 'review', null, clerk, null);
      await moveCase(deps, id, 'approved', null, clerk, null);
      expect(await singleNoticeShare(database.db, [officeId])).toEqual({ share: 1, withNotice: 1 });
    });
  });
}
