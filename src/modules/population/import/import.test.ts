import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { sql } from '../../../db/index.js';
import {
  AGE_COUNTS,
  agesJson,
  big5,
  csvText,
  EVENT_HEADER_ZH,
  eventRows,
  eventsJsonArray,
  HH_HEADER_EN,
  HH_HEADER_ZH,
  householdRows,
  householdRowsRevised,
  householdsCsv,
  setUpCounty,
  utf8,
} from './fixtures.js';
import { type ImportResult, importPopulationFile } from './service.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');

forEachDatabase((get, kind) => {
  let countyId = 0;
  let officeId = 0;
  beforeAll(async () => {
    ({ countyId, officeId } = await setUpCounty(get()));
  });
  const run = (bytes: Uint8Array, filename: string, now = NOW): Promise<ImportResult> =>
    importPopulationFile(get(), { countyId, bytes, filename, source: 'upload', staffId: null, now });
  const ok = async (bytes: Uint8Array, filename: string) => {
    const r = await run(bytes, filename);
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems)}`);
    return r;
  };
  const households = (month: string) => get().db.selectFrom('pop_village_month').selectAll().where('month', '=', month).orderBy('village_code').execute();

  it('imports a households CSV (UTF-8, English keys): villages, town and office, totals not stored', async () => {
    const r = await ok(householdsCsv(), 'ODRP014-11510.csv');
    expect(r).toMatchObject({ kind: 'households', month: '2026-10', villages: 3, replaced: false });
    const rows = await households('2026-10');
    expect(rows.map((x) => [x.village_code, x.households, x.people, x.male, x.female, x.town_code, x.county_id, x.file_id])).toEqual([
      ['10004010001', 1200, 3100, 1540, 1560, '10004010', countyId, r.fileId],
      ['10004010002', 1010, 2850, 1400, 1450, '10004010', countyId, r.fileId],
      ['10004010003', 1000, 2700, 1360, 1340, '10004010', countyId, r.fileId],
    ]);
    const town = await get().db.selectFrom('stat_town').selectAll().executeTakeFirstOrThrow();
    expect(town).toMatchObject({ code: '10004010', name_zh: '竹北市', county_id: countyId, office_id: officeId });
    const villages = await get().db.selectFrom('stat_village').select(['code', 'name_zh', 'town_code']).orderBy('code').execute();
    expect(villages.map((v) => v.name_zh)).toEqual(['竹北里', '竹仁里', '竹義里']);
    const file = await get().db.selectFrom('stat_file').selectAll().where('id', '=', r.fileId).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ kind: 'households', month: '2026-10', encoding: 'utf-8', format: 'csv', rows: 4, replaced_by: null, source: 'upload' });
    expect(Buffer.from(file.content).equals(Buffer.from(householdsCsv()))).toBe(true);
    const audit = await get().db.selectFrom('audit_log').selectAll().where('action', '=', 'population.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ kind: 'households', month: '2026-10', villages: 3 });
  });

  it('imports Big5 with Chinese keys, and skips a second header row in the other language', async () => {
    const r = await ok(big5(csvText(HH_HEADER_ZH, householdRows('11509'))), '11509.csv');
    expect(r).toMatchObject({ kind: 'households', month: '2026-09', villages: 3 });
    const file = await get().db.selectFrom('stat_file').select(['encoding']).where('id', '=', r.fileId).executeTakeFirstOrThrow();
    expect(file.encoding).toBe('big5');
    expect((await households('2026-09')).map((x) => x.people)).toEqual([3100, 2850, 2700]);

    const echo = await ok(utf8(csvText(HH_HEADER_EN, [HH_HEADER_ZH, ...householdRows('11508')])), 'two-headers.csv');
    expect(echo).toMatchObject({ month: '2026-08', villages: 3 });
  });

  it('imports single ages from the API envelope (JSON, English keys): 101 ages a village', async () => {
    const r = await ok(agesJson(), 'ages.json');
    expect(r).toMatchObject({ kind: 'ages', month: '2026-10', villages: 3 });
    const rows = await get().db.selectFrom('pop_age').selectAll().where('month', '=', '2026-10').execute();
    expect(rows).toHaveLength(3 * 101);
    const at = (code: string, age: number) => rows.find((x) => x.village_code === code && x.age === age);
    expect(at('10004010001', 0)).toMatchObject({ male: 3, female: 2 });
    expect(at('10004010001', 100)).toMatchObject({ male: 1, female: 0 });
    expect(at('10004010003', 65)).toMatchObject({ male: 7, female: 9 });
    const totalMale = rows.reduce((s, x) => s + x.male, 0);
    const town = AGE_COUNTS['10004010'] ?? {};
    expect(totalMale).toBe(Object.entries(town).reduce((s, [k, v]) => s + (k.startsWith('m') ? v : 0), 0));
    // the households of the same month are untouched by another kind
    expect(await households('2026-10')).toHaveLength(3);
  });

  it('imports vital events from a JSON array with Chinese keys, and from a Big5 CSV', async () => {
    const r = await ok(eventsJsonArray(), 'events.json');
    expect(r).toMatchObject({ kind: 'events', month: '2026-10', villages: 3 });
    const rows = await get().db.selectFrom('pop_events').selectAll().where('month', '=', '2026-10').orderBy('village_code').execute();
    expect(rows.map((x) => [x.births_m, x.births_f, x.deaths_m, x.deaths_f, x.marriages, x.divorces, x.moved_in, x.moved_out])).toEqual([
      [5, 4, 2, 1, 6, 2, 40, 35],
      [3, 3, 1, 2, 4, 1, 22, 30],
      [2, 1, 0, 1, 1, 0, 15, 9],
    ]);
    const csv = await ok(big5(csvText(EVENT_HEADER_ZH, eventRows('11509'))), 'events-11509.csv');
    expect(csv).toMatchObject({ kind: 'events', month: '2026-09', villages: 3 });
  });

  it('replaces a month: old rows gone, both raw files kept, the first marked replaced', async () => {
    const first = await ok(householdsCsv(householdRows('11507')), 'a.csv');
    const second = await ok(householdsCsv(householdRowsRevised('11507')), 'b.csv');
    expect(second).toMatchObject({ replaced: true, villages: 3 });
    const rows = await households('2026-07');
    expect(rows.map((x) => [x.households, x.people, x.file_id])).toEqual([
      [3, 10, second.fileId],
      [2, 5, second.fileId],
      [1, 3, second.fileId],
    ]);
    const files = await get().db.selectFrom('stat_file').select(['id', 'replaced_by', 'filename']).where('month', '=', '2026-07').orderBy('id').execute();
    expect(files).toEqual([
      { id: first.fileId, replaced_by: second.fileId, filename: 'a.csv' },
      { id: second.fileId, replaced_by: null, filename: 'b.csv' },
    ]);
  });

  it('imports of the same month at once leave exactly one complete set', async () => {
    // open connections first (PostgreSQL), so the imports meet inside their transactions rather than queue for a connection
    if (kind === 'postgres') await Promise.all(Array.from({ length: 6 }, () => sql`select pg_sleep(0.05)`.execute(get().db)));
    for (const [round, yyymm] of ['11506', '11505', '11504'].entries()) {
      const files = [householdRows(yyymm), householdRowsRevised(yyymm), householdRows(yyymm)];
      const results = await Promise.all(files.map((rows, i) => run(householdsCsv(rows), `p${round}-${i}.csv`)));
      expect(results.every((r) => r.ok)).toBe(true);
      const month = `2026-${yyymm.slice(3)}`;
      const rows = await households(month);
      expect(rows).toHaveLength(3);
      const ids = new Set(rows.map((x) => x.file_id));
      expect(ids.size).toBe(1);
      const stored = await get().db.selectFrom('stat_file').select(['id', 'replaced_by']).where('month', '=', month).where('kind', '=', 'households').execute();
      expect(stored).toHaveLength(3);
      const current = stored.filter((f) => f.replaced_by === null);
      expect(current.map((f) => f.id)).toEqual([...ids]);
      // the set is the current file's, whole: people add up to that file's town total
      expect([8650, 18]).toContain(rows.reduce((s, x) => s + x.people, 0));
    }
  });

  it(`[${kind}] a file refused stores nothing`, async () => {
    const before = await get().db.selectFrom('stat_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = householdRows('11503');
    rows[2] = ['11503', '10004010002', '新竹縣竹北市', '竹仁里', '1010', '2850', '1400', '-1450'];
    const r = await run(householdsCsv(rows), 'bad.csv');
    expect(r.ok).toBe(false);
    const after = await get().db.selectFrom('stat_file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await households('2026-03')).toHaveLength(0);
  });
});
