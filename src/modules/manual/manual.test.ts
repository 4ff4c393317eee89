import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { writeTransaction } from '../../db/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { findRuling, listRulings, seedManual } from './index.js';
import { rulingSchema } from './model.js';
import * as manual from './service.js';

const START = new Date('2026-11-25T02:00:00Z');
const SEEDED = new Date('2026-10-10T02:00:00Z');
const PDF = (size: number) => {
  const head = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 6), 0x20), Buffer.from('\n%%EOF')]);
};
const ruling = (number: string, subject = '測試主旨') => rulingSchema.parse({ number, issuedOn: '2026-09-01', issuer: '內政部', subject, body: '測試全文', tags: '測試', links: [] });

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] work manual and rulings library`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const now = START;

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      const db = t.database.db;
      // the demo may or may not seed this module: start from the module's own seed, in October
      for (const table of ['manual_attachment', 'manual_ruling_rev', 'manual_ruling', 'manual_procedure_rev', 'manual_procedure'] as const) await db.deleteFrom(table).execute();
      await writeTransaction(t.database, (trx) => seedManual(trx, SEEDED));
    });
    afterAll(async () => t?.dispose());

    async function signIn(user: string) {
      const a = new Agent(t.app);
      await a.signIn(user, DEMO_PASSWORD);
      return a;
    }

    it('the seed: five procedures and eight rulings, each with its first revision; the quiz can look them up', async () => {
      const db = t.database.db;
      expect((await db.selectFrom('manual_procedure').select('guide_code').execute()).map((r) => r.guide_code).sort()).toEqual(['birth', 'death', 'marriage', 'move-in', 'transcript']);
      expect(await db.selectFrom('manual_procedure_rev').select('id').execute()).toHaveLength(5);
      const all = await listRulings(db);
      expect(all).toHaveLength(8);
      expect(all.every((r) => r.body.includes('示範'))).toBe(true);
      expect((await findRuling(db, all[0]!.id))?.number).toBe(all[0]!.number);
      expect(await findRuling(db, 999_999)).toBeNull();
    });

    it('creating and editing a procedure keeps each revision; the revisions page shows what changed', async () => {
      const a = await signIn('county');
      const form = await a.get('/staff/manual/procedures/new');
      expect(form.statusCode).toBe(200);
      const made = await a.post('/staff/manual/procedures', { _csrf: csrfOf(form.body), guideCode: 'divorce', scope: 'county', title: '離婚登記作業程序', steps: '1. 核對雙方身分\n2. 審查離婚協議書', checks: '證人二人', mistakes: '', basis: '民法第1050條' });
      expect(made.statusCode).toBe(303);
      const id = Number(/procedures\/(\d+)/.exec(made.headers.location as string)?.[1]);
      const page = await a.get(`/staff/manual/procedures/${id}`);
      expect(page.body).toContain('<ol>');
      expect(page.body).toContain('href="/guides/divorce"');
      const edit = await a.get(`/staff/manual/procedures/${id}/edit`);
      const saved = await a.post(`/staff/manual/procedures/${id}`, { _csrf: csrfOf(edit.body), revision: '1', title: '離婚登記作業程序', steps: '1. 核對雙方身分\n2. 確認協議書證人簽名', checks: '證人二人', mistakes: '', basis: '民法第1050條' });
      expect(saved.statusCode).toBe(303);
      const revs = await t.database.db.selectFrom('manual_procedure_rev').select(['revision', 'steps', 'saved_by']).where('procedure_id', '=', id).orderBy('revision').execute();
      expect(revs.map((r) => r.revision)).toEqual([1, 2]);
      expect(revs[0]!.steps).toContain('審查離婚協議書');
      expect(revs[1]!.saved_by).not.toBeNull();
      const history = await a.get(`/staff/manual/procedures/${id}/revisions`);
      expect(history.body).toContain('第 2 版');
      expect(history.body).toContain('<del>- 2. 審查離婚協議書');
      expect(history.body).toContain('<ins>+ 2. 確認協議書證人簽名');
      // a save from the old revision is refused, not silently written over
      const stale = await a.post(`/staff/manual/procedures/${id}`, { _csrf: csrfOf(edit.body), revision: '1', title: '舊的', steps: 'x', checks: '', mistakes: '', basis: '' });
      expect(stale.statusCode).toBe(409);
      expect(await t.database.db.selectFrom('manual_procedure_rev').select('id').where('procedure_id', '=', id).execute()).toHaveLength(2);
    });

    it('a used 字號 is refused beside the number field with the typed values kept; two creates at once make one row', async () => {
      const a = await signIn('supervisor.zhubei');
      const form = await a.get('/staff/manual/rulings/new');
      const before = (await listRulings(t.database.db)).length;
      // full-width digits fold to the stored number
      const res = await a.post('/staff/manual/rulings', { _csrf: csrfOf(form.body), number: '內授中戶字第１１４０９０００01號', issuedOn: '114/12/1', issuer: '內政部', subject: '我打的主旨', body: '我打的全文', tags: '甲、乙' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('這個字號已經登錄過');
      expect(res.body).toMatch(/id="f-number-error"/);
      expect(res.body).toContain('value="我打的主旨"');
      expect(res.body).toContain('我打的全文');
      expect((await listRulings(t.database.db)).length).toBe(before);
      const raced = await Promise.allSettled([0, 1].map(() => manual.saveRuling(t.database, null, ruling('內授中戶字第1159999999號'), null, null, now)));
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rows = await t.database.db.selectFrom('manual_ruling').select('id').where('number', '=', '內授中戶字第1159999999號').execute();
      expect(rows).toHaveLength(1);
      expect(await t.database.db.selectFrom('manual_ruling_rev').select('id').where('ruling_id', '=', rows[0]!.id).execute()).toHaveLength(1);
    });

    it('search finds a ruling by a word of its full text, by its 字號, and from a Simplified query; filters by issuer', async () => {
      const a = await signIn('clerk.zhubei');
      const word = await a.get(`/staff/manual/search?q=${encodeURIComponent('最後一次出境')}`);
      expect(word.body).toContain('遷出國外兩年逕為遷出登記之計算');
      expect(word.body).toContain('<mark>');
      const num = await a.get(`/staff/manual/search?q=${encodeURIComponent('內授中戶字第1140900003號')}`);
      expect(num.body).toContain('戶籍謄本利害關係人之認定');
      const simplified = await a.get(`/staff/manual/search?q=${encodeURIComponent('身份证')}`);
      expect(simplified.body).toContain('身分證遺失補領');
      const filtered = await a.get(`/staff/manual/search?q=${encodeURIComponent('結婚登記')}&issuer=${encodeURIComponent('新竹縣政府')}`);
      expect(filtered.body).toContain('假日結婚登記服務');
      expect(filtered.body).not.toContain('外籍配偶居留證於結婚登記之查驗');
      // a save drops the index: the new ruling is found at once
      await manual.saveRuling(t.database, null, { ...ruling('內授中戶字第1158888888號', '門牌整編之通知'), body: '獨一無二的詞彙鯨魚' }, null, null, now);
      const { announceManualChange } = await import('./search.js');
      await announceManualChange(t.services);
      expect((await a.get(`/staff/manual/search?q=${encodeURIComponent('鯨魚')}`)).body).toContain('門牌整編之通知');
    });

    it('a clerk reads the manual and the rulings but may not write (403 on POST)', async () => {
      const a = await signIn('clerk.zhubei');
      const home = await a.get('/staff/manual');
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain('/staff/manual/procedures/new');
      const list = await a.get('/staff/manual/rulings');
      expect(list.statusCode).toBe(200);
      const csrf = csrfOf(home.body);
      expect((await a.post('/staff/manual/procedures', { _csrf: csrf, guideCode: 'seal', title: 'x', steps: 'x' })).statusCode).toBe(403);
      expect((await a.post('/staff/manual/rulings', { _csrf: csrf, number: '內授中戶字第1157777777號' })).statusCode).toBe(403);
      const first = (await listRulings(t.database.db))[0]!;
      expect((await a.post(`/staff/manual/rulings/${first.id}`, { _csrf: csrf })).statusCode).toBe(403);
      expect((await a.get(`/staff/manual/rulings/${first.id}/edit`)).statusCode).toBe(403);
    });

    it('what changed in a month: exactly the hand-counted items, Taipei days, newest first', async () => {
      const db = t.database;
      const at = (iso: string) => new Date(iso);
      // 2026-08-31T15:30Z is 31 August 23:30 in Taipei (not September); 16:30Z is 1 September 00:30 (September)
      await manual.saveRuling(db, null, ruling('內授中戶字第1150831001號', '八月底'), null, null, at('2026-08-31T15:30:00Z'));
      await manual.saveRuling(db, null, ruling('內授中戶字第1150901001號', '九月一日'), null, null, at('2026-08-31T16:30:00Z'));
      await manual.saveRuling(db, null, ruling('內授中戶字第1150902001號', '九月二日'), null, null, at('2026-09-02T01:00:00Z'));
      const input = { guideCode: 'seal', title: '印鑑登記作業程序', steps: '1. 核對身分', checks: '', mistakes: '', basis: '' };
      const pid = await manual.saveProcedure(db, null, null, input, null, at('2026-09-15T03:00:00Z'));
      await manual.saveProcedure(db, pid, null, { ...input, steps: '1. 核對身分\n2. 留存印模' }, null, at('2026-09-20T03:00:00Z'));
      // October: a revision of another procedure, not September's
      await manual.saveProcedure(db, pid, null, { ...input, steps: '1. 核對本人身分' }, null, at('2026-10-01T03:00:00Z'));
      const a = await signIn('clerk.zhubei');
      const sep = await a.get('/staff/manual/changes?month=2026-09');
      const listed = [...sep.body.matchAll(/data-kind="(\w+)">[^<]*<a href="([^"]+)">([^<]+)</g)].map((m) => `${m[1]}:${m[3]}`);
      expect(listed).toEqual(['procedure:印鑑登記作業程序', 'procedure:印鑑登記作業程序', 'ruling:內授中戶字第1150902001號　九月二日', 'ruling:內授中戶字第1150901001號　九月一日']);
      expect(sep.body).toContain('（第 2 版）');
      // the default month is the clock's: November holds this file's November saves, none of September's
      const nov = await a.get('/staff/manual/changes');
      expect(nov.body).toContain('民國115年11月');
      expect(nov.body).not.toContain('九月二日');
      expect(nov.body).toContain('離婚登記作業程序');
    });

    it('an attachment over 5 MB is refused beside the file field and nothing is stored; a small PDF is kept and downloads', async () => {
      const a = await signIn('supervisor.zhubei');
      const form = await a.get('/staff/manual/rulings/new');
      const fields = { _csrf: csrfOf(form.body), number: '內授中戶字第1156666666號', issuedOn: '2026-11-20', issuer: '內政部戶政司', subject: '附件測試', body: '全文' };
      const big = await a.postMultipart('/staff/manual/rulings', fields, { field: 'file', name: 'big.pdf', type: 'application/pdf', bytes: PDF(5 * 1024 * 1024 + 1) });
      expect(big.statusCode).toBe(422);
      expect(big.body).toContain('附件太大，最大 5 MB。');
      expect(big.body).toContain('value="附件測試"');
      expect(await t.database.db.selectFrom('manual_ruling').select('id').where('number', '=', fields.number).execute()).toHaveLength(0);
      const ok = await a.postMultipart('/staff/manual/rulings', { ...fields, _csrf: csrfOf(big.body) }, { field: 'file', name: 'ruling.pdf', type: 'application/pdf', bytes: PDF(2048) });
      expect(ok.statusCode).toBe(303);
      const page = await a.get(ok.headers.location as string);
      const href = /href="(\/staff\/manual\/attachments\/\d+)"/.exec(page.body)?.[1];
      expect(href).toBeDefined();
      const file = await a.get(href!);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.length).toBe(2048);
    });
  });
}
