import { describe, expect, it } from 'vitest';
import { DEMO_VILLAGES } from '../../../demo/villages.js';
import { wgs84ToTwd97 } from '../../../platform/geo/twd97.js';
import { addressKey, addressLabel } from '../address.js';
import { DEMO_RENUMBERING, demoPlans, REACH_M } from './plans.js';
import { DEMO_SEED, demoRegisterRows, generateRegister } from './register.js';
import { cellsOf, writeDemoRegister } from './write.js';

const rows = demoRegisterRows();
const current = rows.filter((r) => r.state === 'current');

describe('the demo register generator', () => {
  it('makes about 6,000 numbers in 竹北市 and 800 in 尖石鄉, with lanes, alleys, 之 numbers and floors', () => {
    const zhubei = current.filter((r) => r.villageCode.startsWith('10004010')).length;
    const jianshi = current.filter((r) => r.villageCode.startsWith('10004120')).length;
    expect(zhubei).toBeGreaterThan(5500);
    expect(zhubei).toBeLessThan(6800);
    expect(jianshi).toBeGreaterThan(700);
    expect(jianshi).toBeLessThan(950);
    for (const part of ['lane', 'alley', 'numberSub', 'floor', 'section'] as const) expect(current.filter((r) => r.parts[part] !== '').length, part).toBeGreaterThan(20);
    // every village has numbers; the 尖石 office's own address exists: 嘉樂村1鄰嘉樂12號
    expect(new Set(current.map((r) => r.villageCode)).size).toBe(DEMO_VILLAGES.length);
    expect(current.some((r) => r.village === '嘉樂村' && r.neighbourhood === 1 && addressLabel(r.parts) === '嘉樂12號')).toBe(true);
  });

  it('puts every number within reach of its village centre and nearer to it than to any other centre', () => {
    const centres = DEMO_VILLAGES.map((v) => ({ code: v.code, xy: wgs84ToTwd97(v.centre[0], v.centre[1]) }));
    const kind = new Map(demoPlans().map((p) => [p.code, p.kind]));
    const bad = rows.filter((r) => {
      const d = (c: { xy: [number, number] }) => Math.hypot(r.x - c.xy[0], r.y - c.xy[1]);
      const own = centres.find((c) => c.code === r.villageCode)!;
      return d(own) > REACH_M[kind.get(r.villageCode)!] || centres.some((c) => c !== own && d(c) <= d(own));
    });
    expect(bad.map((r) => `${r.id} ${r.village} ${addressLabel(r.parts)}`)).toEqual([]);
  });

  it('has the 2019 整編 of 光明六路: old numbers retired, each new one naming its old one; 光明六路10號 is current', () => {
    const renumbered = current.filter((r) => r.event === '整編');
    expect(renumbered.length).toBeGreaterThan(8);
    for (const r of renumbered) {
      expect(r.parts.road).toBe(DEMO_RENUMBERING.road);
      expect(r.date).toBe(DEMO_RENUMBERING.date);
      expect(r.prev).toMatchObject({ state: 'retired', event: '整編', date: DEMO_RENUMBERING.date });
      expect(addressKey(r.prev!.parts)).not.toBe(addressKey(r.parts));
      // the old row comes just before the new one in the file
      expect(rows.indexOf(r.prev!)).toBe(rows.indexOf(r) - 1);
    }
    const ten = current.filter((r) => r.villageCode === DEMO_RENUMBERING.villageCode && addressLabel(r.parts) === '光明六路10號');
    expect(ten).toHaveLength(1);
    // 改編 and 廢止 too
    expect(current.filter((r) => r.event === '改編' && r.prev?.state === 'retired').length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.state === 'retired' && r.event === '廢止').length).toBeGreaterThan(10);
  });

  it('never writes the same current address twice, and gives unique ids', () => {
    const full = current.map((r) => `${r.villageCode.slice(0, 8)}|${addressKey(r.parts)}|${r.parts.floor}|${r.parts.floorSub}`);
    expect(new Set(full).size).toBe(full.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('is deterministic: the same seed gives the same file', () => {
    const again = generateRegister({ plans: demoPlans(), renumberings: [DEMO_RENUMBERING], seed: DEMO_SEED });
    expect(again.map((r) => cellsOf(r, 'en'))).toEqual(rows.map((r) => cellsOf(r, 'en')));
    expect(Buffer.from(writeDemoRegister({ format: 'csv', encoding: 'big5', keys: 'zh' })).equals(Buffer.from(writeDemoRegister({ format: 'csv', encoding: 'big5', keys: 'zh' })))).toBe(true);
    const other = generateRegister({ plans: demoPlans(), renumberings: [DEMO_RENUMBERING], seed: DEMO_SEED + 1 });
    expect(other.map((r) => r.x)).not.toEqual(rows.map((r) => r.x));
  });
});
