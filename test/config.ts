import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../src/config.js';

/** Configuration for a throwaway instance (tests, e2e, benchmarks): fresh keys, quiet logs, no rate limit in the way. A variable given as undefined is unset. */
export function throwawayConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000000',
    // mail links are built on this only (never the request's Host); a server on a port chosen at listen sets config.publicBaseUrl afterwards
    PUBLIC_BASE_URL: 'http://huzheng.test',
    ...env,
  });
}
