import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../app.js';
import { DEMO_PASSWORD } from '../../modules/staff/index.js';
import { Agent, demoApp } from '../../../test/app.js';

/**
 * The staff menu: on phones one 選單 disclosure holds the home link and the
 * nine group disclosures (it took four rows at 390 px); on wide screens CSS
 * hides that summary and shows its content as the row of groups. The markup
 * is the same for both, so it is checked here; the CSS rule that makes the
 * wide row is checked to sit behind @supports, so a browser without
 * ::details-content keeps the disclosure instead of losing the menu. The
 * menu reads nothing from the database of its own: SQLite alone is enough.
 */

/** The staff menu's markup, from its <nav> to the </nav>. */
function menuOf(html: string): string {
  const start = html.indexOf('<nav class="main-nav staff-menu"');
  expect(start, 'the page has a staff menu').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</nav>', start) + '</nav>'.length);
}

const groupLabels = (menu: string) => [...menu.matchAll(/<li class="menu-group"><details><summary(?: class="here")?>([^<]+)<\/summary>/g)].map((m) => m[1]);

describe('the staff menu (sqlite)', () => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  const agents: Record<string, Agent> = {};
  beforeAll(async () => {
    t = await demoApp('sqlite', { clock: () => new Date('2026-11-25T02:00:00Z') });
    for (const user of ['supervisor.zhubei', 'clerk.zhubei', 'admin']) {
      agents[user] = new Agent(t.app);
      await agents[user].signIn(user, DEMO_PASSWORD);
    }
  });
  afterAll(async () => t?.dispose());

  it('puts the home link and every group inside one closed 選單 disclosure', async () => {
    const res = await agents['supervisor.zhubei']!.get('/staff/plan');
    expect(res.statusCode).toBe(200);
    const menu = menuOf(res.body);
    // the toggle opens the list, and nothing of the menu sits outside it
    expect(menu).toMatch(/^<nav class="main-nav staff-menu" aria-label="員工功能選單"><div class="wrap"><details class="staff-menu-toggle"><summary>選單<\/summary><ul><li><a href="\/staff">員工專區<\/a><\/li><li class="menu-group">/);
    expect(menu.endsWith('</ul></details></div></nav>')).toBe(true);
    // closed when the page loads: phones see one row; wide screens show the content anyway
    expect(menu).not.toMatch(/<details[^>]* open/);
    expect(menu.match(/<details class="staff-menu-toggle">/g)).toHaveLength(1);
    expect(groupLabels(menu)).toEqual(['櫃台與叫號', '預約', '案件與掛失', '跨機關通報', '陳情', '調查', '網站內容', '法令與訓練', '統計與報表', '服務品質計畫', '設定']);
  });

  it("marks the group of this page, and the home link on the staff home", async () => {
    const deep = menuOf((await agents['supervisor.zhubei']!.get('/staff/plan')).body);
    expect([...deep.matchAll(/<summary class="here">([^<]+)</g)].map((m) => m[1])).toEqual(['服務品質計畫']);
    expect(deep).toContain('<a href="/staff/plan" aria-current="page">');
    const home = menuOf((await agents['supervisor.zhubei']!.get('/staff')).body);
    expect(home).toContain('<a href="/staff" aria-current="page">員工專區</a>');
    expect(home).not.toContain('class="here"');
  });

  it('lists only what the role may open, and says Menu in English', async () => {
    const links = (menu: string) => [...menu.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    const clerk = links(menuOf((await agents['clerk.zhubei']!.get('/staff')).body));
    const supervisor = links(menuOf((await agents['supervisor.zhubei']!.get('/staff')).body));
    expect(clerk.length).toBeGreaterThan(1);
    expect(clerk.length).toBeLessThan(supervisor.length);
    expect(supervisor).toEqual(expect.arrayContaining(clerk));
    const en = menuOf((await agents.admin!.get('/staff?lang=en')).body);
    expect(en).toContain('<details class="staff-menu-toggle"><summary>Menu</summary>');
    expect(en).toContain('aria-label="Staff menu"');
  });

  it('hides the 選單 summary only where ::details-content can show the closed content', () => {
    const css = readFileSync(path.join(ROOT, 'public', 'css', 'site.css'), 'utf8');
    const open = css.indexOf('@supports selector(::details-content)');
    expect(open).toBeGreaterThan(-1);
    // the @supports block, by its braces
    let depth = 0;
    let end = css.indexOf('{', open);
    for (let i = end; i < css.length; i++) {
      if (css[i] === '{') depth++;
      if (css[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    const block = css.slice(open, end + 1);
    expect(block).toMatch(/@media \(width > 40rem\)/);
    expect(block).toMatch(/\.staff-menu-toggle > summary \{ display: none; \}/);
    expect(block).toMatch(/\.staff-menu-toggle::details-content \{ content-visibility: visible; \}/);
    const outside = css.slice(0, open) + css.slice(end + 1);
    expect(outside).not.toMatch(/\.staff-menu-toggle[^{]*summary[^{]*\{[^}]*display: none/);
  });
});
