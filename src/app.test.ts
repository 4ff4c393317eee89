import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp } from '../test/app.js';

describe('the app shell', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    t = await demoApp('sqlite', {
      clock: () => new Date('2026-11-24T02:00:00Z'),
      routes: (app) =>
        app.get('/boom', async () => {
          throw new Error('secret internals at /srv/huzheng/app.ts:42');
        }),
    });
  });
  afterAll(async () => t?.dispose());

  it('serves the county page with strict security headers and no inline script', async () => {
    const res = await new Agent(t.app).get('/');
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.body).not.toMatch(/\sstyle="/);
    expect(res.body).toContain('<html lang="zh-Hant-TW">');
    expect(res.body).toContain('今天是民國115年11月24日（星期二）');
  });

  it('switches language with ?lang= and remembers it', async () => {
    const a = new Agent(t.app);
    const en = await a.get('/o/zhubei?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Zhubei City Household Registration Office');
    expect(en.body).toContain('Monday to Friday 08:00–17:00 (Wednesday 08:00–20:00)');
    const again = await a.get('/o/jianshi');
    expect(again.body).toContain('<html lang="en">');
  });

  it('answers 404 with a friendly page, and JSON under /api/', async () => {
    const html = await new Agent(t.app).get('/no/such/page');
    expect(html.statusCode).toBe(404);
    expect(html.body).toContain('找不到這個頁面');
    const json = await new Agent(t.app).get('/api/nothing');
    expect(json.statusCode).toBe(404);
    expect(JSON.parse(json.body)).toEqual({ error: { code: 'not_found' } });
    expect((await new Agent(t.app).get('/o/no-such-office')).statusCode).toBe(404);
  });

  it('never shows a stack trace on a 500', async () => {
    const res = await new Agent(t.app).get('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('系統暫時無法處理');
    expect(res.body).not.toContain('secret internals');
    expect(res.body).not.toContain('app.ts');
  });

  it('reports health after a database round trip', async () => {
    const res = await new Agent(t.app).get('/healthz');
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', database: 'sqlite' });
  });

  it('lists every public page with the accesskey help on the sitemap, and finds pages by keyword', async () => {
    const res = await new Agent(t.app).get('/sitemap');
    for (const s of ['Alt+U', 'Alt+C', 'Alt+Z', 'Alt+S', '/privacy', '/open-data', '/o/zhubei/mailbox', '/o/jianshi']) expect(res.body).toContain(s);
    const found = await new Agent(t.app).get(`/search?q=${encodeURIComponent('主任 信箱')}`);
    expect(found.body).toContain('/o/zhubei/mailbox');
    const none = await new Agent(t.app).get(`/search?q=${encodeURIComponent('不存在的東西')}`);
    expect(none.body).toContain('找不到與「不存在的東西」有關的資料');
  });
});
