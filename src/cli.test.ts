import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './db/index.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** The real CLI, as an operator runs it, on a fresh data folder. */
async function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
  });
}

describe('command line', () => {
  it('migrates, seeds, imports a calendar, adds a user and backs up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-cli-'));
    expect((await cli(dir, ['migrate'])).stdout).toContain('0001_platform');
    expect((await cli(dir, ['seed-demo'])).stdout).toContain('Demo county seeded');
    await expect(cli(dir, ['seed-demo'])).rejects.toMatchObject({ code: 1 });
    // the demo's history is rolled up by the seed; a rebuild of one month from the command line says what it did
    expect((await cli(dir, ['figures', 'rebuild', '--from', '2026-01-01', '--to', '2026-01-31'])).stdout).toContain('Rebuilt 2026-01-01 … 2026-01-31');
    await expect(cli(dir, ['figures', 'rebuild', '--from', '2026-13-01'])).rejects.toMatchObject({ code: 2 });
    expect((await cli(dir, ['figures', 'update'])).stdout).toMatch(/Recomputed \d+ days\./);
    expect((await cli(dir, ['calendar', 'import', path.join(ROOT, 'seed/calendar/2027.csv')])).stdout).toContain('Imported 2027: 365 days, 120 days off');
    await expect(cli(dir, ['user', 'add', '--username', 'wang', '--role', 'clerk', '--office', 'zhubei'], { HUZHENG_PASSWORD: 'short' })).rejects.toMatchObject({ code: 2 });
    const added = await cli(dir, ['user', 'add', '--username', 'wang', '--role', 'clerk', '--office', 'zhubei', '--name', '王大明'], {
      HUZHENG_PASSWORD: 'a-long-first-password',
    });
    expect(added.stdout).toContain('Added wang');
    const backup = path.join(dir, 'backup.sqlite');
    expect((await cli(dir, ['backup', backup])).stdout).toContain('Backup written');
    expect(existsSync(backup)).toBe(true);
    const copy = openSqlite(backup);
    const wang = await copy.db.selectFrom('staff').select(['role', 'must_change_password']).where('username', '=', 'wang').executeTakeFirst();
    expect(wang).toEqual({ role: 'clerk', must_change_password: 1 });
    await copy.close();
  }, 240_000);

  it('stops with the variable name on bad configuration', async () => {
    await expect(cli(mkdtempSync(path.join(tmpdir(), 'hz-cli-')), ['migrate'], { PORT: 'eighty' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('PORT'),
    });
  });
});
