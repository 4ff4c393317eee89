import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn, freshDatabase } from '../../../../test/databases.js';
import type { Database } from '../../../db/index.js';
import type { StaffPrincipal } from '../../../platform/auth/roles.js';
import { createVault } from '../../../platform/identity/index.js';
import { translator } from '../../../platform/i18n/index.js';
import { DEMO_PASSWORD } from '../../staff/index.js';
import { signWebhook, verifyWebhook } from '../body.js';
import { parseRecipientForm, valuesOf } from './form.js';
import { recipientsService } from './index.js';
import { inputOf } from './model.js';
import { seedRecipients } from './seed.js';
import { createRecipient, setActive } from './service.js';
import { Jar, pairsOf } from './test-jar.js';

const now = new Date('2026-12-02T02:00:00Z');
const LIST = '/staff/notify/recipients';
const zh = translator('zh-Hant');
const en = translator('en');
const fieldError = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1] ?? null;
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const shownSecret = (body: string) => /id="secret-once"[^>]*>([^<]+)</.exec(body)?.[1] ?? null;

const batchForm = (code: string): Record<string, string | string[]> => ({
  code,
  name: '測試自來水公司',
  nameEn: 'Test Water',
  sector: 'water',
  channel: 'batch',
  email: '',
  webhookUrl: '',
  events: ['move', 'death'],
  fields: ['address'],
  ackDays: '14',
  contactName: '王承辦',
  contactPhone: '03-555-0101',
  contactEmail: '',
});

