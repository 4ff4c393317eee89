import { describe, expect, it } from 'vitest';
import type { ParsedQuery } from './address.js';
import { arabicToChinese, chineseToArabic, normaliseRoad, parseAddress, readAddress } from './normalise.js';
import { COUNTIES } from './normalise-places.js';

/** Road and number, the parts every line has; anything else on top. */
const at = (road: string, number: string | undefined, more: ParsedQuery = {}): ParsedQuery => ({ road, ...(number ? { number } : {}), ...more });
const ZHUBEI = { town: '竹北市' };
const HSINCHU_ZHUBEI = { county: '新竹縣', town: '竹北市' };

/**
 * Written-out variants → what they must read as. The first block uses the
 * demo register's roads (光明六路, 縣政九路, 嘉豐南路 …); the second roads the
 * demo generator never writes, from other towns, so the reader is not tuned
 * to its own data.
 */
const DEMO_VOCABULARY: [string, ParsedQuery][] = [
  ['竹北市光明六路10號', at('光明六路', '10', ZHUBEI)],
  ['光明6路十號', at('光明六路', '10')],
  ['臺竹北光明六路 10 號', at('光明六路', '10', ZHUBEI)],
  ['台竹北光明六路10號', at('光明六路', '10', ZHUBEI)],
  ['新竹縣竹北市光明六路10號', at('光明六路', '10', HSINCHU_ZHUBEI)],
  ['竹北光明六路10號', at('光明六路', '10', ZHUBEI)],
  ['光明六路10', at('光明六路', '10')],
  ['光明六路１０號', at('光明六路', '10')],
  ['　光明六路　１０　號　', at('光明六路', '10')],
  ['光明六路０１０號', at('光明六路', '10')],
  ['光明六路10之1號', at('光明六路', '10', { numberSub: '1' })],
  ['光明六路10號之1', at('光明六路', '10', { numberSub: '1' })],
  ['光明六路10-1號', at('光明六路', '10', { numberSub: '1' })],
  ['光明六路10－1', at('光明六路', '10', { numberSub: '1' })],
  ['光明六路十號之一', at('光明六路', '10', { numberSub: '1' })],
  ['光明六路10號5樓', at('光明六路', '10', { floor: '5' })],
  ['光明六路十號五樓', at('光明六路', '10', { floor: '5' })],
  ['光明六路10號5F', at('光明六路', '10', { floor: '5' })],
  ['光明六路10號5f之1', at('光明六路', '10', { floor: '5', floorSub: '1' })],
  ['光明六路10之2號12樓-3', at('光明六路', '10', { numberSub: '2', floor: '12', floorSub: '3' })],
  ['光明六路10號B1', at('光明六路', '10', { floor: '地下1' })],
  ['光明六路10號地下一樓', at('光明六路', '10', { floor: '地下1' })],
  ['光明1路3號', at('光明一路', '3')],
  ['縣政9路一百二十三號', at('縣政九路', '123')],
  ['縣政九路一百零五巷3號', at('縣政九路', '3', { lane: '105' })],
  ['光明六路一〇五號', at('光明六路', '105')],
  ['嘉豐南路一段100巷2弄5號', at('嘉豐南路', '5', { section: '一', lane: '100', alley: '2' })],
  ['嘉豐南路1段 100 巷', at('嘉豐南路', undefined, { section: '一', lane: '100' })],
  ['嘉豐南路第二段8號', at('嘉豐南路', '8', { section: '二' })],
  ['莊敬北路二十三號', at('莊敬北路', '23')],
  ['中正東路十一號', at('中正東路', '11')],
  ['自強5路兩百號', at('自強五路', '200')],
  ['成功7街3巷2號', at('成功七街', '2', { lane: '3' })],
  ['竹北市竹北里5鄰光明六路10號', at('光明六路', '10', { ...ZHUBEI, village: '竹北里', neighbourhood: 5 })],
  ['竹北市十興里十二鄰博愛街8號', at('博愛街', '8', { ...ZHUBEI, village: '十興里', neighbourhood: 12 })],
  ['新竹縣尖石鄉嘉樂村1鄰嘉樂1號', at('嘉樂', '1', { county: '新竹縣', town: '尖石鄉', village: '嘉樂村', neighbourhood: 1 })],
  ['302 新竹縣竹北市光明六路10號', at('光明六路', '10', HSINCHU_ZHUBEI)],
  ['新竹縣竹北市，光明六路（10號）', at('光明六路', '10', HSINCHU_ZHUBEI)],
  ['竹北市中正東路', at('中正東路', undefined, ZHUBEI)],
];

