import { throwawayConfig } from './config.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type HuzhengApp, ROOT } from '../src/app.js';
import type { Config } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { type DatabaseKind, freshDatabase } from './databases.js';

/** A fresh database with the demo county, and the app on top of it. */
export async function demoApp(
  kind: DatabaseKind,
  opts: { clock?: () => Date; env?: Record<string, string>; routes?: (app: FastifyInstance) => void } = {},
) {
  const database = await freshDatabase(kind);
  // the demo's dated rows (news windows, Saturday openings) sit around the test's own "now", never the real date
  await seedDemo(database, ROOT, opts.clock?.() ?? new Date());
  const config: Config = throwawayConfig({ ...opts.env });
  const built: HuzhengApp = await buildApp({ config, database, logger: false, ...(opts.clock ? { clock: opts.clock } : {}) });
  opts.routes?.(built.app);
  await built.app.ready();
  return {
    ...built,
    database,
    config,
    async dispose() {
      await built.app.close();
      await database.dispose();
    },
  };
}

export interface MultipartFile {
  field: string;
  name: string;
  bytes: Uint8Array;
  type: string;
}

/** A visitor with a cookie jar: follows nothing by itself, so tests see each redirect. */
export class Agent {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}, remoteAddress?: string) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      ...(remoteAddress ? { remoteAddress } : {}),
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  async postMultipart(url: string, fields: Record<string, string>, file: MultipartFile | MultipartFile[], remoteAddress?: string) {
    const boundary = `----hz${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of Array.isArray(file) ? file : [file]) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
        Buffer.from(f.bytes),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      ...(remoteAddress ? { remoteAddress } : {}),
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.cookieHeader() },
    });
    this.remember(res);
    return res;
  }

  /** GET the page, then POST the form with the CSRF token the page carried. */
  async submit(pageUrl: string, actionUrl: string, form: Record<string, string>) {
    const page = await this.get(pageUrl);
    return this.post(actionUrl, { _csrf: csrfOf(page.body), ...form });
  }

  async signIn(username: string, password: string) {
    return this.submit('/staff/login', '/staff/login', { username, password });
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

/** A fresh database with the demo county, without the app. */
export async function demoDatabase(kind: DatabaseKind, now: Date = new Date()) {
  const database = await freshDatabase(kind);
  await seedDemo(database, ROOT, now);
  return database;
}
