/**
 * A packed text table: raw DEFLATE of its UTF-8 bytes, written in base 85 so it is one plain string
 * literal in the bundle. For data the bundle must carry but reads rarely (the intent rules: ~100 KB
 * of regex text, mostly repeated alternations): Apps Script parses the whole bundle on every card
 * click, and a string literal is the cheapest thing for V8 to parse, so the table ships packed and
 * is unpacked the first time it is needed. Packing runs at build time (scripts/lib/pack.ts).
 *
 * Layout, all in base 85 (5 characters per 4 bytes, big-endian): the deflated byte count, the UTF-8
 * byte count of the text, then the deflated bytes, zero-padded to a multiple of 4.
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

/**
 * UTF-8 to a string: the bytes as Latin-1 characters (String.fromCharCode over chunks, native), then
 * escape() writes each byte above 0x7f as %XX and decodeURIComponent reads those as UTF-8. Apps
 * Script has no TextDecoder, and a loop over ~100 KB of bytes in JavaScript took several times longer
 * in a fresh execution than these two native calls.
 */
function utf8Text(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let k = 0; k < bytes.length; k += 8192) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(k, k + 8192) as unknown as number[]));
  }
  return decodeURIComponent(escape(parts.join('')));
}

export function unpack(packed: string): string {
  const bytes = base85Bytes(packed);
  const view = new DataView(bytes.buffer);
  const deflatedLength = view.getUint32(0);
  const textLength = view.getUint32(4);
  return utf8Text(inflateRaw(bytes.subarray(8, 8 + deflatedLength), textLength));
}
