import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: a keyed hash to find a record by ID number without
 * storing it, and AES-256-GCM to keep it readable for staff who may see it.
 * Both sub-keys come from one master key through HKDF, so rotating the
 * master key is one setting.
 */
export interface Vault {
  hash(value: string): string;
  encrypt(plaintext: string): string;
  decrypt(token: string): string;
}

const VERSION = 'v1.';

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('PERSONAL_DATA_KEY must be 32 bytes, as base64 or 64 hex characters');
  return key;
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export function createVault(masterKey: Buffer): Vault {
  if (masterKey.length !== 32) throw new Error('the personal-data master key must be 32 bytes');
  const hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huzheng/lookup-hash/v1', 32));
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huzheng/encrypt/v1', 32));
  return {
    hash: (value) => createHmac('sha256', hashKey).update(value, 'utf8').digest('hex'),
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
    },
    decrypt(token) {
      if (!token.startsWith(VERSION)) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(token.slice(VERSION.length), 'base64url');
      if (raw.length < 28) throw new Error('ciphertext too short');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
