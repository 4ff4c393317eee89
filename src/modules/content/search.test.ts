import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { translator } from '../../platform/i18n/index.js';
import { TOPIC_KEYS, topicLabel, topicOf } from '../../platform/search/index.js';
import { guidesService } from '../guides/index.js';
import { DOWNLOAD_CATEGORIES, FAQ_CATEGORIES, NEWS_CATEGORIES } from './model.js';
import { SEARCH_KINDS } from './search.js';

/** What a reader sees: text between tags and the attributes read aloud, scripts and styles left out. */
function visibleWords(html: string): string[] {
  const page = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const text = page.replace(/<[^>]+>/g, ' ');
  const attrs = [...page.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1] ?? '');
  return [text, ...attrs];
}

/** Message keys that came back untranslated (`guides.cat.site`); e-mail addresses and web addresses are not keys. */
function rawKeys(html: string): string[] {
  const found = visibleWords(html).flatMap((w) => w.match(/[\w@/:-]*[a-z]\w*(?:\.\w+)+/g) ?? []);
  return found.filter((w) => !w.includes('@') && !w.includes('://'));
}

function selectOptions(html: string, id: string): { value: string; label: string; selected: boolean }[] {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((m) => ({ value: /value="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '', label: (m[2] ?? '').trim(), selected: /\bselected\b/.test(m[1] ?? '') }));
}

describe('one topic vocabulary', () => {
  it('labels every topic once in each language', () => {
    for (const locale of ['zh-Hant', 'en'] as const) {
      const t = translator(locale);
      const labels = TOPIC_KEYS.map((k) => topicLabel(t, k));
      expect(labels.every((l) => l.length > 0 && !l.includes('.'))).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('holds every category guides and content can store, and reads the former guide keys as their topic', () => {
    for (const c of [...NEWS_CATEGORIES, ...FAQ_CATEGORIES, ...DOWNLOAD_CATEGORIES, ...guidesService.CATEGORIES]) expect([c, topicOf(c)]).toEqual([c, c]);
    expect([topicOf('id'), topicOf('certificate')]).toEqual(['id_card', 'transcript']);
    // kinds of page are not topics: the type filter holds them
    for (const k of ['opengov', 'site', 'guide', 'x', '', null]) expect(topicOf(k)).toBeNull();
    expect(topicLabel(translator('zh-Hant'), 'opengov')).toBe('');
  });
});

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the search page's filters`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
    });
    afterAll(async () => t?.dispose());

    it('lists each type and each topic once, 政府資訊公開 only as a type', async () => {
      const page = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('身分證')}`)).body;
      const kinds = selectOptions(page, 'f-kind');
      const topics = selectOptions(page, 'f-category');
      expect(kinds.map((o) => o.value)).toEqual(['', ...SEARCH_KINDS]);
      // the demo's guides, news, FAQ and downloads between them carry these, in the vocabulary's order
      expect(topics.map((o) => o.label)).toEqual(['所有主題', '戶籍登記', '遷徙與門牌', '國民身分證', '謄本與證明', '國籍與初設戶籍', '預約與取號', '公告', '服務異動', '政策宣導', '申請書表', '其他']);
      const labels = [...kinds, ...topics].map((o) => o.label);
      expect(labels.filter((l) => l === '政府資訊公開')).toHaveLength(1);
      expect(new Set(labels).size).toBe(labels.length);
    });

    it('a service the same at every office is one result, the county’s; an office’s own (its mailbox) stays one per office', async () => {
      const body = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('掛失')}&kind=page`)).body;
      const page = body.slice(body.indexOf('<ol class="results"'));
      expect(page.match(/href="\/lost-id"/g)).toHaveLength(1);
      expect(page).not.toContain('href="/o/zhubei/lost-id"');
      expect(page).not.toContain('href="/o/jianshi/lost-id"');
      const mailbox = (await new Agent(t.app).get(`/search?q=${encodeURIComponent('主任信箱')}&kind=page`)).body;
      expect(mailbox).toContain('href="/o/zhubei/mailbox"');
      expect(mailbox).toContain('href="/o/jianshi/mailbox"');
    });

    it('never shows a raw message key or a label twice, whatever the filters say', async () => {
      for (const lang of ['zh-Hant', 'en']) {
        const a = new Agent(t.app);
        const first = (await a.get(`/search?q=${encodeURIComponent('身分證')}&lang=${lang}`)).body;
        // every listed value, and values from old links, hand-made URLs and former keys
        const kinds = [...selectOptions(first, 'f-kind').map((o) => o.value), 'bogus', 'site'];
        const topics = [...selectOptions(first, 'f-category').map((o) => o.value), 'site', 'opengov', 'id', 'certificate', 'x', 'content.cat.x'];
        const queries = [
          ...kinds.map((k) => ({ q: '身分證', kind: k, category: '' })),
          ...topics.map((c) => ({ q: '身分證', kind: '', category: c })),
          ...topics.map((c) => ({ q: '身分證', kind: 'guide', category: c })),
          ...kinds.map((k) => ({ q: '量子電腦', kind: k, category: 'id_card' })),
        ];
        for (const f of queries) {
          const res = await a.get(`/search?q=${encodeURIComponent(f.q)}&kind=${encodeURIComponent(f.kind)}&category=${encodeURIComponent(f.category)}`);
          expect(res.statusCode).toBe(200);
          expect([f, rawKeys(res.body)]).toEqual([f, []]);
          const labels = [...selectOptions(res.body, 'f-kind'), ...selectOptions(res.body, 'f-category')].map((o) => o.label);
          expect([f, labels.filter((l, i) => labels.indexOf(l) !== i)]).toEqual([f, []]);
        }
      }
    }, 120_000);

    it('reads a former key as its topic and filters by it', async () => {
      const a = new Agent(t.app);
      const res = (await a.get(`/search?q=${encodeURIComponent('證明')}&category=certificate`)).body;
      expect(selectOptions(res, 'f-category').find((o) => o.selected)?.label).toBe('謄本與證明');
      const urls = [...res.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls).toContain('/guides/transcript');
      expect(urls).not.toContain('/guides/id-card');
    });
  });
}
