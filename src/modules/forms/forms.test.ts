import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { tools } from '../../../test/tools.js';
import { FORM_CODES } from './defs.js';
import { IDS, SAMPLES } from './test-samples.js';

const pdftotext = tools.pdftotext();
const NOW = new Date('2026-11-25T02:00:00Z');

function pdfText(bytes: Buffer): string {
  if (!pdftotext) return '';
  const dir = mkdtempSync(path.join(tmpdir(), 'hz-forms-'));
  try {
    writeFileSync(path.join(dir, 'f.pdf'), bytes);
    return execFileSync(pdftotext, [path.join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the PDF's catalog says about tagging (its /MarkInfo and /ViewerPreferences are objects of their own). */
function taggedCatalog(bytes: Buffer) {
  const raw = bytes.toString('latin1');
  const object = (n: string) => new RegExp(`\\n${n} 0 obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(raw)?.[1] ?? '';
  const catalog = /<<\s*\/Type \/Catalog([\s\S]*?)>>\s*endobj/.exec(raw)?.[1] ?? '';
  const ref = (key: string) => new RegExp(`\\/${key} (\\d+) 0 R`).exec(catalog)?.[1] ?? 'none';
  return {
    marked: /\/Marked true/.test(object(ref('MarkInfo'))),
    structTree: ref('StructTreeRoot') !== 'none',
    lang: /\/Lang \(([^)]*)\)/.exec(catalog)?.[1],
    displayTitle: /\/DisplayDocTitle true/.test(object(ref('ViewerPreferences'))),
  };
}

const TITLES = { birth: '出生登記申請書', 'move-in': '遷入登記申請書', marriage: '結婚登記申請書', 'id-card': '國民身分證申請書', transcript: '戶籍謄本申請書' } as const;
let address = 0;
/** each POST from its own address, so the per-address limit of public POSTs is not what a test meets */
const nextIp = () => `10.20.${(++address >> 8) & 255}.${address & 255}`;

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] application forms: fill in, print`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => NOW });
    });
    afterAll(async () => t?.dispose());

    it('lists the five forms, each linked to its service guide', async () => {
      const a = new Agent(t.app);
      const index = await a.get('/forms');
      expect(index.statusCode).toBe(200);
      for (const code of FORM_CODES) expect(index.body).toContain(`href="/forms/${code}"`);
      const birth = await a.get('/forms/birth');
      expect(birth.body).toContain('href="/guides/birth"');
      expect(birth.body).toContain('name="childBirthPlace"');
      expect((await a.get('/forms/nothing')).statusCode).toBe(404);
      expect((await a.get('/forms/marriage?lang=en')).body).toContain('Witness 1 name');
      // and each of the five guides links back to its form; a guide without one (death) does not
      for (const code of FORM_CODES) expect((await a.get(`/guides/${code}`)).body).toContain(`href="/forms/${code}"`);
      expect((await a.get('/guides/death')).body).not.toContain('href="/forms/');
    });

    it.each(FORM_CODES)('prints %s as a tagged PDF with the typed name, the ROC dates and the title', async (code) => {
      const a = new Agent(t.app);
      const page = await a.get(`/forms/${code}`);
      const res = await a.post(`/forms/${code}`, { _csrf: csrfOf(page.body), action: 'print', ...SAMPLES[code] }, {}, nextIp());
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      const bytes = res.rawPayload;
      expect(taggedCatalog(bytes)).toEqual({ marked: true, structTree: true, lang: 'zh-Hant-TW', displayTitle: true });
      if (!pdftotext) return;
      const text = pdfText(bytes);
      expect(text).toContain(TITLES[code]);
      expect(text).toContain('王小明');
      expect(text).toContain('民國79年1月2日');
      // the application date, from the fixed clock
      expect(text).toContain('民國115年11月25日');
      expect(text).toContain(IDS.applicant);
    });

    it.skipIf(!pdftotext)('prints each form’s own facts', async () => {
      const a = new Agent(t.app);
      const csrf = csrfOf((await a.get('/forms/birth')).body);
      const print = async (code: (typeof FORM_CODES)[number]) => pdfText((await a.post(`/forms/${code}`, { _csrf: csrf, action: 'print', ...SAMPLES[code] }, {}, nextIp())).rawPayload);
      const birth = await print('birth');
      expect(birth).toContain('王小寶');
      expect(birth).toContain('民國115年11月20日');
      expect(birth).toContain('申請人簽名或蓋章');
      expect(await print('transcript')).toContain('現戶部分');
      expect(await print('id-card')).toContain('補領');
    });

    it('a bad ID number: 422, the message beside the field, the typed values kept', async () => {
      const a = new Agent(t.app);
      const page = await a.get('/forms/id-card');
      const printed = () => t.database.db.selectFrom('form_print_month').select('printed').where('form', '=', 'id-card').executeTakeFirst();
      const before = await printed();
      const res = await a.post('/forms/id-card', { _csrf: csrfOf(page.body), action: 'print', ...SAMPLES['id-card'], applicantId: 'A123456788', applicantPhone: 'call me' }, {}, nextIp());
      expect(res.statusCode).toBe(422);
      expect(res.body).toMatch(/<p class="field-message" id="f-applicantId-error">[^<]+<\/p>\s*<input id="f-applicantId" name="applicantId" type="text" value="A123456788"/);
      expect(res.body).toContain('id="f-applicantPhone-error"');
      expect(res.body).toContain('value="王小明"');
      expect(res.body).toContain('value="遺失"');
      expect(res.body).toMatch(/value="replacement"[^>]*checked/);
      expect(res.body).not.toContain('id="f-applicantName-error"');
      // nothing printed, nothing counted
      expect(await printed()).toEqual(before);
    });

    it('counts prints per form and Taipei month, with no personal data', async () => {
      const rows = await t.database.db.selectFrom('form_print_month').selectAll().orderBy('form').execute();
      // each form once in the it.each, then (with pdftotext) birth, transcript and id-card once more
      const again = pdftotext ? 2 : 1;
      expect(rows).toEqual([
        { form: 'birth', month: '2026-11', printed: again },
        { form: 'id-card', month: '2026-11', printed: again },
        { form: 'marriage', month: '2026-11', printed: 1 },
        { form: 'move-in', month: '2026-11', printed: 1 },
        { form: 'transcript', month: '2026-11', printed: again },
      ]);
    });

    it('limits public POSTs per address', async () => {
      const a = new Agent(t.app);
      const csrf = csrfOf((await a.get('/forms/transcript')).body);
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await a.post('/forms/transcript', { _csrf: csrf, action: 'draft', applicantName: '王' }, {}, '10.99.0.1')).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
      expect(codes[10]).toBe(429);
    });
  });
}
