import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../src/config.js';

/** Configuration for a throwaway instance (tests, e2e, benchmarks): fresh keys, quiet logs, no rate limit in the way. */
export function throwawayConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    ...env,
  });
}
