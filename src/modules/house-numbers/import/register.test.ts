import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { addressLabel } from '../address.js';
import { writeDemoRegister } from '../generator/write.js';
import { importRegister } from './register.js';
import { csvBytes, HEAD, ROWS, testCounty, withCell } from './testing.js';

const now = new Date('2026-11-25T02:00:00Z');
const A3_LABEL = addressLabel({ road: '中正路', section: '二', lane: '3', alley: '5', number: '7', numberSub: '1', floor: '5', floorSub: '1' });

forEachDatabase((get) => {
  let county = 0;
  let other = 0;
  const run = (bytes: Uint8Array, filename = 'register.csv', countyId = county) => importRegister(get(), { countyId, bytes, filename, source: 'cli', staffId: null, now });
  const count = async (table: 'addr_point' | 'addr_event' | 'stat_file') => Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses each bad cell with its line and column, and stores nothing', async () => {
    county = (await testCounty(get().db, 'c1', 'o1')).countyId;
    other = (await testCounty(get().db, 'c2')).countyId;
    const cases: [string[][], number, string, string][] = [
      [withCell(1, 'number', ''), 3, 'number', 'houseNumbers.import.err.required'],
      [withCell(1, 'number', 'abc'), 3, 'number', 'houseNumbers.import.err.number'],
      [withCell(0, 'x_twd97', '1000'), 2, 'x_twd97', 'houseNumbers.import.err.outside'],
      [withCell(0, 'y_twd97', '2000000'), 2, 'y_twd97', 'houseNumbers.import.err.outside'],
      [withCell(2, 'x_twd97', '25萬'), 4, 'x_twd97', 'houseNumbers.import.err.metres'],
      [withCell(2, 'event', '變更'), 4, 'event', 'houseNumbers.import.err.event'],
      [withCell(2, 'event_date', '2019-13-01'), 4, 'event_date', 'houseNumbers.import.err.date'],
      [withCell(2, 'village_code', '1000401000'), 4, 'village_code', 'houseNumbers.import.err.villageCode'],
      [withCell(2, 'state', '停用'), 4, 'state', 'houseNumbers.import.err.state'],
      [withCell(2, 'neighborhood', '三'), 4, 'neighborhood', 'houseNumbers.import.err.whole'],
      [withCell(2, 'floor', '頂樓'), 4, 'floor', 'houseNumbers.import.err.floor'],
      [withCell(2, 'addr_id', 'A1'), 4, 'addr_id', 'houseNumbers.import.err.duplicateId'],
      [withCell(1, 'previous_id', 'Z9'), 3, 'previous_id', 'houseNumbers.import.err.previous'],
      [withCell(1, 'previous_id', 'A2'), 3, 'previous_id', 'houseNumbers.import.err.previous'],
    ];
    for (const [rows, line, column, key] of cases) {
      const r = await run(csvBytes(rows));
      expect(r.ok, key).toBe(false);
      if (!r.ok) expect(r.problems[0], key).toMatchObject({ line, column, key });
    }
    // a required column missing altogether: one problem on the header
    const noNumber = await run(csvBytes(ROWS.map((r) => r.filter((_c, j) => j !== HEAD.indexOf('number'))), { head: HEAD.filter((h) => h !== 'number') }));
    expect(noNumber.ok ? [] : noNumber.problems).toEqual([{ line: 1, column: 'number / 號', key: 'houseNumbers.import.err.noColumn', params: {} }]);
    // a quote never closed, and a file with only its header
    const broken = await run(Buffer.from(`${HEAD.join(',')}\r\nA1,"10004010001,1\r\n`));
    expect(broken.ok ? null : broken.problems[0]).toMatchObject({ line: 2, key: 'houseNumbers.import.file.badCsv' });
    const empty = await run(Buffer.from(`${HEAD.join(',')}\r\n`));
    expect(empty.ok ? null : empty.problems[0]?.key).toBe('houseNumbers.import.file.noRows');
    expect([await count('addr_point'), await count('stat_file')]).toEqual([0, 0]);
  });

  it('imports a small file: parts split, coordinates converted, history linked', async () => {
    const r = await run(csvBytes());
    expect(r).toMatchObject({ ok: true, points: 3, current: 2, retired: 1, events: 3 });
    const points = await get().db.selectFrom('addr_point').selectAll().orderBy('id').execute();
    expect(points.map((p) => [p.label, p.match_key, p.state])).toEqual([
      ['光明六路8號', '光明六路||||8|', 'retired'],
      ['光明六路10號', '光明六路||||10|', 'current'],
      [A3_LABEL, '中正路|二|3|5|7|1', 'current'],
    ]);
    expect(points[2]).toMatchObject({ road: '中正路', section: '二', lane: '3', alley: '5', number: '7', number_sub: '1', floor: '5', floor_sub: '1', neighbourhood: 3, x: 251500.5 });
    expect(points[0]!.lon).toBeCloseTo(121.0118, 3);
    expect(points[0]!.lat).toBeCloseTo(24.838, 3);
    const events = await get().db.selectFrom('addr_event').selectAll().orderBy('point_id').execute();
    expect(events.map((e) => [e.kind, e.date, e.from_point_id])).toEqual([
      ['renumbered', '2019-07-01', null],
      ['renumbered', '2019-07-01', points[0]!.id],
      ['initial', '1996-03-12', null],
    ]);
  });

  it('reads the register in every shape: CSV and JSON, UTF-8 and Big5, English and Chinese keys', async () => {
    const shapes = [
      { format: 'csv', encoding: 'utf-8', keys: 'en' },
      { format: 'csv', encoding: 'big5', keys: 'zh' },
      { format: 'json', encoding: 'utf-8', keys: 'zh' },
      { format: 'json', encoding: 'big5', keys: 'en' },
    ] as const;
    const seen: unknown[] = [];
    for (const shape of shapes) {
      const r = await run(writeDemoRegister(shape), `demo.${shape.format}`);
      expect(r.ok, JSON.stringify(shape)).toBe(true);
      const file = await get().db.selectFrom('stat_file').select(['encoding', 'format']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(file).toEqual({ encoding: shape.encoding, format: shape.format });
      const p = await get().db.selectFrom('addr_point').select(['label', 'village_code', 'x', 'lon']).where('county_id', '=', county).where('match_key', '=', '光明六路||||10|').where('state', '=', 'current').execute();
      seen.push({ ...r, fileId: 0, point: p });
    }
    expect(seen.every((s) => JSON.stringify(s) === JSON.stringify(seen[0]))).toBe(true);
    expect(seen[0]).toMatchObject({ ok: true, point: [{ label: '光明六路10號', village_code: '10004010001' }] });
    // the JSON of the open-data API wraps its rows in responseData
    const wrapped = Buffer.from(JSON.stringify({ responseData: ROWS.map((r) => Object.fromEntries(HEAD.map((h, i) => [h, r[i]]))) }));
    expect(await run(wrapped, 'api.json')).toMatchObject({ ok: true, points: 3 });
  });

  it("replaces the county's register whole, leaves other counties alone, and keeps renumbering notices pointing at the new rows", async () => {
    const db = get().db;
    expect(await run(csvBytes(ROWS), 'other.csv', other)).toMatchObject({ ok: true, points: 3 });
    expect(await run(csvBytes())).toMatchObject({ ok: true, points: 3 });
    const office = await db.selectFrom('office').select('id').where('code', '=', 'o1').executeTakeFirstOrThrow();
    const target = await db.selectFrom('addr_point').select('id').where('county_id', '=', county).where('match_key', '=', '光明六路||||10|').executeTakeFirstOrThrow();
    const t = now.toISOString();
    const notice = await db
      .insertInto('renumbering')
      .values({ office_id: office.id, title: '光明六路整編', villages: '["10004010001"]', effective_on: '2019-07-01', doc_no: 'x', note: '', state: 'published', published_at: t, created_by: null, created_at: t, updated_at: t })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('renumbering_item').values({ renumbering_id: notice.id, old_key: '光明六路||||8|', old_label: '光明六路8號', new_label: '光明六路10號', new_point_id: target.id }).execute();
    // the next export: one number more, and the rows in another order
    const next = [ROWS[2]!, ['A4', '10004010001', '2', '博愛街', '', '', '1', '', '251300', '2747700', '', '初編', '1990-01-02', 'd', ''], ROWS[0]!, ROWS[1]!];
    expect(await run(csvBytes(next), 'register-2.csv')).toMatchObject({ ok: true, points: 4, current: 3, retired: 1 });
    const mine = await db.selectFrom('addr_point').select(['id', 'label', 'file_id']).where('county_id', '=', county).execute();
    expect(mine.map((p) => p.label).sort()).toEqual([A3_LABEL, '光明六路10號', '光明六路8號', '博愛街1號'].sort());
    expect(mine.some((p) => p.id === target.id)).toBe(false);
    const now10 = mine.find((p) => p.label === '光明六路10號')!;
    expect((await db.selectFrom('renumbering_item').select('new_point_id').executeTakeFirstOrThrow()).new_point_id).toBe(now10.id);
    // the other county's three, the events of both, and the files: the earlier one replaced by the later
    expect(await db.selectFrom('addr_point').select('id').where('county_id', '=', other).execute()).toHaveLength(3);
    expect(await count('addr_event')).toBe(7);
    const files = await db.selectFrom('stat_file').select(['id', 'filename', 'replaced_by']).where('county_id', '=', county).orderBy('id', 'desc').limit(2).execute();
    expect(files[1]!.replaced_by).toBe(files[0]!.id);
    expect(files[0]).toMatchObject({ filename: 'register-2.csv', replaced_by: null });
    expect(new Set(mine.map((p) => p.file_id))).toEqual(new Set([files[0]!.id]));
    const audit = await db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'addresses.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(String(files[0]!.id));
  });
});
