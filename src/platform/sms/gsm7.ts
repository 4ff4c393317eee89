/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038): 128 basic characters, one
 * septet each, and the extension table reached through ESC (0x1B), two
 * septets each. SMPP carries it unpacked, one septet per octet; the SMSC packs.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const ESC = 0x1b;
const EXTENSION: Record<string, number> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };

const basicCode = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== ESC) basicCode.set(BASIC[i] as string, i);
const extensionChar = new Map<number, string>(Object.entries(EXTENSION).map(([c, code]) => [code, c]));

/** Septets a character takes in GSM-7: 1 (basic set), 2 (extension table), or null when GSM-7 cannot carry it. */
export function gsmSeptets(ch: string): 1 | 2 | null {
  if (basicCode.has(ch)) return 1;
  if (ch in EXTENSION) return 2;
  return null;
}

/** Can every character go in GSM-7? (ESC on its own cannot: it is the escape.) */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsmSeptets(ch) === null) return false;
  return true;
}

/** Unpacked septets, one per octet; throws on a character outside the alphabet (check isGsm7 first). */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const basic = basicCode.get(ch);
    if (basic !== undefined) out.push(basic);
    else if (ch in EXTENSION) out.push(ESC, EXTENSION[ch] as number);
    else throw new RangeError('not in the GSM 03.38 alphabet');
  }
  return Buffer.from(out);
}

/** Unpacked septets back to text; an unknown escape reads as a space, as handsets show it. */
export function decodeGsm7(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = (bytes[i] ?? 0) & 0x7f;
    if (b === ESC) {
      text += extensionChar.get((bytes[++i] ?? 0) & 0x7f) ?? ' ';
      continue;
    }
    text += BASIC[b] ?? ' ';
  }
  return text;
}
