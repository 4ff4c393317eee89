import { randomBytes, randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a code read aloud over the phone or typed at a kiosk must not be mistaken.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A booking code people can read and type: XXXX-XXXX (31^8 ≈ 8.5e11 codes). */
export function newBookingCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Normalises what a person typed or a scanner sent: case, spaces, full-width characters, missing dash. */
export function normalizeBookingCode(input: string): string {
  const s = input.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

/** The capability token in a booking's own link (/b/<token>): long, random, and not the code. */
export function newBookingToken(): string {
  return randomBytes(15).toString('base64url');
}
