import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import type { StaffPrincipal } from '../../platform/auth/roles.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { saveItem, type SaveInput } from '../content/service.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { LINK_CHECK_JOB } from './index.js';
import { linksIn } from './links.js';
import { writeSettings } from './service.js';

const NOW = new Date('2026-11-25T02:00:00Z');
const EDITOR: StaffPrincipal = { id: 1, username: 'editor', displayName: 'Editor', role: 'county_admin', countyId: null, officeId: null, mustChangePassword: false };

/** A small site of our own: 200, 404, 500, a redirect to 200, and a page that never answers. */
function outsideSite() {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (req.url === '/error') return res.writeHead(500).end();
    if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/hang') return; // never answers
    res.writeHead(404).end();
  });
  return { server, seen };
}

/** One broken link's row: from its URL to the next row. */
function rowOf(html: string, url: string): string {
  const from = html.indexOf(`<code class="broken-url">${url}</code>`);
  if (from < 0) return '';
  const next = html.indexOf('<code class="broken-url">', from + 1);
  return html.slice(from, next < 0 ? undefined : next);
}

function item(kind: SaveInput['kind'], status: SaveInput['status'], texts: SaveInput['texts']): SaveInput {
  return { id: null, kind, officeId: null, category: kind === 'faq' ? 'other' : 'notice', audience: 'general', status, publishFrom: null, publishUntil: null, marquee: false, guideCode: null, opengov: null, owner: null, reviewOn: null, file: null, texts };
}

/** The broken URLs the page lists, in order. */
const brokenOn = (html: string) => [...html.matchAll(/<code class="broken-url">([^<]+)<\/code>/g)].map((m) => m[1]);

