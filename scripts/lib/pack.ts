/**
 * Build-time half of src/core/text/pack.ts: writes a text in its own one-byte code page, deflates it
 * (zlib, level 9) and writes that in the base 85 the bundle's `unpack` reads.
 */
import * as zlib from 'node:zlib';
import { BASE85_DIGITS, CODE_UNIT_ESCAPE } from '../../src/core/text/pack';

/** The code page (the text's most used code units above U+007F) and the text written in it. */
export function codePageBytes(text: string): Buffer {
  const uses = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) uses.set(unit, (uses.get(unit) ?? 0) + 1);
  }
  const page = [...uses.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, CODE_UNIT_ESCAPE - 0x80)
    .map(([unit]) => unit)
    .sort((a, b) => a - b);
  const slot = new Map(page.map((unit, i) => [unit, 0x80 + i]));
  const out: number[] = [page.length];
  for (const unit of page) out.push(unit >> 8, unit & 0xff);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) out.push(unit);
    else if (slot.has(unit)) out.push(slot.get(unit)!);
    else out.push(CODE_UNIT_ESCAPE, unit >> 8, unit & 0xff);
  }
  return Buffer.from(out);
}

export function pack(text: string): string {
  // The table is text: a lone surrogate is a bug in it (and JSON.parse or a RegExp would read it oddly).
  if (Buffer.from(text, 'utf8').toString('utf8') !== text)
    throw new Error('pack: the text has a lone surrogate');
  const inflated = codePageBytes(text);
  const deflated = zlib.deflateRawSync(inflated, { level: 9, memLevel: 9 });
  const header = Buffer.alloc(8);
  header.writeUInt32BE(deflated.length, 0);
  header.writeUInt32BE(inflated.length, 4);
  const bytes = Buffer.concat([header, deflated, Buffer.alloc((4 - (deflated.length % 4)) % 4)]);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    let group = bytes.readUInt32BE(i);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(BASE85_DIGITS[group % 85]!);
      group = Math.floor(group / 85);
    }
    out.push(digits.join(''));
  }
  return out.join('');
}
