import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { csrfOf } from '../../../../test/app.js';

/**
 * A browser for the recipients tests: a cookie jar like test/app.ts's Agent,
 * but a form is a list of pairs, so a checkbox group posts one name many
 * times as a browser does. Test helper only (imported by *.test.ts).
 */
export class Jar {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.header() } });
    this.remember(res);
    return res;
  }

  async post(url: string, pairs: [string, string][], csrf: string) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams([['_csrf', csrf], ...pairs]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header() },
    });
    this.remember(res);
    return res;
  }

  async signIn(username: string, password: string): Promise<string> {
    const login = await this.get('/staff/login');
    const res = await this.post('/staff/login', [['username', username], ['password', password]], csrfOf(login.body));
    if (res.statusCode !== 303) throw new Error(`sign-in of ${username} answered ${res.statusCode}`);
    return csrfOf((await this.get('/staff/account')).body);
  }
}

/** A form as pairs: list values become one pair each. */
export function pairsOf(form: Record<string, string | string[]>): [string, string][] {
  return Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
}
