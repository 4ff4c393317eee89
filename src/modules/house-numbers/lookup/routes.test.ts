import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../../test/databases.js';
import { insertLookupFixture } from './fixture.js';

/** The public look-up over HTTP on both databases: forms, results, the point page with its map, office scope, bad input. */

/** Every visible input, select and textarea of a page has a <label for> naming it. */
function unlabelled(html: string): string[] {
  const fields = [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter((m) => !/type="hidden"/.test(m[2]!)).map((m) => /\bid="([^"]+)"/.exec(m[2]!)?.[1] ?? '(no id)');
  return fields.filter((id) => !html.includes(`<label for="${id}"`));
}
const h1s = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const q = (s: string) => encodeURIComponent(s);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] house-number look-up pages`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let ids: Record<string, number> = {};
    let a: Agent;
    let noticeId = 0;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-24T02:00:00Z') });
      const db = t.database.db;
      const county = await db.selectFrom('county').select('id').executeTakeFirstOrThrow();
      const office = async (code: string) => (await db.selectFrom('office').select('id').where('code', '=', code).executeTakeFirst())?.id ?? null;
      ids = await insertLookupFixture(db, county.id, { zhubei: await office('zhubei'), jianshi: await office('jianshi') });
      // a published renumbering notice: one old number in the register, one not (yet)
      const at = '2024-04-01T00:00:00.000Z';
      const notice = await db
        .insertInto('renumbering')
        .values({ office_id: (await office('zhubei'))!, title: '光明路門牌整編', villages: '["10004010001"]', effective_on: '2024-05-01', doc_no: '府民戶字第1130012345號', note: '', state: 'published', published_at: at, created_by: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      noticeId = notice.id;
      await db
        .insertInto('renumbering_item')
        .values([
          { renumbering_id: notice.id, old_key: '光明路||||1|', old_label: '光明路1號', new_label: '光明六路14號', new_point_id: ids.gm14! },
          { renumbering_id: notice.id, old_key: '光明路||||7|', old_label: '光明路7號', new_label: '光明六路18號', new_point_id: null },
        ])
        .execute();
      a = new Agent(t.app);
    });
    afterAll(async () => t?.dispose());

    it('shows the form with one h1 and every box labelled, linked from the menu and the sitemap', async () => {
      for (const path of ['/house-numbers', '/o/zhubei/house-numbers']) {
        const res = await a.get(path);
        expect(res.statusCode).toBe(200);
        expect(h1s(res.body)).toBe(1);
        expect(unlabelled(res.body)).toEqual([]);
        expect(res.body).toContain(`<form method="get" action="${path}"`);
        expect(res.body).toContain('請輸入地址');
        expect(res.body).toContain('例如：竹北市光明六路10號');
        expect(res.body).toContain('<datalist id="f-road-list"><option value="中正路二段"></option>');
      }
      expect((await a.get('/house-numbers')).body).toContain('<option value="10004120">尖石鄉</option>');
      expect((await a.get('/o/zhubei/house-numbers')).body).toContain('查詢範圍：竹北市。');
      expect((await a.get('/o/zhubei/house-numbers')).body).not.toContain('嘉樂路');
      expect((await a.get('/sitemap')).body).toContain('href="/house-numbers"');
      expect((await a.get('/o/zhubei')).body).toContain('href="/o/zhubei/house-numbers"');
    });

    it('finds the same number from the three ways of writing it', async () => {
      for (const text of ['竹北市光明六路10號', '光明6路十號', '臺竹北光明六路 10 號']) {
        const res = await a.get(`/house-numbers?q=${q(text)}`);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('找到 2 筆門牌。');
        expect(res.body).toContain(`<a href="/house-numbers/p/${ids.gm10}">光明六路10號</a> <span class="tag">現行</span>`);
        expect(res.body).toContain('竹北里第 5 鄰');
        expect(res.body).toContain('系統讀到的地址：');
        expect(h1s(res.body)).toBe(1);
      }
      // the separate boxes, and English
      const boxes = await a.get(`/house-numbers?road=${q('光明六路')}&lane=3&number=5`);
      expect(boxes.body).toContain('光明六路3巷5號');
      expect(boxes.body).toMatch(/<details class="notice" open/);
      const en = await new Agent(t.app).get(`/house-numbers?lang=en&q=${q('光明六路10號')}`);
      expect(en.body).toContain('2 house numbers found.');
      expect(en.body).toContain('竹北里, neighbourhood 5');
    });

    it("shows a retired number with its new one, the date and the document", async () => {
      const res = await a.get(`/house-numbers?q=${q('光明路3號')}`);
      expect(res.body).toContain('<span class="tag tag-warning">已廢止</span>');
      expect(res.body).toContain(`民國99年8月20日改編為 <a href="/house-numbers/p/${ids.old5}">光明路5號</a>（竹北戶字第0990004567號）`);
      expect(res.body).toContain(`民國113年5月1日整編為 <a href="/house-numbers/p/${ids.gm16}">光明六路16號</a> <span class="tag">現行門牌</span>（府民戶字第1130012345號）`);
      expect((await a.get(`/house-numbers?q=${q('光明六路99號')}`)).body).toContain('民國111年11月30日廢止，沒有新門牌。');
    });

    it('shows the renumbering notices that name a number, on the look-up and the point page', async () => {
      const line = `<a href="/o/zhubei/house-numbers/renumberings/${noticeId}">光明路門牌整編</a>：光明路1號改為光明六路14號，民國113年5月1日生效（府民戶字第1130012345號）。`;
      const found = await a.get(`/house-numbers?q=${q('光明路1號')}`);
      expect(found.body).toContain(line);
      expect(found.body).toContain(`<a href="/house-numbers/p/${ids.gm14}">光明六路14號</a>`);
      // the new number's page names the notice of the number it came from
      expect((await a.get(`/house-numbers/p/${ids.gm14}`)).body).toContain(line);
      // a number the register does not have yet: nothing found, but the notice says what it becomes
      const ahead = await a.get(`/house-numbers?q=${q('光明路7號')}`);
      expect(ahead.body).toContain('找不到這個門牌');
      expect(ahead.body).toContain('光明路門牌整編</a>：光明路7號改為光明六路18號');
    });

    it('lists a road in natural order with a map of its numbers', async () => {
      const res = await a.get(`/house-numbers?road=${q('光明六路')}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('共 13 筆，第 1 頁，共 1 頁。');
      const order = ['光明六路2號', '光明六路4號', '光明六路10號', '光明六路10號之1', '光明六路12號', '光明六路99號', '光明六路3巷5號'].map((l) => res.body.indexOf(`>${l}</a>`));
      expect(order.every((v, i) => v > 0 && (i === 0 || v > order[i - 1]!))).toBe(true);
      expect(res.body).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="village-map"');
      expect(res.body).toContain('<title id="road-map-title">光明六路門牌位置圖</title>');
      // the 12 current numbers on the map (99號 is retired), none highlighted
      expect(res.body.match(/<circle cx=/g)).toHaveLength(12);
    });

    it("gives a point page with its history, coordinates, map and the certificate guide", async () => {
      const res = await a.get(`/house-numbers/p/${ids.gm16}`);
      expect(res.statusCode).toBe(200);
      expect(h1s(res.body)).toBe(1);
      expect(res.body).toContain('<h1>竹北市光明六路16號</h1>');
      for (const s of ['民國74年9月9日</span> 初編：', '光明路3號</a> → <a href', '整編：', '<strong>光明六路16號</strong>', '府民戶字第1130012345號', '第 5 鄰', 'TWD97 二度分帶座標', '東經 121.012300 度，北緯 24.837200 度']) expect(res.body).toContain(s);
      // its own date is the 整編 that made it; 光明路3號's 初編 is history, not this number's
      expect(res.body).toContain('<dt>編定日期</dt><dd>民國113年5月1日（整編）</dd>');
      expect(res.body).not.toContain('<dt>初編日期</dt>');
      expect((await a.get(`/house-numbers/p/${ids.gm2}`)).body).toContain('<dt>初編日期</dt><dd>民國90年3月15日</dd>');
      expect(res.body).toContain('<path class="map-boundary"');
      expect(res.body).toContain('<circle class="map-highlight"');
      expect(res.body).toContain('<title id="village-map-title">竹北里門牌位置圖</title>');
      expect(res.body).toContain('href="/o/zhubei/guides/house-number-certificate"');
      expect(res.body).toContain('可以向新竹縣竹北市戶政事務所申請');
      // an old number's page says what it is now
      const old = await a.get(`/house-numbers/p/${ids.old1}`);
      expect(old.body).toContain('這個門牌已廢止，現在的門牌是：');
      expect(old.body).toContain(`<a href="/house-numbers/p/${ids.gm14}">光明六路14號</a>`);
      expect((await a.get(`/house-numbers/p/${ids.jl1}`)).body).toContain('href="/o/jianshi/guides/house-number-certificate"');
    });

    it("keeps an office's look-up to its towns, with the way to the county's", async () => {
      const miss = await a.get(`/o/zhubei/house-numbers?q=${q('嘉樂路1號')}`);
      expect(miss.statusCode).toBe(200);
      expect(miss.body).toContain('找不到這個門牌');
      expect(miss.body).toContain(`href="/house-numbers?q=${q('嘉樂路1號')}"`);
      expect((await a.get(`/o/jianshi/house-numbers?q=${q('嘉樂路1號')}`)).body).toContain(`href="/o/jianshi/house-numbers/p/${ids.jl1}"`);
      expect((await a.get(`/o/zhubei/house-numbers/p/${ids.jl1}`)).statusCode).toBe(404);
      expect((await a.get(`/o/zhubei/house-numbers/p/${ids.gm2}`)).statusCode).toBe(200);
      expect((await a.get('/o/nowhere/house-numbers')).statusCode).toBe(404);
    });

    it('says what it understood when nothing is found, and suggests', async () => {
      const res = await a.get(`/house-numbers?q=${q('光明六路11號')}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('找不到這個門牌');
      expect(res.body).toContain('系統讀到的地址：路：光明六路；號：11');
      expect(res.body).toContain(`<a href="/house-numbers/p/${ids.gm12}">光明六路12號</a>`);
      const road = await a.get(`/house-numbers?q=${q('光明七路')}`);
      expect(road.body).toContain('找不到這條路街');
      expect(road.body).toContain(`href="/house-numbers?road=${q('光明六路')}"`);
      expect((await a.get(`/house-numbers?q=hello`)).body).toContain('看不懂這個地址');
    });

    it('answers bad input calmly: a message beside the box, never a server error', async () => {
      const long = await a.get(`/house-numbers?q=${q('光'.repeat(2000))}`);
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain('請少於 100 個字。');
      expect(long.body).toContain('class="error-summary"');
      expect(long.body).toContain(`value="${'光'.repeat(2000)}"`);
      const controls = await a.get(`/house-numbers?q=%E5%85%89%E6%98%8E%E5%85%AD%E8%B7%AF%00%1B%0710%E8%99%9F`);
      expect(controls.statusCode).toBe(200);
      expect(controls.body).toContain('光明六路10號');
      const num = await a.get(`/house-numbers?road=${q('光明六路')}&number=abc`);
      expect(num.statusCode).toBe(400);
      expect(num.body).toContain('號請填數字');
      expect(num.body).toContain('value="abc"');
      for (const url of ['/house-numbers?page=-3&road=x', '/house-numbers?q=a&q=b&town=zz', '/house-numbers?q=%F0%9F%8F%A0', '/house-numbers?q=%3Cscript%3E']) {
        const res = await a.get(url);
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.body).not.toContain('<script>');
      }
      for (const url of ['/house-numbers/p/abc', '/house-numbers/p/99999999999', '/house-numbers/p/999999']) {
        expect((await a.get(url)).statusCode, url).toBeGreaterThanOrEqual(400);
        expect((await a.get(url)).statusCode, url).toBeLessThan(500);
      }
    });
  });
}
