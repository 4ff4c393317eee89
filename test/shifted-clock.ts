import { vi } from 'vitest';

/**
 * `npm run test:later` runs the suite with the machine's clock moved (HZ_TEST_NOW,
 * a year ahead by default in that script): a test that passes only on the day it
 * was written depends on the real date, and fails here. Only Date is faked; it
 * keeps ticking, so timeouts, sessions and job leases still move.
 */
const now = process.env.HZ_TEST_NOW;
if (now) {
  const at = new Date(now);
  if (Number.isNaN(at.getTime())) throw new Error(`HZ_TEST_NOW is not a date: ${now}`);
  vi.useFakeTimers({ now: at, toFake: ['Date'], shouldAdvanceTime: true });
}
