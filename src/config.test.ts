import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { absoluteUrl, ConfigError, loadConfig } from './config.js';

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

  describe('the public address links are built on', () => {
    const keys = { PERSONAL_DATA_KEY: 'k'.repeat(44), SESSION_SECRET: 's'.repeat(40) };
    it('is required in production and on a real office (DEMO=false), naming the variable, before anything is written', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'hz-config-'));
      for (const env of [{ NODE_ENV: 'production' }, { DEMO: 'false' }, { NODE_ENV: 'production', DEMO: 'true' }]) {
        expect(() => loadConfig({ ...keys, DATA_DIR: dir, ...env })).toThrow(ConfigError);
        expect(() => loadConfig({ ...keys, DATA_DIR: dir, ...env })).toThrow(/PUBLIC_BASE_URL: required when NODE_ENV=production or DEMO=false/);
        expect(() => loadConfig({ DATA_DIR: dir, ...env })).toThrow(/PUBLIC_BASE_URL/);
      }
      expect(readdirSync(dir)).toEqual([]); // no keys.json made for a process that will not start
    });
    it('is taken as given (without a trailing slash), http(s) only', () => {
      const c = loadConfig({ ...keys, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://huzheng.example.gov.tw/' });
      expect(c.publicBaseUrl).toBe('https://huzheng.example.gov.tw');
      expect(absoluteUrl(c, '/p/abc')).toBe('https://huzheng.example.gov.tw/p/abc');
      expect(c.cookieSecure).toBe(true);
      expect(() => loadConfig({ ...keys, PUBLIC_BASE_URL: 'javascript://x' })).toThrow(/PUBLIC_BASE_URL/);
      expect(() => loadConfig({ ...keys, PUBLIC_BASE_URL: 'https://h.example/?x=1' })).toThrow(/PUBLIC_BASE_URL/);
    });
    it('follows HOST and PORT on a demo or test install', () => {
      expect(loadConfig({ ...keys, PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
      expect(loadConfig({ ...keys, NODE_ENV: 'test', DEMO: 'true', HOST: '127.0.0.1', PORT: '4321' }).publicBaseUrl).toBe('http://127.0.0.1:4321');
      expect(loadConfig({ ...keys, HOST: '::1', PORT: '3000' }).publicBaseUrl).toBe('http://[::1]:3000');
    });
    it('refuses anything but a site path', () => {
      expect(() => absoluteUrl({ publicBaseUrl: 'http://h' }, '//evil.example/x')).toThrow();
      expect(() => absoluteUrl({ publicBaseUrl: 'http://h' }, 'https://evil.example')).toThrow();
    });
  });
});
