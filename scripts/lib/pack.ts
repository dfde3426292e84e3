/**
 * Build-time half of src/core/text/pack.ts: deflates a text (zlib, level 9) and writes it in the
 * base 85 the bundle's `unpack` reads.
 */
import * as zlib from 'node:zlib';
import { BASE85_DIGITS } from '../../src/core/text/pack';

export function pack(text: string): string {
  const utf8 = Buffer.from(text, 'utf8');
  if (utf8.toString('utf8') !== text) throw new Error('pack: the text has a lone surrogate');
  const deflated = zlib.deflateRawSync(utf8, { level: 9, memLevel: 9 });
  const header = Buffer.alloc(8);
  header.writeUInt32BE(deflated.length, 0);
  header.writeUInt32BE(utf8.length, 4);
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
