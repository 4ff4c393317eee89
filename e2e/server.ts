import { throwawayConfig } from '../test/config.js';
import { tools } from '../test/tools.js';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp, ROOT } from '../src/app.js';
import { openSqlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { setupService } from '../src/modules/setup/index.js';
import { DEMO_PASSWORD } from '../src/modules/staff/index.js';
import { createVault, parseMasterKey } from '../src/platform/identity/index.js';
import { JobWorker } from '../src/platform/jobs/index.js';
import { createMailer, MAIL_JOB, mailJobHandler } from '../src/platform/mail/index.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Outside CI a missing browser skips these files visibly; under CI=true it fails (test/tools.ts). */
export const hasChromium = tools.chromium() !== undefined;

/** The whole product on a real port, on a fresh SQLite file with the demo county. */
export async function startServer(opts: { clock?: () => Date; smtpUrl?: string; history?: boolean; worker?: boolean } = {}) {
  const file = `/tmp/huzheng-e2e-${randomBytes(6).toString('hex')}.sqlite`;
  const database = openSqlite(file);
  await migrateToLatest(database);
  // seeded "now" follows the server's clock, so dated demo data (Saturday openings) sits where the test expects it
  await seedDemo(database, ROOT, opts.clock?.() ?? new Date(), { history: opts.history === true });
  const config = throwawayConfig({ SQLITE_FILE: file, ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}) });
  const { app, jobHandlers } = await buildApp({ config, database, logger: false, ...(opts.clock ? { clock: opts.clock } : {}) });
  // the jobs worker, as `npm start` runs it: mail goes out through the test's SMTP server
  const mailer = opts.smtpUrl ? createMailer({ smtpUrl: opts.smtpUrl, from: 'no-reply@huzheng.test' }) : null;
  const worker = mailer || opts.worker ? new JobWorker(database, { handlers: { ...(mailer ? { [MAIL_JOB]: mailJobHandler(mailer) } : {}), ...jobHandlers() }, pollMs: 200, ...(opts.clock ? { clock: opts.clock } : {}) }) : null;
  worker?.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // links in mails come from the configuration, never the request: point them at the port just bound
  config.publicBaseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    /** seals what a test puts straight into the database (a recipient's webhook secret) as the app would */
    vault: createVault(parseMasterKey(config.personalDataKey)),
    async close() {
      await worker?.stop();
      mailer?.close();
      await app.close();
      await database.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** A clock that starts at the given instant and runs at real speed: pages open, time moves. */
export function clockFrom(iso: string): () => Date {
  const offset = new Date(iso).getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Signs a demo staff member in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/staff/login`);
  await page.fill('#f-username', username);
  await page.fill('#f-password', DEMO_PASSWORD);
  await page.click('button[type=submit] >> text=登入');
}

/**
 * A real install's first start, as `npm start` does it with DEMO=false: an
 * empty SQLite file, no demo seed, and the one-time set-up token the console
 * would print. The clock may be pinned (it runs at real speed from there).
 */
export async function startEmptyServer(clock: () => Date = () => new Date()) {
  const file = `/tmp/huzheng-e2e-empty-${randomBytes(6).toString('hex')}.sqlite`;
  const database = openSqlite(file);
  await migrateToLatest(database);
  const config = throwawayConfig({ SQLITE_FILE: file, DEMO: 'false' });
  const { app } = await buildApp({ config, database, logger: false, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const token = await setupService.mintSetupToken(database, clock());
  if (!token) throw new Error('an empty database must offer the set-up page');
  const { port } = app.server.address() as AddressInfo;
  config.publicBaseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      await app.close();
      await database.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
