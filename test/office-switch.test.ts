import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/staff/index.js';
import { Agent, demoApp } from './app.js';
import { DATABASE_KINDS, describeOn } from './databases.js';

/**
 * The county account can open every staff page; each page that is about
 * one office must show the office picked with ?office=, not the county's
 * first office. The routes are read from the app itself, so a new staff
 * page is walked (or must be listed below with a reason) without anyone
 * remembering to add it.
 */

/** Pages that are not about one office, and why. */
const COUNTY_WIDE: Record<string, string> = {
  '/staff/login': 'the sign-in form: nobody is signed in yet',
  '/staff': 'the staff home: tiles for every area, no office figures',
  '/staff/account': "the signed-in person's own account",
  '/staff/booking/suspensions': 'booking suspensions follow the person across every office of the county (no-shows anywhere count)',
  '/staff/admin/county/badge': "the county site's own accessibility badge; each office's is at /staff/admin/offices/<code>/badge",
  '/staff/config': 'the configuration file of the whole county: every office in one spreadsheet',
  '/staff/config/export.ods': 'the configuration file of the whole county: every office in one spreadsheet',
  '/staff/figures/county': 'the county dashboard: every office side by side',
  '/staff/population': "the county's population files: one county-wide import, towns are in the files",
  '/staff/house-numbers/import': "the county's house-number register and village boundaries: one county-wide export",
  '/staff/figures/county.csv': 'the county dashboard: every office side by side',
  '/staff/figures/county.ods': 'the county dashboard: every office side by side',
  '/staff/forms': 'a citizen’s draft is opened by its code at any office; printed forms belong to no office',
  '/staff/link-check': "the link check reads the whole county's site in one run: every office's pages and guides",
  '/staff/newsletter': "the county's one e-newsletter: one list of subscribers and issues for every office",
  '/staff/newsletter/new': "the county's one e-newsletter: one list of subscribers and issues for every office",
  '/staff/manual/rulings': "the rulings library: the Ministry's and the county's rulings, one library for every office",
  '/staff/manual/rulings/new': "the rulings library: the Ministry's and the county's rulings, one library for every office",
  '/staff/reports/county': "the county's list of every office's monthly report",
  '/staff/reports/county/summary.csv': "the county summary of every office's monthly report",
  '/staff/reports/county/summary.ods': "the county summary of every office's monthly report",
  '/staff/reports/template': 'the report template the county sets for every office',
  '/staff/plan': "the year's plans: the county's and every office's the person covers, one list",
  '/staff/plan/county': "the county's comparison of every office's evaluation, item by item",
  '/staff/plan/county.csv': "the county's comparison of every office's evaluation, item by item",
  '/staff/plan/county.ods': "the county's comparison of every office's evaluation, item by item",
  '/staff/notify/recipients': "the county's registry of recipient agencies: one for every office",
  '/staff/notify/recipients/new': "the county's registry of recipient agencies: one for every office",
  '/staff/notify/followups': "the after-event checklists: the county's list and every office's own, side by side",
  '/staff/notify/reminders/import/sample.csv': 'a blank sample of the reminders import file, the same for every office',
};

/**
 * Pages that still ignore ?office= for the county account: none. The test
 * expects exactly these to fail, so a new page that ignores the switch fails
 * it at once.
 */
const NOT_YET: Record<string, string> = {};

/** Full paths of the GET routes under /staff with no path parameter, read from Fastify's route tree. */
export function staffGetRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)(?:[├└]── )?(.+?) \(([^)]*)\)\s*$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4 + (line.includes('── ') ? 1 : 0);
    stack.length = depth;
    stack[depth] = m[2] ?? '';
    const path = stack.join('');
    if ((m[3] ?? '').split(',').map((x) => x.trim()).includes('GET') && /^\/staff(\/|$|\.)/.test(path) && !path.includes(':') && !path.includes('*')) out.push(path);
  }
  return [...new Set(out)].sort();
}

for (const kind of DATABASE_KINDS) {
  describeOn(kind)(`[${kind}] the county account's office switch`, () => {
    let t: Awaited<ReturnType<typeof demoApp>>;
    let a: Agent;
    beforeAll(async () => {
      t = await demoApp(kind, { clock: () => new Date('2026-11-25T02:00:00Z') });
      a = new Agent(t.app);
      await a.signIn('county', DEMO_PASSWORD);
    });
    afterAll(async () => t?.dispose());

    it('finds the staff pages in the app (the walk below covers every one of them)', () => {
      const routes = staffGetRoutes(t.app.printRoutes({ commonPrefix: false }));
      // a sanity floor on the parser, by name: these must be among them
      expect(routes).toEqual(expect.arrayContaining(['/staff', '/staff/lost-id', '/staff/petitions/figures', '/staff/petitions/settings', '/staff/queue/stats.csv', '/staff/surveys']));
      expect(routes.filter((r) => r.includes(':'))).toEqual([]);
    });

    it('every staff page without a path parameter shows 尖石 when asked with ?office=jianshi', async () => {
      const routes = staffGetRoutes(t.app.printRoutes({ commonPrefix: false }));
      const wrong: string[] = [];
      for (const route of routes) {
        if (COUNTY_WIDE[route]) continue;
        const res = await a.get(`${route}?office=jianshi`);
        const type = String(res.headers['content-type'] ?? '');
        // a page that only forwards to the office's own address (/staff/reports → /staff/reports/<office>/<month>)
        if ((res.statusCode === 302 || res.statusCode === 303) && String(res.headers.location ?? '').includes('jianshi')) continue;
        if (res.statusCode !== 200) {
          wrong.push(`${route}: status ${res.statusCode}`);
          continue;
        }
        if (!type.startsWith('text/html')) {
          // a download names its office in the file name
          const disposition = String(res.headers['content-disposition'] ?? '');
          if (!disposition.includes('jianshi')) wrong.push(`${route}: ${type} ${disposition || 'without a file name'}`);
          continue;
        }
        const body = res.body;
        // an office picker is a <select> listing 尖石 among its options: it must have 尖石 selected;
        // a page without one must show 尖石 and not 竹北
        const pickers = [...body.matchAll(/<select[^>]*>(.*?)<\/select>/gs)].map((m) => m[1] ?? '').filter((opts) => /<option[^>]*>[^<]*尖石/.test(opts));
        const chosen = pickers.map((opts) => /<option[^>]*selected[^>]*>([^<]*)/.exec(opts)?.[1] ?? '');
        if (!body.includes('尖石')) wrong.push(`${route}: no 尖石 on the page`);
        else if (chosen.some((c) => !c.includes('尖石'))) wrong.push(`${route}: the office picker has ${chosen.join(', ') || 'nothing'} selected`);
        else if (pickers.length === 0 && body.includes('竹北')) wrong.push(`${route}: no picker, and 竹北 on the page`);
      }
      if (process.env.HZ_SHOW_WRONG) console.log(wrong.join("\n"));
      expect(wrong.map((w) => w.slice(0, w.indexOf(': ')))).toEqual(Object.keys(NOT_YET).sort());
    });
  });
}
