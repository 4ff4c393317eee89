import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';

/** The home page's tiles: title and the line under it ('' when there is none). */
function tiles(html: string): { title: string; desc: string }[] {
  const grid = /<ul class="card-grid">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...grid.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)].map((m) => ({
    title: /<span class="card-title">([^<]*)<\/span>/.exec(m[1] ?? '')?.[1] ?? '',
    desc: /<span class="card-desc">([^<]*)<\/span>/.exec(m[1] ?? '')?.[1] ?? '',
  }));
}

/** A line that fits one row of the narrowest tile (15rem less padding): about 13 Chinese characters, or 32 Latin ones. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(c) ? 2.4 : 1), 0);

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] an office's home page tiles`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
    });
    afterAll(async () => t?.dispose());

    it('says under every tile, in one short line, what the page is for', async () => {
      for (const lang of ['zh-Hant', 'en']) {
        const list = tiles((await new Agent(t.app).get(`/o/zhubei?lang=${lang}`)).body);
        expect(list.length).toBeGreaterThan(10);
        for (const tile of list) {
          expect([tile.title, tile.desc.length > 0]).toEqual([tile.title, true]);
          expect([tile.title, tile.desc, /\w\.\w/.test(tile.desc) || width(tile.desc) > 32]).toEqual([tile.title, tile.desc, false]);
        }
        const descs = list.map((x) => x.desc);
        expect(new Set(descs).size).toBe(descs.length);
      }
    });

    it('describes the search tile as what it finds, not as the no-results help', async () => {
      const zh = tiles((await new Agent(t.app).get('/o/zhubei')).body);
      expect(zh.find((x) => x.title === '站內搜尋')?.desc).toBe('找表單、規費、辦理須知');
      for (const title of ['取號', '叫號看板', '關於本所']) expect(zh.find((x) => x.title === title)?.desc).not.toBe('');
      expect(zh.map((x) => x.desc)).not.toContain('可以試試這些方法：');
      const en = tiles((await new Agent(t.app).get('/o/zhubei?lang=en')).body);
      expect(en.find((x) => x.title === 'Search')?.desc).toBe('Find forms, fees, what to bring');
    });
  });
}