async function countyWithRecipients(database: Database, code: string, vault = createVault(randomBytes(32))) {
  const c = await database.db.insertInto('county').values({ code, name_zh: '測試縣', name_en: 'Test County', website: null }).returning('id').executeTakeFirstOrThrow();
  await seedRecipients(database.db, c.id, vault, now);
  return { countyId: c.id, vault };
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the registry's service`, () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let admin: StaffPrincipal;
    beforeAll(async () => {
      database = await freshDatabase(kind);
      admin = { id: 0, username: 'system', displayName: 'system', role: 'county_admin', countyId: null, officeId: null, mustChangePassword: false };
    });
    afterAll(async () => database?.dispose());

    it('gives the active recipients that accept an event, by sector then name, lists parsed', async () => {
      const { countyId, vault } = await countyWithRecipients(database, 'c1');
      const codes = async (event: Parameters<typeof recipientsService.recipientsFor>[2]) => (await recipientsService.recipientsFor(database.db, countyId, event)).map((r) => r.code);
      expect(await codes('death')).toEqual(['zhubei-land', 'ntbna-hsinchu', 'county-tax', 'mvo-hsinchu', 'nhia-north', 'bli', 'twc-3', 'taipower-hsinchu', 'cht', 'lia-roc']);
      expect(await codes('birth')).toEqual(['nhia-north', 'hccg-social']);
      expect(await codes('marriage')).toEqual(['ntbna-hsinchu', 'nhia-north']);
      const [water] = await recipientsService.recipientsFor(database.db, countyId, 'move').then((l) => l.filter((r) => r.code === 'twc-3'));
      expect(water).toMatchObject({ channel: 'batch', events: ['move', 'name_change', 'death'], fields: ['name', 'event_date', 'address', 'previous_name'], active: true });

      // retired: off the list, still found by id (old notices point at it)
      await setActive({ database, vault }, countyId, water!.id, false, { actor: admin, ip: null, now });
      expect(await codes('move')).not.toContain('twc-3');
      expect((await recipientsService.recipientById(database.db, water!.id))?.active).toBe(false);
      expect(await recipientsService.recipientById(database.db, 999_999)).toBeNull();

      // another county's registry is its own
      const other = await countyWithRecipients(database, 'c2');
      expect((await recipientsService.recipientsFor(database.db, other.countyId, 'move')).map((r) => r.countyId)).not.toContain(countyId);
    });

    it('seeds agencies its own form accepts, and webhook secrets only encrypted', async () => {
      const { countyId, vault } = await countyWithRecipients(database, 'c3');
      const all = await recipientsService.listRecipients(database.db, countyId);
      expect(all.map((r) => r.channel).sort()).toEqual(['batch', 'batch', 'batch', 'batch', 'batch', 'email', 'email', 'email', 'email', 'webhook', 'webhook']);
      for (const r of all) {
        const v = valuesOf(r.code, inputOf(r));
        const body = { ...v, events: r.events, fields: r.fields };
        const parsed = parseRecipientForm(body, true);
        expect(parsed.ok ? parsed.input : parsed.state.errors).toEqual(inputOf(r));
        if (r.channel === 'webhook') {
          const secret = recipientsService.webhookSecret(vault, r);
          expect(secret).toMatch(SECRET_SHAPE);
          expect(r.secretEnc).not.toContain(secret);
          // what the delivery signs with, the agency verifies with
          expect(verifyWebhook(secret!, signWebhook(secret!, 1_800_000_000, '{}'), '{}', 1_800_000_000)).toBe(true);
        } else expect(recipientsService.webhookSecret(vault, r)).toBeNull();
      }
    });

    it('keeps a code unique within a county, and lets another county use it', async () => {
      const { countyId, vault } = await countyWithRecipients(database, 'c4');
      const parsed = parseRecipientForm(batchForm('zhubei-land'), true);
      if (!parsed.ok) throw new Error('form refused');
      await expect(createRecipient({ database, vault }, countyId, 'zhubei-land', parsed.input, { actor: admin, ip: null, now })).rejects.toMatchObject({ code: 'conflict', fields: [{ field: 'code' }] });
      const c5 = await database.db.insertInto('county').values({ code: 'c5', name_zh: '另一縣', name_en: 'Another', website: null }).returning('id').executeTakeFirstOrThrow();
      await expect(createRecipient({ database, vault }, c5.id, 'zhubei-land', parsed.input, { actor: admin, ip: null, now })).resolves.toMatchObject({ secret: null });
    });
  });
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the registry's pages`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let admin: Jar;
    let token: string;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      admin = new Jar(t.app);
      token = await admin.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    const rowOf = (code: string) => t.database.db.selectFrom('notify_recipient').selectAll().where('code', '=', code).executeTakeFirst();
    const count = async () => Number((await t.database.db.selectFrom('notify_recipient').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const audits = (targetId: number) =>
      t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'notify_recipient').where('target_id', '=', String(targetId)).orderBy('id').execute();
    const create = (form: Record<string, string | string[]>, url = `${LIST}/new`) => admin.post(url, pairsOf(form), token);

    it('refuses each bad field with its message beside it, keeps what was typed and stores nothing', async () => {
      const cases: [Partial<Record<string, string | string[]>>, string, string][] = [
        [{ code: '' }, 'code', 'err.required'],
        [{ code: 'Tax Office!' }, 'code', 'notify.recipients.err.code'],
        [{ code: 'x'.repeat(41) }, 'code', 'err.tooLong'],
        [{ name: '  ' }, 'name', 'err.required'],
        [{ sector: 'nowhere' }, 'sector', 'err.choice'],
        [{ channel: 'fax' }, 'channel', 'err.choice'],
        [{ channel: 'email', email: '' }, 'email', 'err.required'],
        [{ channel: 'email', email: 'not-an-address' }, 'email', 'err.email'],
        [{ channel: 'webhook', webhookUrl: '' }, 'webhookUrl', 'err.required'],
        [{ channel: 'webhook', webhookUrl: 'http://tax.example.gov.tw/hook' }, 'webhookUrl', 'notify.recipients.err.webhookUrl'],
        [{ channel: 'webhook', webhookUrl: 'https://user:pw@tax.example.gov.tw/hook' }, 'webhookUrl', 'notify.recipients.err.webhookUrl'],
        [{ channel: 'webhook', webhookUrl: 'ftp://tax.example.gov.tw/' }, 'webhookUrl', 'notify.recipients.err.webhookUrl'],
        [{ events: [] }, 'events', 'notify.recipients.err.events'],
        [{ events: ['move', 'funeral'] }, 'events', 'err.choice'],
        [{ fields: ['blood_type'] }, 'fields', 'err.choice'],
        [{ ackDays: '0' }, 'ackDays', 'notify.recipients.err.ackDays'],
        [{ ackDays: '61' }, 'ackDays', 'notify.recipients.err.ackDays'],
        [{ ackDays: '7.5' }, 'ackDays', 'notify.recipients.err.ackDays'],
        [{ ackDays: '' }, 'ackDays', 'err.required'],
        [{ contactName: '' }, 'contactName', 'err.required'],
        [{ contactPhone: '12345' }, 'contactPhone', 'notify.recipients.err.phone'],
        [{ contactEmail: 'x@' }, 'contactEmail', 'err.email'],
      ];
      const before = await count();
      for (const [change, field, key] of cases) {
        const form = { ...batchForm('bad-field'), name: '留著的名稱', ...change } as Record<string, string | string[]>;
        const res = await create(form);
        expect(res.statusCode, `${field} ${JSON.stringify(change)}`).toBe(422);
        expect(fieldError(res.body, field), field).toBe(zh(key, { max: 40 }));
        if (field !== 'name') expect(res.body).toContain('value="留著的名稱"');
      }
      expect(await count()).toBe(before);

      // several at once, all beside their fields, in English too
      const many = await create({ ...batchForm(''), channel: 'email', email: 'nope', ackDays: '99' }, `${LIST}/new?lang=en`);
      expect(many.statusCode).toBe(422);
      expect([fieldError(many.body, 'code'), fieldError(many.body, 'email'), fieldError(many.body, 'ackDays')]).toEqual([en('err.required'), en('err.email'), en('notify.recipients.err.ackDays')]);
      expect(await count()).toBe(before);
      await admin.get(`${LIST}?lang=zh-Hant`);
    });

    it('stores a valid recipient, name and event date always among its fields, other channels’ addresses dropped', async () => {
      const res = await create({ ...batchForm('T-Water'), email: 'ignored@example.gov.tw' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(LIST);
      const row = await rowOf('t-water');
      expect(row).toMatchObject({ name: '測試自來水公司', channel: 'batch', email: null, webhook_url: null, secret_enc: null, events: '["move","death"]', fields: '["name","event_date","address"]', ack_days: 14, active: 1 });
      expect((await audits(row!.id)).map((a) => a.action)).toEqual(['notify.recipients.create']);
      const list = await admin.get(LIST);
      expect(list.body).toContain('已新增通報機關「測試自來水公司」。');
      expect(list.body).toContain('測試自來水公司');
    });

    it('answers 409 beside the code when the county already has it', async () => {
      await create(batchForm('t-dup'));
      const again = await create({ ...batchForm('t-dup'), name: '第二個' });
      expect(again.statusCode).toBe(409);
      expect(fieldError(again.body, 'code')).toBe(zh('notify.recipients.err.codeTaken'));
      expect(again.body).toContain('value="第二個"');
      expect((await t.database.db.selectFrom('notify_recipient').select('name').where('code', '=', 't-dup').execute()).map((r) => r.name)).toEqual(['測試自來水公司']);
    });

    it('makes a webhook secret, stores it encrypted and shows it once, never in a URL or the audit log', async () => {
      const res = await create({ ...batchForm('t-hook'), channel: 'webhook', webhookUrl: 'http://127.0.0.1:9/hook' });
      expect(res.statusCode).toBe(303);
      const row = (await rowOf('t-hook'))!;
      expect(res.headers.location).toBe(`${LIST}/${row.id}`);
      const flashCookie = admin.cookies.get('hz_flash');
      expect(flashCookie).toBeDefined();

      const page = await admin.get(`${LIST}/${row.id}`);
      const secret = shownSecret(page.body);
      expect(secret).toMatch(SECRET_SHAPE);
      expect(row.secret_enc).not.toContain(secret!);
      expect(t.services.vault.decrypt(row.secret_enc!)).toBe(secret);
      expect(decodeURIComponent(flashCookie!)).not.toContain(secret!);
      expect(page.body).toContain('x-huzheng-signature');
      expect(page.headers['cache-control']).toBe('no-store');

      expect(shownSecret((await admin.get(`${LIST}/${row.id}`)).body)).toBeNull();
      // the same flash cookie sent again shows nothing: the one-time record was used
      admin.cookies.set('hz_flash', flashCookie!);
      const replay = await admin.get(`${LIST}/${row.id}`);
      expect(shownSecret(replay.body)).toBeNull();
      expect(replay.body).not.toContain(secret!);

      // rotate: a new one, shown once, the old one gone
      const rotated = await admin.post(`${LIST}/${row.id}/rotate`, [], token);
      expect(rotated.statusCode).toBe(303);
      expect(rotated.headers.location).not.toContain(secret!);
      const second = shownSecret((await admin.get(`${LIST}/${row.id}`)).body);
      expect(second).toMatch(SECRET_SHAPE);
      expect(second).not.toBe(secret);
      expect(t.services.vault.decrypt((await rowOf('t-hook'))!.secret_enc!)).toBe(second);

      const log = await audits(row.id);
      expect(log.map((a) => a.action)).toEqual(['notify.recipients.create', 'notify.recipients.rotate']);
      for (const a of log) for (const s of [secret!, second!]) expect(a.detail ?? '').not.toContain(s);

      // a batch recipient has no secret to rotate
      const batch = (await rowOf('t-water'))!;
      expect((await admin.post(`${LIST}/${batch.id}/rotate`, [], token)).statusCode).toBe(400);
    });

    it('saves an edit with the changed field names in the audit, and drops the secret when leaving the webhook channel', async () => {
      const row = (await rowOf('t-hook'))!;
      const form: Record<string, string | string[]> = { ...batchForm('ignored'), name: '測試監理所', channel: 'batch', events: ['move'], ackDays: '9' };
      delete form.code;
      const res = await admin.post(`${LIST}/${row.id}`, pairsOf(form), token);
      expect(res.statusCode).toBe(303);
      const after = (await rowOf('t-hook'))!;
      expect(after).toMatchObject({ code: 't-hook', name: '測試監理所', channel: 'batch', webhook_url: null, secret_enc: null, ack_days: 9 });
      const update = (await audits(row.id)).at(-1)!;
      expect(update.action).toBe('notify.recipients.update');
      expect(JSON.parse(update.detail!).changed).toEqual(['name', 'channel', 'webhookUrl', 'events', 'ackDays']);

      // back to webhook: a new secret, shown on the edit page
      const back = await admin.post(`${LIST}/${row.id}`, pairsOf({ ...form, channel: 'webhook', webhookUrl: 'https://mv.example.gov.tw/h' }), token);
      expect(back.headers.location).toBe(`${LIST}/${row.id}`);
      expect(shownSecret((await admin.get(`${LIST}/${row.id}`)).body)).toMatch(SECRET_SHAPE);

      const bad = await admin.post(`${LIST}/${row.id}`, pairsOf({ ...form, ackDays: '0' }), token);
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('<code>t-hook</code>');
    });

    it('retires and restores, never deletes', async () => {
      const row = (await rowOf('t-water'))!;
      const before = await count();
      expect((await admin.post(`${LIST}/${row.id}/retire`, [], token)).statusCode).toBe(303);
      expect((await rowOf('t-water'))!.active).toBe(0);
      expect(await count()).toBe(before);
      const countyId = row.county_id;
      expect((await recipientsService.recipientsFor(t.database.db, countyId, 'move')).map((r) => r.code)).not.toContain('t-water');
      const list = await admin.get(LIST);
      expect(list.body).toContain(zh('notify.recipients.retiredHeading'));
      expect(list.body).toContain(`${LIST}/${row.id}/restore`);

      expect((await admin.post(`${LIST}/${row.id}/restore`, [], token)).statusCode).toBe(303);
      expect((await rowOf('t-water'))!.active).toBe(1);
      expect((await recipientsService.recipientsFor(t.database.db, countyId, 'move')).map((r) => r.code)).toContain('t-water');
      expect((await audits(row.id)).map((a) => a.action).slice(-2)).toEqual(['notify.recipients.retire', 'notify.recipients.restore']);
    });

    it('lets a supervisor read the list only, and gives a clerk 403 everywhere', async () => {
      const id = (await rowOf('t-water'))!.id;
      const supervisor = new Jar(t.app);
      const supToken = await supervisor.signIn('supervisor.zhubei', DEMO_PASSWORD);
      const list = await supervisor.get(LIST);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('測試自來水公司');
      expect(list.body).not.toContain(`${LIST}/new`);
      expect(list.body).not.toContain(`${LIST}/${id}/retire`);

      const clerk = new Jar(t.app);
      const clerkToken = await clerk.signIn('clerk.zhubei', DEMO_PASSWORD);
      expect((await clerk.get(LIST)).statusCode).toBe(403);
      for (const [who, token] of [
        [clerk, clerkToken],
        [supervisor, supToken],
      ] as const) {
        expect((await who.get(`${LIST}/new`)).statusCode).toBe(403);
        expect((await who.get(`${LIST}/${id}`)).statusCode).toBe(403);
        expect((await who.post(`${LIST}/new`, pairsOf(batchForm('t-clerk')), token)).statusCode).toBe(403);
        expect((await who.post(`${LIST}/${id}`, pairsOf(batchForm('t-clerk')), token)).statusCode).toBe(403);
        for (const step of ['retire', 'restore', 'rotate']) expect((await who.post(`${LIST}/${id}/${step}`, [], token)).statusCode).toBe(403);
      }
      expect(await rowOf('t-clerk')).toBeUndefined();
      expect((await rowOf('t-water'))!.active).toBe(1);
    });
  });
}

describe('the webhook address', () => {
  it('is https to a named host, or http to this machine only', () => {
    const ok = (u: string) => parseRecipientForm({ ...batchForm('x'), channel: 'webhook', webhookUrl: u }, true).ok;
    expect(['https://tax.example.gov.tw/h', 'https://127.0.0.1:8443/h', 'http://127.0.0.1:9/h', 'http://localhost:3000/h', 'http://[::1]/h'].filter((u) => !ok(u))).toEqual([]);
    expect(['http://tax.example.gov.tw/h', 'http://10.0.0.1/h', 'https://intranet/h', 'https://a.example.gov.tw/h#x', 'javascript:alert(1)', 'https://u@a.example.gov.tw/'].filter(ok)).toEqual([]);
  });
});
