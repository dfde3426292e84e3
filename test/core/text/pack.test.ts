/** pack (build time) and unpack (the bundle) must give back exactly the text, whatever the text. */
import { unpack } from '../../../src/core/text/pack';
import { pack } from '../../../scripts/lib/pack';

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
    expect(packed).not.toMatch(/["'`\\]/);
  });

  it('refuses a text with a lone surrogate, which UTF-8 cannot carry', () => {
    expect(() => pack('half an emoji: \ud83d')).toThrow(/lone surrogate/);
  });

  it('rejects text that is not a packed table', () => {
    expect(() => unpack('abc')).toThrow(/not a packed table/);
    expect(() => unpack(`${pack('some text').slice(0, -5)}"""""`)).toThrow(/not a packed table/);
    // Cut short: the deflated stream ends before its last block.
    const long = pack('x'.repeat(10) + 'cancel our subscription '.repeat(50) + 'ø');
    expect(() => unpack(long.slice(0, 10) + long.slice(10, 20))).toThrow(/inflate/);
  });
});
