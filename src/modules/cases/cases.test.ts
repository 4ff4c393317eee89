import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { Database } from '../../db/index.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { createVault } from '../../platform/identity/index.js';
import type { Locale } from '../../platform/i18n/index.js';
import { type CaseDeps, issueSlip, LOOKUP_LOCK_MINUTES, LOOKUP_MAX_FAILURES, lookup, moveCase, normaliseReference, openCase, singleNoticeShare } from './service.js';
import type { CaseState } from './states.js';

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] cases`, () => {
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

    const open = (email?: string, locale?: Locale) =>
      openCase(deps, { officeId, guideCode: 'house-number-assignment', applicantName: '陳大文', idNumber: 'A123456789', birthDate: '1980-05-06', email, locale }, clerk, null);
    const counters = (id: number) => database.db.selectFrom('case_file').select(['lookup_failures', 'lookup_locked_until']).where('id', '=', id).executeTakeFirstOrThrow();

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

    it('finds a case only by its public reference with a second factor, and says the same for any miss', async () => {
      const { id, number, reference } = await open();
      expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
      expect(await lookup(deps, reference, { idNumber: 'A123456789' })).toEqual({ found: true, caseId: id });
      expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: true, caseId: id });
      // typed in lower case, with spaces and without dashes
      expect(await lookup(deps, ` ${reference.replaceAll('-', '').toLowerCase()} `, { birthDate: '1980-05-06' })).toEqual({ found: true, caseId: id });
      expect(await lookup(deps, reference, { idNumber: 'F131104093' })).toEqual({ found: false });
      expect(await lookup(deps, `${reference}9`, { idNumber: 'A123456789' })).toEqual({ found: false });
      expect(await lookup(deps, reference, {})).toEqual({ found: false });
      // the office's running number is sequential: alone it finds nothing
      expect(await lookup(deps, number, { idNumber: 'A123456789' })).toEqual({ found: false });
      expect(await lookup(deps, number, { birthDate: '1980-05-06' })).toEqual({ found: false });
      // the wrong ID and the missing factor were counted against the case; a right answer clears the count
      expect(await counters(id)).toEqual({ lookup_failures: 2, lookup_locked_until: null });
      expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: true, caseId: id });
      expect(await counters(id)).toEqual({ lookup_failures: 0, lookup_locked_until: null });
    });

    it('gives every case its own reference, stored beside the running number', async () => {
      const a = await open();
      const b = await open();
      expect(a.reference).not.toBe(b.reference);
      const row = await database.db.selectFrom('case_file').select(['number', 'reference']).where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ number: b.number, reference: b.reference });
      expect(normaliseReference('k7qm 4xp2 9d')).toBe('K7QM-4XP2-9D');
      // 0, O, 1 and I are not in the alphabet, so a code with them is not one
      expect(normaliseReference('K7QM-4XP2-9O')).toBe(null);
      expect(normaliseReference('1-1150211-0001')).toBe(null);
    });

    it('locks the look-up of a case for 15 minutes after 5 wrong answers, even for the right answer', async () => {
      const start = now;
      now = new Date('2026-02-11T02:00:00Z');
      try {
        const { id, reference } = await open();
        expect([LOOKUP_MAX_FAILURES, LOOKUP_LOCK_MINUTES]).toEqual([5, 15]);
        for (const birthDate of ['1980-05-07', '1980-05-08', '1980-05-09', '1980-05-10']) {
          expect(await lookup(deps, reference, { birthDate })).toEqual({ found: false });
        }
        expect(await counters(id)).toEqual({ lookup_failures: 4, lookup_locked_until: null });
        expect(await lookup(deps, reference, { birthDate: '1980-05-11' })).toEqual({ found: false });
        expect(await counters(id)).toEqual({ lookup_failures: 5, lookup_locked_until: '2026-02-11T02:15:00.000Z' });
        // the right answer under the lock: a miss like any other, counted, the lock not moved
        expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: false });
        expect(await lookup(deps, reference, { idNumber: 'A123456789' })).toEqual({ found: false });
        now = new Date('2026-02-11T02:14:59.999Z');
        expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: false });
        expect(await counters(id)).toEqual({ lookup_failures: 8, lookup_locked_until: '2026-02-11T02:15:00.000Z' });
        now = new Date('2026-02-11T02:15:00.000Z');
        expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: true, caseId: id });
        expect(await counters(id)).toEqual({ lookup_failures: 0, lookup_locked_until: null });
      } finally {
        now = start;
      }
    });

    it('locks again at the first wrong answer after a lock ran out without a right one', async () => {
      const start = now;
      now = new Date('2026-02-11T02:00:00Z');
      try {
        const { id, reference } = await open();
        for (let i = 0; i < 5; i++) await lookup(deps, reference, { birthDate: '1999-01-01' });
        now = new Date('2026-02-11T02:20:00Z');
        expect(await lookup(deps, reference, { birthDate: '1999-01-01' })).toEqual({ found: false });
        expect(await counters(id)).toEqual({ lookup_failures: 6, lookup_locked_until: '2026-02-11T02:35:00.000Z' });
        expect(await lookup(deps, reference, { birthDate: '1980-05-06' })).toEqual({ found: false });
      } finally {
        now = start;
      }
    });

    it('counts 20 parallel wrong answers as 20 (no lost update)', async () => {
      now = new Date('2026-02-11T02:00:00Z');
      const { id, reference } = await open();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup(deps, reference, { birthDate: `1990-01-${String(i + 1).padStart(2, '0')}` })));
      expect(answers.filter((a) => a.found)).toEqual([]);
      expect(await counters(id)).toEqual({ lookup_failures: 20, lookup_locked_until: '2026-02-11T02:15:00.000Z' });
    });

    // every change of the case, one mail each, with its own subject, in the citizen's language
    const path: CaseState[] = ['review', 'waiting_docs', 'review', 'site_survey', 'approved', 'closed'];
    const expected: Record<Locale, (ref: string) => string[]> = {
      'zh-Hant': (r) => [`案件 ${r}：已收件`, `案件 ${r}：審核中`, `案件 ${r}：待補正文件`, `案件 ${r}：審核中`, `案件 ${r}：現場勘查中`, `案件 ${r}：已核准`, `案件 ${r}：已結案`],
      en: (r) => [
        `Case ${r}: Received`,
        `Case ${r}: Under review`,
        `Case ${r}: Waiting for your documents`,
        `Case ${r}: Under review`,
        `Case ${r}: Site survey`,
        `Case ${r}: Approved`,
        `Case ${r}: Closed`,
      ],
    };
    for (const locale of ['zh-Hant', 'en'] as const) {
      it(`queues one e-mail for each change of a case with an address, in ${locale}`, async () => {
        now = new Date('2026-02-11T02:00:00Z'); // Wednesday: due Monday 2 March (see the first test)
        const { number, reference, id } = await open(`${locale}@example.com`, locale);
        for (const to of path) await moveCase(deps, id, to, to === 'waiting_docs' ? (locale === 'en' ? 'Bring the floor plan.' : '請補平面圖。') : null, clerk, null);
        const jobs = await database.db.selectFrom('job').select(['payload']).where('kind', '=', 'mail.send').where('dedupe_key', 'like', `case:${number}:%`).orderBy('id').execute();
        const mails = jobs.map((j) => JSON.parse(j.payload) as { to: string; subject: string; text: string });
        expect(mails.map((m) => m.subject)).toEqual(expected[locale](reference));
        expect(mails.every((m) => m.to === `${locale}@example.com`)).toBe(true);
        // the public reference, never the running number or the ID number
        expect(jobs.filter((j) => j.payload.includes(number) || j.payload.includes('A123456789'))).toEqual([]);
        const first = mails[0]!.text.split('\n');
        const docs = mails[2]!.text;
        if (locale === 'zh-Hant') {
          expect(first).toEqual([
            `您的案件 ${reference} 目前狀態：已收件。`,
            '預計完成日期：民國115年3月2日（星期一）。',
            '查詢進度：http://localhost:3000/cases/lookup（請輸入案件查詢碼與身分證統一編號或出生日期）',
            '',
            '此信由系統自動寄出，請勿直接回覆。',
          ]);
          expect(docs).toContain('承辦人員說明：請補平面圖。');
        } else {
          expect(first).toEqual([
            `Your case ${reference} is now: Received.`,
            'Expected by: Monday 2 March 2026.',
            'Follow your case: http://localhost:3000/cases/lookup?lang=en (enter the case reference and your ID number or date of birth)',
            '',
            'This message was sent automatically; please do not reply.',
          ]);
          expect(docs).toContain('From the officer: Bring the floor plan.');
        }
      });
    }

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
