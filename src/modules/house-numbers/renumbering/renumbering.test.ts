import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../../test/databases.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { addressKey } from '../address.js';
import type { NoticeFields } from './form.js';
import { readItemLines } from './lines.js';
import { renumberingsForKeys } from './notices.js';
import { createNotice, LineConflict, noticeById, noticesOfOffice, publishNotice, updateNotice, withdrawNotice } from './service.js';
import { countyAndOffice, seedRegister } from './test-fixture.js';

const now = new Date('2026-09-15T02:00:00Z');
const later = new Date('2026-10-01T01:00:00Z');
const fields: NoticeFields = { title: '光明六路門牌整編', villages: ['10004010001'], effectiveOn: '2026-10-01', docNo: '竹北戶字第1150001234號', note: '' };
const key = (road: string, section: string, lane: string, number: string, sub = '') => addressKey({ road, section, lane, alley: '', number, numberSub: sub });

function linesOf(text: string) {
  const read = readItemLines(text);
  if (read.problems.length > 0) throw new Error(JSON.stringify(read.problems));
  return read.items;
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] renumbering notices`, () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let staff: StaffPrincipal;
    let office: { id: number; countyId: number };
    let other: { id: number; countyId: number };
    let points: Map<string, number>;
    const meta = (at = now) => ({ actor: staff, ip: '192.0.2.1', now: at });
    const audit = (id: number) => database.db.selectFrom('audit_log').select(['action', 'office_id']).where('target_type', '=', 'renumbering').where('target_id', '=', String(id)).orderBy('id').execute();

    beforeAll(async () => {
      database = await freshDatabase(kind);
      const a = await countyAndOffice(database.db, 'rn1');
      const b = await countyAndOffice(database.db, 'rn2');
      office = { id: a.officeId, countyId: a.countyId };
      other = { id: b.officeId, countyId: b.countyId };
      points = await seedRegister(database.db, a.countyId, a.officeId);
      staff = { id: 0, username: 'supervisor.test', displayName: '測試課長', role: 'supervisor', countyId: a.countyId, officeId: a.officeId, mustChangePassword: false };
    });
    afterAll(async () => database?.dispose());

    it('stores the list against the register: 段 found when left out, the new number’s current point', async () => {
      const items = linesOf(['光明六路10號 → 光明六路12號', '光明6路10之1 → 光明六路12號之1', '中正路3巷5號 → 中正路二段3巷7號', '中正路5號 → 中正路9號', '光明六路99號 → 光明六路101號'].join('\n'));
      const id = await createNotice(database, office, fields, items, meta());
      const notice = await noticeById(database.db, id);
      expect(notice).toMatchObject({ officeId: office.id, state: 'draft', publishedAt: null, title: fields.title, villages: ['10004010001'], effectiveOn: '2026-10-01' });
      expect(notice?.items).toEqual([
        { oldKey: key('中正路', '', '', '5'), oldLabel: '中正路5號', newLabel: '中正路9號', newPointId: null },
        { oldKey: key('中正路', '二', '3', '5'), oldLabel: '中正路二段3巷5號', newLabel: '中正路二段3巷7號', newPointId: points.get('中正路二段3巷7號') },
        { oldKey: key('光明六路', '', '', '10'), oldLabel: '光明六路10號', newLabel: '光明六路12號', newPointId: points.get('光明六路12號') },
        { oldKey: key('光明六路', '', '', '10', '1'), oldLabel: '光明六路10號之1', newLabel: '光明六路12號之1', newPointId: points.get('光明六路12號之1') },
        { oldKey: key('光明六路', '', '', '99'), oldLabel: '光明六路99號', newLabel: '光明六路101號', newPointId: null },
      ]);
      expect(await audit(id)).toEqual([{ action: 'addresses.renumbering.create', office_id: office.id }]);
    });

    it('refuses two lines that turn out to name one old number, storing nothing', async () => {
      const before = await noticesOfOffice(database.db, office.id);
      const items = linesOf('中正路3巷5號 → 中正路二段3巷7號\n中正路二段3巷5號 → 中正路二段3巷9號');
      const err = await createNotice(database, office, fields, items, meta()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LineConflict);
      expect((err as LineConflict).problems).toEqual([{ line: 2, key: 'duplicate', text: '中正路二段3巷5號', first: 1 }]);
      expect(await noticesOfOffice(database.db, office.id)).toEqual(before);
    });

    it('goes draft → published → withdrawn, once each, and shows only published notices to the look-up', async () => {
      const id = await createNotice(database, office, { ...fields, title: '整編甲' }, linesOf('光明六路10號 → 光明六路12號'), meta());
      const oldKey = key('光明六路', '', '', '10');
      expect(await renumberingsForKeys(database.db, [oldKey])).toEqual([]);

      await publishNotice(database, office, id, meta(later));
      expect(await noticeById(database.db, id)).toMatchObject({ state: 'published', publishedAt: later.toISOString() });
      await expect(publishNotice(database, office, id, meta())).rejects.toMatchObject({ code: 'conflict', messageKey: 'renumbering.err.state' });
      const found = await renumberingsForKeys(database.db, [oldKey, key('無此路', '', '', '1')]);
      expect(found).toEqual([
        { id, officeCode: 'rn1-office', title: '整編甲', effectiveOn: '2026-10-01', docNo: fields.docNo, oldKey, oldLabel: '光明六路10號', newLabel: '光明六路12號', newPointId: points.get('光明六路12號') },
      ]);
      expect(await renumberingsForKeys(database.db, [])).toEqual([]);
      expect(await renumberingsForKeys(database.db, [key('光明六路', '', '', '12')])).toEqual([]);

      // a published notice may be corrected; it stays published
      await updateNotice(database, office, id, { ...fields, title: '整編甲（更正）' }, linesOf('光明六路10號 → 光明六路12號'), meta());
      expect((await renumberingsForKeys(database.db, [oldKey]))[0]?.title).toBe('整編甲（更正）');

      await withdrawNotice(database, office, id, meta());
      expect(await renumberingsForKeys(database.db, [oldKey])).toEqual([]);
      await expect(withdrawNotice(database, office, id, meta())).rejects.toMatchObject({ code: 'conflict' });
      await expect(updateNotice(database, office, id, fields, linesOf('光明六路10號 → 光明六路12號'), meta())).rejects.toMatchObject({ code: 'conflict', messageKey: 'renumbering.err.withdrawn' });
      expect((await audit(id)).map((a) => a.action)).toEqual(['addresses.renumbering.create', 'addresses.renumbering.publish', 'addresses.renumbering.update', 'addresses.renumbering.withdraw']);
    });

    it('keeps another office’s notices its own', async () => {
      const id = await createNotice(database, office, fields, linesOf('光明六路10號 → 光明六路12號'), meta());
      await expect(publishNotice(database, other, id, meta())).rejects.toMatchObject({ code: 'not_found' });
      await expect(updateNotice(database, other, id, fields, linesOf('光明六路10號 → 光明六路14號'), meta())).rejects.toMatchObject({ code: 'not_found' });
      expect(await noticesOfOffice(database.db, other.id)).toEqual([]);
      expect((await noticeById(database.db, id))?.state).toBe('draft');
    });

    it('finds many keys at once, across batches', async () => {
      const text = Array.from({ length: 700 }, (_, i) => `博愛街${i + 1}號 → 博愛街${i + 2001}號`).join('\n');
      const id = await createNotice(database, office, { ...fields, title: '博愛街整編' }, linesOf(text), meta());
      await publishNotice(database, office, id, meta());
      const keys = Array.from({ length: 700 }, (_, i) => key('博愛街', '', '', String(i + 1)));
      const found = await renumberingsForKeys(database.db, keys);
      expect(found).toHaveLength(700);
      expect(new Set(found.map((f) => f.oldKey))).toEqual(new Set(keys));
      expect((await noticeById(database.db, id))?.items.slice(0, 3).map((i) => i.oldLabel)).toEqual(['博愛街1號', '博愛街2號', '博愛街3號']);
    });
  });
}
