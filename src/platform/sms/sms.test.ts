import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSmsSender, decodeGsm7, encodeGsm7, isSmsNumber, smsDestination, smsEncoding, smsParts, smsPayloads, smsUnits, splitSms } from './index.js';

const chinese = (n: number) => '戶政即時通出生登記完成請於六十日內申請育兒津貼'.repeat(10).slice(0, n);

describe('SMS parts', () => {
  it('Chinese is UCS-2: 70 characters in one part, 67 per part after that', () => {
    expect(smsEncoding(chinese(70))).toBe('ucs2');
    expect(smsParts(chinese(70))).toBe(1);
    expect(smsParts(chinese(71))).toBe(2);
    expect(smsParts(chinese(134))).toBe(2);
    expect(smsParts(chinese(135))).toBe(3);
    expect(splitSms(chinese(135)).map((p) => p.length)).toEqual([67, 67, 1]);
  });

  it('plain ASCII is GSM-7: 160 in one part, 153 per part after that', () => {
    expect(smsEncoding('a'.repeat(160))).toBe('gsm7');
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('a'.repeat(306))).toBe(2);
    expect(smsParts('a'.repeat(307))).toBe(3);
  });

  it('an extension character counts two septets and is never cut from its escape', () => {
    expect(smsUnits('€[]')).toBe(6);
    expect(smsParts('€'.repeat(80))).toBe(1);
    expect(smsParts('€'.repeat(81))).toBe(2);
    // 152 plain septets then €: it does not fit in the first part's last septet
    const parts = splitSms(`${'a'.repeat(152)}€${'b'.repeat(20)}`);
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]?.startsWith('€')).toBe(true);
  });

  it('one character outside GSM-7 makes the whole text UCS-2', () => {
    expect(smsEncoding(`${'a'.repeat(100)}臺`)).toBe('ucs2');
    expect(smsParts(`${'a'.repeat(100)}臺`)).toBe(2);
    expect(smsEncoding('Café, 5€')).toBe('gsm7');
    expect(smsEncoding('ç')).toBe('ucs2'); // only the capital Ç is in the basic set
  });

  it('an emoji is two UCS-2 units and its surrogate pair is never split', () => {
    expect(smsUnits('👶')).toBe(2);
    expect(smsParts('👶'.repeat(35))).toBe(1);
    expect(smsParts('👶'.repeat(36))).toBe(2);
    // 66 units, then an emoji that would straddle the 67-unit boundary
    const parts = splitSms(`${chinese(66)}👶${chinese(10)}`);
    expect(parts[0]).toBe(chinese(66));
    expect(parts[1]?.startsWith('👶')).toBe(true);
  });

  const alphabet = fc.constantFrom('a', 'Z', '0', ' ', '\n', '@', 'é', 'Δ', '€', '[', '|', '^', '戶', '臺', '。', '👶', '🎉', 'ç');
  const gsmOnly = fc.constantFrom('a', 'Z', '0', ' ', '\n', '@', 'é', 'Δ', '€', '[', '|', '^');
  // half the runs stay inside GSM-7, or nearly every text would be UCS-2
  const texts = fc.oneof(fc.array(alphabet, { maxLength: 500, size: 'max' }), fc.array(gsmOnly, { maxLength: 500, size: 'max' })).map((cs) => cs.join(''));

  it('property: the parts join back to the text and each fits its encoding', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const parts = splitSms(text);
        expect(parts.join('')).toBe(text);
        const encoding = smsEncoding(text);
        // the limits written out, not read from the code under test
        const limit = encoding === 'gsm7' ? (parts.length === 1 ? 160 : 153) : parts.length === 1 ? 70 : 67;
        for (const p of parts) {
          expect(smsUnits(p, encoding)).toBeLessThanOrEqual(limit);
          expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p)).toBe(false);
        }
        expect(smsParts(text)).toBe(parts.length);
      }),
      { numRuns: 500 },
    );
  });

  it('property: arbitrary strings (lone surrogates too) split back into themselves', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('👶', 'a')), maxLength: 400, size: 'max' }), (text) => {
        expect(splitSms(text).join('')).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GSM-7 octets', () => {
  it('writes basic characters as one septet and extension ones as ESC + code', () => {
    expect([...encodeGsm7('A@€{')]).toEqual([0x41, 0x00, 0x1b, 0x65, 0x1b, 0x28]);
    expect(decodeGsm7(encodeGsm7('Hello [world] ~ 5€ \\ ^ |'))).toBe('Hello [world] ~ 5€ \\ ^ |');
  });

  it('reads back every one of the 127 basic septets (ESC aside) as it wrote them', () => {
    const all = Buffer.from([...Array(128).keys()].filter((b) => b !== 0x1b));
    const text = decodeGsm7(all);
    expect(text).toHaveLength(127);
    expect(smsEncoding(text)).toBe('gsm7');
    expect(encodeGsm7(text).equals(all)).toBe(true);
  });

  it('puts a concatenation header 05 00 03 ref total seq before every part of a long text', () => {
    const { dataCoding, esmClass, payloads } = smsPayloads(chinese(135), 42);
    expect(dataCoding).toBe(8);
    expect(esmClass).toBe(0x40);
    expect(payloads.map((p) => [...p.subarray(0, 6)])).toEqual([
      [5, 0, 3, 42, 3, 1],
      [5, 0, 3, 42, 3, 2],
      [5, 0, 3, 42, 3, 3],
    ]);
    expect(payloads[0]?.length).toBe(6 + 67 * 2);
    const one = smsPayloads('hello');
    expect(one).toMatchObject({ dataCoding: 0, esmClass: 0 });
    expect([...(one.payloads[0] ?? [])]).toEqual([0x68, 0x65, 0x6c, 0x6c, 0x6f]);
  });
});

describe('Taiwan numbers', () => {
  it('09xxxxxxxx becomes 8869xxxxxxxx; landlines and typos are refused for good', () => {
    expect(smsDestination('0912345678')).toBe('886912345678');
    expect(smsDestination('0912-345-678')).toBe('886912345678');
    expect(smsDestination('+886 912 345 678')).toBe('886912345678');
    expect(smsDestination('+81 90 1234 5678')).toBe('819012345678');
    for (const bad of ['03-5551234', '091234567', '+8863551234', 'abc', '']) {
      expect(isSmsNumber(bad)).toBe(false);
      expect(() => smsDestination(bad)).toThrow(expect.objectContaining({ permanent: true }));
    }
  });
});

describe('the outbox (no gateway set)', () => {
  it('writes one .txt per text with its parts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hz-sms-outbox-'));
    const sms = createSmsSender({ from: 'Huzheng', outboxDir: dir });
    const sent = await sms.send('0912345678', chinese(100));
    expect(sent.parts).toBe(2);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const body = readFileSync(path.join(dir, files[0]!), 'utf8');
    expect(body).toContain('To: 0912345678');
    expect(body).toContain('Parts: 2');
    expect(body).toContain(chinese(100));
    await expect(sms.send('03-5551234', 'x')).rejects.toMatchObject({ permanent: true });
    await sms.close();
  });
});
