import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page for WCAG 2.1 A and AA; returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Injected through the DevTools protocol path (addScriptTag with content), which the page CSP does not block.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })),
  }));
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

/** Fails with the list of violations, if any. */
export async function expectNoViolations(page: Page, label: string): Promise<void> {
  const v = await axe(page);
  if (v.length > 0) throw new Error(`${label}: axe found\n${describeViolations(v)}`);
}

/** Saves a full-page screenshot when SCREENSHOT_DIR is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** WCAG 1.4.10 reflow: the page never scrolls sideways (wide tables scroll inside their own box). */
export async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function expectReflow(page: Page, label: string): Promise<void> {
  const over = await pageOverflow(page);
  if (over > 0) throw new Error(`${label}: the page is ${over} px wider than the ${page.viewportSize()?.width ?? '?'} px viewport`);
}