const ELSEWHERE: [string, ParsedQuery][] = [
  ['高雄市三民區建國二路三百二十巷', at('建國二路', undefined, { county: '高雄市', town: '三民區', lane: '320' })],
  ['三民區建國2路320巷7號', at('建國二路', '7', { town: '三民區', lane: '320' })],
  ['臺北市中正區重慶南路一段122號', at('重慶南路', '122', { county: '臺北市', town: '中正區', section: '一' })],
  ['台北市大安區忠孝東路4段 216 巷 27 弄 16 號', at('忠孝東路', '16', { county: '臺北市', town: '大安區', section: '四', lane: '216', alley: '27' })],
  ['臺中市西屯區台灣大道三段99號', at('臺灣大道', '99', { county: '臺中市', town: '西屯區', section: '三' })],
  ['台中市西區美村路一段100號', at('美村路', '100', { county: '臺中市', town: '西區', section: '一' })],
  ['臺北市中山區中山北路二段44號', at('中山北路', '44', { county: '臺北市', town: '中山區', section: '二' })],
  ['中山北路2段44號', at('中山北路', '44', { section: '二' })],
  ['臺北市信義區信義路五段7號', at('信義路', '7', { county: '臺北市', town: '信義區', section: '五' })],
  ['高雄市前金區中正四路211號', at('中正四路', '211', { county: '高雄市', town: '前金區' })],
  ['新北市永和區永和路一段100號', at('永和路', '100', { county: '新北市', town: '永和區', section: '一' })],
  ['臺南市東區大學路1號', at('大學路', '1', { county: '臺南市', town: '東區' })],
  ['澎湖縣馬公市中正路1號', at('中正路', '1', { county: '澎湖縣', town: '馬公市' })],
  ['宜蘭縣羅東鎮公正路 12 號 3 樓之 1', at('公正路', '12', { county: '宜蘭縣', town: '羅東鎮', floor: '3', floorSub: '1' })],
  ['苗栗縣公館鄉館南村中正路5號', at('中正路', '5', { county: '苗栗縣', town: '公館鄉', village: '館南村' })],
  ['臺東縣太麻里鄉大王村3鄰太麻里街15號', at('太麻里街', '15', { county: '臺東縣', town: '太麻里鄉', village: '大王村', neighbourhood: 3 })],
  ['高雄市苓雅區民族一路50-2號', at('民族一路', '50', { county: '高雄市', town: '苓雅區', numberSub: '2' })],
  ['新北市板橋區文化路一段188巷44號', at('文化路', '44', { county: '新北市', town: '板橋區', section: '一', lane: '188' })],
  ['金門縣金城鎮民生路', at('民生路', undefined, { county: '金門縣', town: '金城鎮' })],
  ['臺北縣板橋市文化路一段1號', at('文化路', '1', { county: '新北市', town: '板橋市', section: '一' })],
];

