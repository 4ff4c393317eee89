import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, csrfOf, demoApp } from '../../../test/app.js';
import { DATABASE_KINDS, describeOn } from '../../../test/databases.js';
import { DEMO_PASSWORD } from '../staff/index.js';

/** The template editor over HTTP: add, move, remove redraw the form; save checks each line and makes a version. */
for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] business report template`, () => {
    const now = new Date('2026-12-03T02:00:00Z');
    let t: Awaited<ReturnType<typeof demoApp>>;
    let county: Agent;
    let csrf = '';
    const versions = () => t.database.db.selectFrom('report_template').selectAll().orderBy('version').execute();
    const post = (form: Record<string, string>) => county.post('/staff/reports/template', { _csrf: csrf, ...form });

    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => now });
      county = new Agent(t.app);
      await county.signIn('county', DEMO_PASSWORD);
      csrf = csrfOf((await county.get('/staff/reports/template')).body);
    });
    afterAll(async () => t?.dispose());

    it('starts empty and adds a line without saving anything', async () => {
      const page = await county.get('/staff/reports/template');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('尚未訂定報表格式');
      const added = await post({ count: '0', op: 'addFigure' });
      expect(added.statusCode).toBe(200);
      expect(added.body).toContain('name="figure.0"');
      expect(added.body).toContain('name="count" value="1"');
      const manual = await post({ count: '1', 'kind.0': 'figure', 'figure.0': 'tickets', op: 'addManual' });
      expect(manual.body).toContain('name="labelZh.1"');
      expect(await versions()).toHaveLength(0);
    });

    it('puts the message beside a bad line and keeps what was typed', async () => {
      const bad = await post({
        count: '3',
        'kind.0': 'figure',
        'figure.0': 'tickets',
        'kind.1': 'manual',
        'labelZh.1': '',
        'labelEn.1': 'Volunteer visits',
        'unit.1': '人次',
        'kind.2': 'figure',
        'figure.2': 'tickets',
        op: 'save',
      });
      expect(bad.statusCode).toBe(422);
      // beside the field: the message's own id, which the field's aria-describedby names
      expect(bad.body).toMatch(/<p class="field-message" id="f-labelZh_1-error">此欄必須填寫。<\/p>/);
      expect(bad.body).toContain('aria-describedby="f-labelZh_1-error"');
      expect(bad.body).toMatch(/id="f-figure_2-error">這個統計項目已經在報表中/);
      expect(bad.body).toContain('value="Volunteer visits"');
      expect(bad.body).toContain('href="#f-labelZh_1"');
      expect(await versions()).toHaveLength(0);
      const none = await post({ count: '0', op: 'save' });
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('報表至少要有一個項目');
    });

    it('moves and removes lines in the form', async () => {
      const two = { count: '2', 'kind.0': 'figure', 'figure.0': 'tickets', 'kind.1': 'figure', 'figure.1': 'within15' };
      const moved = await post({ ...two, op: 'up:1' });
      expect(moved.statusCode).toBe(200);
      expect(moved.body.indexOf('<option value="within15" selected')).toBeGreaterThan(-1);
      expect(moved.body.indexOf('<option value="within15" selected')).toBeLessThan(moved.body.indexOf('<option value="tickets" selected'));
      const down = await post({ ...two, op: 'down:0' });
      expect(down.body.indexOf('<option value="within15" selected')).toBeLessThan(down.body.indexOf('<option value="tickets" selected'));
      const removed = await post({ ...two, op: 'remove:0' });
      expect(removed.body).toContain('name="count" value="1"');
      expect(removed.body).not.toContain('<option value="tickets" selected');
      expect(removed.body).toContain('<option value="within15" selected');
    });

    it('saves a version, a change makes the next one, and the same lines make none', async () => {
      const lines = {
        count: '3',
        'kind.0': 'figure',
        'figure.0': 'tickets',
        'kind.1': 'figure',
        'figure.1': 'within15',
        'kind.2': 'manual',
        'labelZh.2': '志工服務人次',
        'labelEn.2': 'Volunteer visits',
        'unit.2': '人次',
      };
      const saved = await post({ ...lines, op: 'save' });
      expect(saved.statusCode).toBe(303);
      const v1 = await versions();
      expect(v1.map((v) => v.version)).toEqual([1]);
      expect(JSON.parse(v1[0]!.lines)).toEqual([
        { kind: 'figure', key: 'tickets' },
        { kind: 'figure', key: 'within15' },
        { kind: 'manual', key: 'm1', labelZh: '志工服務人次', labelEn: 'Volunteer visits', unit: '人次' },
      ]);
      const page = await county.get('/staff/reports/template');
      expect(page.body).toContain('報表格式已儲存為第 1 版');
      expect(page.body).toContain('value="m1"');
      expect(await post({ ...lines, 'key.2': 'm1', op: 'save' })).toMatchObject({ statusCode: 303 });
      expect(await versions()).toHaveLength(1);
      // the hand-entered line moves to the top and keeps its key; a new one takes the next
      const changed = await post({
        count: '3',
        'kind.0': 'manual',
        'key.0': 'm1',
        'labelZh.0': '志工服務人次',
        'labelEn.0': 'Volunteer visits',
        'unit.0': '人次',
        'kind.1': 'figure',
        'figure.1': 'tickets',
        'kind.2': 'manual',
        'labelZh.2': '多語服務件數',
        'labelEn.2': 'Services in other languages',
        'unit.2': '件',
        op: 'save',
      });
      expect(changed.statusCode).toBe(303);
      const v2 = await versions();
      expect(v2.map((v) => v.version)).toEqual([1, 2]);
      expect(JSON.parse(v2[1]!.lines).map((l: { key: string }) => l.key)).toEqual(['m1', 'tickets', 'm2']);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'report.template.save').execute();
      expect(audit).toHaveLength(2);
    });

    it('is the county’s: a director may not open it', async () => {
      const director = new Agent(t.app);
      await director.signIn('director.zhubei', DEMO_PASSWORD);
      expect((await director.get('/staff/reports/template')).statusCode).toBe(403);
    });
  });
}
