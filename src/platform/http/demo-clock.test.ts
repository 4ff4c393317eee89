import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLOCK_COOKIE, MAX_DEMO_OFFSET_MS, requestNow, setDemoOffset } from './demo-clock.js';

const REAL = new Date('2026-06-02T13:46:00Z');
const TWELVE_HOURS = 12 * 3600_000;

describe('the demo clock offset', () => {
  let app: FastifyInstance;
  let demo = true;
  beforeAll(async () => {
    app = Fastify();
    await app.register(cookie, { secret: 'a-test-secret-of-at-least-32-characters!!' });
    app.get('/now', async (req) => ({ now: requestNow(req, demo, () => REAL).toISOString() }));
    app.get('/set', async (_req, reply) => {
      setDemoOffset(reply, TWELVE_HOURS, false);
      return 'ok';
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  async function nowWith(value: string | null): Promise<string> {
    const res = await app.inject({ url: '/now', headers: value === null ? {} : { cookie: `${DEMO_CLOCK_COOKIE}=${encodeURIComponent(value)}` } });
    return (res.json() as { now: string }).now;
  }

  it('moves the request clock by the signed offset on the demo', async () => {
    demo = true;
    const set = await app.inject({ url: '/set' });
    const c = set.cookies.find((x) => x.name === DEMO_CLOCK_COOKIE)!;
    // a browser-session cookie: gone when the browser closes
    expect(c.maxAge).toBeUndefined();
    expect(c.httpOnly).toBe(true);
    expect(await nowWith(decodeURIComponent(c.value))).toBe('2026-06-03T01:46:00.000Z');
    expect(await nowWith(null)).toBe('2026-06-02T13:46:00.000Z');
  });

  it('never honours it when the demo flag is off, however validly signed', async () => {
    demo = false;
    expect(await nowWith(app.signCookie(String(TWELVE_HOURS)))).toBe('2026-06-02T13:46:00.000Z');
    demo = true;
  });

  it('ignores an unsigned, tampered or absurd offset', async () => {
    demo = true;
    expect(await nowWith(String(TWELVE_HOURS))).toBe('2026-06-02T13:46:00.000Z');
    const signed = app.signCookie(String(TWELVE_HOURS));
    expect(await nowWith(signed.replace(/^\d+/, String(2 * TWELVE_HOURS)))).toBe('2026-06-02T13:46:00.000Z');
    expect(await nowWith(app.signCookie(String(MAX_DEMO_OFFSET_MS + 1)))).toBe('2026-06-02T13:46:00.000Z');
    expect(await nowWith(app.signCookie('soon'))).toBe('2026-06-02T13:46:00.000Z');
  });
});
