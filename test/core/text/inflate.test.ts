/** inflateRaw against Node's zlib, over each DEFLATE block type. */
import * as zlib from 'node:zlib';
import { inflateRaw } from '../../../src/core/text/inflate';
import { randomFrom } from '../../helpers/fuzz/random';

const blockType = (deflated: Buffer) => (deflated[0]! >> 1) & 3;

function roundTrip(bytes: Buffer, options: zlib.ZlibOptions = { level: 9 }) {
  const deflated = zlib.deflateRawSync(bytes, options);
  expect(Buffer.from(inflateRaw(deflated, bytes.length))).toEqual(bytes);
  return blockType(deflated);
}

describe('inflateRaw', () => {
  it('reads a stored block (random bytes do not compress)', () => {
    const random = randomFrom(3);
    expect(roundTrip(Buffer.from(Array.from({ length: 5000 }, () => random.int(256))))).toBe(0);
  });

  it('reads a block with the fixed codes (a short text)', () => {
    expect(roundTrip(Buffer.from('cancel our subscription, cancel our account'))).toBe(1);
  });

  it('reads blocks with their own codes, and several blocks in a row', () => {
    const text = Buffer.from('(?:subscriptions?|accounts?|отмен~|iptal et%) _ '.repeat(3000), 'utf8');
    expect(roundTrip(text)).toBe(2);
    roundTrip(text, { level: 1 });
  });

  it('rejects a stream cut short or of the wrong length', () => {
    const deflated = zlib.deflateRawSync(Buffer.from('cancel '.repeat(100)));
    expect(() => inflateRaw(deflated.subarray(0, deflated.length - 2), 700)).toThrow(/inflate/);
    expect(() => inflateRaw(deflated, 699)).toThrow();
  });
});
