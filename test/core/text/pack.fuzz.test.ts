/** pack/unpack and inflateRaw on random input, against the text itself and against zlib. */
import * as zlib from 'node:zlib';
import { pack } from '../../../scripts/lib/pack';
import { inflateRaw } from '../../../src/core/text/inflate';
import { unpack } from '../../../src/core/text/pack';
import { randomFrom } from '../../helpers/fuzz/random';
import { seeds } from '../../helpers/seeds';

const PIECES = [
  'cancel~',
  ' _ ',
  '(?:',
  '|',
  ')',
  '\\p{L}',
  'отмен',
  'қызмет',
  'iptal et%',
  'ø',
  '"',
  "'",
  '`',
  'a',
  'Z',
  '9',
  '\n',
  '😀',
];

describe('pack', () => {
  it.each(seeds(20, 1000))('gives back random text, seed %i', (seed) => {
    const random = randomFrom(seed);
    const parts: string[] = [];
    const length = random.int(400);
    for (let i = 0; i < length; i++) {
      // Repeat an earlier stretch now and then, so long and overlapping repeats are exercised.
      // Cut by code point, as a real table is whole characters (pack refuses a lone surrogate).
      const sofar = Array.from(parts.join(''));
      if (sofar.length > 10 && random.chance(0.2)) {
        const from = random.int(sofar.length);
        parts.push(sofar.slice(from, from + random.int(80)).join(''));
      } else parts.push(random.pick(PIECES));
    }
    const text = parts.join('');
    expect(unpack(pack(text))).toBe(text);
  });
});

describe('inflateRaw', () => {
  it.each(seeds(10, 1000))('matches zlib on random repetitive bytes, seed %i', (seed) => {
    const random = randomFrom(seed);
    const bytes: number[] = [];
    const length = random.int(20_000);
    while (bytes.length < length) {
      if (bytes.length > 4 && random.chance(0.3)) {
        const from = random.int(bytes.length);
        bytes.push(...bytes.slice(from, from + 3 + random.int(300)));
      } else bytes.push(random.int(random.chance(0.5) ? 8 : 256));
    }
    const input = Buffer.from(bytes);
    const deflated = zlib.deflateRawSync(input, { level: random.int(10) });
    expect(Buffer.from(inflateRaw(deflated, input.length))).toEqual(input);
  });
});
