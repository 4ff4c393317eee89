import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the embedded SQLite file when DATABASE_URL is absent, and generates keys once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-config-'));
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.database).toEqual({ kind: 'sqlite', file: path.join(dir, 'huzheng.sqlite') });
    const b = loadConfig({ DATA_DIR: dir });
    expect(b.personalDataKey).toBe(a.personalDataKey);
    expect(JSON.parse(readFileSync(path.join(dir, 'keys.json'), 'utf8')).sessionSecret).toBe(a.sessionSecret);
  });

  it('switches to PostgreSQL on a postgres:// URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', PERSONAL_DATA_KEY: 'k'.repeat(44), SESSION_SECRET: 's'.repeat(40) });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
