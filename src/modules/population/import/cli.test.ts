import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { populationCli } from './cli.js';
import { agesJson, householdRows, householdsCsv, setUpCounty } from './fixtures.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');

forEachDatabase((get) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hz-pop-cli-'));
  const file = (name: string, bytes: Uint8Array) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await populationCli(args, { database: get(), now: NOW, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }
  beforeAll(async () => {
    await setUpCounty(get());
  });

  it('imports a file named on the command line, with or without --county', async () => {
    const r = await cli('import', file('hh.csv', householdsCsv()), '--county', 'hsinchu');
    expect(r).toEqual({ code: 0, out: ['已匯入民國115年10月的村里戶數及人口數，共 3 個村里。'], err: [] });
    const again = await cli('import', file('ages.json', agesJson()));
    expect(again.code).toBe(0);
    const files = await get().db.selectFrom('stat_file').select(['source', 'filename', 'imported_by']).orderBy('id').execute();
    expect(files).toEqual([
      { source: 'cli', filename: 'hh.csv', imported_by: null },
      { source: 'cli', filename: 'ages.json', imported_by: null },
    ]);
  });

  it('prints each problem with its line and column and exits 1, storing nothing', async () => {
    const rows = householdRows('11509');
    (rows[1] as string[])[6] = 'x';
    const r = await cli('import', file('bad.csv', householdsCsv(rows)));
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe('第 3 列「people_total_m」：「x」不是整數。');
    expect(r.err.at(-1)).toContain('未匯入');
    expect(await get().db.selectFrom('stat_file').select('id').where('month', '=', '2026-09').execute()).toHaveLength(0);
  });

  it('refuses another county, a missing file and a wrong command', async () => {
    expect((await cli('import', file('hh2.csv', householdsCsv()), '--county', 'taipei')).code).toBe(1);
    expect((await cli('import', path.join(dir, 'nope.csv'))).code).toBe(1);
    expect((await cli('export', 'x.csv')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);
    expect((await cli('import', 'a', '--nope')).code).toBe(2);
  });
});
