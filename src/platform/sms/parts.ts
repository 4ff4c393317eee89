import { gsmSeptets, isGsm7 } from './gsm7.js';

/**
 * How a text travels as SMS. GSM-7 when every character is in the GSM 03.38
 * alphabet (an extension character such as € or [ takes two septets), else
 * UCS-2 (UTF-16 code units: an emoji is two). A concatenated part loses room
 * to the 6-octet header (05 00 03 ref total seq): 153 septets or 67 units.
 */
export type SmsEncoding = 'gsm7' | 'ucs2';

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const satisfies Record<SmsEncoding, { single: number; part: number }>;

/** The most parts a concatenation header can number (its total is one octet). */
export const MAX_SMS_PARTS = 255;

export function smsEncoding(text: string): SmsEncoding {
  return isGsm7(text) ? 'gsm7' : 'ucs2';
}

/** Length in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2. */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncoding(text)): number {
  if (encoding === 'ucs2') return text.length;
  let n = 0;
  for (const ch of text) n += gsmSeptets(ch) ?? 1;
  return n;
}

/**
 * The text cut into the parts it is sent as; joined they give the text back.
 * A cut never falls inside a surrogate pair (UCS-2) or between ESC and its
 * extension character (GSM-7): such a character moves whole to the next part.
 */
export function splitSms(text: string): string[] {
  const encoding = smsEncoding(text);
  const limits = SMS_LIMITS[encoding];
  if (smsUnits(text, encoding) <= limits.single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  // for…of walks code points, so a surrogate pair is one step of two units
  for (const ch of text) {
    const size = encoding === 'ucs2' ? ch.length : (gsmSeptets(ch) ?? 1);
    if (used + size > limits.part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += size;
  }
  parts.push(current);
  return parts;
}

/** How many SMS a text takes (what the gateway bills). */
export function smsParts(text: string): number {
  return splitSms(text).length;
}
