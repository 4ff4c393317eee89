import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, from the environment, checked once at start-up. A bad
 * value stops the process with a message that names the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** where citizens reach the site; every link in an e-mail, QR code or feed is built on it, never on the request's Host header */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be an http:// or https:// address, e.g. https://huzheng.example.gov.tw' })
    .refine((u) => !/[?#]/.test(u), 'PUBLIC_BASE_URL must not carry a query or fragment')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite file)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SQLITE_FILE: z.string().min(1).optional(),
  /** 32 bytes, base64 or hex: keys the look-up hash and the encryption of national IDs */
  PERSONAL_DATA_KEY: z.string().optional(),
  /** signs CSRF tokens; any long random string */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Huzheng <no-reply@huzheng.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** seed the demo county on first start when the database is empty */
  DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  RUN_WORKER: z.enum(['true', 'false']).default('true'),
  /** web processes on this machine (node:cluster, one port); unset: one per core in production, 1 otherwise */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** a Redis server for the request limits, e.g. redis://10.0.0.5:6379; without it they are kept in the database */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// address, e.g. redis://127.0.0.1:6379' }).optional(),
  /** booking step: attempts per address per minute, and per ID number per hour */
  BOOKING_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BOOKING_PER_ID_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** days a failed mail job keeps its message (for a retry by hand) before it is scrubbed; sent ones are scrubbed at once */
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** the bulk-SMS gateway, e.g. smpp://user:password@sms.example.tw:2775; without it texts are written to data/sms-outbox */
  SMS_SMPP_URL: z.string().optional(),
  /** the sender shown on texts (source address) */
  SMS_FROM: z.string().max(20).default('Huzheng'),
  /** days a delivered cross-agency notice keeps its personal data before it is purged */
  NOTIFY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** the monthly population files to fetch, one URL template per kind separated by spaces; {yyymm} becomes the ROC month (11510). Off when unset */
  POPULATION_FETCH_URLS: z.string().optional(),
  /** a raster tile layer for the house-number map, e.g. https://wmts.nlsc.gov.tw/wmts/EMAP/default/GoogleMapsCompatible/{z}/{y}/{x}; without it the map is drawn from the imported boundaries alone */
  MAP_TILE_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** absolute, without a trailing slash; build links with absoluteUrl() */
  publicBaseUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  personalDataKey: string;
  sessionSecret: string;
  session: { idleMinutes: number; maxHours: number };
  cookieSecure: boolean;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Env['LOG_LEVEL'];
  demo: 'auto' | 'true' | 'false';
  runWorker: boolean;
  /** web processes forked on this machine; 1: no cluster, this process serves */
  webConcurrency: number;
  rateLimitPerMinute: number;
  /** where the request limits are counted across processes; undefined: in the database */
  redisUrl: string | undefined;
  bookingLimits: { perIpPerMinute: number; perIdPerHour: number };
  /** days before a failed job's payload (a mail with its links and passwords) is scrubbed */
  jobRetentionDays: number;
  /** the SMPP gateway for texts to citizens; undefined: texts go to files in dataDir/sms-outbox */
  smsSmppUrl: string | undefined;
  smsFrom: string;
  /** days a delivered notice keeps its personal data */
  notifyRetentionDays: number;
  /** URL templates of the monthly population files ({yyymm}); empty: no scheduled fetch */
  populationFetchUrls: string[];
  /** optional raster tiles under the house-number map */
  mapTileUrl: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Keys made on first start of a demo / single-office install, kept beside the database. */
function localKeys(dataDir: string): { personalDataKey: string; sessionSecret: string } {
  const file = path.join(dataDir, 'keys.json');
  if (existsSync(file)) {
    const parsed = z
      .object({ personalDataKey: z.string().min(1), sessionSecret: z.string().min(32) })
      .safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new ConfigError(`${file} is damaged: delete it only if the database is new`);
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = {
    personalDataKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

/**
 * The site's public address. Set, it is used as given. Unset, a production
 * or real-office install (NODE_ENV=production or DEMO=false) refuses to
 * start: the only other source would be the request's Host header, which
 * anyone can forge to make our confirmation mails link to their site. A demo
 * or test install links to where it listens.
 */
function publicBaseUrl(e: Env): string {
  if (e.PUBLIC_BASE_URL) return e.PUBLIC_BASE_URL.replace(/\/+$/, '');
  if (e.NODE_ENV === 'production' || e.DEMO === 'false') {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_BASE_URL: required when NODE_ENV=production or DEMO=false (the address citizens use, e.g. https://huzheng.example.gov.tw); e-mail links are built on it',
    );
  }
  const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  return `http://${host}:${e.PORT}`;
}

/** An absolute link to a path of this site, for e-mails, QR codes and feeds: built on the configured address only, never on the request. */
export function absoluteUrl(config: Pick<Config, 'publicBaseUrl'>, pathname: string): string {
  if (!pathname.startsWith('/') || pathname.startsWith('//')) throw new Error(`absoluteUrl needs a site path, got ${JSON.stringify(pathname)}`);
  return `${config.publicBaseUrl}${pathname}`;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseUrl = publicBaseUrl(e);
  const dataDir = path.resolve(e.DATA_DIR);
  const keys =
    e.PERSONAL_DATA_KEY && e.SESSION_SECRET
      ? { personalDataKey: e.PERSONAL_DATA_KEY, sessionSecret: e.SESSION_SECRET }
      : localKeys(dataDir);
  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'sqlite', file: path.resolve(e.SQLITE_FILE ?? path.join(dataDir, 'huzheng.sqlite')) };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: baseUrl,
    database,
    dataDir,
    personalDataKey: e.PERSONAL_DATA_KEY ?? keys.personalDataKey,
    sessionSecret: e.SESSION_SECRET ?? keys.sessionSecret,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    cookieSecure: e.COOKIE_SECURE === 'auto' ? (e.PUBLIC_BASE_URL ?? '').startsWith('https:') : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO,
    runWorker: e.RUN_WORKER === 'true',
    webConcurrency: e.WEB_CONCURRENCY ?? (e.NODE_ENV === 'production' ? os.availableParallelism() : 1),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    redisUrl: e.REDIS_URL,
    bookingLimits: { perIpPerMinute: e.BOOKING_PER_IP_PER_MINUTE, perIdPerHour: e.BOOKING_PER_ID_PER_HOUR },
    jobRetentionDays: e.JOB_RETENTION_DAYS,
    smsSmppUrl: e.SMS_SMPP_URL,
    smsFrom: e.SMS_FROM,
    notifyRetentionDays: e.NOTIFY_RETENTION_DAYS,
    populationFetchUrls: (e.POPULATION_FETCH_URLS ?? '').split(/\s+/).filter(Boolean),
    mapTileUrl: e.MAP_TILE_URL,
  };
}
