import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { csvText, EVENT_HEADER_ZH, eventRows, HH_HEADER_EN, householdRows, householdsCsv, setUpCounty, utf8 } from './fixtures.js';
import { MAX_PROBLEMS, type Problem, importPopulationFile } from './service.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');

/** The households fixture with one cell changed: row 0 is the total (line 2), rows 1–3 the villages (lines 3–5). */
function withCell(row: number, column: string, value: string): string[][] {
  const rows = householdRows();
  const r = rows[row];
  if (!r) throw new Error('no such row');
  r[HH_HEADER_EN.indexOf(column)] = value;
  return rows;
}

const pick = (p: Problem) => ({ line: p.line, column: p.column, key: p.key.replace('population.import.problem.', '') });

forEachDatabase((get) => {
  let countyId = 0;
  beforeAll(async () => {
    ({ countyId } = await setUpCounty(get()));
  });
  async function problemsOf(bytes: Uint8Array, filename = 'bad.csv') {
    const r = await importPopulationFile(get(), { countyId, bytes, filename, source: 'upload', staffId: null, now: NOW });
    if (r.ok) throw new Error('imported a file that should be refused');
    return r.problems;
  }
  const csv = (rows: string[][]) => householdsCsv(rows);

  describe('refuses, naming the line and column', () => {
    it('a cell that is not a number (and no town-total complaint that only echoes it)', async () => {
      expect((await problemsOf(csv(withCell(1, 'people_total', '3100人')))).map(pick)).toEqual([{ line: 3, column: 'people_total', key: 'notANumber' }]);
    });

    it('problems in line order, and a village outside its town is not also a town-total problem', async () => {
      const rows = withCell(3, 'district_code', '10004020003');
      (rows[2] as string[])[HH_HEADER_EN.indexOf('household_no')] = '-1010';
      expect((await problemsOf(csv(rows))).map(pick)).toEqual([
        { line: 4, column: 'household_no', key: 'negative' },
        { line: 5, column: 'district_code', key: 'outsideTown' },
      ]);
    });

    it('a negative count', async () => {
      const problems = await problemsOf(csv(withCell(2, 'household_no', '-1010')));
      expect(problems.map(pick)[0]).toEqual({ line: 4, column: 'household_no', key: 'negative' });
    });

    it('people that are not male + female', async () => {
      const problems = await problemsOf(csv(withCell(3, 'people_total_f', '1341')));
      expect(problems.map(pick)).toContainEqual({ line: 5, column: 'people_total', key: 'peopleSum' });
      expect(problems.find((p) => p.key.endsWith('peopleSum'))?.params).toEqual({ people: 2700, male: 1360, female: 1341 });
    });

    it('births or deaths totals that are not m + f', async () => {
      const rows = eventRows();
      (rows[2] as string[])[EVENT_HEADER_ZH.indexOf('出生數')] = '7';
      (rows[3] as string[])[EVENT_HEADER_ZH.indexOf('死亡數')] = '0';
      expect((await problemsOf(utf8(csvText(EVENT_HEADER_ZH, rows)))).map(pick)).toEqual([
        { line: 4, column: '出生數', key: 'eventSum' },
        { line: 5, column: '死亡數', key: 'eventSum' },
      ]);
    });

    it('a village code that is not 11 digits', async () => {
      expect((await problemsOf(csv(withCell(1, 'district_code', '1000401001')))).map(pick)[0]).toEqual({ line: 3, column: 'district_code', key: 'badVillageCode' });
    });

    it('a village code outside its town', async () => {
      const problems = await problemsOf(csv(withCell(2, 'district_code', '10004020002')));
      expect(problems.map(pick)[0]).toEqual({ line: 4, column: 'district_code', key: 'outsideTown' });
      expect(problems[0]?.params).toEqual({ code: '10004020002', town: '竹北市', townCode: '10004010' });
    });

    it('a village twice', async () => {
      const rows = householdRows();
      rows.push([...(rows[1] as string[])]);
      expect((await problemsOf(csv(rows))).map(pick)).toContainEqual({ line: 6, column: 'district_code', key: 'duplicateVillage' });
    });

    it('two months in one file', async () => {
      expect((await problemsOf(csv(withCell(2, 'statistic_yyymm', '11509')))).map(pick)).toEqual([{ line: 4, column: 'statistic_yyymm', key: 'mixedMonths' }]);
    });

    it('villages that do not add up to the town total, with the sums', async () => {
      const problems = await problemsOf(csv(withCell(0, 'household_no', '3,211')));
      expect(problems.map(pick)).toEqual([{ line: 2, column: 'household_no', key: 'townTotal' }]);
      expect(problems[0]?.params).toEqual({ town: '竹北市', sum: 3210, total: 3211 });
    });

    it('a month that is not an ROC month, a missing column, a file of no known kind, broken JSON', async () => {
      expect((await problemsOf(csv(householdRows('11513')))).map(pick)[0]).toEqual({ line: 2, column: 'statistic_yyymm', key: 'badMonth' });
      const noFemale = utf8(csvText(HH_HEADER_EN.slice(0, 7), householdRows().map((r) => r.slice(0, 7))));
      expect((await problemsOf(noFemale)).map(pick)).toEqual([{ line: null, column: 'people_total_f', key: 'missingColumn' }]);
      expect((await problemsOf(utf8('a,b\n1,2\n'))).map(pick)).toEqual([{ line: null, column: null, key: 'kindUnknown' }]);
      expect((await problemsOf(utf8('{"responseData": [1'), 'x.json')).map(pick)).toEqual([{ line: null, column: null, key: 'file.badJson' }]);
    });
  });

  it('collects every problem, not just the first, up to a cap', async () => {
    const two = withCell(1, 'people_total', 'x');
    (two[3] as string[])[HH_HEADER_EN.indexOf('household_no')] = '-3';
    const lines = (await problemsOf(csv(two))).map((p) => p.line);
    expect(lines).toEqual(expect.arrayContaining([3, 5]));

    const many = Array.from({ length: 80 }, (_, i) => ['11510', `10004010${String(i + 1).padStart(3, '0')}`, '新竹縣竹北市', `里${i}`, 'x', '1', '1', '0']);
    const capped = await problemsOf(csv(many));
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped.at(-1)).toMatchObject({ key: 'population.import.problem.more', params: { n: 30 } });
  });

  it('stores nothing for any of them', async () => {
    for (const table of ['stat_file', 'stat_town', 'stat_village', 'pop_village_month', 'pop_events'] as const) {
      const n = await get().db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect([table, Number(n.n)]).toEqual([table, 0]);
    }
  });
});
