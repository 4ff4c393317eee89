import { existsSync } from 'node:fs';

/**
 * Outside tools some checks need (a browser, LibreOffice, poppler). Outside
 * CI a missing tool skips its checks, visibly (`it.skipIf`) and with one
 * printed line; under CI=true it is a failure, because `.ci/run` installs
 * every one of them and a silent skip would pass a check that never ran.
 */
export const IN_CI = process.env.CI === 'true';

const warned = new Set<string>();

export function findTool(name: string, candidates: string[], installHint: string): string | undefined {
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const message = `${name} not found (${candidates.join(', ')}): its checks are skipped (${installHint})`;
  if (IN_CI) throw new Error(`[test] CI=true but ${message}; .ci/run should have installed it`);
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`[test] ${message}`);
  }
  return undefined;
}

export const tools = {
  soffice: () => findTool('LibreOffice', ['/usr/bin/soffice', '/usr/bin/libreoffice'], 'apt-get install libreoffice-calc-nogui'),
  pdftotext: () => findTool('pdftotext', ['/usr/bin/pdftotext'], 'apt-get install poppler-utils'),
  pdftoppm: () => findTool('pdftoppm', ['/usr/bin/pdftoppm'], 'apt-get install poppler-utils'),
  chromium: () => findTool('chromium', [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'], 'apt-get install chromium'),
};