describe('finding links', () => {
  it('takes Markdown links, bare addresses and site paths, never mailto: or tel:', () => {
    expect(linksIn('[申請](/guides/birth) 見 https://www.ris.gov.tw/app#x 或 [信](mailto:a@b.tw)、[電話](tel:035551234)、[外](//evil.example)')).toEqual(['/guides/birth', 'https://www.ris.gov.tw/app']);
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] link check`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    const site = outsideSite();
    let base = '';
    let ids: { news: number; faq: number; draft: number; guide: number };

    const runJob = async () => {
      const handler = t.jobHandlers()[LINK_CHECK_JOB];
      if (!handler) throw new Error('no link check job');
      return new JobWorker(t.database, { handlers: { [LINK_CHECK_JOB]: handler }, clock: () => NOW }).runDue();
    };
    const editor = async () => {
      const s = new Agent(t.app);
      await s.signIn('supervisor.zhubei', DEMO_PASSWORD);
      return s;
    };
    const checkNow = async (s: Agent) => {
      const page = await s.get('/staff/link-check');
      expect((await s.post('/staff/link-check/run', { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
      expect(await runJob()).toBe(1);
      return (await s.get('/staff/link-check')).body;
    };

    beforeAll(async () => {
      await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
      t = await demoApp(kind, { clock: () => NOW });
      const db = t.database.db;
      // the demo's own content and guides are set aside: only what this test writes links anywhere
      await db.updateTable('content_item').set({ status: 'draft' }).execute();
      await db.updateTable('service_guide').set({ active: 0 }).execute();
      const guide = await db.selectFrom('service_guide').select('id').where('office_id', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
      await db.updateTable('service_guide').set({ active: 1, fee_zh: `規費見 ${base}/missing 。` }).where('id', '=', guide.id).execute();
      const news = await saveItem(t.database, item('news', 'published', [
        { locale: 'zh-Hant', title: '連結消息', body: `[好](${base}/ok)、[壞](${base}/missing)、[本站](/faq)、[沒有](/no-such-page)、[信](mailto:a@b.tw)` },
        { locale: 'en', title: 'Links news', body: `[broken](${base}/error) [call](tel:035551234)` },
      ]), EDITOR, null, NOW);
      const faq = await saveItem(t.database, item('faq', 'published', [{ locale: 'zh-Hant', title: '連結問答', body: `轉址 ${base}/moved ，不回應 ${base}/hang` }]), EDITOR, null, NOW);
      const draft = await saveItem(t.database, item('page', 'draft', [{ locale: 'zh-Hant', title: '草稿頁', body: `[草稿](${base}/draft-only) [草稿內部](/draft-missing)` }]), EDITOR, null, NOW);
      ids = { news, faq, draft, guide: guide.id };
    }, 120_000);

    afterAll(async () => {
      await t?.dispose();
      site.server.closeAllConnections();
      await new Promise<void>((r) => site.server.close(() => r()));
    });

    it('with external checks off, requests nothing outside and lists only the broken site path', async () => {
      const s = await editor();
      const html = await checkNow(s);
      expect(site.seen).toEqual([]);
      expect(brokenOn(html)).toEqual(['/no-such-page']);
      expect(html).toContain('另有 5 個外部連結未檢查');
      expect(html).toContain(`href="/staff/content/${ids.news}"`);
      const states = await t.database.db.selectFrom('link_check_link').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').orderBy('state').execute();
      expect(states.map((r) => [r.state, Number(r.n)])).toEqual([['broken', 1], ['ok', 1], ['unchecked', 5]]);
    });

    it('lists exactly the broken links of published items and guides, with where each appears', async () => {
      await writeSettings(t.database.db, { external: true, timeoutMs: 300, concurrency: 3 }, null, NOW);
      const s = await editor();
      const html = await checkNow(s);
      expect(brokenOn(html)).toEqual(['/no-such-page', `${base}/error`, `${base}/hang`, `${base}/missing`]);
      // the 404 appears in a news item (zh) and a guide: both places, each with its edit link
      const missingRow = rowOf(html, `${base}/missing`);
      expect(missingRow).toContain('HTTP 404');
      expect(missingRow).toContain(`href="/staff/content/${ids.news}"`);
      expect(missingRow).toContain(`href="/staff/guides/${ids.guide}"`);
      expect(rowOf(html, `${base}/hang`)).toContain('逾時未回應');
      expect(rowOf(html, `${base}/error`)).toContain('Links news');
      expect(rowOf(html, `${base}/error`)).toContain('HTTP 500');
      expect(rowOf(html, '/no-such-page')).toContain('HTTP 404');
      // ok, missing, error, moved, hang, /faq, /no-such-page: seven distinct, the 404 once however many places
      expect(html).toContain('共 7 個連結，4 個失效');
      // a draft's links are never requested
      expect(site.seen.some((r) => r.includes('draft'))).toBe(false);
      expect(html).not.toContain('/draft-missing');
      // HEAD first; the redirect was followed to the page that answers
      expect(site.seen).toContain('HEAD /moved');
      expect(site.seen).toContain('HEAD /ok');
      expect(html).not.toContain(`${base}/ok<`);
      expect(html).not.toContain(`${base}/moved<`);
      // the site's own pages are asked through the app: /faq is there, /no-such-page is not
      const internal = await t.database.db.selectFrom('link_check_link').select(['url', 'state', 'http_status']).where('internal', '=', 1).orderBy('url').execute();
      expect(internal).toEqual([{ url: '/faq', state: 'ok', http_status: 200 }, { url: '/no-such-page', state: 'broken', http_status: 404 }]);
      // and the editor's home says so
      expect((await s.get('/staff')).body).toContain('有 4 個連結失效');
    });

    it('refuses a second open run, and asks for a CSRF token', async () => {
      const s = await editor();
      const page = await s.get('/staff/link-check');
      expect((await s.post('/staff/link-check/run', {})).statusCode).toBe(403);
      expect((await s.post('/staff/link-check/run', { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
      expect((await s.get('/staff/link-check')).body).toContain('已排入檢查。');
      expect((await s.post('/staff/link-check/run', { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
      expect((await s.get('/staff/link-check')).body).toContain('已有一次檢查排入或進行中。');
      const open = await t.database.db.selectFrom('link_check_run').select('id').where('open', '=', 1).execute();
      expect(open).toHaveLength(1);
      expect((await s.get('/staff/link-check')).body).toContain('已排入檢查，稍後開始。');
      expect(await runJob()).toBe(1);
    });
  });
}
