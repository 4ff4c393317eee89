import { Agent, csrfOf } from '../../../test/app.js';
import type { Executor } from '../../db/index.js';
import { registerCatalog } from '../../platform/i18n/index.js';
import { indicatorDef, registerIndicators } from '../../platform/indicators/index.js';
import { DEMO_PASSWORD } from '../staff/index.js';
import { readPlan } from './model.js';

/**
 * The core plan pages' test fixture, shared by plan-*.test.ts: never
 * imported by the running application.
 *
 * Two indicators of the tests' own, with values written by hand so the
 * pages' numbers and statuses can be checked against numbers counted by
 * hand (clock: 2026-12-03, Taipei):
 *   coretest.items (count, additive, higher): 5 in any month, 30 over the year so far
 *   coretest.share (percent, higher):         86 in any month, 80 over the year so far
 * With a target of 4 items a month: month 5 ≥ 4 → 達成; on 3 December the
 * year so far is 11 months and 3 of December's 31 days, held to
 * 4 × (11 + 3/31) = 44.39, and 30 misses it by 14.39 > 4.44 (a tenth) → 落後.
 * With a target of 90 %: month 86 misses by 4 ≤ 5 points → 注意; 80 misses by 10 → 落後.
 */
export function registerCoreTestIndicators(): void {
  if (indicatorDef('coretest.items')) return;
  registerCatalog({ 'zh-Hant': { 'coretest.items': '測試件數', 'coretest.share': '測試比率' }, en: { 'coretest.items': 'Test items', 'coretest.share': 'Test share' } });
  registerIndicators([
    {
      key: 'coretest.items',
      titleKey: 'coretest.items',
      unit: 'count',
      better: 'higher',
      additive: true,
      href: (o, p) => `/staff/figures/office?office=${o.code}&period=${p.key}`,
      compute: async (_db, _o, p) => ({ value: p.kind === 'month' ? 5 : 30 }),
    },
    {
      key: 'coretest.share',
      titleKey: 'coretest.share',
      unit: 'percent',
      better: 'higher',
      href: (o, p) => `/staff/figures/office?office=${o.code}&period=${p.key}`,
      compute: async (_db, _o, p) => ({ value: p.kind === 'month' ? 86 : 80 }),
    },
  ]);
}

/** A one-page PDF as file-type recognises it (the magic number and a trailer). */
export const TINY_PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Signed-in demo staff, one agent each, kept for the file's tests. */
export class Staff {
  private agents: Record<string, Agent> = {};
  constructor(private readonly app: ConstructorParameters<typeof Agent>[0]) {}

  async as(who: string): Promise<Agent> {
    let a = this.agents[who];
    if (!a) {
      a = new Agent(this.app);
      await a.signIn(who, DEMO_PASSWORD);
      this.agents[who] = a;
    }
    return a;
  }

  /** GET a page as `who`, then POST a form with that page's CSRF token. */
  async post(who: string, page: string, action: string, form: Record<string, string>) {
    const a = await this.as(who);
    const res = await a.get(page);
    return a.post(action, { _csrf: csrfOf(res.body), ...form });
  }
}

/** The page as text, tags dropped and spaces folded: what a reader sees, in order. */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** How many revisions, audit entries of the plan module and items the plan has: what a save must move together or not at all. */
export async function counts(db: Executor, planId: number) {
  const [rev, audit, items, plan] = await Promise.all([
    db.selectFrom('plan_revision').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'plan.%').executeTakeFirstOrThrow(),
    db.selectFrom('plan_item').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow(),
    db.selectFrom('plan').select('revision').where('id', '=', planId).executeTakeFirstOrThrow(),
  ]);
  return { revisions: Number(rev.n), audit: Number(audit.n), items: Number(items.n), revision: plan.revision };
}

/** An item of the plan by its title (titles are unique in the fixtures). */
export async function itemByTitle(db: Executor, planId: number, title: string) {
  const tree = await readPlan(db, planId);
  const item = tree?.flat.find((i) => i.title === title);
  if (!item) throw new Error(`no item ${title}`);
  return item;
}
