import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../../test/databases.js';
import { parseAddress } from '../normalise.js';
import { insertLookupFixture, JIANSHI, ZHUBEI } from './fixture.js';
import { lineage } from './history.js';
import { roadMap, villageMap } from './maps.js';
import { pointDetail } from './point.js';
import { readLookupRequest } from './query.js';
import { places } from '../../population/index.js';
import * as repo from './repo.js';
import { type LookupScope, lookUp, lookupScope, type Match, type Outcome } from './service.js';
import { nearbyNumbers, similarity } from './suggest.js';

/** The look-up's rules on both databases, over hand-made register rows (fixture.ts). */
forEachDatabase((get) => {
  let ids: Record<string, number> = {};
  let county: LookupScope;
  beforeAll(async () => {
    const db = get().db;
    const { id } = await db.insertInto('county').values({ code: 'hsinchu', name_zh: '新竹縣', name_en: 'Hsinchu County', website: null, phone: null, email: null, address_zh: null, address_en: null, site_name_zh: null, site_name_en: null, logo_text: null }).returning('id').executeTakeFirstOrThrow();
    ids = await insertLookupFixture(db, id, { zhubei: null, jianshi: null });
    county = await lookupScope(db, id, null);
  });
  const ask = (text: string, page = 1, town = '') => lookUp(get().db, county, parseAddress(text), town, page);
  const matches = (o: Outcome): Match[] => (o.kind === 'matches' ? o.matches : []);
  const labels = (o: Outcome) => matches(o).map((m) => m.label);

  it('finds one number from each way of writing it', async () => {
    for (const text of ['竹北市光明六路10號', '光明6路十號', '臺竹北光明六路 10 號', '新竹縣竹北市竹北里5鄰光明六路10號', '光明六路１０號']) {
      const o = await ask(text);
      // 10號 and its 5th floor share the number's key; 10號之1 is another number
      expect(labels(o), text).toEqual(['光明六路10號', '光明六路10號5樓']);
      expect(matches(o)[0]).toMatchObject({ village: '竹北里', neighbourhood: 5, state: 'current', steps: [], abolished: null });
    }
    // a floor asked for narrows to that floor
    expect(labels(await ask('光明六路10號5樓'))).toEqual(['光明六路10號5樓']);
  });

  it('reads 之, lanes and alleys', async () => {
    for (const text of ['光明六路10號之1', '光明六路10-1號', '光明六路10之一號']) expect(labels(await ask(text)), text).toEqual(['光明六路10號之1']);
    expect(labels(await ask('光明六路3巷5號'))).toEqual(['光明六路3巷5號']);
    expect(labels(await ask('光明六路三巷二弄七號'))).toEqual(['光明六路3巷2弄7號']);
    // a lane not typed is no lane: 5號 on the road itself does not exist
    expect(labels(await ask('光明六路5號'))).toEqual([]);
  });

  it('matches any section when none is typed, and the one typed otherwise', async () => {
    expect(labels(await ask('中正路15號'))).toEqual(['中正路二段15號', '中正路三段15號']);
    expect(labels(await ask('中正路2段15號'))).toEqual(['中正路二段15號']);
  });

  it('shows an old number retired with what it is now, over one or two renumberings', async () => {
    const one = matches(await ask('光明路1號'));
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ state: 'retired', abolished: null });
    expect(one[0]!.steps).toEqual([{ fromId: ids.old1, fromLabel: '光明路1號', id: ids.gm14, label: '光明六路14號', state: 'current', kind: 'renumbered', date: '2024-05-01', docNo: '府民戶字第1130012345號' }]);
    const two = matches(await ask('光明路3號'))[0]!;
    expect(two.steps.map((s) => [s.kind, s.label, s.state])).toEqual([
      ['changed', '光明路5號', 'retired'],
      ['renumbered', '光明六路16號', 'current'],
    ]);
    const gone = matches(await ask('光明六路99號'))[0]!;
    expect(gone).toMatchObject({ state: 'retired', steps: [], abolished: { date: '2022-11-30', docNo: '竹北戶字第1110009999號' } });
  });

  it('lists a road without a number in natural order (2號 before 10號), page by page', async () => {
    const o = await ask('光明六路');
    if (o.kind !== 'road') throw new Error(o.kind);
    expect(o.total).toBe(13);
    expect(o.rows.map((m) => m.label)).toEqual([
      '光明六路2號',
      '光明六路4號',
      '光明六路6號',
      '光明六路8號',
      '光明六路10號',
      '光明六路10號5樓',
      '光明六路10號之1',
      '光明六路12號',
      '光明六路14號',
      '光明六路16號',
      '光明六路99號',
      '光明六路3巷5號',
      '光明六路3巷2弄7號',
    ]);
    const lane = await ask('光明六路3巷');
    expect(lane.kind === 'road' && lane.rows.map((m) => m.label)).toEqual(['光明六路3巷5號', '光明六路3巷2弄7號']);
    // a page past the end shows the last page
    const far = await ask('光明六路', 9);
    expect(far.kind === 'road' && far.page).toBe(1);
    const sections = await ask('中正路');
    expect(sections.kind === 'road' && sections.rows.map((m) => m.label)).toEqual(['中正路二段15號', '中正路三段15號']);
  });

  it('narrows to the town the address names, or the one picked', async () => {
    expect(labels(await ask('尖石鄉嘉樂路1號'))).toEqual(['嘉樂路1號']);
    expect(labels(await ask('竹北市嘉樂路1號'))).toEqual([]);
    expect(labels(await lookUp(get().db, county, parseAddress('嘉樂路1號'), ZHUBEI, 1))).toEqual([]);
    expect(labels(await lookUp(get().db, county, parseAddress('嘉樂路1號'), JIANSHI, 1))).toEqual(['嘉樂路1號']);
    const office: LookupScope = { ...county, townCodes: [ZHUBEI], towns: county.towns.filter((t) => t.code === ZHUBEI) };
    expect(labels(await lookUp(get().db, office, parseAddress('嘉樂路1號'), '', 1))).toEqual([]);
    expect(labels(await lookUp(get().db, { ...county, townCodes: [] }, parseAddress('光明六路2號'), '', 1))).toEqual([]);
  });

  it('says nothing was found with numbers nearby on the road and roads like the one typed', async () => {
    const o = await ask('光明六路11號');
    if (o.kind !== 'matches') throw new Error(o.kind);
    expect(o.matches).toEqual([]);
    expect(o.nearby.map((n) => n.label)).toEqual(['光明六路6號', '光明六路8號', '光明六路10號', '光明六路10號之1', '光明六路12號', '光明六路14號']);
    expect(o.similar).toEqual([]);
    const road = await ask('光明七路10號');
    expect(road.kind === 'matches' && [...road.similar].slice(0, 2).sort()).toEqual(['光明六路', '光明路']);
    const unknown = await ask('光明七路');
    expect(unknown.kind === 'road' && unknown.total === 0 && unknown.similar.includes('光明六路')).toBe(true);
    expect((await ask('hello')).kind).toBe('unreadable');
    expect((await ask('12345')).kind).toBe('unreadable');
    expect(similarity('光明路', '光明六路')).toBeGreaterThan(similarity('中正路', '光明六路'));
    // a lane that does not exist: the road's numbers instead
    expect((await nearbyNumbers(get().db, county, parseAddress('光明六路9巷4號'), 2)).map((n) => n.label)).toEqual(['光明六路4號', '光明六路3巷5號']);
  });

  it("gives a point's whole history, old → new, and what it came from", async () => {
    const db = get().db;
    const gm16 = (await repo.pointById(db, ids.gm16!))!;
    const l = await lineage(db, gm16);
    expect(l.entries.map((e) => [e.date, e.kind, e.from?.label ?? null, e.label])).toEqual([
      ['1985-09-09', 'initial', null, '光明路3號'],
      ['2010-08-20', 'changed', '光明路3號', '光明路5號'],
      ['2024-05-01', 'renumbered', '光明路5號', '光明六路16號'],
    ]);
    expect(l.before.map((p) => p.label)).toEqual(['光明路5號', '光明路3號']);
    const d = await pointDetail(db, county, ids.old3!);
    expect(d?.history.after.map((s) => s.label)).toEqual(['光明路5號', '光明六路16號']);
    expect(d?.village?.name_zh).toBe('竹北里');
    expect(d?.town?.name_zh).toBe('竹北市');
    expect(d?.notices).toEqual([]); // renumberingsForKeys: whatever the renumbering part publishes
    expect(await pointDetail(db, { ...county, townCodes: [ZHUBEI] }, ids.jl1!)).toBeNull();
    expect(await pointDetail(db, { ...county, countyId: county.countyId + 1 }, ids.gm2!)).toBeNull();
  });

  it('draws the village and road maps, with tiles under them when a tile layer is set', async () => {
    const db = get().db;
    const t = (key: string, p?: Record<string, string | number>) => `${key}${p ? JSON.stringify(p) : ''}`;
    const point = (await repo.pointById(db, ids.gm16!))!;
    const [village] = await places.villages(db, [point.village_code]);
    const plain = await villageMap(db, point, village ?? null, t);
    expect(plain.hasBoundary).toBe(true);
    expect(plain.svg).toContain('<circle class="map-highlight"');
    expect(plain.svg).toContain('class="map-neighbours"'); // 竹仁里 beside it
    expect(plain.svg).toContain('<text x="34" y="26">竹北里</text>');
    expect(plain.svg).not.toContain('<image');
    const tiled = await villageMap(db, point, village ?? null, t, 'https://tiles.example.tw/{z}/{x}/{y}.png');
    expect(tiled.svg).toMatch(/<image href="https:\/\/tiles.example.tw\/1[4-7]\/\d+\/\d+.png"/);
    const road = await roadMap(db, county, { road: '中正路' }, '中正路', t);
    expect(road?.shown).toBe(2);
    expect(road?.svg).toContain('&#34;villages&#34;:&#34;竹仁里&#34;');
    expect(await roadMap(db, county, { road: '沒有路' }, '沒有路', t)).toBeNull();
  });
});

