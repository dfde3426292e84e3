/**
 * A packed text table: raw DEFLATE of the text in a one-byte code page of its own, written in base 85
 * so it is one plain string literal in the bundle. For data the bundle must carry but reads rarely
 * (the intent rules: ~100 KB of regex text, mostly repeated alternations): Apps Script parses the
 * whole bundle on every card click, and a string literal is the cheapest thing for V8 to parse, so
 * the table ships packed and is unpacked the first time it is needed. Packing runs at build time
 * (scripts/lib/pack.ts).
 *
 * Layout, all in base 85 (5 characters per 4 bytes, big-endian): the deflated byte count, the
 * inflated byte count, then the deflated bytes, zero-padded to a multiple of 4. Inflated, the bytes
 * are a code page and the text written in it:
 * - one byte N, then N UTF-16 code units (2 bytes each, big-endian): the characters above U+007F the
 *   text uses most, at most 127;
 * - the text, one byte per UTF-16 code unit: below 0x80 the unit itself, 0x80 + i the code page's
 *   i-th unit, 0xff followed by the unit in 2 bytes for any other.
 * One byte per Cyrillic, Turkish or Norwegian letter instead of UTF-8's two: DEFLATE then finds the
 * same words with fewer, shorter codes (~4% smaller for the intent rules).
 */
import { inflateRaw } from './inflate';

/** 85 printable ASCII characters with no quote or backslash, so no quoting style needs escapes. */
export const BASE85_DIGITS = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i))
  .filter((ch) => !`"'\\\``.includes(ch))
  .slice(0, 85)
  .join('');

function base85Bytes(packed: string): Uint8Array {
  const value = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE85_DIGITS.length; i++) value[BASE85_DIGITS.charCodeAt(i)] = i;
  if (packed.length % 5 !== 0) throw new Error('unpack: not a packed table (length)');
  const bytes = new Uint8Array((packed.length / 5) * 4);
  for (let i = 0, o = 0; i < packed.length; i += 5, o += 4) {
    let group = 0;
    for (let k = 0; k < 5; k++) {
      const digit = value[packed.charCodeAt(i + k)] ?? -1;
      if (digit < 0) throw new Error('unpack: not a packed table (character)');
      group = group * 85 + digit;
    }
    bytes[o] = group >>> 24;
    bytes[o + 1] = (group >>> 16) & 255;
    bytes[o + 2] = (group >>> 8) & 255;
    bytes[o + 3] = group & 255;
  }
  return bytes;
}

/** Outside the code page: this byte, then the UTF-16 code unit in two bytes. */
export const CODE_UNIT_ESCAPE = 0xff;

/**
 * The text back from its code page (layout above). Code units go into a Uint16Array and become a
 * string through String.fromCharCode over chunks (native): Apps Script has no TextDecoder.
 */
function pageText(bytes: Uint8Array): string {
  const pageSize = bytes[0] ?? 0;
  const page: number[] = [];
  for (let i = 0; i < pageSize; i++) page.push((bytes[1 + 2 * i]! << 8) | bytes[2 + 2 * i]!);
  const units = new Uint16Array(bytes.length);
  let length = 0;
  for (let i = 1 + 2 * pageSize; i < bytes.length; i++) {
    const byte = bytes[i]!;
    units[length++] =
      byte < 0x80 ? byte : byte === CODE_UNIT_ESCAPE ? (bytes[++i]! << 8) | bytes[++i]! : page[byte - 0x80]!;
  }
  const parts: string[] = [];
  for (let k = 0; k < length; k += 8192) {
    parts.push(
      String.fromCharCode.apply(null, units.subarray(k, Math.min(k + 8192, length)) as unknown as number[]),
    );
  }
  return parts.join('');
}

export function unpack(packed: string): string {
  const bytes = base85Bytes(packed);
  const view = new DataView(bytes.buffer);
  const deflatedLength = view.getUint32(0);
  const inflatedLength = view.getUint32(4);
  return pageText(inflateRaw(bytes.subarray(8, 8 + deflatedLength), inflatedLength));
}
