import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault, generateMasterKey, parseMasterKey } from './vault.js';

describe('vault', () => {
  const vault = createVault(randomBytes(32));

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(vault.decrypt(vault.encrypt(s))).toBe(s);
      }),
    );
  });

  it('uses a fresh IV every time', () => {
    expect(vault.encrypt('A123456789')).not.toBe(vault.encrypt('A123456789'));
  });

  it('hashes deterministically per key', () => {
    expect(vault.hash('A123456789')).toBe(vault.hash('A123456789'));
    expect(vault.hash('A123456789')).not.toBe(createVault(randomBytes(32)).hash('A123456789'));
    expect(vault.hash('A123456789')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses tampered ciphertext and other keys', () => {
    const token = vault.encrypt('F131104093');
    const raw = Buffer.from(token.slice(3), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const copy = Buffer.from(raw);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      expect(() => vault.decrypt(`v1.${copy.toString('base64url')}`)).toThrow();
    }
    expect(() => createVault(randomBytes(32)).decrypt(token)).toThrow();
    expect(() => vault.decrypt(`v2.${token.slice(3)}`)).toThrow(/version/);
  });

  it('accepts 32-byte keys as base64 or hex only', () => {
    expect(parseMasterKey(generateMasterKey())).toHaveLength(32);
    expect(parseMasterKey('ab'.repeat(32))).toHaveLength(32);
    expect(() => parseMasterKey('too-short')).toThrow(/32 bytes/);
    expect(() => createVault(Buffer.alloc(16))).toThrow();
  });
});