it('reads the form: the boxes over the one box, bad input beside its box', () => {
  expect(readLookupRequest({}).asked).toBe(false);
  expect(readLookupRequest({ q: '光明六路10號' }).parsed).toMatchObject({ road: '光明六路', number: '10' });
  expect(readLookupRequest({ road: '光明六路', lane: '3巷', number: '5' }).parsed).toMatchObject({ road: '光明六路', lane: '3', number: '5' });
  expect(readLookupRequest({ road: '中正路二段', number: '15之1' }).parsed).toMatchObject({ road: '中正路', section: '二', number: '15', numberSub: '1' });
  expect(readLookupRequest({ q: '竹北市光明六路10號', number: '12' }).parsed).toMatchObject({ town: '竹北市', road: '光明六路', number: '12' });
  const long = readLookupRequest({ q: '光'.repeat(2000) });
  expect(long.errors).toEqual([{ field: 'q', key: 'houseNumbers.lookup.err.tooLong', params: { max: 100 } }]);
  expect(long.values.q).toHaveLength(2000);
  expect(readLookupRequest({ q: '光明六路\u0000\u001b10號' }).parsed).toMatchObject({ road: '光明六路', number: '10' });
  expect(readLookupRequest({ number: 'abc' }).errors.map((e) => e.field)).toEqual(['number']);
  expect(readLookupRequest({ lane: '三', road: '光明六路' }).parsed).toMatchObject({ lane: '3' });
  expect(readLookupRequest({ road: '???' }).errors.map((e) => e.key)).toEqual(['houseNumbers.lookup.err.road']);
  expect(readLookupRequest({ q: ['光明六路2號', 'x'], page: 'abc' })).toMatchObject({ page: 1, parsed: { number: '2' } });
});