describe('reading a typed address', () => {
  it.each(DEMO_VOCABULARY)('%s (the demo register’s roads)', (text, expected) => {
    expect(parseAddress(text)).toEqual(expected);
    expect(readAddress(text).rest).toBe('');
  });

  it.each(ELSEWHERE)('%s (roads the generator never writes)', (text, expected) => {
    expect(parseAddress(text)).toEqual(expected);
    expect(readAddress(text).rest).toBe('');
  });

  it('has a table of at least 40 variants, at least 10 of them outside the demo vocabulary', () => {
    expect(DEMO_VOCABULARY.length + ELSEWHERE.length).toBeGreaterThanOrEqual(40);
    expect(ELSEWHERE.length).toBeGreaterThanOrEqual(10);
  });

  it('reads the issue’s three ways of writing one address as the same road and number', () => {
    const three = ['竹北市光明六路10號', '光明6路十號', '臺竹北光明六路 10 號'].map(parseAddress);
    for (const q of three) expect({ road: q.road, section: q.section, number: q.number }).toEqual({ road: '光明六路', section: undefined, number: '10' });
  });

  it('does not take a road’s own name for a town: 中山北路, 中正東路, 信義大道, 三民路', () => {
    for (const road of ['中山北路', '中正東路', '中正四路', '信義大道', '三民路', '大同街', '光復北路', '臺北路', '新竹路']) {
      expect(parseAddress(`${road}8號`)).toEqual(at(road, '8'));
    }
  });

  it('reads a village named like a town as the village: 公館里 is not 公館 + 里…', () => {
    expect(parseAddress('公館里中正路10號')).toEqual(at('中正路', '10', { village: '公館里' }));
    expect(parseAddress('竹北市竹北里光明六路10號')).toEqual(at('光明六路', '10', { ...ZHUBEI, village: '竹北里' }));
  });

  it('does not take a road for a village: 美村路, 新村一路', () => {
    expect(parseAddress('美村路8號')).toEqual(at('美村路', '8'));
    expect(parseAddress('新村一路8號')).toEqual(at('新村一路', '8'));
  });

  it('keeps a name two counties share bare, and picks the county’s own town', () => {
    expect(parseAddress('新竹光明六路1號')).toEqual(at('光明六路', '1', { county: '新竹' }));
    expect(parseAddress('信義路1號').town).toBeUndefined();
    expect(parseAddress('南投縣信義鄉明德村1鄰1號')).toMatchObject({ county: '南投縣', town: '信義鄉', village: '明德村', neighbourhood: 1, number: '1' });
  });

  it('gives back what it could not read, and still the parts before it', () => {
    expect(readAddress('光明六路10號附近')).toEqual({ query: at('光明六路', '10'), rest: '附近' });
    expect(readAddress('光明六路3巷5巷1號').rest).not.toBe('');
    expect(readAddress('').query).toEqual({});
  });
});

describe('numerals', () => {
  it.each([
    ['十', '10'],
    ['十一', '11'],
    ['二十', '20'],
    ['二十三', '23'],
    ['一百', '100'],
    ['一百零五', '105'],
    ['一百一十', '110'],
    ['一百二十三', '123'],
    ['兩百', '200'],
    ['三百二十', '320'],
    ['一千零一', '1001'],
    ['一〇五', '105'],
    ['〇七', '7'],
    ['五', '5'],
  ])('%s → %s', (zh, n) => {
    expect(chineseToArabic(zh)).toBe(n);
    if (!/^[〇一二三四五六七八九]{2,}$/.test(zh) && !zh.includes('兩')) expect(arabicToChinese(Number(n))).toBe(zh);
  });

  it('refuses a run that is not a number', () => {
    for (const bad of ['二三十', '十十', '百千', '']) expect(chineseToArabic(bad)).toBeNull();
  });

  it('writes 1 … 9999 back and forth', () => {
    for (let n = 1; n <= 9999; n++) expect(chineseToArabic(arabicToChinese(n))).toBe(String(n));
  });
});

describe('the official road form', () => {
  it.each([
    ['光明6路', '光明六路'],
    ['光明6', '光明六'],
    ['竹北市光明6路10號', '光明六路'],
    ['中正路2段', '中正路二段'],
    ['中正路 第 2 段 3 巷', '中正路二段'],
    ['台灣大道3段', '臺灣大道三段'],
    ['縣政9', '縣政九'],
    ['嘉樂村1鄰嘉樂1號', '嘉樂'],
    ['', ''],
  ])('%s → %s', (typed, official) => {
    expect(normaliseRoad(typed)).toBe(official);
  });
});

it('knows the 368 towns of the 22 counties', () => {
  expect(COUNTIES).toHaveLength(22);
  const towns = COUNTIES.flatMap((c) => c.towns);
  expect(towns).toHaveLength(368);
  expect(towns.every((t) => /^\p{Script=Han}{1,4}[鄉鎮市區]$/u.test(t))).toBe(true);
  expect(towns).toContain('竹北市');
  expect(towns).toContain('尖石鄉');
  expect(towns).toContain('湖西鄉');
});
