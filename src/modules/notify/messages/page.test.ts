import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { DEMO_PASSWORD } from '../../staff/index.js';

const NOW = new Date('2026-11-25T02:00:00.000Z');

type Row = { office: string; purpose: string; channel: 'sms' | 'email'; status: 'queued' | 'sent' | 'failed'; parts: number; at: string; error?: string };

// 2026-10-31T16:30Z is 民國115年11月1日 00:30 in Taipei: November's, not October's
const ROWS: Row[] = [
  { office: 'zhubei', purpose: 'birth_instant', channel: 'sms', status: 'sent', parts: 1, at: '2026-10-31T16:30:00.000Z' },
  { office: 'zhubei', purpose: 'birth_instant', channel: 'sms', status: 'sent', parts: 3, at: '2026-11-10T03:00:00.000Z' },
  { office: 'zhubei', purpose: 'birth_instant', channel: 'email', status: 'sent', parts: 1, at: '2026-11-11T03:00:00.000Z' },
  { office: 'zhubei', purpose: 'followup', channel: 'email', status: 'queued', parts: 1, at: '2026-11-20T03:00:00.000Z', error: 'SMTP: EENVELOPE 451' },
  { office: 'zhubei', purpose: 'reminder', channel: 'sms', status: 'failed', parts: 2, at: '2026-11-21T03:00:00.000Z', error: 'SMS: submit_sm refused: ESME_RTHROTTLED 0x00000058' },
  // not November's in Taipei (民國115年10月31日 23:59), and another office's
  { office: 'zhubei', purpose: 'reminder', channel: 'sms', status: 'sent', parts: 1, at: '2026-10-31T15:59:00.000Z' },
  { office: 'jianshi', purpose: 'birth_instant', channel: 'sms', status: 'sent', parts: 1, at: '2026-11-12T03:00:00.000Z' },
];

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] /staff/notify/messages`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
      const offices = await t.database.db.selectFrom('office').select(['id', 'code']).execute();
      const idOf = (code: string) => offices.find((o) => o.code === code)!.id;
      await t.database.db
        .insertInto('citizen_message')
        .values(
          ROWS.map((r, i) => ({
            office_id: idOf(r.office),
            case_id: null,
            reminder_id: null,
            purpose: r.purpose,
            channel: r.channel,
            // what is left of a queued message: sealed, never shown
            to_enc: r.status === 'queued' ? t.services.vault.encrypt('0912345678') : null,
            body_enc: r.status === 'queued' ? t.services.vault.encrypt(JSON.stringify({ text: '秘密內容' })) : null,
            parts: r.parts,
            status: r.status,
            attempts: r.status === 'queued' ? 1 : r.status === 'failed' ? 6 : 1,
            last_error: r.error ?? null,
            provider_id: r.status === 'sent' ? `hz${i}` : null,
            dedupe_key: `page-test:${i}`,
            created_at: r.at,
            sent_at: r.status === 'sent' ? r.at : null,
          })),
        )
        .execute();
    });
    afterAll(async () => t?.dispose());

    const signedIn = async (user: string) => {
      const a = new Agent(t.app);
      await a.signIn(user, DEMO_PASSWORD);
      return a;
    };

    it("shows a supervisor the month's counts, which add up to the list, and never a number or a text", async () => {
      const a = await signedIn('supervisor.zhubei');
      const res = await a.get('/staff/notify/messages');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('民國115年11月');
      // five of zhubei's in November (Taipei time); October's and jianshi's are not here
      expect(html).toContain('共 5 則訊息。');
      const listRows = html.slice(html.indexOf('訊息清單')).match(/<tr>/g) ?? [];
      expect(listRows.length - 1).toBe(5);
      // the counts' last line: sent 3, waiting 1, failed 1, total 5, SMS parts 1 + 3 + 2
      const sum = /<tr><td><strong>合計<\/strong><\/td>(.*?)<\/tr>/s.exec(html)?.[1] ?? '';
      expect([...sum.matchAll(/<td class="num">(?:<strong>)?(\d+)/g)].map((m) => Number(m[1]))).toEqual([3, 1, 1, 5, 6]);
      expect(html).toContain('出生即時通・簡訊');
      expect(html).toContain('後續服務一覽表・電子郵件');
      expect(html).toContain('主動提醒・簡訊');
      expect(html).toContain('民國115年11月1日 00:30');
      expect(html).toContain('簡訊業者拒收（ESME_RTHROTTLED）');
      expect(html).toContain('郵件伺服器未收下（EENVELOPE 451）');
      expect(html).not.toMatch(/0912345678|秘密內容|912-?345/);
    });

    it('shows another month, and the county account the office it picks', async () => {
      const a = await signedIn('supervisor.zhubei');
      const october = await a.get('/staff/notify/messages?month=2026-10');
      expect(october.body).toContain('共 1 則訊息。');
      expect(october.body).toContain('民國115年10月31日 23:59');
      const county = await signedIn('county');
      const jianshi = await county.get('/staff/notify/messages?office=jianshi&month=2026-11');
      expect(jianshi.statusCode).toBe(200);
      expect(jianshi.body).toMatch(/<option[^>]*selected[^>]*>[^<]*尖石/);
      expect(jianshi.body).toContain('共 1 則訊息。');
      // a supervisor cannot look at another office by asking for it
      const asked = await a.get('/staff/notify/messages?office=jianshi&month=2026-11');
      expect(asked.body).toContain('共 5 則訊息。');
    });

    it('says so when a month has no messages, and refuses a clerk', async () => {
      const a = await signedIn('supervisor.zhubei');
      const empty = await a.get('/staff/notify/messages?month=2026-09');
      expect(empty.body).toContain('這個月沒有給民眾的訊息。');
      const clerk = await signedIn('clerk.zhubei');
      expect((await clerk.get('/staff/notify/messages')).statusCode).toBe(403);
    });
  });
}
