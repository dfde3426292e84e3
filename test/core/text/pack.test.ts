/** pack/unpack must give back exactly the text it was given, whatever the text. */
import { pack, unpack } from '../../../src/core/text/pack';
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
  it.each([
    ['empty', ''],
    ['one character', 'x'],
    ['a run that overlaps its own copy', 'ab'.repeat(500)],
    ['backslashes and quotes', '\\\\p{L}"\'`\\'],
    ['Cyrillic beside ASCII letters', 'подписку subscription подписка Subscription ЁЖЗ'.repeat(20)],
    [
      'more than 52 distinct Cyrillic letters',
      'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДЕЁЖЗИЙКЛМНОПРСТУ'.repeat(3),
    ],
  ])('gives back %s', (_name, text) => {
    expect(unpack(pack(text))).toBe(text);
  });

  it('shortens repeated text and needs no escapes beyond what the text has', () => {
    const text = '(?:subscriptions?|accounts?|contracts?) _ cancel~|'.repeat(200);
    const packed = pack(text);
    expect(packed.length).toBeLessThan(text.length / 10);
    expect(packed).not.toMatch(/[\\]/);
  });

  it('refuses a text that uses every control character it could choose', () => {
    expect(() => pack('#&/;=>@!%*+,.:<?[]^{|}~$`()_-0123456789')).toThrow(/every control character/);
  });

  it.each(seeds(20, 1000))('gives back random text, seed %i', (seed) => {
    const random = randomFrom(seed);
    const parts: string[] = [];
    const length = random.int(400);
    for (let i = 0; i < length; i++) {
      // Repeat an earlier stretch now and then, so long and overlapping repeats are exercised.
      const sofar = parts.join('');
      if (sofar.length > 10 && random.chance(0.2)) {
        const from = random.int(sofar.length);
        parts.push(sofar.slice(from, from + random.int(80)));
      } else parts.push(random.pick(PIECES));
    }
    const text = parts.join('');
    expect(unpack(pack(text))).toBe(text);
  });
});
